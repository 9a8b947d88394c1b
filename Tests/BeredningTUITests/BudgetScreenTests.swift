import BeredningCore
import BeredningResources
import BeredningStore
@testable import BeredningTUI
import Foundation
import Testing

/// The fund's money on the screen (issue 16): `B` in the list, and the budget check in the decision form.
@Suite("The budget view and the budget check in the decision form")
struct BudgetScreenTests {
    @Test(arguments: ["lars", "anna", "sara", "karin"])
    func bInTheListOpensTheFundsMoneyForEveryRole(_ who: String) {
        var s = state(as: who)
        #expect(s.press(.char("B")).isEmpty)
        guard case .budget = s.current else { Issue.record("\(String(describing: s.current))"); return }
        let lines = Frame.render(s).text.components(separatedBy: "\n")
        #expect(lines.count == 24 && lines.allSatisfy { $0.cellWidth <= 80 })
        let screen = s.screen
        #expect(screen.contains("Fondens pengar"))
        #expect(screen.contains("Ekonomisk modell för nya beslut: återbetalning till fonden"))
        #expect(screen.contains("Kapital: 10 000 000 kr"))
        // The caps wrap at the screen's width.
        #expect(screen.contains("Tak: högst 600 000 kr per ansökan och år; högst 3 år; egen insats minst 30 %;\nfondens andel högst 60 %"))
        // Budget, granted, repaid and left per year: 2026-006's grants and its repayment in 2028.
        #expect(screen.contains("2026  1 500 000   400 000           0  1 100 000"), "\(screen)")
        #expect(screen.contains("2028  1 200 000   500 000     244 800    700 000"), "\(screen)")
        s.press(.char("G"))
        let end = s.screen
        #expect(end.contains("2026-006 Utökade hem…  1 110 000  1 450 000  återbetalni…  1 450 000     244 800"), "\(end)")
        #expect(end.contains("Fondens saldo över tid"))
        #expect(end.contains("2028   500 000     244 800  8 794 800"), "\(end)")
        s.press(.escape)
        #expect(s.current == nil)
    }

    @Test func theKeyIsInTheHelpAndNotRefusedToAnyone() {
        let s = state(as: "sara")
        let binding = Keymap.bindings(for: s).first { $0.keys == "B" }
        #expect(binding?.action == .keyBudget && binding?.refusal == nil)
        let help = ModalView.content(.help(offset: 0), s).lines.map { $0.map(\.text).joined() }.joined(separator: "\n")
        #expect(help.contains("fondens pengar (budget och återbetalningar)"))
    }

    /// 2026-002 forwarded to the board, on the decision form, as the coordinator.
    func decisionForm() -> AppState {
        var entries = demo.entries
        let index = entries.firstIndex { $0.folder == "2026-002" }!
        var dossier = entries[index].dossier!
        dossier.application.state = .forwarded
        entries[index] = StoreEntry(folder: "2026-002", dossier: dossier, problems: [])
        var s = AppState(snapshot: StoreSnapshot(root: demo.root, config: demo.config, entries: entries, problems: []), member: member("lars"),
                         catalog: sv, otherCatalog: en, width: 80, height: 24)
        s.now = Date(timeIntervalSince1970: 1_780_000_000)
        s.press(.down, .enter, .char("d"))
        return s
    }

    @Test func theFormSaysWhatTheCheckWouldRefuseAndTakesAnOverrideReason() {
        var s = decisionForm()
        #expect(!s.screen.contains("återstår av årets budget"))
        // Four tabs to the amounts: replace the requested amounts with too much for 2028.
        s.press(.tab, .tab)
        s.type("KS 2026/88")
        s.press(.tab, .tab)
        s.press(.ctrl("u"))
        s.type("2028=800000")
        for _ in 0..<3 { s.press(.tab) }
        #expect(s.screen.contains("2028: 800 000 kr beviljas men bara 700 000 kr återstår av årets budget"), "\(s.screen)")
        #expect(s.screen.contains("2028: 800 000 kr är mer än fondens tak på 600 000 kr per ansökan och år."))
        #expect(s.screen.contains("Skäl för avsteg från budget eller tak"))
        s.type("KS sköt till medel.")
        #expect(s.press(.ctrl("s")).isEmpty)
        let commands = s.press(.char("j"))
        guard case .recordDecision(_, let decision) = commands.first else { Issue.record("\(commands)"); return }
        #expect(decision.budgetOverride == "KS sköt till medel.")
        #expect(decision.grants == [Decision.Grant(year: 2028, amount: 800_000)])
    }
}
