import Foundation
import Testing

/// Issue 14 on the real binary: what files and command lines hold is printed, never sent to the
/// terminal as a command, no value forges a row, and a 10 MB history line is named, not shown.
@Suite("No escape codes, no forged rows, no hangs on the command line")
struct NoEscapeCodesTests {
    static let osc52 = "\u{1B}]52;c;aGVq\u{07}"
    // The TOML reader already refuses C0 and C1 controls in a file, escaped or not (the file is
    // named by validate); a line break and a bidi override pass it, so those test the list.

    func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) }
    }

    /// `bered list` of the demo after the title line of 2026-001 is replaced by `title`.
    func list(withTitle title: String, _ options: [String] = []) throws -> Bered.Result {
        let demo = try DemoCopy()
        let file = demo.url("2026-001/application.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: #"title = "Fotosyntes""#, with: title).write(to: file, atomically: true, encoding: .utf8)
        return try Bered.run(["list", demo.path] + options)
    }

    /// JSON is for programs, but it is printed to a terminal too: what the encoder leaves raw
    /// (C1 controls, bidi overrides) is escaped, and a program reads back the very same title.
    @Test func jsonOutputEscapesWhatATerminalWouldActOn() throws {
        let result = try list(withTitle: #"title = "Fotosyntes\u202E och \u2066isolerad\u2069""#, ["--json", "--as", "lars"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!hasControl(result.stdout.replacingOccurrences(of: "\n", with: "")))
        #expect(result.stdout.contains(#"Fotosyntes\u202e och \u2066isolerad\u2069"#))
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.contains { $0["title"] as? String == "Fotosyntes\u{202E} och \u{2066}isolerad\u{2069}" })
    }

    @Test func aHandEditedTitleWithALineBreakAndAnOverrideIsListedOnItsOwnRow() throws {
        // TOML escapes: a right-to-left override, then a line break and what would look like a row.
        let result = try list(withTitle: #"title = "Fotosyntes\u202E\n2026-999  Förfalskad rad""#)
        #expect(result.status == 0)
        #expect(!hasControl(result.stdout))
        #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("2026-999") })
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("2026-001") })
        #expect(line.contains("Fotosyntes\u{FFFD}⏎2026-999"))
    }

    @Test func anEscapeStoredInTheHistoryIsShownNotSent() throws {
        let demo = try DemoCopy()
        let event = #"{"action":"moved","details":"received → in_preparation: \u001b]52;c;aGVq\u0007klart","member":"lars","role":"coordinator","time":"2026-03-01T10:00:00Z"}"#
        try (event + "\n").write(to: demo.url("2026-005/history.jsonl"), atomically: true, encoding: .utf8)
        let result = try Bered.run(["history", demo.path, "2026-005"])
        #expect(result.status == 0)
        #expect(!hasControl(result.stdout))
        #expect(result.stdout.contains("\u{FFFD}]52;c;aGVq\u{FFFD}klart"))
    }

    @Test func aReasonWithAnEscapeIsRefusedAndNothingWritten() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["move", demo.path, "2026-005", "start_preparation", "--as", "lars", "--reason", "Klart" + Self.osc52])
        #expect(result.status == 1)
        #expect(result.stderr.contains("reason får inte innehålla styrtecken"))
        #expect(!hasControl(result.stderr))
        #expect(!FileManager.default.fileExists(atPath: demo.url("2026-005/history.jsonl").path))
        // A reason of several lines is still a reason.
        let twoLines = try Bered.run(["move", demo.path, "2026-005", "start_preparation", "--as", "lars", "--reason", "Rad ett\nRad två"])
        #expect(twoLines.status == 0)
    }

    @Test func aTitleWithALineBreakIsRefusedByNew() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["new", demo.path, "--as", "lars", "--title", "Ny\n2026-999  Förfalskad"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("title får inte innehålla styrtecken eller radbrytningar"))
    }

    @Test func validateShowsAFolderNamedWithAnEscape() throws {
        let demo = try DemoCopy()
        try FileManager.default.createDirectory(at: demo.url("2026-0\u{1B}[2J07"), withIntermediateDirectories: false)
        try FileManager.default.createDirectory(at: demo.url("2026-008\u{9B}31m"), withIntermediateDirectories: false)
        let result = try Bered.run(["validate", demo.path])
        #expect(!hasControl(result.stdout + result.stderr))
        #expect((result.stdout + result.stderr).contains("2026-0\u{FFFD}[2J07"))
    }

    @Test func aTenMegabyteHistoryLineIsNamedAndTheRestPrinted() throws {
        let demo = try DemoCopy()
        let huge = #"{"action":"moved","details":""# + String(repeating: "ab ", count: 3_500_000) + #"","member":"lars","role":"coordinator","time":"2026-03-01T10:01:00Z"}"#
        let small = #"{"action":"moved","details":"received → in_preparation","member":"lars","role":"coordinator","time":"2026-03-01T10:00:00Z"}"#
        try (small + "\n" + huge + "\n").write(to: demo.url("2026-005/history.jsonl"), atomically: true, encoding: .utf8)
        let result = try Bered.run(["history", demo.path, "2026-005"])
        #expect(result.status == 2)
        #expect(result.stdout.utf8.count < 10_000)
        #expect(result.stdout.contains("inkommen → beredning"))
        #expect(result.stderr.contains("history.jsonl:2: raden är 10500098 byte, över gränsen 1048576 byte för en händelse, och visas inte"))
    }
}
