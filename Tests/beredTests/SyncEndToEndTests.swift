import Foundation
import Testing

/// `bered share`, `bered sync` and the interface's sync key, with the real binary and the
/// real git: a bare repository on a "file share" and two copies of the store.
@Suite("Sharing through git with the real binary", .serialized)
struct SyncEndToEndTests {
    /// The coordinator shares the demo store; the same coordinator's second machine clones
    /// it; both then retitle 2026-003, and the office syncs first.
    final class TwoMachines {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bered-e2e-sync-\(UUID().uuidString)")
        var office: URL { root.appendingPathComponent("kontoret") }
        var home: URL { root.appendingPathComponent("hemma") }
        var share: URL { root.appendingPathComponent("delat/fond.git") }
        var environment: [String: String] {
            ["HOME": root.appendingPathComponent("home").path, "XDG_STATE_HOME": root.appendingPathComponent("state").path,
             "XDG_CONFIG_HOME": root.appendingPathComponent("home/.config").path, "GIT_CONFIG_NOSYSTEM": "1"]
        }

        init() throws {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
            try git(["init", "--quiet", "--bare", share.path])
            let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Resources/demo")
            try FileManager.default.copyItem(at: demo, to: office)
            let shared = try Bered.run(["share", office.path, share.path, "--as", "lars"], environment: environment)
            #expect(shared.status == 0, "\(shared.stderr)")
            #expect(shared.stdout.contains("Kollegor hämtar den med: git clone"))
            try git(["clone", "--quiet", share.path, home.path])
            try retitle(office, "Kontorets titel på 2026-003")
            try retitle(home, "Hemmets titel på 2026-003, med åäö")
            let first = try Bered.run(["sync", office.path, "--as", "lars"], environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func retitle(_ store: URL, _ title: String) throws {
            let file = store.appendingPathComponent("2026-003/application.toml")
            let text = try String(contentsOf: file, encoding: .utf8)
            let old = try #require(text.split(separator: "\n").first { $0.hasPrefix("title = ") })
            try Data(text.replacingOccurrences(of: old, with: "title = \"\(title)\"").utf8).write(to: file)
        }

        func title(_ store: URL) throws -> String {
            try String(contentsOf: store.appendingPathComponent("2026-003/application.toml"), encoding: .utf8)
                .split(separator: "\n").first { $0.hasPrefix("title = ") }.map(String.init) ?? ""
        }

        @discardableResult
        func git(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git"] + arguments
            var env = ProcessInfo.processInfo.environment
            for (name, value) in environment { env[name] = value }
            process.environment = env
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments)")
            return String(decoding: data, as: UTF8.self)
        }
    }

    @Test func theCommandLineShowsBothVersionsThenKeepsTheChosenOne() throws {
        let machines = try TwoMachines()
        let stopped = try Bered.run(["sync", machines.home.path, "--as", "lars"], environment: machines.environment)
        #expect(stopped.status == 4)
        #expect(stopped.stdout.contains("Ansökans text 2026-003"))
        #expect(stopped.stdout.contains("Din version: Hemmets titel på 2026-003, med åäö"))
        #expect(stopped.stdout.contains("Kollegans version: Kontorets titel på 2026-003"))
        #expect(stopped.stdout.contains("--keep mine"))
        #expect(try machines.title(machines.home) == "title = \"Hemmets titel på 2026-003, med åäö\"")

        let bad = try Bered.run(["sync", machines.home.path, "--as", "lars", "--keep", "båda"], environment: machines.environment)
        #expect(bad.status != 0 && bad.stderr.contains("--keep tar mine, theirs"))

        let kept = try Bered.run(["sync", machines.home.path, "--as", "lars", "--keep", "theirs"], environment: machines.environment)
        #expect(kept.status == 0, "\(kept.stdout)\(kept.stderr)")
        #expect(try machines.title(machines.home) == "title = \"Kontorets titel på 2026-003\"")
        let path = try #require(kept.stdout.split(separator: "\n").first { $0.contains("finns kvar här: ") }?.components(separatedBy: "finns kvar här: ").last)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("Hemmets titel på 2026-003, med åäö"))
        let validated = try Bered.run(["validate", machines.home.path], environment: machines.environment)
        #expect(validated.status == 0)
    }

    @Test func withoutTheShareTheWorkIsCommittedAndTheExitSaysSo() throws {
        let machines = try TwoMachines()
        try FileManager.default.moveItem(at: machines.share, to: machines.root.appendingPathComponent("borta.git"))
        let offline = try Bered.run(["sync", machines.home.path, "--as", "lars"], environment: machines.environment)
        #expect(offline.status == 3)
        #expect(offline.stdout.contains("Kunde inte nå den gemensamma lagringen"))
        #expect(try machines.git(["-C", machines.home.path, "status", "--porcelain"]).isEmpty)
        #expect(try machines.git(["-C", machines.home.path, "log", "-1", "--format=%s"]).contains("ansökan 2026-003"))
    }

    @Test func aPlainFolderIsNotSharedAndSaysHowToJoin() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["sync", demo.path, "--as", "anna"], environment: ["HOME": demo.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("delas inte via git") && result.stderr.contains("git clone"))
    }

    @Test func theInterfaceSyncsWithYAndAsksWhichVersionToKeep() throws {
        let machines = try TwoMachines()
        let tmux = try Tmux(["open", machines.home.path, "--as", "lars"], environment: machines.environment)
        try tmux.waitFor("2026-006")
        try tmux.keys("y")
        // The dialog's last line: a capture taken while the dialog is still being drawn would
        // show its title alone.
        let conflict = try tmux.waitFor("Kollegans version: Kontorets titel på 2026-003")
        #expect(conflict.contains("Konflikt 1 av 1"))
        #expect(conflict.contains("Din version: Hemmets titel på 2026-003, med åäö"))
        try tmux.keys("t")
        let notice = try tmux.waitFor("finns kvar här")
        #expect(notice.contains("Synkat"))
        try tmux.keys("Enter")
        try tmux.waitFor("Kontorets titel")  // the list, reloaded after the sync
        #expect(try machines.title(machines.home) == "title = \"Kontorets titel på 2026-003\"")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
    }
}
