import Foundation

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

    /// Runs `bered arguments…` with a Swedish-neutral environment unless `environment` says otherwise.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
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
