import BeredningCore
@testable import BeredningTUI
import Testing

@Suite("The application list")
struct ListTests {
    @Test func showsEveryApplicationWithItsStripAndProgress() {
        let s = state()
        let screen = s.screen
        #expect(screen.hasPrefix(" Beredning — Ale kommuns sociala"))
        #expect(screen.contains("Anna Lindqvist · beredningsgruppen"))
        #expect(screen.contains("2026-001 Fotosyntes"))
        #expect(screen.contains("✓✓✓✓✓✓✓"))
        #expect(screen.contains("✗✗✓✓✓✓·"))
        #expect(screen.contains("6 ansökningar · du har granskat 4 av 6"))
        #expect(screen.contains("↑↓ j k flytta"))
    }

    @Test func movingWithVimKeysAndArrows() {
        var s = state()
        s.press(.char("j"), .down, .char("j"))
        #expect(s.list.selection == 3)
        s.press(.char("k"))
        #expect(s.list.selection == 2)
        s.press(.char("G"))
        #expect(s.list.selection == 5)
        s.press(.down, .down)
        #expect(s.list.selection == 5)  // stays on the last
        s.press(.char("g"))
        #expect(s.list.selection == 0)
        s.press(.pageDown)
        #expect(s.list.selection == 5)
    }

    @Test func sortingByAnyColumnAndBack() {
        var s = state()
        s.press(.char("2"))  // title
        #expect(s.listRows.map(\.id) == ["2026-005", "2026-003", "2026-004", "2026-002", "2026-006", "2026-001"].sorted { a, b in
            let titles = ["2026-001": "fotosyntes", "2026-002": "star for life", "2026-003": "minimili", "2026-004": "skolfam ale",
                          "2026-005": "familjehuset klippan", "2026-006": "utökade hembesök"]
            return titles[a]! < titles[b]!
        })
        #expect(s.screen.contains("Titel▲"))
        s.press(.char("2"))
        #expect(s.screen.contains("Titel▼"))
        #expect(s.listRows.first?.id == "2026-006")
        s.press(.char("6"))  // mean score, ascending: unknowns last
        #expect(s.listRows.map(\.id).prefix(2) == ["2026-003", "2026-002"])  // Anna may not see 004's and 005's scores yet
        #expect(s.listRows.last?.id == "2026-005")
        s.press(.char("s"))
        #expect(s.list.sort == .reviews)
    }

    @Test(arguments: [
        ("anna", "state:inkommen", ["2026-005"]),
        ("anna", "state:recei", ["2026-005"]),
        ("anna", "todo:me", ["2026-004", "2026-005"]),
        ("bengt", "todo:me", ["2026-003", "2026-005"]),
        ("bengt", "evidens<3", ["2026-004"]),
        ("anna", "evidens<3", []),  // Anna has not reviewed 2026-004, so its scores are hidden from her
        ("anna", "medel>=3,5", ["2026-001", "2026-006"]),
        ("anna", "oenighet", ["2026-002"]),
        ("anna", "aktör:bup", ["2026-001", "2026-002", "2026-003", "2026-004"]),
        ("anna", "mini", ["2026-003"]),
        ("anna", "state:beredning evidens>=3", ["2026-001", "2026-003"]),
    ])
    func filteringAsYouType(member: String, query: String, expected: [String]) {
        var s = state(as: member)
        s.press(.char("/"))
        s.type(query)
        #expect(s.list.filtering)
        #expect(s.listRows.map(\.id) == expected)
        #expect(s.screen.contains("/ " + query))
        s.press(.enter)
        #expect(!s.list.filtering)
        #expect(s.listRows.map(\.id) == expected)
        s.press(.escape)
        #expect(s.listRows.count == 6)
    }

    @Test func aFilterMatchingNothingSaysSo() {
        var s = state()
        s.press(.char("/"))
        s.type("hittepå")
        #expect(s.screen.contains("Inga ansökningar matchar filtret. Esc rensar det."))
    }

    @Test func hiddenScoresStayHiddenInTheListAndItsFilter() {
        var s = state(as: "bengt")  // Bengt's review of 2026-003 is a draft
        let row = s.screen.split(separator: "\n").first { $0.contains("2026-003") }!
        #expect(row.hasSuffix("·   1/3     2") || row.contains(" · "))
        s.press(.char("/"))
        s.type("evidens>=1")
        #expect(!s.listRows.map(\.id).contains("2026-003"))
    }

    @Test func aConflictIsMarkedInTheList() {
        let s = state(as: "cecilia")
        let row = s.screen.split(separator: "\n").first { $0.contains("2026-003") }!
        #expect(row.hasPrefix("J "))
    }

    @Test func helpListsTheKeysAndTheQueryLanguage() {
        var s = state()
        s.press(.char("?"))
        #expect(s.modal == .help(offset: 0))
        #expect(s.screen.contains("Tangenter"))
        #expect(s.screen.contains("│/              filtrera"))
        #expect(s.screen.contains("↑↓ PgUp PgDn g G rullar, annan tangent stänger."))
        s.press(.pageDown, .pageDown, .pageDown)  // the help scrolls
        #expect(s.screen.contains("todo:me — ansökningar du har kvar att granska"))
        s.press(.char("x"))
        #expect(s.modal == nil)
    }

    @Test func theFirstScreenAsksWhoYouAre() {
        var s = state(as: nil)
        #expect(s.screen.contains("Vem är du?"))
        s.press(.down, .enter)
        #expect(s.member?.id.rawValue == "bengt")
        #expect(s.screen.contains("Bengt"))
    }

    @Test func quittingFromTheList() {
        var s = state()
        #expect(s.press(.char("q")) == [.quit])
        #expect(s.press(.ctrl("c")) == [.quit])
    }
}

