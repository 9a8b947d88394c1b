import Foundation
import Testing

/// A folder of our own holding a fresh copy of the demo store (`store/`), a working folder
/// (`cwd/`) and a temporary folder (`tmp/`) for the child, so that every file a command writes
/// anywhere near the store can be seen: nothing else shares this folder.
final class Sandbox {
    let parent: URL
    let store: URL
    let cwd: URL
    let tmp: URL

    init() throws {
        parent = FileManager.default.temporaryDirectory.appendingPathComponent("bered-perm-\(UUID().uuidString)")
        store = parent.appendingPathComponent("store")
        cwd = parent.appendingPathComponent("cwd")
        tmp = parent.appendingPathComponent("tmp")
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/demo")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: demo, to: store)
        try FileManager.default.createDirectory(at: cwd, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: parent) }

    var path: String { store.path }
    func url(_ relative: String) -> URL { store.appendingPathComponent(relative) }

    /// Every file and folder under `root`, by relative path, with its bytes (nil for a folder).
    static func contents(of root: URL) -> [String: Data?] {
        var result: [String: Data?] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return result }
        while let relative = walker.nextObject() as? String {
            let full = root.appendingPathComponent(relative).path
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isFolder)
            if isFolder.boolValue {
                result[relative] = .some(nil)
            } else {
                let data: Data? = FileManager.default.contents(atPath: full) ?? Data("<unreadable>".utf8)
                result[relative] = .some(data)
            }
        }
        return result
    }

    /// The whole sandbox: the store, the working folder and the temporary folder.
    var everything: [String: Data?] { Sandbox.contents(of: parent) }
    var storeFiles: [String: Data?] { Sandbox.contents(of: store) }

    /// Runs `bered` in the sandbox's working folder with its own TMPDIR.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Bered.Result {
        let process = Process()
        process.executableURL = Bered.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for name in ["LANG", "LC_ALL", "LC_MESSAGES", "BERED_USER", "LANGUAGE"] { env[name] = nil }
        env["LANG"] = "C.UTF-8"
        env["TMPDIR"] = tmp.path
        for (name, value) in environment { env[name] = value }
        process.environment = env
        process.currentDirectoryURL = cwd
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Bered.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Writes `state` into an application's `state = "…"` line, as a coordinator's editor would.
    func setState(_ id: String, _ state: String) throws {
        let file = url("\(id)/application.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("state = ") })
        lines[index] = "state = \"\(state)\""
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
    }
}

/// Lines of a changed sandbox, for a failure message.
func differences(_ before: [String: Data?], _ after: [String: Data?]) -> String {
    var lines: [String] = []
    for path in Set(before.keys).union(after.keys).sorted() {
        switch (before[path], after[path]) {
        case (nil, _?): lines.append("+ \(path)")
        case (_?, nil): lines.append("- \(path)")
        case (let a?, let b?) where a != b: lines.append("~ \(path)")
        default: break
        }
    }
    return lines.joined(separator: "\n")
}

enum DemoMembers {
    static let roles: [String: String] = [
        "anna": "beredningsgruppen", "bengt": "beredningsgruppen", "cecilia": "beredningsgruppen",
        "sara": "ungdomspanelen", "omar": "ungdomspanelen", "karin": "styrgruppen", "lars": "samordnare",
    ]
    static let all = ["anna", "bengt", "cecilia", "sara", "omar", "karin", "lars"]
    static let notCoordinators = ["anna", "bengt", "cecilia", "sara", "omar", "karin"]
}

@Suite("The role table through every command of the real binary")
struct PermissionCommandTests {
    static func decideArguments(_ store: String, _ id: String, as who: String) -> [String] {
        ["decide", store, id, "--outcome", "approve", "--date", "2026-11-20", "--case-number", "KS 2026/88",
         "--grant", "2027=450000", "--grant", "2028=500000", "--rationale", "Bra.", "--as", who]
    }

    // MARK: decide

