import BeredningCore
import BeredningResources
import BeredningStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real binary in tmux, in CI too. Serialized: each starts its own tmux server and
/// terminal, and two cores are enough for one at a time.
@Suite("End to end in a real terminal", .serialized)
struct EndToEndTests {
    func load(_ demo: DemoCopy) throws -> StoreSnapshot {
        try FileStore(root: demo.root, coreCriteria: BundledResources.coreCriteria()).load()
    }

    @Test func aPreparationGroupMemberReviewsAWholeApplication() throws {
        let demo = try DemoCopy()
        let tmux = try Tmux(["open", demo.path, "--as", "anna"])
        try tmux.waitFor("2026-006")
        try tmux.keys("G", "k", "Enter")
        try tmux.waitFor("2026-005  Familjehuset Klippan  [inkommen]")
        try tmux.keys("p")
        try tmux.waitFor("Granskning av 2026-005")

        let criteria = try load(demo).config.criteria.all
        var typed: [CriterionID: (Score, String)] = [:]
        for (index, criterion) in criteria.enumerated() {
            let score: Score = index == 3 ? .cannotJudge : .points(1 + (index + 1) % 4)
            let comment = "Bedömning av \(criterion.name.sv.lowercased()): tydligt, men öka målgruppens delaktighet – åäö ÅÄÖ ≥ 2."
            typed[criterion.id] = (score, comment)
            try tmux.keys(score.points.map(String.init) ?? "x", "Tab")
            try tmux.type(comment)
            try tmux.waitFor("öka målgruppens")
            try tmux.keys("Tab")
        }
        try tmux.keys("Right", "Tab")
        try tmux.type("Stark idé; komplettera med siffror för omfattningen.")
        try tmux.keys("C-o")
        try tmux.waitFor("Granskningen är klar och sparad")
        try tmux.keys("Escape")
        try tmux.waitFor("[inkommen]")
        try tmux.keys("q")
        try tmux.waitFor("6 ansökningar")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")

        let review = try #require(try load(demo).entry(ApplicationID("2026-005")!)?.dossier?.review(by: MemberID("anna")!))
        #expect(review.status == .complete)
        #expect(review.recommendation == .approve)
        #expect(review.summary == "Stark idé; komplettera med siffror för omfattningen.")
        #expect(review.assessments.count == criteria.count)
        for (id, (score, comment)) in typed {
            #expect(review.assessments[id] == Assessment(score: score, comment: comment), "\(id)")
        }
        let file = try String(contentsOf: demo.url("2026-005/reviews/anna.toml"), encoding: .utf8)
        #expect(file.contains("comment = \"Bedömning av evidens: tydligt, men öka målgruppens delaktighet – åäö ÅÄÖ ≥ 2.\""))
    }

    @Test func aYouthPanelMemberCommentsAndIsToldWhySheCannotScore() throws {
        let demo = try DemoCopy()
        let tmux = try Tmux(["open", demo.path], environment: ["BERED_USER": "sara"])
        try tmux.waitFor("Sara Johansson · ungdomspanelen")
        try tmux.keys("c")
        try tmux.waitFor("Kommentar till 2026-001 Fotosyntes")
        let text = "Bra att barnen själva får vara med på mötena! Hur gör ni när någon inte vill? – åäö"
        try tmux.type(text)
        try tmux.waitFor("vill? – åäö")
        try tmux.keys("Tab", "Right", "Right", "Tab", "C-s")
        try tmux.waitFor("Kommentaren är sparad")
        try tmux.keys("p")
        try tmux.waitFor("Bara beredningsgruppen sätter poäng")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")

        let comments = try #require(try load(demo).entry(ApplicationID("2026-001")!)?.dossier?.comments)
        let saved = try #require(comments.first { $0.text == text })
        #expect(saved.author.rawValue == "sara")
        #expect(saved.about == .chances)
        #expect(try load(demo).entry(ApplicationID("2026-001")!)?.dossier?.review(by: MemberID("sara")!) == nil)
    }

    @Test func ctrlCWhileTypingAsksAndTheTerminalIsRestored() throws {
        let demo = try DemoCopy()
        let tmux = try Tmux(["open", demo.path, "--as", "anna"])
        try tmux.waitFor("2026-006")
        try tmux.keys("G", "k", "p", "Tab")
        try tmux.type("En halv mening som inte får försvinn")
        try tmux.waitFor("försvinn")
        try tmux.keys("C-c")
        try tmux.waitFor("Osparade ändringar")
        try tmux.keys("Escape")
        try tmux.waitFor("En halv mening som inte får försvinn")
        try tmux.keys("C-c")
        try tmux.waitFor("avsluta (texten finns kvar som utkast")
        try tmux.keys("a")
        let screen = try tmux.waitFor("EXIT=0")
        #expect(!screen.contains("Beredning — Ale"))  // the interface is gone: the terminal is back
    }

