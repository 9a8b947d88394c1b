import BeredningCore
import BeredningStore
@testable import BeredningTUI
import Foundation
import Testing

/// Declaring and withdrawing a conflict of interest from the application screen (issue 17).
@Suite("J on an application: declare or withdraw a conflict of interest")
struct ConflictScreenTests {
    @Test func jOpensTheFormAndCtrlSDeclaresWithTheReason() {
        var s = state(as: "anna")
        s.press(.enter)  // 2026-001
        #expect(s.press(.char("J")).isEmpty)
        #expect(s.screen.contains("Anmäl jäv för 2026-001"))
        #expect(s.screen.contains("Skriv varför du är jävig"))
        // An empty reason declares nothing.
        #expect(s.press(.ctrl("s")).isEmpty)
        s.type("Min dotter går i klassen.")
        let commands = s.press(.ctrl("s"))
        guard case .saveConflict(let conflict)? = commands.first else { Issue.record("\(commands)"); return }
        #expect(conflict.member.rawValue == "anna" && conflict.reason == "Min dotter går i klassen." && conflict.applicationID.description == "2026-001")
        _ = s.update(.saved(Message(.conflictDeclaredDone, ["application": "2026-001"])))
        #expect(!s.screen.contains("Anmäl jäv för"))
    }

    @Test func theYouthPanelIsToldWhyNot() {
        var s = state(as: "sara")
        s.press(.enter)
        #expect(s.press(.char("J")).isEmpty)
        #expect(s.statusText == sv(Permissions.check(.youthPanel, .declareConflict)!.reason))
    }

    @Test func withAConflictJAsksBeforeWithdrawingAndOnlyJSaysYes() {
        var s = state(as: "cecilia")  // declared on 2026-003 in the demo
        s.press(.down, .down, .enter)
        #expect(s.screen.contains("2026-003"))
        #expect(s.screen.contains("Du har anmält jäv: du ser inte gruppens bedömningar"))
        #expect(s.press(.char("J")).isEmpty)
        #expect(s.screen.contains("Ta tillbaka din jävsanmälan för 2026-003?"))
        #expect(s.press(.enter).isEmpty)
        #expect(s.modal == nil)
        s.press(.char("J"))
        #expect(s.press(.char("j")) == [.withdrawConflict(ApplicationID("2026-003")!)])
    }

    @Test func theMoveMenuOffersAConflictedMemberNothing() {
        var s = state(as: "cecilia")
        s.press(.down, .down, .enter, .char("p"))
        #expect(s.statusText?.contains("jäv") == true)
    }
}
