import BeredningCore
@testable import BeredningTUI
import Testing

/// `--ascii` / BERED_ASCII=1: the marks ✓ ✗ ! ? in words, for screen readers and braille.
@Suite("Marks in words")
struct AsciiMarksTests {
    static func words(_ catalog: Catalog) -> Catalog {
        var spelled = catalog
        spelled.marks = .words
        return spelled
    }

    static let glyphs: [Character] = ["✓", "✗"]

    @Test func theFlagOrTheVariableAsksForWords() {
        #expect(MarkStyle.resolve(flag: true, environment: [:]) == .words)
        #expect(MarkStyle.resolve(flag: false, environment: ["BERED_ASCII": "1"]) == .words)
        #expect(MarkStyle.resolve(flag: false, environment: ["BERED_ASCII": "0"]) == .symbols)
        #expect(MarkStyle.resolve(flag: false, environment: ["BERED_ASCII": ""]) == .symbols)
        #expect(MarkStyle.resolve(flag: false, environment: [:]) == .symbols)
    }

    @Test func everyMarkHasAWordInBothLanguages() {
        let swedish = Self.words(sv), english = Self.words(en)
        #expect([Outcome.pass, .missing, .warning, .notJudged].map(swedish.mark) == ["ok", "saknas", "varning", "ej bedömd"])
        #expect([Outcome.pass, .missing, .warning, .notJudged].map(english.mark) == ["ok", "missing", "warning", "not judged"])
        #expect(Verdict.allCases.map(swedish.mark) == ["ok", "varning", "saknas"])
        #expect(Outcome.allCases.map(sv.mark) == Outcome.allCases.map(\.symbol))
        // The strip counts what is not ok, in the order of the outcomes.
        #expect(swedish.strip([.pass, .missing, .warning, .missing, .pass]) == "1 varning, 2 saknas")
        #expect(english.strip([.pass, .pass]) == "ok")
        #expect(sv.strip([.pass, .missing]) == "✓✗")
        #expect(swedish.statusMark(success: false) == "fel: " && english.statusMark(success: true) == "done: ")
    }

    @Test func theListAndTheApplicationSpellTheMarks() {
        var s = AppState(snapshot: demo, member: member("anna"), catalog: Self.words(sv), otherCatalog: en, width: 80, height: 24)
        s.now = state().now
        let list = s.screen
        #expect(!list.contains { Self.glyphs.contains($0) }, "\(list)")
        #expect(list.contains("2 saknas, 1 väntar"))
        // Everything else on the list is as with symbols: only the strip changed.
        #expect(list.contains("2026-001 Fotosyntes"))
        s.press(.enter)
        let application = s.screen
        #expect(!application.contains { Self.glyphs.contains($0) }, "\(application)")
        #expect(application.contains("ok "))
    }
}
