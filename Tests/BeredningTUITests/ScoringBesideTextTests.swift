import BeredningCore
@testable import BeredningTUI
import Testing

/// At 120 columns or wider the scoring form shows the application's text beside it, at the
/// section of the criterion in focus, so a reviewer reads while scoring (issue 19).
@Suite("The application's text beside the scoring form")
struct ScoringBesideTextTests {
    func scoring(width: Int, height: Int = 30) -> AppState {
        var s = state(as: "cecilia", width: width, height: height)
        s.select("2026-004")
        s.press(.char("p"))
        return s
    }

    func right(_ s: AppState) -> [String] {
        let x = s.scoringWidth
        return s.screen.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.dropFirst(x)) }
    }

    @Test func wideTheTextFollowsTheCriterionInFocus() {
        var s = scoring(width: 130)
        guard case .scoring = s.current else { Issue.record("no form: \(s.statusText ?? "")"); return }
        // The first field is the first criterion's score: its section is at the top beside the form.
        let shown = right(s).dropFirst(1).first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        #expect(shown.contains("── Definierat problem"), "\(s.screen)")
        #expect(s.screen.components(separatedBy: "── Definierat problem").count == 3)
        // Tab to the next criterion's score (past the comment): the text moves to its section.
        s.press(.tab, .tab)
        let text = right(s).joined(separator: "\n")
        #expect(text.contains("── Målgrupp"), "\(text)")
        // The form itself keeps to the left three fifths; the cursor stays in the form.
        #expect(Frame.render(s).cursor.map { $0.x < s.scoringWidth } ?? true)
    }

    @Test func pageDownScrollsTheTextAndTheFooterHelpSaysSo() {
        var s = scoring(width: 130)
        let before = right(s)
        s.press(.pageDown)
        #expect(right(s) != before)
        #expect(Keymap.bindings(for: s).contains { $0.keys == "PgUp PgDn" && $0.action == .keyScrollApplicationText })
    }

    @Test func narrowTheFormIsAsBefore() {
        let s = scoring(width: 119)
        #expect(s.scoringWidth == 119)
        // No application text: its section headings appear once, as the form's own.
        #expect(s.screen.components(separatedBy: "── Definierat problem").count == 2, "\(s.screen)")
        #expect(!Keymap.bindings(for: s).contains { $0.action == .keyScrollApplicationText })
    }
}
