import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Typing that was never saved comes back after Ctrl-C, SIGTERM, SIGHUP or a closed terminal.
@Suite("Recovery drafts in a real terminal", .serialized)
struct RecoveryDraftEndToEndTests {
    enum Ending: String, CaseIterable { case ctrlC, sigterm, sighup, closedTerminal }

    static let text = "Vi unga tycker att träffarna på fritidsgården är det bästa"

    /// A demo store and a drafts folder of the test's own, where sara opens the interface.
    final class Session {
        let demo: DemoCopy
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bered-state-\(UUID().uuidString)")
        var environment: [String: String] { ["XDG_STATE_HOME": state.path] }
        var drafts: [String] { (try? FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("bered/drafts").path)) ?? [] }

        init() throws { demo = try DemoCopy() }
        deinit { try? FileManager.default.removeItem(at: state) }

        func open() throws -> Tmux {
            try Tmux(["open", demo.path, "--as", "sara"], environment: environment)
        }

        /// Sara's interface with a comment on 2026-001 typed (up to `end`) and not saved.
        func typingAComment(_ text: String, endingIn end: String) throws -> Tmux {
            let tmux = try open()
            try tmux.waitFor("2026-006")
            try tmux.keys("c")
            try tmux.type(text)
            try tmux.waitFor(end)
            return tmux
        }
    }

    /// The pid of `bered` in the pane (the pane runs sh, which runs bered).
    func beredPID(_ tmux: Tmux) throws -> Int32 {
        let shell = try tmux.tmux(["display-message", "-p", "-t", tmux.session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        return try #require(children.split(separator: " ").first.flatMap { Int32($0) })
    }

    @Test(arguments: Ending.allCases)
    func unsavedTypingIsOfferedBackAtTheNextStart(ending: Ending) throws {
        let session = try Session()
        let first = try session.typingAComment(Self.text, endingIn: "det bästa")
        let pid = try beredPID(first)
        switch ending {
        case .ctrlC:
            try first.keys("C-c")
            try first.waitFor("Avsluta ändå?")
            try first.keys("a")
            try first.waitFor("EXIT=0")
        case .sigterm:
            kill(pid, SIGTERM)
            try first.waitFor("EXIT=143")
        case .sighup:
            kill(pid, SIGHUP)
            try first.waitFor("EXIT=129")
        case .closedTerminal:
            // Closing the window: the terminal goes away and the program gets SIGHUP.
            _ = try? first.tmux(["kill-server"], capture: false)
            var waited = 0
            while kill(pid, 0) == 0 && waited < 100 { usleep(50_000); waited += 1 }
            #expect(kill(pid, 0) != 0, "bered outlived its terminal")
        }
        let drafts = session.drafts
        #expect(drafts.count == 1 && drafts[0].hasSuffix("-sara-comment-2026-001.toml"), "\(drafts)")

        let second = try session.open()
        try second.waitFor("Osparad text från förra gången")
        try second.keys("Enter")
        try second.waitFor("det bästa")
        try second.keys("C-s")
        try second.waitFor("Kommentaren är sparad")
        let demo = session.demo
        let comments = try FileManager.default.contentsOfDirectory(atPath: demo.url("2026-001/comments").path)
        let saved = try comments.map { try String(contentsOf: demo.url("2026-001/comments/" + $0), encoding: .utf8) }
        #expect(saved.contains { $0.contains(Self.text) })
        // Saved: the draft is gone, and nothing is offered next time.
        #expect(session.drafts.isEmpty)
    }

    @Test func aDraftThrownAwayIsNotOfferedAgain() throws {
        let session = try Session()
        let first = try session.typingAComment("Ett utkast som ska bort", endingIn: "ska bort")
        kill(try beredPID(first), SIGTERM)
        try first.waitFor("EXIT=143")
        let second = try session.open()
        try second.waitFor("Osparad text från förra gången")
        try second.keys("d")
        try second.waitFor("Den osparade texten är slängd.")
        try second.keys("q")
        try second.waitFor("EXIT=0")
        let third = try session.open()
        let screen = try third.waitFor("2026-006")
        #expect(!screen.contains("Osparad text"))
    }

    /// "Not now" keeps the draft for the next start even when the member goes on to type and
    /// save something else meanwhile (once, the next typing replaced it). The installed build.
    @Test func aDraftPutOffSurvivesOtherTypingAndIsOfferedAgain() throws {
        let session = try Session()
        let first = try session.typingAComment(Self.text, endingIn: "det bästa")
        kill(try beredPID(first), SIGTERM)
        try first.waitFor("EXIT=143")
        let binary = try Bered.installed.get()
        let second = try Tmux(["open", session.demo.path, "--as", "sara"], environment: session.environment, binary: binary)
        try second.waitFor("Osparad text från förra gången")
        try second.keys("Escape")
        try second.waitFor("2026-006")
        try second.keys("j", "c")
        try second.waitFor("Kommentar till 2026-002")
        try second.type("En annan kommentar som sparas")
        try second.waitFor("som sparas")
        Thread.sleep(forTimeInterval: 1.2)  // long enough for its own draft to be written
        try second.keys("C-s")
        try second.waitFor("Kommentaren är sparad")
        try second.keys("q")
        try second.waitFor("EXIT=0")
        #expect(session.drafts.count == 1, "\(session.drafts)")
        let third = try Tmux(["open", session.demo.path, "--as", "sara"], environment: session.environment, binary: binary)
        try third.waitFor("Osparad text från förra gången")
        try third.keys("Enter")
        try third.waitFor("det bästa")
    }
}
