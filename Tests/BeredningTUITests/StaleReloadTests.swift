import BeredningCore
@testable import BeredningTUI
import Foundation
import Testing

/// A save refused because a colleague changed the file first says so and offers to read the
/// store again, keeping what the member typed (issue 19).
@Suite("A refusal based on old data offers to reload")
struct StaleReloadTests {
    static let refusal = "Någon annan har ändrat 2026-002/application.toml sedan du öppnade den (status styrgrupp → återremitterad). Inget är sparat."

    @Test func theOfferReadsTheStoreAgainOnJOrEnter() {
        for key: Key in [.char("j"), .enter] {
            var s = state(as: "karin")
            _ = s.update(.stale([Self.refusal]))
            guard case .offerReload = s.modal else { Issue.record("no offer: \(String(describing: s.modal))"); return }
            let buffer = Frame.render(s)
            #expect(s.screen.contains(sv(.tuiStaleTitle)))
            #expect(buffer.atCursor.hasPrefix("Enter j  " + sv(.tuiStaleReload).prefix(20)))
            #expect(s.press(key) == [.reload])
            #expect(s.modal == nil)
            _ = s.update(.reloaded(demo))
            #expect(s.statusText?.hasPrefix("Inläst ") == true)
        }
    }

    @Test func notNowLeavesTheRefusalInViewAndReadsNothing() {
        var s = state(as: "karin")
        _ = s.update(.stale([Self.refusal]))
        #expect(s.press(.escape).isEmpty)
        #expect(s.modal == nil)
        #expect(s.statusText == Self.refusal)
    }

    @Test func theTypingInAnOpenFormSurvivesTheReload() {
        var s = decisionForm()
        s.press(.tab, .tab)
        s.type("KS 2026/99")
        _ = s.update(.stale([Self.refusal]))
        #expect(s.press(.char("j")) == [.reload])
        _ = s.update(.reloaded(demo))
        guard case .decision(let form) = s.current else { Issue.record("the form closed"); return }
        #expect(form.text(.caseNumber) == "KS 2026/99")
        #expect(s.statusText?.contains("Det du skrev finns kvar") == true)
    }
}
