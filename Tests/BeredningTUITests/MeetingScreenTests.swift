import BeredningCore
import BeredningResources
import BeredningStore
@testable import BeredningTUI
import Foundation
import Testing

/// The meeting view on the buffer (issue 17).
@Suite("The meeting view: scores side by side, as each member may see them")
struct MeetingScreenTests {
    @Test func mInTheListOpensTheMeetingWithTheTableAndTheProposal() {
        var s = state(as: "lars")
        #expect(s.press(.char("M")).isEmpty)
        let screen = s.screen
        #expect(screen.contains("Beredningsgruppens möte"))
        #expect(screen.contains("2026-001 Fotosyntes — störst skillnad 1 poäng"))
        #expect(screen.contains("Kriterium"))
        #expect(screen.contains("anna") && screen.contains("bengt") && screen.contains("cecilia"))
        #expect(screen.contains("Definierat problem"))
        s.press(.char("G"))
        #expect(s.screen.contains("Kalibrering"))
        s.press(.escape)
        #expect(s.current == nil)
    }

    @Test func aReviewerWhoseOwnReviewIsNotCompleteSeesNoScoresHere() throws {
        // Cecilia has not completed her review of 2026-004; the coordinator puts it on the agenda.
        let meeting = Meeting(dossiers: demo.dossiers, config: demo.config, viewer: member("cecilia"), agenda: [ApplicationID("2026-004")!])
        let item = try #require(meeting.items.first)
        #expect(!item.scoresShown)
        #expect(item.rows.allSatisfy { $0.scores.isEmpty && $0.aggregate.count == 0 })
        let lines = MeetingText.lines(item, config: demo.config, catalog: sv, width: 80).map(\.text)
        #expect(lines.contains("Poängen visas när din egen granskning är klar (eller inte alls vid jäv)."))
        // The calibration is built from every application's scores: a conflict on one of them hides it.
        #expect(MeetingText.calibrationShown(demo.dossiers, config: demo.config, viewer: member("cecilia")))
        var dossiers = demo.dossiers
        dossiers[0].conflicts = [ConflictDeclaration(applicationID: dossiers[0].application.id, member: MemberID("lars")!, reason: "Jäv")]
        #expect(!MeetingText.calibrationShown(dossiers, config: demo.config, viewer: member("lars")))
    }

    @Test func aMemberWithAConflictIsNamedAsNotTakingPart() throws {
        let meeting = Meeting(dossiers: demo.dossiers, config: demo.config, viewer: member("lars"), agenda: [ApplicationID("2026-003")!])
        let lines = MeetingText.lines(try #require(meeting.items.first), config: demo.config, catalog: sv, width: 80).map(\.text)
        #expect(lines.contains("Cecilia Nordström har anmält jäv och deltar inte."))
        #expect(!lines.joined().contains("cecilia "))
    }

    @Test(arguments: [(80, 24), (40, 12)])
    func itFitsTheTerminal(width: Int, height: Int) {
        var s = state(as: "lars", width: width, height: height)
        s.press(.char("M"))
        for _ in 0..<40 {
            let lines = Frame.render(s).text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count <= height)
            #expect(lines.allSatisfy { $0.cellWidth <= width })
            s.press(.char("j"))
        }
    }
}

/// Reviewer calibration, computed by hand for a small store (issue 17).
@Suite("Calibration: each reviewer's habitual offset, worked out independently")
struct CalibrationTests {
    func review(_ member: Member, _ id: String, _ points: [CriterionID: Int], config: FundConfig) -> Review {
        var assessments: [CriterionID: Assessment] = [:]
        for (criterion, p) in points { assessments[criterion] = Assessment(score: .points(p), comment: "x") }
        return Review(applicationID: ApplicationID(id)!, reviewer: member.id, status: .complete, recommendation: .approve, assessments: assessments)
    }

