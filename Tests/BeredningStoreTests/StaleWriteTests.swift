import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// A move based on what a member read is refused when a colleague changed the file since,
/// and the refusal says what changed in the words of the form, not in the file's ids.
@Suite("A write based on old data")
struct StaleWriteTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func isRefusedNamingTheChangedFieldsAndTheStateInWords() throws {
        let box = try TestStore()
        let snapshot = try box.load()
        let karin = try #require(snapshot.config.member(MemberID("karin")!))
        let seen = try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier)
        // A colleague returns it and retitles it while Karin has the old version on screen.
        var text = try box.read("2026-002/application.toml")
        text = text.replacingOccurrences(of: "state = \"\(seen.application.state.rawValue)\"", with: "state = \"returned\"")
        text = text.replacingOccurrences(of: "title = \"\(seen.application.title)\"", with: "title = \"Ny titel\"")
        try box.write("2026-002/application.toml", text)

        do {
            _ = try box.store.move(seen, .forward, by: karin, config: snapshot.config, now: now)
            Issue.record("a move on old data was made")
        } catch {
            #expect(error.isStale)
            let shown = error.lines(catalog).joined()
            #expect(shown == "Någon annan har ändrat 2026-002/application.toml sedan du öppnade den "
                + "(status \(catalog.label(seen.application.state)) → \(catalog.label(ApplicationState.returned)) och Titel). Inget är sparat.")
        }
        #expect(try box.read("2026-002/application.toml") == text)
    }

    @Test func otherRefusalsAreNotStale() {
        #expect(!StoreError.refused(Message(.storeMissingFile)).isStale)
        #expect(!StoreError.gaps([]).isStale)
    }
}
