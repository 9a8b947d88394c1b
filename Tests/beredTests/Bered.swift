import Foundation
import Testing

/// Runs the real `bered` binary that `swift build` put next to the test bundle.
enum Bered {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let binary: URL = {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        // The test runner lives in the products folder (…/debug/BeredningPackageTests.xctest).
        var runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<4 {
            runner = runner.deletingLastPathComponent()
            candidates.append(runner.appendingPathComponent("bered"))
        }
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("bered"))
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/bered"))
        guard let found = candidates.first(where: { fileManager.isExecutableFile(atPath: $0.path) }) else {
            fatalError("bered is not built; looked in \(candidates.map(\.path))")
        }
        return found
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The release build installed the way the README says: `bered` and its resources folder
    /// copied into a folder of their own. The README's test command builds it first.
    static let installed: Swift.Result<URL, InstallFailed> = {
        let release = packageRoot.appendingPathComponent(".build/release")
        let binary = release.appendingPathComponent("bered")
        let resources = release.appendingPathComponent("Beredning_BeredningResources.resources")
        let fileManager = FileManager.default
        guard fileManager.isExecutableFile(atPath: binary.path), fileManager.fileExists(atPath: resources.path) else {
            return .failure(InstallFailed(reason: "no release build in \(release.path): run the README's test command (swift build -c release && swift test)"))
        }
        let folder = fileManager.temporaryDirectory.appendingPathComponent("bered-installed-\(UUID().uuidString.prefix(8))")
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            try fileManager.copyItem(at: binary, to: folder.appendingPathComponent("bered"))
            try fileManager.copyItem(at: resources, to: folder.appendingPathComponent(resources.lastPathComponent))
        } catch {
            return .failure(InstallFailed(reason: "could not install the release build: \(error)"))
        }
        return .success(folder.appendingPathComponent("bered"))
    }()

    struct InstallFailed: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    /// Runs `bered arguments…` with a Swedish-neutral environment unless `environment` says otherwise.
    static func run(_ arguments: [String], environment: [String: String] = [:], executable: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for name in ["LANG", "LC_ALL", "LC_MESSAGES", "BERED_USER"] { env[name] = nil }
        env["LANG"] = "C.UTF-8"
        for (name, value) in environment { env[name] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so a large output cannot fill the pipe and stall the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension Bered {
    /// Runs a Python script on `input`, as an independent reader of what bered wrote; its
    /// standard output, or an error with its standard error when it fails.
    static func python(_ script: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let inPipe = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = inPipe
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Written from another thread, so a large input cannot stall against a full output pipe.
        let writer = Thread {
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw InstallFailed(reason: "python: " + String(decoding: stderr, as: UTF8.self)) }
        return String(decoding: stdout, as: UTF8.self)
    }
}

/// A copy of the demo store for one test.
final class DemoCopy {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bered-cli-\(UUID().uuidString)")
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/demo")
        try FileManager.default.copyItem(at: demo, to: root)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var path: String { root.path }
    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}

/// The system's git, run in `folder` with the test's HOME and state folders; a failure is a test issue.
func runGit(_ arguments: [String], in folder: URL, _ environment: [String: String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = folder
    var env = ProcessInfo.processInfo.environment
    for (name, value) in environment { env[name] = value }
    process.environment = env
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "git \(arguments)")
}

/// A coordinator's machine and a file share in one temporary folder: a HOME and state folder
/// of their own (git was never set up there), an empty bare repository to share through, and
/// the demo as the coordinator's store. Removed when it goes.
final class SharedDemo {
    let root: URL
    let store: URL
    let share: URL
    let environment: [String: String]

    init(_ name: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bered-e2e-\(name)-\(UUID().uuidString)")
        store = root.appendingPathComponent("lars")
        share = root.appendingPathComponent("delat/fond.git")
        environment = ["HOME": root.appendingPathComponent("home").path, "XDG_STATE_HOME": root.appendingPathComponent("state").path,
                       "XDG_CONFIG_HOME": root.appendingPathComponent("home/.config").path, "GIT_CONFIG_NOSYSTEM": "1"]
        try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        try runGit(["init", "--quiet", "--bare", share.path], in: root, environment)
        try FileManager.default.copyItem(at: Bered.packageRoot.appendingPathComponent("Resources/demo"), to: store)
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}
