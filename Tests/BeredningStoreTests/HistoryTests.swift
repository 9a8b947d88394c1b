import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

@Suite("Moves and the append-only history")
struct HistoryTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func aMoveRewritesOnlyTheStateLine() throws {
        let store = try TestStore()
        let path = "2026-002/application.toml"
        try store.write(path, "# Skriven för hand\n" + (try store.read(path)))
        let before = try store.read(path)
        let snapshot = try store.load()
        let karin = try #require(snapshot.config.member(MemberID("karin")!))
        let dossier = try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier)
        let moved = try store.store.move(dossier, .returnForCompletion, by: karin, config: snapshot.config, reason: "Komplettera evidensen.", now: now)
        #expect(moved.state == .returned)
        let after = try store.read(path)
        let changed = zip(before.split(separator: "\n", omittingEmptySubsequences: false), after.split(separator: "\n", omittingEmptySubsequences: false))
            .filter { $0 != $1 }
        #expect(changed.map { String($0.1) } == ["state = \"returned\""])
        #expect(try store.load().entry(ApplicationID("2026-002")!)?.dossier?.application.state == .returned)
        // Returned applications are read as the same content: the reviews still match their version.
        #expect(try store.load().entry(ApplicationID("2026-002")!)?.dossier?.outdatedReviews == [])
    }

    @Test func everyChangeIsAppendedAndNothingRewritten() throws {
        let store = try TestStore()
        var snapshot = try store.load()
        let id = ApplicationID("2026-005")!
        let config = snapshot.config
        let anna = try #require(config.member(MemberID("anna")!)), sara = try #require(config.member(MemberID("sara")!))
        let lars = try #require(config.member(MemberID("lars")!)), bengt = try #require(config.member(MemberID("bengt")!))
        var dossier = try #require(snapshot.entry(id)?.dossier)
        _ = try store.store.move(dossier, .startPreparation, by: lars, config: config, now: now)
        var review = Review(applicationID: id, reviewer: anna.id)
        review.assessments[.problem] = Assessment(score: .points(2), comment: "Konsekvenserna saknas.")
        try store.store.save(review, by: anna, in: dossier, config: config, now: now.addingTimeInterval(60))
        try store.store.save(YouthComment(applicationID: id, author: sara.id, time: now.addingTimeInterval(120), about: .whole, text: "Bra!"), by: sara)
        try store.store.save(ConflictDeclaration(applicationID: id, member: bengt.id, reason: "Min syster arbetar där.", declared: now.addingTimeInterval(180)), by: bengt)
        let firstLines = try store.read("2026-005/history.jsonl")
        snapshot = try store.load()
        dossier = try #require(snapshot.entry(id)?.dossier)
        _ = try store.store.move(dossier, .toSteeringGroup, by: lars, config: config, override: "Styrgruppen vill se den.", now: now.addingTimeInterval(240))
        let all = try store.read("2026-005/history.jsonl")
        #expect(all.hasPrefix(firstLines))  // appended, the earlier lines untouched

        let (events, problems) = store.store.history(of: id)
        #expect(problems == [])
        #expect(events.map(\.kind) == [.moved, .reviewSaved, .commentAdded, .conflictDeclared, .overridden])
        #expect(events.map(\.member.rawValue) == ["lars", "anna", "sara", "bengt", "lars"])
        #expect(events[0].details == "received → in_preparation")
        #expect(events[4].details.hasSuffix("(Styrgruppen vill se den.)"))
        #expect(events[0].time == now)
    }

    @Test func linesMergedOutOfOrderAreReadInTimeOrderAndABrokenLineIsNamed() throws {
        let store = try TestStore()
        try store.write("2026-001/history.jsonl", """
        {"action":"moved","details":"b","member":"lars","role":"coordinator","time":"2026-03-02T10:00:00Z"}
        inte json
        {"action":"comment_added","details":"a","member":"sara","role":"youth_panel","time":"2026-03-01T10:00:00Z"}

        """)
        let (events, problems) = store.store.history(of: ApplicationID("2026-001")!)
        #expect(events.map(\.details) == ["a", "b"])
        #expect(problems.map(\.line) == [2])
        #expect(problems.first?.file == "2026-001/history.jsonl")
    }

    @Test func theRefusalListsTheGaps() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let lars = try #require(snapshot.config.member(MemberID("lars")!))
        let dossier = try #require(snapshot.entry(ApplicationID("2026-003")!)?.dossier)
        #expect {
            _ = try store.store.move(dossier, .toSteeringGroup, by: lars, config: snapshot.config, now: now)
        } throws: { error in
            guard case StoreError.gaps(let gaps) = error else { return false }
            return gaps.map { catalog($0) } == [
                "Kriteriet ”Går att mäta” är inte besvarat i ansökan.",
                "Bengt Håkansson har ingen klar granskning.",
                "Bara 2 i beredningsgruppen får granska (jäv), men fonden kräver 3 granskningar.",
                "Beredningsgruppens förslag saknas (bered forslag).",
            ]
        }
        #expect(store.store.history(of: dossier.application.id).events.isEmpty)  // a refused move leaves no trace
    }
}

@Suite("The texts reviews assessed")
struct VersionTests {
    @Test func aReturnedApplicationShowsItsReviewerWhatChanged() throws {
        let store = try TestStore()
        var snapshot = try store.load()
        let anna = try #require(snapshot.config.member(MemberID("anna")!)), lars = try #require(snapshot.config.member(MemberID("lars")!))
        let id = ApplicationID("2026-005")!
        var dossier = try #require(snapshot.entry(id)?.dossier)
        var review = Review(applicationID: id, reviewer: anna.id)
        review.assessments[.problem] = Assessment(score: .points(1), comment: "Konsekvenserna saknas.")
        try store.store.save(review, by: anna, in: dossier, config: snapshot.config, now: Date())
        #expect(store.files(in: "2026-005/versions") == [ApplicationVersion.of(dossier.application) + ".toml"])

        var completed = dossier.application
        completed.problem.consequences = "Utan stöd riskerar barnen att hamna i utanförskap."
        try store.store.save(completed, by: lars)
        snapshot = try store.load()
        dossier = try #require(snapshot.entry(id)?.dossier)
        #expect(snapshot.entry(id)?.problems == [])
        let outdated = try #require(dossier.outdatedReviews.first)
        #expect(dossier.changes(since: outdated)?.map(\.field) == ["problem.consequences"])
        #expect(dossier.changes(since: outdated)?.first?.new == "Utan stöd riskerar barnen att hamna i utanförskap.")
        let events = store.store.history(of: id).events
        #expect(events.map(\.kind) == [.reviewSaved, .edited])
        #expect(events.last?.details == "problem.consequences")
    }
}
