import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `bered` in a real terminal: a detached tmux session on a server of its own, driven
/// with send-keys and read with capture-pane, as a person at the keyboard would.
final class Tmux {
    let socket = "bered-test-\(UUID().uuidString.prefix(8))"
    let session = "t"

    /// Starts `bered arguments…` at a fixed size; when it exits, the pane prints `EXIT=<status>`.
    init(_ arguments: [String], width: Int = 80, height: Int = 24, environment: [String: String] = [:], binary: URL = Bered.binary) throws {
        var env = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "HOME": NSTemporaryDirectory(), "EDITOR": "true"]
        for (k, v) in environment { env[k] = v }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Tmux.quote($0.value))" }.joined(separator: " ")
        let command = "env -i PATH=/usr/bin:/bin \(assignments) \(Tmux.quote(binary.path)) \(arguments.map(Tmux.quote).joined(separator: " ")); echo EXIT=$?; sleep 120"
        // The first call starts the server, which would keep a captured pipe open for ever.
        try tmux(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), command], capture: false)
    }

    deinit { _ = try? tmux(["kill-server"], capture: false) }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs a tmux command and returns what it printed. posix_spawn and waitpid rather than
    /// Foundation's Process: the first call forks the tmux server, and Process then waits for
    /// ever on Linux (seen here).
    @discardableResult
    func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let output = NSTemporaryDirectory() + "bered-tmux-\(UUID().uuidString).out"
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? output : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else of the test runner's is inherited: not its open pipes (swift test would
        // wait for them to close) nor its blocked signals (the server and the panes would never
        // see kill-server's SIGHUP).
        _ = Tmux.closeFrom?(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = (["tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ) == 0 else { throw SpawnFailed() }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return capture ? ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "") : ""
    }

    struct SpawnFailed: Error {}

    /// glibc's posix_spawn_file_actions_addclosefrom_np, which Swift's Glibc module does not export.
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let closeFrom: CloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: CloseFrom.self)
    }

    /// Named keys (Enter, Tab, Escape, C-o, BTab, Down…), each sent on its own.
    func keys(_ names: String...) throws {
        for name in names {
            try tmux(["send-keys", "-t", session, name])
            // Esc is told apart from Alt+key by a pause; let it pass before the next key.
            if name == "Escape" { Thread.sleep(forTimeInterval: 0.15) }
        }
    }

    /// Text typed literally, å ä ö included.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", session, "-l", "--", text])
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", session]) }

    /// The screen with its colours and attributes as escape sequences.
    func styledScreen() throws -> String { try tmux(["capture-pane", "-p", "-e", "-t", session]) }

    /// Waits until the screen shows `text`; fails the test with the screen if it never does.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("never showed \(text.debugDescription); the screen was:\n\(last)", sourceLocation: sourceLocation)
        throw TimedOut()
    }

    struct TimedOut: Error {}

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }
}

extension Tmux {
    /// The pid of the program the pane runs: the pane runs sh, which runs it.
    func programPID() throws -> pid_t {
        let pane = try tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(contentsOfFile: "/proc/\(pane)/task/\(pane)/children", encoding: .utf8)
        guard let child = children.split(separator: " ").first.flatMap({ pid_t($0) }) else { throw NoProgram() }
        return child
    }

    struct NoProgram: Error {}

    /// Where the terminal's cursor is, and whether it is shown: what a screen reader follows.
    func cursor() throws -> (x: Int, y: Int, visible: Bool) {
        let fields = try tmux(["display-message", "-p", "-t", session, "#{cursor_x},#{cursor_y},#{cursor_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").compactMap { Int($0) }
        guard fields.count == 3 else { throw NoCursor() }
        return (fields[0], fields[1], fields[2] == 1)
    }

    struct NoCursor: Error {}

    /// Waits until the cursor is on row `y` of the screen; returns that row's text from the cursor on.
    @discardableResult
    func waitForCursor(onRow y: Int, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = (x: -1, y: -1, visible: false)
        while Date() < deadline {
            last = try cursor()
            let rows = try screen().split(separator: "\n", omittingEmptySubsequences: false)
            if last.y == y, last.visible, rows.indices.contains(y) { return String(rows[y].dropFirst(last.x)) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the cursor stayed at \(last.x),\(last.y) (shown: \(last.visible)), not on row \(y)", sourceLocation: sourceLocation)
        throw TimedOut()
    }
}