    @Test func resizingToFortyByTwelveAndBelowAndBack() throws {
        let demo = try DemoCopy()
        let tmux = try Tmux(["open", demo.path, "--as", "anna"])
        try tmux.waitFor("Sökande")
        try tmux.resize(width: 40, height: 12)
        try tmux.waitFor("2026-003 MiniMili")
        try tmux.resize(width: 30, height: 10)
        try tmux.waitFor("för litet")
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("Sökande")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let demo = try DemoCopy()
        let tmux = try Tmux(["open", demo.path, "--as", "anna"])
        try tmux.waitFor("2026-006")
        let pid = try tmux.tmux(["display-message", "-p", "-t", tmux.session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // The pane runs sh, which runs bered: signal sh's child.
        let children = try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
        let child = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
        #expect(kill(child, SIGTERM) == 0)
        let screen = try tmux.waitFor("EXIT=143")
        #expect(!screen.contains("Beredning — Ale"))
    }

    @Test func coloursUnlessNoColorAndReverseVideoAlways() throws {
        let demo = try DemoCopy()
        let coloured = try Tmux(["open", demo.path, "--as", "anna"])
        try coloured.waitFor("2026-006")
        let styled = try coloured.styledScreen()
        #expect(styled.contains("\u{1B}[32m") || styled.contains("\u{1B}[39;32m") || styled.contains(";32m"))  // green ✓
        try coloured.keys("q")

        let plain = try Tmux(["open", demo.path, "--as", "anna"], environment: ["NO_COLOR": "1"])
        try plain.waitFor("2026-006")
        let mono = try plain.styledScreen()
        for code in ["31m", "32m", "33m", "36m"] { #expect(!mono.contains(code), "colour \(code) with NO_COLOR") }
        #expect(mono.contains("\u{1B}[7m") || mono.contains(";7m"))  // the selection is still reverse video
        try plain.keys("q")
    }

    @Test func englishWithLangEn() throws {
        let demo = try DemoCopy()
        let tmux = try Tmux(["open", demo.path, "--as", "anna", "--lang", "en"])
        try tmux.waitFor("6 applications · you have reviewed 4 of 6")
        try tmux.keys("Enter")
        try tmux.waitFor("Criteria")
        try tmux.keys("q", "q")
        try tmux.waitFor("EXIT=0")
    }

    @Test func theExternalEditorEditsTheFieldInPlace() throws {
        let demo = try DemoCopy()
        // An "editor" that replaces a word in the file it is given, as a person would in vi.
        let tmux = try Tmux(["open", demo.path, "--as", "anna"], environment: ["EDITOR": "sed -i s/utkast/färdig-text-åäö/"])
        try tmux.waitFor("2026-006")
        try tmux.keys("G", "k", "p", "Tab")
        try tmux.type("ett utkast")
        try tmux.waitFor("ett utkast")
        try tmux.keys("C-e")
        try tmux.waitFor("ett färdig-text-åäö")
        try tmux.keys("C-s")
        try tmux.waitFor("Utkast sparat")
        try tmux.keys("Escape")
        try tmux.keys("q", "q")
        try tmux.waitFor("EXIT=0")
        let review = try #require(try load(demo).entry(ApplicationID("2026-005")!)?.dossier?.review(by: MemberID("anna")!))
        #expect(review.assessments[.problem]?.comment == "ett färdig-text-åäö")
        #expect(review.status == .draft)
    }

    @Test func aSteeringGroupMemberReturnsAnApplicationForCompletion() throws {
        let demo = try DemoCopy()
        let tmux = try Tmux(["open", demo.path, "--as", "karin"])
        try tmux.waitFor("Karin Sjöberg · styrgruppen")
        try tmux.keys("j", "Enter")
        try tmux.waitFor("2026-002  Star for Life  [styrgrupp]")
        try tmux.keys("m")
        try tmux.waitFor("▸ återremittera")
        try tmux.keys("Enter")
        try tmux.waitFor("Styrgruppens begäran")
        try tmux.type("Komplettera evidensen: granskarna är oeniga – 4, 3 och 2.")
        try tmux.waitFor("2.")
        try tmux.keys("C-s")
        // A move the steering group cannot take back asks first; only j makes it.
        try tmux.waitFor("Ansökan får status återremitterad (nu: styrgrupp).")
        try tmux.keys("Enter")
        try tmux.waitFor("Tryck j för att göra det")
        try tmux.keys("j")
        try tmux.waitFor("2026-002 har nu status återremitterad.")
        try tmux.keys("H")
        try tmux.waitFor("Karin Sjöberg · styrgruppen · flyttad")
        try tmux.keys("q", "q", "q")
        try tmux.waitFor("EXIT=0")
        let snapshot = try load(demo)
        #expect(snapshot.entry(ApplicationID("2026-002")!)?.dossier?.application.state == .returned)
        let history = FileStore(root: demo.root, coreCriteria: try BundledResources.coreCriteria()).history(of: ApplicationID("2026-002")!)
        #expect(history.events.last?.details == "with_steering_group → returned: Komplettera evidensen: granskarna är oeniga – 4, 3 och 2.")
    }

    @Test func theWholeProcessReturnedThenForwardedDecidedAndExported() throws {
        let demo = try DemoCopy()
        // The steering group returns Star for Life for completion.
        let steering = try Tmux(["open", demo.path, "--as", "karin"])
        try steering.waitFor("Karin Sjöberg · styrgruppen")
        try steering.keys("j", "Enter", "m", "Enter")
        try steering.waitFor("Styrgruppens begäran")
        try steering.type("Komplettera evidensen.")
        try steering.keys("C-s", "j")
        try steering.waitFor("2026-002 har nu status återremitterad.")
        try steering.keys("q", "q")
        try steering.waitFor("EXIT=0")

        // The coordinator takes it back into preparation and on to the steering group.
        let back = try Tmux(["open", demo.path, "--as", "lars"])
        try back.waitFor("Lars Bergström · samordnare")
        try back.keys("j", "Enter", "m", "Enter", "j")
        try back.waitFor("2026-002 har nu status beredning.")
        try back.keys("m", "Enter", "j")
        try back.waitFor("2026-002 har nu status styrgrupp.")
        try back.keys("q", "q")
        try back.waitFor("EXIT=0")

        // The steering group forwards it to the board.
        let forward = try Tmux(["open", demo.path, "--as", "karin"])
        try forward.waitFor("Karin Sjöberg · styrgruppen")
        try forward.keys("j", "Enter", "m", "Down", "Enter", "j")
        try forward.waitFor("2026-002 har nu status till beslut.")
        try forward.keys("q", "q")
        try forward.waitFor("EXIT=0")

        // The coordinator records the board's decision and exports the decisions list.
        let coordinator = try Tmux(["open", demo.path, "--as", "lars"])
        try coordinator.waitFor("Lars Bergström · samordnare")
        try coordinator.keys("j", "Enter", "d")
        try coordinator.waitFor("Kommunstyrelsens beslut om 2026-002")
        try coordinator.keys("Tab", "Tab")
        try coordinator.type("KS 2026/88")
        try coordinator.keys("Tab", "Tab", "Tab")
        try coordinator.type("Redovisa närvaron efter ett år – åäö.")
        try coordinator.keys("C-s")
        try coordinator.waitFor("Beslutet (bifall) förs in")
        try coordinator.keys("j")
        try coordinator.waitFor("Beslutet för 2026-002 är infört: bifall.")
        try coordinator.keys("x", "Enter")
        try coordinator.waitFor("Exporten är skriven till")
        try coordinator.keys("q", "q")
        try coordinator.waitFor("EXIT=0")

        let dossier = try #require(try load(demo).entry(ApplicationID("2026-002")!)?.dossier)
        #expect(dossier.application.state == .approved)
        #expect(dossier.decision?.caseNumber == "KS 2026/88")
        #expect(dossier.decision?.conditions == "Redovisa närvaron efter ett år – åäö.")
        let history = FileStore(root: demo.root, coreCriteria: try BundledResources.coreCriteria()).history(of: ApplicationID("2026-002")!)
        #expect(history.events.map(\.kind) == [.moved, .moved, .moved, .moved, .decided, .moved])
        let exports = try FileManager.default.contentsOfDirectory(atPath: demo.url("exports").path)
        let csv = try #require(exports.first { $0.hasSuffix(".csv") })
        let text = try String(contentsOf: demo.url("exports/" + csv), encoding: .utf8)
        #expect(text.contains("\"'2026-002\";Star for Life;"))  // an id a spreadsheet would read as a date is protected
        #expect(try load(demo).problems == [])  // the exports folder is not taken for an application
    }
}
