import Foundation

/// The `git` on the machine, run in one working tree. Sharing is built on git rather than
/// on anything home-made: it already merges, keeps history and works offline.
struct Git: Sendable {
    struct Result: Sendable {
        let status: Int32
        let output: String
        let errors: String
        var succeeded: Bool { status == 0 }
    }

    let folder: URL
    let environment: [String: String]
    /// `-c name=value` settings put before every command.
    var settings: [String] = []

    init(folder: URL, environment: [String: String]) {
        self.folder = folder
        var env = environment
        // Never stop to ask for a password or open an editor: there is no one to answer.
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GIT_EDITOR"] = "true"
        env["GIT_MERGE_AUTOEDIT"] = "no"
        if env["GIT_SSH_COMMAND"] == nil { env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes -o ConnectTimeout=15" }
        // Messages are read by the program ("rejected", "CONFLICT"), so they must not be translated.
        env["LC_ALL"] = "C"
        self.environment = env
    }

    /// Runs `git <arguments>` and waits; never throws: a git that cannot start is a failed result.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + settings + arguments
        process.currentDirectoryURL = folder
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : Pipe()
        do { try process.run() } catch {
            return Result(status: 127, output: "", errors: "git: \(error.localizedDescription)")
        }
        if let input, let pipe = process.standardInput as? Pipe {
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try? pipe.fileHandleForWriting.close()
        }
        // Both pipes drain at once, so a long output cannot block git while we wait.
        nonisolated(unsafe) var outputData = Data()
        let reader = DispatchGroup()
        reader.enter()
        DispatchQueue.global().async {
            outputData = output.fileHandleForReading.readDataToEndOfFile()
            reader.leave()
        }
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        reader.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                      errors: String(decoding: errorData, as: UTF8.self))
    }

    /// Trimmed standard output of a command that succeeded, else nil.
    func value(_ arguments: [String]) -> String? {
        let result = run(arguments)
        guard result.succeeded else { return nil }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// NUL-separated paths (`-z`), which keeps names with spaces or non-ASCII letters whole.
    func paths(_ arguments: [String]) -> [String] {
        run(arguments).output.split(separator: "\0").map(String.init)
    }
}
