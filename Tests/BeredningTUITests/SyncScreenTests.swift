import BeredningCore
import BeredningStore
import BeredningSync
@testable import BeredningTUI
import Foundation
import Testing

@Suite("Syncing from the list: the key, the conflicts one by one, the outcome in words")
struct SyncScreenTests {
    let title = SyncConflict(path: "2026-003/application.toml", mine: "schema = 1\ntitle = \"Hemmets titel\"\n",
                             theirs: "schema = 1\ntitle = \"Kontorets titel\"\n")
    let decision = SyncConflict(path: "2026-006/decision.toml", mine: "rationale = \"Min motivering med åäö.\"\n",
                                theirs: "rationale = \"Kollegans motivering.\"\n")

    @Test func yAsksTheRuntimeToSyncAndSaysSo() {
        var s = state(as: "sara")
        #expect(s.press(.char("y")) == [.sync(choices: [:])])
        #expect(s.statusText == "Synkar med den gemensamma lagringen …")
    }

    @Test func eachConflictShowsBothVersionsAndTheLastChoiceSyncsAgain() {
        var s = state(as: "lars")
        #expect(s.update(.synced(.conflicts([title, decision], committed: "abc1234"))) == [.reload])
        var screen = s.screen
        #expect(s.statusText?.hasPrefix("Du och en kollega har ändrat samma fil (2 st).") == true)  // no longer "Synkar …"
        #expect(screen.contains("Konflikt 1 av 2") && screen.contains("Ansökans text 2026-003"))
        #expect(screen.contains("Din version: Hemmets titel") && screen.contains("Kollegans version: Kontorets titel"))
        // A stray key decides nothing.
        #expect(s.press(.char("x"), .enter).isEmpty)
        #expect(s.screen.contains("Konflikt 1 av 2"))
        #expect(s.press(.char("t")).isEmpty)
        screen = s.screen
        #expect(screen.contains("Konflikt 2 av 2") && screen.contains("Min motivering med åäö."))
        #expect(s.press(.char("m")) == [.sync(choices: ["2026-003/application.toml": .theirs, "2026-006/decision.toml": .mine])])
        #expect(s.modal == nil)
    }

    @Test func escapeLeavesEverythingAsItWas() {
        var s = state(as: "lars")
        _ = s.update(.synced(.conflicts([title], committed: nil)))
        #expect(s.press(.escape).isEmpty)
        #expect(s.modal == nil)
        #expect(s.statusText?.contains("Ingenting är ändrat") == true)
    }

    @Test func whereTheUnchosenVersionIsKeptIsANoticeToRead() {
        var s = state(as: "lars")
        let kept = URL(fileURLWithPath: "/home/lars/.local/state/bered/sync/ab/20261124T001815Z-mine-2026-003-application.toml")
        _ = s.update(.synced(.resolved(keptAside: [kept], then: .synced(committed: nil, received: 1, sent: 0))))
        #expect(s.screen.contains("Versionen du inte valde finns kvar här"))
        #expect(s.screen.contains("20261124T001815Z-mine-2026-003"))
        s.press(.char(" "))  // scrolls; any other key closes
        s.press(.enter)
        #expect(s.modal == nil)
    }

    @Test func offlineIsAPlainStatusLine() {
        var s = state(as: "anna")
        _ = s.update(.synced(.offline(committed: "abc1234", detail: "fatal: unable to access")))
        #expect(s.status?.kind == .error)
        #expect(s.statusText?.contains("Kunde inte nå den gemensamma lagringen") == true)
        #expect(s.statusText?.contains("abc1234") == true)
        #expect(s.modal == nil)
    }

    @Test func refusedChangesAreANoticeNamingWhoseAndWhy() {
        var s = state(as: "anna")
        let reason = Message(.signedRefused, ["path": "2026-006/decision.toml", "member": "sara", "role": .message(Role.youthPanel.label),
                                              "commit": "3f2a9c1e", "reason": .message(Message(.signedNoDecision))])
        _ = s.update(.synced(.refused([VerifyFinding(path: "2026-006/decision.toml", commit: "3f2a9c1e", message: reason)], committed: nil)))
        guard case .notice(_, let lines, _) = s.modal else { Issue.record("no notice: \(String(describing: s.modal))"); return }
        #expect(lines.first?.hasPrefix("Kollegornas ändringar togs inte emot: 1 filer") == true)
        #expect(lines.contains("  2026-006/decision.toml: ändrad av sara (ungdomspanelen) i 3f2a9c1e, som inte får ändra beslut"))
        #expect(s.screen.contains("Kollegornas ändringar togs inte emot"))
    }

    @Test func aConflictFitsA40By12Terminal() {
        var s = state(as: "lars", width: 40, height: 12)
        _ = s.update(.synced(.conflicts([title], committed: nil)))
        let lines = Frame.render(s).text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 40 })
        #expect(s.screen.contains("Konflikt 1 av 1"))
    }
}

@Suite("The sync key while typing a filter")
struct SyncKeyInFilterTests {
    @Test func yTypedIntoTheFilterIsALetterNotASync() {
        var s = state(as: "anna")
        #expect(s.press(.char("/"), .char("y")).isEmpty)
        #expect(s.list.filter == "y")
    }
}
