import BeredningCore
@testable import BeredningStore
@testable import BeredningTUI
import Foundation
import Testing

@Suite("Moving an application and reading its history")
struct MoveTests {
    func openApplication(_ id: String, as member: String) -> AppState {
        var s = state(as: member)
        let index = s.listRows.firstIndex { $0.id == id }!
        s.press([Key](repeating: .down, count: index) + [.enter])
        return s
    }

    @Test func theSteeringGroupReturnsWithItsRequest() {
        var s = openApplication("2026-002", as: "karin")
        s.press(.char("m"))
        #expect(s.screen.contains("▸ återremittera  → återremitterad"))
        #expect(s.screen.contains("skicka till beslut  → till beslut"))
        s.press(.enter)
        #expect(s.screen.contains("Styrgruppens begäran till sökande"))
        #expect(s.press(.ctrl("s")) == [])
        #expect(s.statusText == "Skriv en motivering först.")
        s.type("Komplettera evidensen.")
        #expect(s.press(.ctrl("s")) == [])  // a move the steering group cannot take back asks first
        #expect(s.press(.char("j")) == [.move(ApplicationID("2026-002")!, .returnForCompletion, reason: "Komplettera evidensen.", override: "")])
        _ = s.update(.saved(Message(.workflowMoved, ["id": "2026-002", "state": .message(ApplicationState.returned.label)])))
        if case .application = s.current {} else { Issue.record("back on the application after the move") }
        #expect(s.statusText?.hasPrefix("2026-002 har nu status återremitterad.") == true)
    }

    @Test func forwardingNeedsNoReason() {
        var s = openApplication("2026-002", as: "karin")
        s.press(.char("m"), .down)
        #expect(s.press(.enter) == [])
        #expect(s.press(.char("j")) == [.move(ApplicationID("2026-002")!, .forward, reason: "", override: "")])
    }

    @Test func theCoordinatorSeesTheGapsAndMayOverride() {
        var s = openApplication("2026-003", as: "lars")
        s.press(.char("m"), .enter)
        let screen = s.screen
        #expect(screen.contains("Ansökan kan inte lämna beredningen ännu:"))
        #expect(screen.contains("• Bengt Håkansson har ingen klar granskning."))
        #expect(screen.contains("Motivering för att ändå lämna till styrgruppen"))
        s.type("Brådskande inför budgeten.")
        #expect(s.press(.ctrl("s")) == [])
        #expect(s.press(.char("j")) == [.move(ApplicationID("2026-003")!, .toSteeringGroup, reason: "", override: "Brådskande inför budgeten.")])
    }

    @Test func aReviewerCannotMoveAndIsToldWhy() {
        var s = openApplication("2026-001", as: "anna")
        s.press(.char("m"))
        #expect(s.statusText == "Du kan inte flytta en ansökan med status beredning (din roll: beredningsgruppen); det gör samordnare.")
    }

    @Test func aFailedMoveKeepsTheReason() {
        var s = openApplication("2026-002", as: "karin")
        s.press(.char("m"), .enter)
        s.type("Viktig begäran")
        s.press(.ctrl("s"), .char("j"))
        _ = s.update(.failed(["Det gick inte att spara."]))
        guard case .move(let screen) = s.current else { Issue.record("the move screen closed"); return }
        #expect(screen.editor.text == "Viktig begäran")
    }

    @Test func theHistoryIsLoadedAndShown() {
        var s = openApplication("2026-001", as: "anna")
        #expect(s.press(.char("H")) == [.loadHistory(ApplicationID("2026-001")!)])
        #expect(s.screen.contains("Läser historiken"))
        _ = s.update(.historyLoaded(ApplicationID("2026-001")!, [
            HistoryEvent(time: Date(timeIntervalSince1970: 1_772_445_300), member: MemberID("anna")!, role: .preparationGroup, kind: .reviewCompleted, details: "approve"),
        ]))
        #expect(s.screen.contains("2026-03-02 09:55  Anna Lindqvist · beredningsgruppen · granskning klar"))
        s.press(.escape)
        if case .application = s.current {} else { Issue.record("Esc goes back") }
    }

    /// A long event (a megabyte is allowed) is wrapped when the history arrives and when the
    /// width changes, never per frame; what is drawn is the same.
    @Test func theHistoryIsWrappedOnceForEachWidth() throws {
        var s = openApplication("2026-001", as: "anna")
        s.press(.char("H"))
        let long = String(repeating: "Motivering med många ord om återremissen. ", count: 5_000)
        _ = s.update(.historyLoaded(ApplicationID("2026-001")!, [
            HistoryEvent(time: Date(timeIntervalSince1970: 1_772_445_300), member: MemberID("karin")!, role: .steeringGroup, kind: .moved, details: long),
        ]))
        guard case .history(let loaded) = s.current, let wrapped = loaded.wrapped else { Issue.record("not wrapped on arrival"); return }
        #expect(wrapped.width == 80)
        let drawn = s.screen
        s.press(.down)
        guard case .history(let scrolled) = s.current else { Issue.record("the history closed"); return }
        #expect(scrolled.wrapped === wrapped)  // scrolling wraps nothing again
        _ = s.update(.resize(width: 50, height: 20))
        guard case .history(let resized) = s.current, let rewrapped = resized.wrapped else { Issue.record("not wrapped after a resize"); return }
        #expect(rewrapped.width == 50 && rewrapped !== wrapped)
        #expect(rewrapped.lines.count > wrapped.lines.count)
        _ = s.update(.resize(width: 80, height: 24))
        s.press(.up)
        #expect(s.screen == drawn)
    }
}

