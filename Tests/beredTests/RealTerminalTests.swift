import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Which program a test drives: the release build installed as the README says, and the
/// debug build `swift test` made. They differ where it matters (C state, optimisation).
enum Build: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case release, debug

    var testDescription: String { rawValue }

    func binary() throws -> URL {
        switch self {
        case .release: try Bered.installed.get()
        case .debug: Bered.binary
        }
    }
}

/// The program as people run it: the installed release build, a real editor, real signals,
/// a closed terminal window, a bracketed paste, and the TERM values people have.
@Suite("The installed program in real terminals", .serialized)
struct RealTerminalTests {
    /// A private state folder, so the recovery draft can be looked for.
    final class StateFolder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bered-state-\(UUID().uuidString.prefix(8))")
        deinit { try? FileManager.default.removeItem(at: url) }

        /// The text of every draft file kept here.
        func drafts() -> String {
            let folder = url.appendingPathComponent("bered/drafts")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
        }
    }

    /// Sara of the youth panel with a half-written comment on the screen.
    func typingAComment(_ build: Build, _ text: String, state: StateFolder, demo: DemoCopy) throws -> Tmux {
        let tmux = try commentForm(build, demo: demo, environment: ["XDG_STATE_HOME": state.url.path])
        try tmux.type(text)
        try tmux.waitFor(text)
        return tmux
    }

    /// Sara of the youth panel in the comment form of 2026-001.
    func commentForm(_ build: Build, demo: DemoCopy, environment: [String: String]) throws -> Tmux {
        let tmux = try Tmux(["open", demo.path, "--as", "sara"], environment: environment, binary: try build.binary())
        try tmux.waitFor("Sara Johansson")
        try tmux.keys("c")
        try tmux.waitFor("Kommentar till 2026-001")
        return tmux
    }

    func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        // A zombie has ended; only its parent has not asked yet.
        return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? true)
    }

    /// Waits up to `seconds` for the process to end; true when it did.
    func ends(_ pid: pid_t, within seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !isRunning(pid) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return !isRunning(pid)
    }

    @Test(arguments: Build.allCases, [SIGTERM, SIGHUP, SIGINT])
    func aSignalEndsItWithinASecondAndKeepsTheDraft(build: Build, signal: Int32) throws {
        let demo = try DemoCopy()
        let state = StateFolder()
        let text = "Utkastet som överlever signal \(signal)"
        let tmux = try typingAComment(build, text, state: state, demo: demo)
        let pid = try tmux.programPID()
        #expect(kill(pid, signal) == 0)
        #expect(ends(pid, within: 1), "still running a second after signal \(signal)")
        let screen = try tmux.waitFor("EXIT=\(128 + signal)")
        #expect(!screen.contains("Beredning — Ale"))  // the terminal is restored
        #expect(state.drafts().contains(text))
    }

    @Test(arguments: Build.allCases)
    func closingTheTerminalEndsItWithinASecondAndKeepsTheDraft(build: Build) throws {
        let demo = try DemoCopy()
        let state = StateFolder()
        let text = "Fönstret stängdes mitt i meningen"
        let tmux = try typingAComment(build, text, state: state, demo: demo)
        let pid = try tmux.programPID()
        try tmux.tmux(["kill-session", "-t", tmux.session], capture: false)
        #expect(ends(pid, within: 1), "still running a second after its terminal closed")
        #expect(state.drafts().contains(text))
    }

    /// An empty XDG_STATE_HOME once put drafts in the current folder, which is often the store.
    @Test(arguments: Build.allCases)
    func withoutAFolderOfItsOwnADraftStaysInMemoryAndTheMemberIsTold(build: Build) throws {
        let demo = try DemoCopy()
        let before = try FileManager.default.subpathsOfDirectory(atPath: demo.path).sorted()
        let tmux = try commentForm(build, demo: demo, environment: ["XDG_STATE_HOME": "", "HOME": ""])
        try tmux.type("Ska inte hamna i den delade mappen")
        try tmux.waitFor("ingen egen mapp för utkast")
        let pid = try tmux.programPID()
        #expect(kill(pid, SIGTERM) == 0)
        try tmux.waitFor("EXIT=143")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: demo.path).sorted() == before)
    }

    @Test(arguments: Build.allCases)
    func vimEditsACommentThroughCtrlE(build: Build) throws {
        let demo = try DemoCopy()
        let state = StateFolder()
        let tmux = try commentForm(build, demo: demo, environment: ["XDG_STATE_HOME": state.url.path, "EDITOR": "vim -u NONE -i NONE -n"])
        try tmux.type("Första raden")
        try tmux.waitFor("Första raden")
        try tmux.keys("C-e")
        try tmux.waitFor("text.txt")  // vim's own status line: the editor has the terminal
        try tmux.keys("G", "o")
        try tmux.type("Andra raden från vim – åäö")
        try tmux.keys("Escape")
        try tmux.type(":wq")
        try tmux.keys("Enter")
        // vim's own screen shows the text too; the form's label says the interface is back.
        try tmux.waitFor("Din kommentar")
        let screen = try tmux.waitFor("Andra raden från vim – åäö")
        #expect(screen.contains("Första raden"))
        #expect(!screen.contains("R3;") && !screen.contains(";1R") && !screen.contains("2;2R"), "a terminal reply became text:\n\(screen)")
        try tmux.keys("C-s")
        try tmux.waitFor("Kommentaren är sparad")
        let folder = demo.url("2026-001/comments")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix("-sara.toml") }
        let saved = try files.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.joined()
        #expect(saved.contains("Första raden\nAndra raden från vim – åäö") || saved.contains("Första raden\\nAndra raden från vim – åäö"),
                "the saved comment:\n\(saved)")
        try tmux.keys("Escape")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test(arguments: Build.allCases)
    func aBracketedPasteWithTabsAndLineBreaksIsTextNotKeys(build: Build) throws {
        let demo = try DemoCopy()
        let state = StateFolder()
        let tmux = try Tmux(["open", demo.path, "--as", "anna"], environment: ["XDG_STATE_HOME": state.url.path], binary: try build.binary())
        try tmux.waitFor("2026-006")
        try tmux.keys("G", "k", "p")
        try tmux.waitFor("Granskning av 2026-005")
        try tmux.keys("3", "Tab")
        // Digits, x, Tab and Enter would each change a score or the focus if taken as keys.
        let pasted = "Inklistrat\tefter tabb 4 x 1\nandra raden 2\n\ttredje"
        try tmux.tmux(["set-buffer", "-b", "klipp", "--", pasted], capture: false)
        try tmux.tmux(["paste-buffer", "-p", "-b", "klipp", "-t", tmux.session], capture: false)
        let screen = try tmux.waitFor("andra raden 2")
        #expect(screen.contains("[3 godtagbart]"))
        try tmux.keys("C-s")
        try tmux.waitFor("Utkast sparat")
        let review = try String(contentsOf: demo.url("2026-005/reviews/anna.toml"), encoding: .utf8)
        #expect(review.contains("score = 3"), "\(review)")
        #expect(review.contains("Inklistrat"))
        #expect(review.contains("andra raden 2"))
        // The second criterion was never reached: no score was typed into it.
        #expect(review.components(separatedBy: "score =").count == 2, "\(review)")
    }

    /// tmux sends xterm's sequences whatever TERM says inside it: Home as `ESC [1~`, F1 as `ESC O P`.
    @Test(arguments: Build.allCases, ["xterm-256color", "tmux-256color", "screen-256color", "linux", "vt100"])
    func keysTheTerminalSendsAreKeysUnderEveryTerm(build: Build, term: String) throws {
        let demo = try DemoCopy()
        let state = StateFolder()
        let tmux = try commentForm(build, demo: demo, environment: ["XDG_STATE_HOME": state.url.path, "TERM": term])
        try tmux.type("mitten")
        try tmux.keys("Home")
        try tmux.type("A-")
        try tmux.keys("End")
        try tmux.type("-Ö")
        let screen = try tmux.waitFor("A-mitten-Ö")
        for junk in ["1~", "4~", "7~", "8~", "OH", "OF"] { #expect(!screen.contains(junk), "\(term): \(junk) typed") }
        try tmux.keys("F1")
        let help = try tmux.waitFor("Tangenter")
        #expect(!help.contains("A-mitten-ÖP"), "\(term): F1 typed a P")
        try tmux.keys("Escape")
        try tmux.keys("C-c")
        try tmux.waitFor("Osparade ändringar")
    }

    /// Screen readers and magnifiers follow the terminal's cursor: it is shown, and stands on
    /// the selected row and on the chosen score, not wherever the last drawing stopped.
    @Test func theCursorIsOnWhatHasFocus() throws {
        let demo = try DemoCopy()
        let state = StateFolder()
        let tmux = try Tmux(["open", demo.path, "--as", "anna"], environment: ["XDG_STATE_HOME": state.url.path], binary: try Build.release.binary())
        try tmux.waitFor("2026-006")
        #expect(try tmux.waitForCursor(onRow: 2).contains("2026-001"))
        #expect(try tmux.cursor().x == 0)
        try tmux.keys("j")
        #expect(try tmux.waitForCursor(onRow: 3).contains("2026-002"))
        try tmux.keys("G", "k", "p")
        try tmux.waitFor("Granskning av 2026-005")
        try tmux.keys("3")
        try tmux.waitFor("[3 godtagbart]")
        let row = try tmux.screen().split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("[3 godtagbart]") } ?? -1
        #expect(try tmux.waitForCursor(onRow: row).hasPrefix("[3 godtagbart]"))
    }

    @Test(arguments: Build.allCases)
    func aTerminalThatCannotMoveItsCursorIsRefusedInWords(build: Build) throws {
        let demo = try DemoCopy()
        let tmux = try Tmux(["open", demo.path, "--as", "sara"], environment: ["TERM": "dumb"], binary: try build.binary())
        let screen = try tmux.waitFor("EXIT=2")
        #expect(screen.contains("TERM=dumb"))
        #expect(screen.contains("bered list"))
    }
}
