import Foundation
import Testing

/// `--ascii` and BERED_ASCII=1 on the command line: no mark is a symbol a screen reader skips.
@Suite("bered --ascii")
struct AsciiCommandTests {
    static func hasGlyph(_ text: String) -> Bool { text.contains("✓") || text.contains("✗") }

    @Test func listAndCheckSpellTheirMarks() throws {
        let demo = try DemoCopy()
        let symbols = try Bered.run(["check", demo.path, "2026-003"])
        #expect(Self.hasGlyph(symbols.stdout))
        let check = try Bered.run(["check", demo.path, "2026-003", "--ascii"])
        #expect(check.status == symbols.status)
        #expect(!Self.hasGlyph(check.stdout))
        #expect(check.stdout.contains("\n  ok     Definierat problem"))
        #expect(check.stdout.contains("\n  saknas Går att mäta"))
        let list = try Bered.run(["list", demo.path, "--lang", "en"], environment: ["BERED_ASCII": "1"])
        #expect(!Self.hasGlyph(list.stdout))
        #expect(list.stdout.contains("1 missing, 1 pending"))
        // Scripts read JSON, which keeps its symbols whatever the user's setting.
        let json = try Bered.run(["list", demo.path, "--json", "--ascii"])
        #expect(Self.hasGlyph(json.stdout))
    }
}