@Suite("Refusals are explained in the status line")
struct RefusalTests {
    @Test func aYouthPanelMemberWhoTriesToScore() {
        var s = state(as: "sara")
        #expect(s.press(.char("p")) == [])
        #expect(s.stack.isEmpty)
        #expect(s.statusText == "Bara beredningsgruppen sätter poäng (din roll: ungdomspanelen). Du kan läsa ansökan och kommentera den i stället.")
        #expect(s.screen.contains("✗ Bara beredningsgruppen sätter poäng"))
    }

    @Test func aReviewerWhoTriesToCommentAsTheYouthPanel() {
        var s = state(as: "anna")
        s.press(.char("c"))
        #expect(s.statusText == "Kommentarer skrivs av ungdomspanelen (din roll: beredningsgruppen). Du kan läsa kommentarerna; din egen bedömning skriver du i granskningen.")
    }

    @Test func aReviewerWithAConflict() {
        var s = state(as: "cecilia")
        s.press(.char("j"), .char("j"), .char("p"))  // 2026-003
        #expect(s.statusText?.hasPrefix("Du har anmält jäv för 2026-003") == true)
        #expect(s.stack.isEmpty)
    }

    @Test func theSteeringGroupAndTheCoordinatorDoNotScore() {
        for id in ["karin", "lars"] {
            var s = state(as: id)
            s.press(.char("p"))
            #expect(s.statusText?.hasPrefix("Bara beredningsgruppen sätter poäng") == true)
        }
    }

    @Test func aRefusalFitsAtFortyColumns() {
        var s = state(as: "sara", width: 40, height: 12)
        s.press(.char("p"))
        let screen = s.screen
        #expect(screen.contains("i stället."))  // the whole refusal is shown, wrapped
        for line in screen.split(separator: "\n") { #expect(line.cellWidth <= 40) }
    }
}

@Suite("The list grouped by state")
struct GroupedListTests {
    @Test func headingsWithTheMovesTheMemberMayMake() {
        var s = state(as: "karin")
        s.press(.char("v"))
        #expect(s.listRows.map(\.id) == ["2026-005", "2026-001", "2026-003", "2026-004", "2026-002", "2026-006"])
        let screen = s.screen
        #expect(screen.contains("── beredning (3) ──"))
        #expect(screen.contains("── styrgrupp (1) · du kan: återremittera, skicka till beslut ──"))
        #expect(!screen.contains("── inkommen (1) · du kan"))  // the steering group moves nothing out of received
        var coordinator = state(as: "lars")
        coordinator.press(.char("v"))
        #expect(coordinator.screen.contains("── inkommen (1) · du kan: starta beredningen ──"))
        s.press(.char("v"))
        #expect(!s.screen.contains("── beredning"))
    }
}