    @Test func nobodyButTheCoordinatorRecordsADecisionOnAForwardedApplication() throws {
        let box = try Sandbox()
        // 2026-001 forwarded to the board the way the process does it.
        #expect(try box.run(["move", box.path, "2026-001", "to_steering_group", "--as", "lars"]).status == 0)
        #expect(try box.run(["move", box.path, "2026-001", "forward", "--as", "karin"]).status == 0)
        let before = box.everything
        #expect(!FileManager.default.fileExists(atPath: box.url("2026-001/decision.toml").path))
        for who in DemoMembers.notCoordinators {
            let result = try box.run(Self.decideArguments(box.path, "2026-001", as: who))
            #expect(result.status == 1, "\(who): \(result.status) \(result.stderr)")
            #expect(result.stderr == "Bara samordnaren för in kommunstyrelsens beslut (din roll: \(DemoMembers.roles[who]!)).\n", "\(who)")
            #expect(result.stdout.isEmpty, "\(who): \(result.stdout)")
            #expect(!FileManager.default.fileExists(atPath: box.url("2026-001/decision.toml").path), "\(who) wrote a decision")
        }
        let after = box.everything
        #expect(after == before, "changed:\n\(differences(before, after))")
        // The same command as the coordinator does record it: the refusals were about the role.
        let lars = try box.run(Self.decideArguments(box.path, "2026-001", as: "lars"))
        #expect(lars.status == 0, "\(lars.stderr)")
        #expect(FileManager.default.fileExists(atPath: box.url("2026-001/decision.toml").path))
    }

    @Test(arguments: ["sara", "anna"])
    func aRecordedDecisionIsNotReplacedByAnotherRole(_ who: String) throws {
        let box = try Sandbox()
        let file = box.url("2026-006/decision.toml")
        let bytes = try Data(contentsOf: file)
        let before = box.everything
        for outcome in ["approve", "reject"] {
            var arguments = Self.decideArguments(box.path, "2026-006", as: who)
            arguments[4] = outcome
            let result = try box.run(arguments)
            #expect(result.status != 0)
            #expect(result.status == 1)
            #expect(result.stderr == "Bara samordnaren för in kommunstyrelsens beslut (din roll: \(DemoMembers.roles[who]!)).\n")
        }
        // BERED_USER is the same person as --as.
        var environmentArguments = Self.decideArguments(box.path, "2026-006", as: who)
        environmentArguments.removeLast(2)
        let viaEnvironment = try box.run(environmentArguments, environment: ["BERED_USER": who])
        #expect(viaEnvironment.status == 1)
        #expect(viaEnvironment.stderr.hasPrefix("Bara samordnaren för in kommunstyrelsens beslut"))
        #expect(try Data(contentsOf: file) == bytes)
        let after = box.everything
        #expect(after == before, "changed:\n\(differences(before, after))")
    }

    @Test func decidingOnEveryDemoApplicationAsSaraOrAnnaWritesNothing() throws {
        let box = try Sandbox()
        let before = box.everything
        for who in ["sara", "anna"] {
            for id in ["2026-001", "2026-002", "2026-003", "2026-004", "2026-005", "2026-006"] {
                let result = try box.run(Self.decideArguments(box.path, id, as: who))
                #expect(result.status == 1, "\(who) \(id): \(result.stderr)")
                #expect(!result.stderr.isEmpty)
                #expect(result.stderr.contains("(din roll: \(DemoMembers.roles[who]!))"), "\(who) \(id): \(result.stderr)")
            }
        }
        let after = box.everything
        #expect(after == before, "changed:\n\(differences(before, after))")
    }

    // MARK: move

    /// Who may make each move, written out here rather than taken from the sources.
    static let movers: [String: Set<String>] = [
        "start_preparation": ["lars"], "to_steering_group": ["lars"], "resume_preparation": ["lars"],
        "return_for_completion": ["karin"], "forward": ["karin"],
        "approve": ["lars"], "reject": ["lars"], "send_feedback": ["lars"],
        "start": ["lars"], "close_implemented": ["lars"], "close_ended": ["lars"], "close_discontinued": ["lars"],
    ]

