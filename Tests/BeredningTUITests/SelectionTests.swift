import BeredningCore
import BeredningResources
@testable import BeredningStore
@testable import BeredningTUI
import Foundation
import Testing

/// The demo store with one application changed (or, given nil, gone), as the store reads it after a save.
func changedDemo(_ id: String, _ change: ((inout Dossier) -> Void)?) -> StoreSnapshot {
    var entries = demo.entries
    let index = entries.firstIndex { $0.folder == id }!
    if let change {
        var dossier = entries[index].dossier!
        change(&dossier)
        entries[index] = StoreEntry(folder: id, dossier: dossier, problems: [])
    } else {
        entries.remove(at: index)
    }
    return StoreSnapshot(root: demo.root, config: demo.config, entries: entries, problems: [])
}

extension AppState {
    /// The application the list's highlight is on.
    var selectedID: String? { listRows[safe: list.selection]?.id }

    /// Moves the highlight to an application with the arrow keys, as a member would.
    mutating func select(_ id: String) {
        press(.char("g"))
        press([Key](repeating: .down, count: listRows.firstIndex { $0.id == id }!))
    }
}

extension ScreenBuffer {
    /// The text of the row drawn in reverse video across the list: the highlight.
    var highlightedRow: String? {
        (1..<height - 2).first { y in (0..<width).allSatisfy { self[$0, y].style.reverse } }.map(line)
    }
}

@Suite("The selection follows the application through every change of the list")
struct SelectionTests {
    /// The reported case: sorted by state, 2026-001 moved on, and the highlight on 2026-003.
    @Test func afterAMoveEnterOpensTheApplicationThatWasMoved() {
        var s = state(as: "lars")
        s.press(.char("4"))  // by state
        #expect(s.listRows.map(\.id) == ["2026-005", "2026-001", "2026-003", "2026-004", "2026-002", "2026-006"])
        s.select("2026-001")
        s.press(.enter, .char("m"))
        guard case .move(let screen) = s.current, let index = screen.options.firstIndex(of: .toSteeringGroup) else {
            Issue.record("no move to the steering group: \(String(describing: s.current))")
            return
        }
        s.press([Key](repeating: .down, count: index))
        #expect(s.press(.enter, .char("j")) == [.move(ApplicationID("2026-001")!, .toSteeringGroup, reason: "", override: "")])
        // What the runtime answers: the move is saved, then the store is read again.
        #expect(s.update(.saved(Message(.workflowMoved, ["id": "2026-001", "state": .message(ApplicationState.withSteeringGroup.label)]))) == [.reload])
        _ = s.update(.reloaded(changedDemo("2026-001") { $0.application.state = .withSteeringGroup }))
        s.press(.escape)
        #expect(s.current == nil)
        #expect(s.listRows.map(\.id) == ["2026-005", "2026-003", "2026-004", "2026-001", "2026-002", "2026-006"])
        #expect(s.selectedID == "2026-001")
        #expect(Frame.render(s).highlightedRow?.contains("2026-001") == true)
        s.press(.enter)
        #expect(s.current == .application(ApplicationScreen(applicationID: ApplicationID("2026-001")!)))
    }

    /// A save elsewhere (a colleague's review, read back by the reload) reorders the list.
    @Test func aReloadThatReordersKeepsTheApplication() {
        var s = state()
        s.press(.char("2"))  // by title
        s.select("2026-003")  // "Minimili"
        _ = s.update(.reloaded(changedDemo("2026-003") { $0.application.title = "Ängsbacken" }))
        #expect(s.listRows.last?.id == "2026-003")  // å, ä, ö sort last
        #expect(s.selectedID == "2026-003")
        #expect(Frame.render(s).highlightedRow?.contains("Ängsbacken") == true)
    }

    /// The first screen shows some applications and reads the rest in the background.
    @Test func theBackgroundLoadCompletingKeepsTheApplication() throws {
        let partial = try FileStore(root: BundledResources.demoStore, coreCriteria: BundledResources.coreCriteria()).loadFirst(2)
        var s = AppState(snapshot: partial, member: member("anna"), catalog: sv, otherCatalog: en, width: 80, height: 24)
        s.press(.char("4"))  // by state: the rows still being read go last
        s.select("2026-002")
        #expect(s.list.selection == 1)
        _ = s.update(.reloaded(demo))
        #expect(s.listRows.firstIndex { $0.id == "2026-002" } == 4)
        #expect(s.selectedID == "2026-002")
    }

    @Test func sortingReversingAndGroupingKeepTheApplication() {
        var s = state(as: "lars")
        s.select("2026-004")
        for key in [Key.char("s"), .char("s"), .char("S"), .char("4"), .char("4"), .char("v"), .char("6"), .char("S"), .char("v"), .char("1")] {
            s.press(key)
            #expect(s.selectedID == "2026-004", "after \(key)")
        }
    }

    @Test func typingAndClearingTheFilterKeepTheApplication() {
        var s = state()
        s.select("2026-004")
        s.press(.char("/"))
        s.type("a")
        #expect(s.listRows.count < 6)
        #expect(s.selectedID == "2026-004")
        s.press(.backspace, .enter)
        #expect(s.selectedID == "2026-004")
        s.press(.char("/"))
        s.type("skol")
        s.press(.escape)
        #expect(s.listRows.count == 6)
        #expect(s.selectedID == "2026-004")
    }

    /// When the application leaves the list, the highlight goes to its neighbour below.
    @Test func whenTheApplicationIsFilteredOutOrDeletedTheNextOneIsChosen() {
        var s = state()
        s.select("2026-003")
        s.press(.char("/"))
        _ = s.update(.text("state:ber"))  // in preparation: 001, 003, 004
        #expect(s.selectedID == "2026-003")
        s.type(" skolfam")  // SkolFam Ale (004) only
        #expect(s.selectedID == "2026-004")
        s.press(.escape)
        #expect(s.selectedID == "2026-004")

        var t = state()
        t.select("2026-003")
        _ = t.update(.reloaded(changedDemo("2026-003", nil)))
        #expect(t.selectedID == "2026-004")
        t.select("2026-006")
        _ = t.update(.reloaded(changedDemo("2026-006", nil)))
        #expect(t.selectedID == "2026-005")  // the last one gone: the one before it
    }
}
