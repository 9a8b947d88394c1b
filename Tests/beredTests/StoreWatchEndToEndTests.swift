import Foundation
import Testing

/// The interface watches the store: a colleague's review arriving in the folder (as a sync or a
/// shared folder puts it there: a new file renamed into place) shows within seconds, while the
/// member keeps their place and their unsaved typing (issue 19). On the installed release build.
@Suite("The store is watched", .serialized)
struct StoreWatchEndToEndTests {
    @Test func aColleaguesReviewArrivesWhileSaraTypesAndNothingOfHersIsLost() throws {
        let demo = try DemoCopy()
        let tmux = try Tmux(["open", demo.path, "--as", "sara"], binary: try Bered.installed.get())
        try tmux.waitFor("2026-006")
        try tmux.keys("j", "j")
        try tmux.keys("c")
        try tmux.waitFor("2026-003")
        let text = "Bra att unga får vara med och tycka till om träffarna"
        try tmux.type(text)
        try tmux.waitFor("tycka till om träffarna")

        // The second process: Bengt's review, complete now, written whole and renamed into place
        // over his draft, as his sync would.
        let anna = try String(contentsOf: demo.url("2026-003/reviews/anna.toml"), encoding: .utf8)
        #expect(anna.contains("status = \"complete\""))
        let bengt = anna.replacingOccurrences(of: "reviewer = \"anna\"", with: "reviewer = \"bengt\"")
        let temporary = demo.url("2026-003/reviews/.bengt.toml.tmp-1")
        try Data(bengt.utf8).write(to: temporary)
        #expect(rename(temporary.path, demo.url("2026-003/reviews/bengt.toml").path) == 0)

        let screen = try tmux.waitFor("Kollegors ändringar lästes in")
        #expect(screen.contains("tycka till om träffarna"), "\(screen)")
        try tmux.keys("C-s")
        try tmux.waitFor("sparad")
        let comments = try FileManager.default.contentsOfDirectory(atPath: demo.url("2026-003/comments").path)
        let saved = try comments.map { try String(contentsOf: demo.url("2026-003/comments/" + $0), encoding: .utf8) }
        #expect(saved.contains { $0.contains(text) })

        // Back in the list: the new count, with 2026-003 still chosen.
        try tmux.keys("Escape")
        let list = try tmux.waitFor("2/3")
        let row = try #require(list.split(separator: "\n").first { $0.contains("2026-003") })
        #expect(row.contains("2/3"), "\(list)")
        let cursor = try tmux.cursor()
        #expect(list.split(separator: "\n", omittingEmptySubsequences: false)[cursor.y].contains("2026-003"))

        // Her own save is not reported back to her as a colleague's change.
        Thread.sleep(forTimeInterval: 3)
        #expect(!(try tmux.screen()).contains("Kollegors ändringar"))
    }
}
