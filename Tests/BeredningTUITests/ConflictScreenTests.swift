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

@Suite("The steering group's request on the application screen")
struct SteeringRequestScreenTests {
    @Test func itStandsAtTheTopOfTheApplication() throws {
        let entries = demo.entries.map { entry -> StoreEntry in
            guard entry.folder == "2026-003", var dossier = entry.dossier else { return entry }
            dossier.steeringRequest = SteeringRequest(applicationID: dossier.application.id, text: "Lägg till ett utgångsläge.",
                                                      requestedBy: MemberID("karin")!, requested: Date(timeIntervalSince1970: 1_780_000_000))
            return StoreEntry(folder: entry.folder, dossier: dossier, problems: entry.problems)
        }
        let snapshot = StoreSnapshot(root: demo.root, config: demo.config, entries: entries, problems: demo.problems)
        var s = AppState(snapshot: snapshot, member: member("anna"), catalog: sv, otherCatalog: en, width: 100, height: 30)
        s.press(.down, .down, .enter)
        #expect(s.screen.contains("⚠ Styrgruppen begär komplettering (Karin Sjöberg, 2026-05-28): Lägg till ett utgångsläge."))
    }
}
