import BeredningCore
@testable import BeredningTUI
import Foundation
import Testing

@Suite("m in the list, and a help that scrolls")
struct MoveFromListTests {
    @Test func mInTheListOpensTheMoveMenuOfTheSelectedApplication() {
        var s = state(as: "karin")
        s.select("2026-002")
        #expect(s.press(.char("m")).isEmpty)
        guard case .move(let screen) = s.current else { Issue.record("no move menu: \(s.statusText ?? "")"); return }
        #expect(screen.applicationID == ApplicationID("2026-002")!)
        #expect(screen.options == [.returnForCompletion, .forward])
        #expect(s.stack.count == 1)
        s.press(.escape)
        #expect(s.current == nil)
        #expect(s.listRows[s.list.selection].id == "2026-002")
    }

    @Test func mInTheListRefusesAsInsideTheApplication() {
        var inList = state(as: "anna")
        inList.select("2026-002")
        inList.press(.char("m"))
        var inside = state(as: "anna")
        inside.select("2026-002")
        inside.press(.enter, .char("m"))
        #expect(inList.current == nil)
        #expect(inList.statusText != nil && inList.statusText == inside.statusText)
    }

    /// Every role's help, with its refused keys, reaches its last line on the smallest terminal.
    @Test(arguments: ["anna", "sara", "karin", "lars"])
    func theHelpScrollsToItsEndOnTheSmallestTerminal(_ who: String) {
        var s = state(as: who, width: AppState.minimumWidth, height: AppState.minimumHeight)
        s.press(.char("?"))
        // The last line of the help, as wrapped to the window.
        let last = ModalView.content(.help(offset: 0), s).lines.last?.map(\.text).joined() ?? ""
        #expect(!last.isEmpty && !s.screen.contains(last))
        s.press(.char("G"))
        #expect(s.screen.contains(last))
        s.press(.char("g"))
        #expect(s.screen.contains(sv(.uiHelpTitle)))
    }
}