    @Test func offsetsAndTheCalibratedMeanByHand() throws {
        let config = demo.config
        let anna = member("anna"), bengt = member("bengt"), cecilia = member("cecilia")
        let application = demo.dossiers[0].application
        func dossier(_ id: String, _ reviews: [Review]) -> Dossier {
            var a = application
            a.id = ApplicationID(id)!
            a.state = .inPreparation
            return Dossier(application: a, reviews: reviews)
        }
        // Evidence: anna 4, 4; bengt 2, 3; cecilia 3, — (only on the first).
        let one = dossier("2026-101", [review(anna, "2026-101", [.evidence: 4], config: config), review(bengt, "2026-101", [.evidence: 2], config: config),
                                       review(cecilia, "2026-101", [.evidence: 3], config: config)])
        let two = dossier("2026-102", [review(anna, "2026-102", [.evidence: 4], config: config), review(bengt, "2026-102", [.evidence: 3], config: config)])
        let calibration = Calibration(dossiers: [one, two], config: config)
        // anna: (4 − (2+3)/2) = 1.5 on the first, (4 − 3) = 1 on the second → 1.25.
        #expect(abs(calibration.offset(anna.id, .evidence) - 1.25) < 1e-9)
        // bengt: (2 − (4+3)/2) = −1.5, (3 − 4) = −1 → −1.25.
        #expect(abs(calibration.offset(bengt.id, .evidence) + 1.25) < 1e-9)
        // cecilia: (3 − (4+2)/2) = 0 on the one she scored.
        #expect(abs(calibration.offset(cecilia.id, .evidence)) < 1e-9)
        #expect(calibration.counts[cecilia.id]?[.evidence] == 1)
        // The second application's calibrated mean: (4 − 1.25 + 3 + 1.25) / 2 = 3.5, the raw mean also 3.5.
        #expect(abs((calibration.calibratedMean(two.reviews, criterion: .evidence) ?? 0) - 3.5) < 1e-9)
        // The first: (4 − 1.25 + 2 + 1.25 + 3 − 0) / 3 = 3.0.
        #expect(abs((calibration.calibratedMean(one.reviews, criterion: .evidence) ?? 0) - 3.0) < 1e-9)
        // A criterion only one reviewer scored on an application gives no offset.
        #expect(calibration.offsets[anna.id]?[.problem] == nil)
    }

    @Test func theAgendaIsOrderedByDisagreement() throws {
        let config = demo.config
        let anna = member("anna"), bengt = member("bengt"), cecilia = member("cecilia")
        var calm = demo.dossiers[0]
        calm.application.id = ApplicationID("2026-201")!
        calm.reviews = [anna, bengt, cecilia].map { review($0, "2026-201", Dictionary(uniqueKeysWithValues: config.criteria.all.map { ($0.id, 3) }), config: config) }
        var split = calm
        split.application.id = ApplicationID("2026-202")!
        split.reviews = [review(anna, "2026-202", Dictionary(uniqueKeysWithValues: config.criteria.all.map { ($0.id, 4) }), config: config),
                         review(bengt, "2026-202", Dictionary(uniqueKeysWithValues: config.criteria.all.map { ($0.id, 1) }), config: config),
                         review(cecilia, "2026-202", Dictionary(uniqueKeysWithValues: config.criteria.all.map { ($0.id, 3) }), config: config)]
        let meeting = Meeting(dossiers: [calm, split], config: config, viewer: member("lars"))
        #expect(meeting.items.map(\.dossier.application.id.description) == ["2026-202", "2026-201"])
        #expect(meeting.items[0].disagreement == 3)
        #expect(meeting.items[0].tally.map(\.1) == [3])
    }
}

@Suite("The cursor on the meeting, the conflict form and its question")
struct MeetingAndConflictCursorTests {
    @Test func theCursorStandsWhereAScreenReaderShouldStart() {
        var s = state(as: "lars")
        s.press(.char("M"))
        let meeting = Frame.render(s)
        #expect(meeting.atCursor.hasPrefix("2026-001 Fotosyntes"))

        var anna = state(as: "anna")
        anna.press(.enter, .char("J"))
        anna.type("Min dotter")
        let form = Frame.render(anna)
        #expect(form.cursor != nil)
        #expect(form.line(form.cursor!.y).contains("Min dotter"))

        var cecilia = state(as: "cecilia")
        cecilia.press(.down, .down, .enter, .char("J"))
        #expect(Frame.render(cecilia).atCursor.hasPrefix("Ta tillbaka din jävsanmälan"))
    }
}