    /// Where each move starts, and a demo application put in that state.
    static let starts: [(move: String, id: String, state: String)] = [
        ("start_preparation", "2026-005", "received"), ("to_steering_group", "2026-001", "in_preparation"),
        ("return_for_completion", "2026-002", "with_steering_group"), ("forward", "2026-002", "with_steering_group"),
        ("resume_preparation", "2026-004", "returned"), ("approve", "2026-003", "forwarded"),
        ("reject", "2026-003", "forwarded"), ("send_feedback", "2026-006", "approved"),
        ("start", "2026-006", "feedback_sent"), ("close_implemented", "2026-006", "running"),
        ("close_ended", "2026-006", "running"), ("close_discontinued", "2026-006", "running"),
    ]

    static let refusals: [String: String] = [
        "start_preparation": "Bara samordnaren flyttar ansökningar in i och ut ur beredningen",
        "to_steering_group": "Bara samordnaren flyttar ansökningar in i och ut ur beredningen",
        "resume_preparation": "Bara samordnaren flyttar ansökningar in i och ut ur beredningen",
        "return_for_completion": "Bara styrgruppen kan återremittera en ansökan",
        "forward": "Bara styrgruppen kan skicka en ansökan vidare till beslut",
        "approve": "Bara samordnaren för in kommunstyrelsens beslut",
        "reject": "Bara samordnaren för in kommunstyrelsens beslut",
        "send_feedback": "Bara samordnaren skickar återkoppling till idégivaren",
        "start": "Bara samordnaren för in uppföljningar och startar eller avslutar en insats",
        "close_implemented": "Bara samordnaren för in uppföljningar och startar eller avslutar en insats",
        "close_ended": "Bara samordnaren för in uppföljningar och startar eller avslutar en insats",
        "close_discontinued": "Bara samordnaren för in uppföljningar och startar eller avslutar en insats",
    ]

    @Test func everyMoveByARoleThatMayNotMakeItIsRefusedAndChangesNothing() throws {
        let box = try Sandbox()
        try box.setState("2026-004", "returned")
        try box.setState("2026-003", "forwarded")
        var tried = 0
        for start in Self.starts {
            // 2026-006 is in four of the starting states in turn.
            try box.setState(start.id, start.state)
            let application = box.url("\(start.id)/application.toml")
            let before = box.everything
            for who in DemoMembers.all where !Self.movers[start.move]!.contains(who) {
                // A reason and an override must not talk a move past the role table.
                let result = try box.run(["move", box.path, start.id, start.move, "--as", who,
                                          "--reason", "Därför.", "--override", "Ändå."])
                tried += 1
                #expect(result.status == 1, "\(start.move) by \(who): \(result.status) \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(start.move) by \(who): \(result.stdout)")
                let expected = "\(Self.refusals[start.move]!) (din roll: \(DemoMembers.roles[who]!))."
                #expect(result.stderr.hasPrefix(expected), "\(start.move) by \(who): \(result.stderr)")
                #expect(try String(contentsOf: application, encoding: .utf8).contains("state = \"\(start.state)\""))
            }
            let after = box.everything
            #expect(after == before, "\(start.move): changed:\n\(differences(before, after))")
        }
        #expect(tried == 72)
    }

    @Test func theSteeringGroupCannotOverrideTheGate() throws {
        let box = try Sandbox()
        let before = box.everything
        // 2026-003 lacks a review and an answer; only a coordinator may move it anyway.
        for who in ["karin", "anna", "sara"] {
            let result = try box.run(["move", box.path, "2026-003", "to_steering_group", "--as", who, "--override", "Brådskande."])
            #expect(result.status == 1, "\(who): \(result.stderr)")
            #expect(result.stderr.contains("(din roll: \(DemoMembers.roles[who]!))"), "\(who): \(result.stderr)")
        }
        let after = box.everything
        #expect(after == before, "changed:\n\(differences(before, after))")
    }

    // MARK: export