@Suite("The coordinator's decision form and export menu")
struct DecisionFormTests {
    func forwarded() -> AppState {
        var snapshot = demo
        var entries = snapshot.entries
        let index = entries.firstIndex { $0.folder == "2026-002" }!
        var dossier = entries[index].dossier!
        dossier.application.state = .forwarded
        entries[index] = StoreEntry(folder: "2026-002", dossier: dossier, problems: [])
        snapshot = StoreSnapshot(root: demo.root, config: demo.config, entries: entries, problems: [])
        var s = AppState(snapshot: snapshot, member: member("lars"), catalog: sv, otherCatalog: en, width: 80, height: 24)
        s.now = Date(timeIntervalSince1970: 1_780_000_000)
        s.press(.down, .enter)
        return s
    }

    @Test func recordingTheBoardsDecision() {
        var s = forwarded()
        s.press(.char("d"))
        #expect(s.screen.contains("Kommunstyrelsens beslut om 2026-002 Star for Life"))
        #expect(s.screen.contains("2026-05-28"))  // today, as the starting date
        #expect(s.press(.ctrl("s")) == [])
        #expect(s.statusText == "Diarienumret saknas.")
        s.press(.tab, .tab)
        s.type("KS 2026/88")
        #expect(s.press(.ctrl("s")) == [])
        let commands = s.press(.char("j"))
        guard case .recordDecision(let id, let decision) = commands.first else { Issue.record("no decision: \(commands)"); return }
        #expect(id.description == "2026-002")
        #expect(decision.caseNumber == "KS 2026/88")
        #expect(decision.outcome == .approve)
        #expect(decision.grants.map(\.year) == [2026, 2027, 2028])  // the amounts applied for, to correct
    }

    @Test func aBadAmountIsExplained() {
        var s = forwarded()
        s.press(.char("d"), .tab, .tab)
        s.type("KS 1")
        s.press(.tab, .tab, .ctrl("u"))
        s.type("2027 = fyrahundra")
        s.press(.ctrl("s"))
        #expect(s.statusText == "”2027 = fyrahundra” ska skrivas som ÅR=KRONOR, t.ex. 2027=450000.")
    }

    @Test func onlyTheCoordinatorDecidesAndExports() {
        var s = state(as: "karin")
        s.press(.down, .enter, .char("d"))
        #expect(s.statusText?.hasPrefix("Bara samordnaren för in kommunstyrelsens beslut") == true)
        s.press(.char("x"))
        #expect(s.statusText == "Bara samordnaren exporterar beslut (din roll: styrgruppen).")
    }

    @Test func theExportMenu() {
        var s = forwarded()
        s.press(.char("x"))
        #expect(s.screen.contains("beslutsunderlaget för 2026-002 som HTML för utskrift"))
        s.press(.down)
        #expect(s.press(.enter) == [.export(.everythingJSON)])
        s.press(.char("x"), .escape)
        #expect(s.modal == nil)
    }
}

@Suite("A returned application shows its reviewer what changed")
struct ChangesViewTests {
    @Test func theOldAndTheNewTextOfEachChangedField() {
        var entries = demo.entries
        let index = entries.firstIndex { $0.folder == "2026-001" }!
        var dossier = entries[index].dossier!
        let old = dossier.application
        dossier.application.problem.consequences = "Nu med kostnader: 2 placeringar per år."
        dossier.application.state = .inPreparation
        dossier.earlierVersions[ApplicationVersion.of(old)] = old
        entries[index] = StoreEntry(folder: "2026-001", dossier: dossier, problems: [])
        let snapshot = StoreSnapshot(root: demo.root, config: demo.config, entries: entries, problems: [])
        var s = AppState(snapshot: snapshot, member: member("anna"), catalog: sv, otherCatalog: en, width: 80, height: 60)
        s.press(.enter)
        let screen = s.screen
        #expect(screen.contains("anna granskade en tidigare version av ansökan."))
        #expect(screen.contains("Ändrat sedan din granskning"))
        #expect(screen.contains("  Om inget görs"))
        #expect(screen.contains("    + Nu med kostnader: 2 placeringar per år."))
        #expect(screen.contains("    − Om inget görs riskerar barnen"))
    }
}
