import BeredningCore
import BeredningResources
import BeredningStore
@testable import BeredningTUI
import Testing

/// A large store opens on its first screenful; the rest is read while the member looks.
@Suite("The first screen before the whole store is read")
struct FirstScreenTests {
    let partial = try! FileStore(root: BundledResources.demoStore, coreCriteria: BundledResources.coreCriteria()).loadFirst(2)

    func partialState(as id: String = "anna") -> AppState {
        AppState(snapshot: partial, member: member(id), catalog: sv, otherCatalog: en, width: 100, height: 24)
    }

    @Test func theStoreReadsOnlyTheFirstApplicationsAndListsTheRest() {
        #expect(partial.entries.count == 6)
        #expect(partial.entries.prefix(2).allSatisfy { $0.dossier != nil && !$0.isPending })
        #expect(partial.entries.dropFirst(2).allSatisfy { $0.isPending && !$0.isBroken && $0.dossier == nil })
        #expect(!partial.isComplete)
        #expect(demo.isComplete)
    }

    @Test func pendingRowsSaySoAndTheStatusLineToo() {
        let s = partialState()
        #expect(s.screen.contains("2026-001 Fotosyntes"))
        #expect(s.screen.contains("2026-003 läser in alla ansökningar …"))
        #expect(s.screen.contains("läser in alla ansökningar …\n") || s.screen.contains("· läser in alla ansökningar …"))
        #expect(!s.screen.contains("TRASIG"))
    }

    @Test func openingAPendingApplicationWaitsWithAWord() {
        var s = partialState()
        s.press(.down, .down, .enter)
        #expect(s.current == nil)
        #expect(s.statusText == "2026-003 läses fortfarande in; försök igen om ett ögonblick")
    }

    @Test func anExportWaitsForTheWholeStore() {
        var s = partialState(as: "lars")
        s.press(.char("x"))
        #expect(s.modal == nil)
        #expect(s.statusText?.hasPrefix("exporten väntar") == true)
    }

    @Test func theWholeStoreFillsTheListIn() {
        var s = partialState()
        s.press(.down, .down)
        _ = s.update(.reloaded(demo))
        #expect(!s.screen.contains("läser in"))
        #expect(s.list.selection == 2)
        s.press(.enter)
        #expect(s.current == .application(ApplicationScreen(applicationID: ApplicationID("2026-003")!)))
    }

    @Test func aFilterWhileReadingShowsWhatIsReadSoFar() {
        var s = partialState()
        s.press(.char("/"))
        s.type("a")
        #expect(s.listRows.allSatisfy { !$0.entry.isPending })
        _ = s.update(.reloaded(demo))
        #expect(s.listRows.count > 2)
    }
}