    @Test(arguments: DemoMembers.notCoordinators)
    func exportIsRefusedToEveryoneButTheCoordinator(_ who: String) throws {
        let box = try Sandbox()
        let before = box.everything
        let out = box.cwd.appendingPathComponent("export.out")
        for format in ["csv", "json", "md", "html", "report", "report-html", "xlsx"] {
            let id = format == "md" || format == "html" ? ["--id", "2026-006"] : format.hasPrefix("report") ? ["--year", "2027"] : []
            for target in [[], ["--out", out.path], ["--out", "relative.out"]] {
                let result = try box.run(["export", box.path, "--format", format, "--as", who] + id + target)
                #expect(result.status == 1, "\(who) \(format) \(target): \(result.status) \(result.stderr)")
                #expect(result.stderr == "Bara samordnaren exporterar beslut (din roll: \(DemoMembers.roles[who]!)).\n")
                // Nothing of the store leaks to standard output either.
                #expect(result.stdout.isEmpty, "\(who) \(format): \(result.stdout.prefix(200))")
            }
        }
        let after = box.everything
        #expect(after == before, "changed:\n\(differences(before, after))")
        // The coordinator's same command writes the file: the refusal was about the role.
        let lars = try box.run(["export", box.path, "--format", "csv", "--as", "lars", "--out", out.path])
        #expect(lars.status == 0)
        #expect(FileManager.default.fileExists(atPath: out.path))
    }

    // MARK: No command writes a review for the youth panel

    static let visibleCommands = ["open", "demo", "init", "new", "edit", "template", "import", "list", "check", "calc", "move", "decide", "forslag", "uppfoljning", "meeting", "budget", "aterbetalning", "remind", "brev", "jav", "history", "export", "validate", "sync", "share", "trust", "verify", "key", "man"]

