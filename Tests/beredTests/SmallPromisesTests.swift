import BeredningCore
import Foundation
import Testing

/// The small things a new user meets first, on the installed release build.
@Suite("Version, demo copies and titles", .serialized)
struct SmallPromisesTests {
    @Test(arguments: Build.allCases)
    func versionIsPrinted(build: Build) throws {
        let process = Process()
        process.executableURL = try build.binary()
        process.arguments = ["--version"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(printed == BeredningVersion.current + "\n")
    }

    /// ArgumentParser quotes what was typed in its errors; a value pasted with an OSC 52
    /// clipboard write or a colour code must reach the terminal as text, not as a command.
    @Test(arguments: Build.allCases)
    func argumentErrorsShowControlCharactersAsText(build: Build) throws {
        for arguments in [["list", "/tmp", "extra\u{1B}]52;c;aGVq\u{07}"], ["list", "/tmp", "--bogus\u{1B}[31m"], ["list", "/tmp", "--lang", "x\u{9B}2J"]] {
            let process = Process()
            process.executableURL = try build.binary()
            process.arguments = arguments
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let printed = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                + String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus != 0)
            #expect(!printed.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{9B}" }, "\(arguments): \(printed.debugDescription)")
            #expect(printed.contains("\u{FFFD}"), "\(arguments): \(printed.debugDescription)")
        }
    }

    /// Every run used to leave a new folder under /tmp and never say where.
    @Test(arguments: Build.allCases)
    func theDemoRemovesItsCopyUnlessKeptAndSaysSo(build: Build) throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("bered-tmp-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        func copies() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { $0.hasPrefix("bered-demo-") } }

        let removed = try Tmux(["demo", "--as", "anna"], environment: ["TMPDIR": temporary.path], binary: try build.binary())
        try removed.waitFor("2026-006")
        #expect(try copies().count == 1)
        try removed.keys("q")
        try removed.waitFor("Demokopian är borttagen")
        try removed.waitFor("EXIT=0")
        #expect(try copies().isEmpty)

        let kept = try Tmux(["demo", "--as", "anna", "--keep"], environment: ["TMPDIR": temporary.path], binary: try build.binary())
        try kept.waitFor("2026-006")
        try kept.keys("q")
        let screen = try kept.waitFor("EXIT=0")
        let folder = try #require(try copies().first)
        #expect(screen.replacingOccurrences(of: "\n", with: "").contains("Demokopian finns kvar i \(temporary.path)/\(folder)"))
    }

    @Test func aTitleIsNeverATemplate() throws {
        let demo = try DemoCopy()
        let title = "Läxhjälp {{received}} och {{id}} {{okänd}"
        let created = try Bered.run(["new", demo.path, "--title", title, "--as", "lars"])
        #expect(created.status == 0, "\(created.stderr)")
        let id = try #require(created.stdout.firstMatch(of: /\d{4}-\d{3}/)).output
        let file = try String(contentsOf: demo.url("\(id)/application.toml"), encoding: .utf8)
        #expect(file.contains("title = \"\(title)\""), "\(file)")
    }
}
