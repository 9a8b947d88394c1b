import Foundation
import Testing

/// `bered --plain` on the release build, driven through standard input as a screen-reader user
/// would: every screen is lines of text, every choice a number on a line.
@Suite("The plain mode for screen readers")
struct PlainModeTests {
    /// Runs the installed release build with `input` as standard input, to its end.
    static func plain(_ arguments: [String], input: String, environment: [String: String] = [:]) throws -> Bered.Result {
        let process = Process()
        process.executableURL = try Bered.installed.get()
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for name in ["LANG", "LC_ALL", "LC_MESSAGES", "BERED_USER", "BERED_PLAIN", "BERED_ASCII"] { env[name] = nil }
        env["LANG"] = "C.UTF-8"
        for (name, value) in environment { env[name] = value }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Bered.Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    @Test func aMemberChoosesThemselvesReadsTheListAndAnApplicationAndGetsHelp() throws {
        let demo = try DemoCopy()
        // A wrong number, then Anna; a word that is no choice, the help, the third application, quit.
        let run = try Self.plain(["open", demo.path, "--plain"], input: "9\n1\nx\nh\n3\nq\n")
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        #expect(out.hasPrefix("Vem är du? Skriv numret framför ditt namn och tryck Enter.\n1. Anna Lindqvist (anna) · beredningsgruppen\n"))
        #expect(out.contains("”9” är inget val här. Skriv ett nummer från 1 till 7, h eller q."))
        #expect(out.contains("Ansökningar: 6\n1. 2026-001 Fotosyntes\n   Status: beredning\n   Sökande: Sektor utbildning, kultur och fritid\n   Kriterier: ok\n"))
        #expect(out.contains("”x” är inget val här. Skriv ett nummer från 1 till 6, h eller q."))
        #expect(out.contains("Hjälp: listan visar varje ansökan med ett nummer framför."))
        #expect(out.contains("\n2026-003  MiniMili  [beredning]\n"))
        #expect(out.contains("\nsaknas    Går att mäta"))
        // Linear text only: no escape codes, no drawing characters, no marks as symbols.
        for drawn in ["\u{1B}", "─", "│", "✓", "✗"] { #expect(!out.contains(drawn), "\(drawn)") }
    }

    @Test func theVariableTurnsItOnInEnglishAndTheEndOfInputEndsIt() throws {
        let demo = try DemoCopy()
        let run = try Self.plain([demo.path, "--as", "sara"], input: "1\n", environment: ["BERED_PLAIN": "1", "LANG": "en_GB.UTF-8"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("Applications: 6\n1. 2026-001 Fotosyntes\n"))
        #expect(run.stdout.contains("\n2026-001  Fotosyntes  [in preparation]\n"))
        #expect(!run.stdout.contains("Who are you?"))
    }
}