    @Test func theCommandsAreTheKnownOnesAndNoneWritesAReview() throws {
        let box = try Sandbox()
        let top = try box.run(["--help", "--lang", "en"])
        #expect(top.status == 0)
        // The SUBCOMMANDS section, one name at the start of each entry.
        let section = try #require(top.stdout.components(separatedBy: "SUBCOMMANDS:").last)
        let names = section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first else { return nil }
            // A command with aliases is listed as "jav, jäv, conflict".
            return String(word).trimmingCharacters(in: CharacterSet(charactersIn: ","))
        }.filter { $0 != "See" }
        // A new command shows up here, and must then be added to the checks below.
        #expect(names == Self.visibleCommands)
        for name in names + ["bench", "bench generate", "bench floor", "bench first-screen", "bench keys"] {
            let help = try box.run(name.split(separator: " ").map(String.init) + ["--help", "--lang", "en"])
            #expect(help.status == 0, "\(name)")
            #expect(help.stdout.contains("USAGE: bered \(name)"), "\(name): \(help.stdout.prefix(200))")
            let options = help.stdout.components(separatedBy: "OPTIONS:").last ?? ""
            for flag in ["--score", "--scores", "--review", "--recommendation", "--summary", "--comment", "--reviewer", "--assessment"] {
                #expect(!options.contains(flag + " ") && !options.contains(flag + "\n"), "\(name) has \(flag)")
            }
        }
    }

    @Test func everyCommandRunAsSaraLeavesTheStoreAsItWas() throws {
        let box = try Sandbox()
        let s = box.path
        let runs: [[String]] = [
            ["open", s, "--as", "sara"], [s, "--as", "sara"], ["demo", "--as", "sara"], ["init", box.cwd.appendingPathComponent("ny").path],
            ["new", s, "--title", "Sara vill", "--as", "sara"], ["edit", s, "2026-001", "--as", "sara"],
            ["template", s, "--out", box.cwd.appendingPathComponent("ansokan.docx").path],
            ["template", s, "--id", "2026-001", "--out", box.cwd.appendingPathComponent("2026-001.docx").path],
            ["import", s, box.cwd.appendingPathComponent("ansokan.docx").path, "--as", "sara"],
            ["import", s, box.cwd.appendingPathComponent("ansokan.docx").path, "--id", "2026-001", "--as", "sara"],
            ["list", s], ["list", s, "--json"],
            ["check", s, "--as", "sara"], ["check", s, "2026-001", "--json", "--as", "sara"], ["calc", s, "2026-001"], ["calc", s, "2026-001", "--json"],
            ["move", s, "2026-001", "to_steering_group", "--as", "sara"], ["move", s, "2026-002", "forward", "--as", "sara"],
            Self.decideArguments(s, "2026-002", as: "sara"),
            ["forslag", s, "2026-001", "--recommend", "approve", "--rationale", "Bra", "--as", "sara"],
            ["uppfoljning", s], ["uppfoljning", s, "2026-006"], ["uppfoljning", s, "2026-006", "--template", "--date", "2028-06-16"],
            ["uppfoljning", s, "2026-006", "--file", box.cwd.appendingPathComponent("uppf.toml").path, "--as", "sara"],
            ["move", s, "2026-006", "close_ended", "--reason", "Klart", "--as", "sara"],
            ["meeting", s, "--as", "sara"], ["budget", s], ["budget", s, "--json"], ["aterbetalning", s, "2026-006"],
            ["aterbetalning", s, "2026-006", "--propose", "--as", "sara"],
            ["aterbetalning", s, "2026-006", "--receive", "--actor", "Sektor omsorg", "--date", "2029-01-01", "--amount", "1", "--as", "sara"],
            ["remind", s, "--as", "sara"], ["brev", s, "2026-006", "--as", "sara"],
            ["move", s, "2026-006", "send_feedback", "--as", "sara"], ["jav", s, "2026-001", "--reason", "Min kusin", "--as", "sara"], ["jav", s, "2026-003", "--withdraw", "--for", "cecilia", "--as", "sara"],
            ["history", s, "2026-001"], ["export", s, "--format", "json", "--as", "sara"],
            ["export", s, "--format", "report", "--year", "2027", "--out", box.cwd.appendingPathComponent("rapport.md").path, "--as", "sara"], ["validate", s],
            ["sync", s, "--as", "sara"], ["share", s, box.cwd.appendingPathComponent("delat.git").path, "--as", "sara"],
            ["sync", s, "--restore", "--as", "sara"], ["trust", s, "--as", "sara"], ["verify", s], ["key", "--as", "sara"], ["man"],
            ["bench", "first-screen", s, "--as", "sara"], ["bench", "keys", s, "--presses", "5", "--as", "sara"], ["bench", "floor", s],
        ]
        let before = box.storeFiles
        let reviewsBefore = before.filter { $0.key.contains("/reviews/") }
        #expect(reviewsBefore.count >= 10)
        for arguments in runs {
            // Her key, if a command makes one, goes to a state folder of the sandbox's, never the store.
            let result = try box.run(arguments, environment: ["BERED_USER": "sara", "XDG_STATE_HOME": box.cwd.appendingPathComponent("state").path])
            let after = box.storeFiles
            #expect(after == before, "bered \(arguments.joined(separator: " ")) (exit \(result.status)) changed:\n\(differences(before, after))")
        }
        #expect(!FileManager.default.fileExists(atPath: box.store.appendingPathComponent(".git").path), "share by sara made a repository")
        // Sara's only write is a youth comment, through the interface; no review file of hers exists.
        #expect(!box.storeFiles.keys.contains { $0.hasSuffix("/reviews/sara.toml") })
    }

    @Test func theHiddenBenchGeneratorRefusesAnExistingStore() throws {
        // `bered bench generate <folder>` writes generated reviews by anna, bengt and cecilia.
        // Pointed at a real store, by anyone, it must not replace the reviews (or bered.toml).
        let box = try Sandbox()
        let before = box.storeFiles
        let result = try box.run(["bench", "generate", box.path, "--count", "2"], environment: ["BERED_USER": "sara"])
        let after = box.storeFiles
        #expect(result.status != 0, "bench generate over an existing store exited 0")
        #expect(after == before, "changed:\n\(differences(before, after))")
    }
}
