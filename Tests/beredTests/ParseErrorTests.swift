import Foundation
import Testing

/// A command line the parser cannot read is explained in the user's language, with the usage
/// of the command that was meant. The parser's English is read by its fixed wording: when a
/// new version words it differently, these tests fail rather than the user getting English.
@Suite("The parser's complaints in Swedish and English")
struct ParseErrorTests {
    static let listUsage = "ANVÄNDNING: bered list <store> [--json] [--as <as>] [--lang <lang>] [--ascii]"

    @Test func aMissingArgumentAnUnknownOptionAndOneArgumentTooMany() throws {
        let missing = try Bered.run(["list"])
        #expect(missing.status == 64)
        #expect(missing.stderr == "Det saknas ett argument: <store>.\n\(Self.listUsage)\n  Se ’bered list --help’ för mer.\n")
        let unknown = try Bered.run(["list", ".", "--bogus"])
        #expect(unknown.stderr == "Det finns inget alternativ --bogus.\n\(Self.listUsage)\n  Se ’bered list --help’ för mer.\n")
        let extra = try Bered.run(["list", ".", "extra"])
        #expect(extra.stderr == "Ett argument för mycket: extra.\n\(Self.listUsage)\n  Se ’bered list --help’ för mer.\n")
    }

    @Test func aValueThatWillNotDoListsTheChoicesInEitherLanguage() throws {
        let sv = try Bered.run(["export", ".", "--format", "xx"])
        #expect(sv.status == 64)
        #expect(sv.stderr.hasPrefix("Värdet ”xx” går inte för --format <format>. Välj ett av de här:\n  - csv\n  - json\n"))
        #expect(sv.stderr.contains("\nANVÄNDNING: bered export <store> --format <format> "))
        #expect(sv.stderr.hasSuffix("\n  Se ’bered export --help’ för mer.\n"))
        let en = try Bered.run(["export", ".", "--format", "xx", "--lang", "en"])
        #expect(en.stderr.hasPrefix("The value ‘xx’ will not do for --format <format>. Choose one of these:\n  - csv\n"))
        #expect(en.stderr.contains("\nUSAGE: bered export <store> --format <format> "))
        #expect(en.stderr.hasSuffix("\n  See ‘bered export --help’ for more.\n"))
        let missing = try Bered.run(["export", ".", "--format"])
        #expect(missing.stderr.hasPrefix("Ett värde saknas efter --format <format>.\n"))
    }

    @Test func anErrorFoundWhileRunningShowsTheCommandsUsageNotTheRoots() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["decide", demo.path, "2026-002", "--outcome", "kanske", "--date", "2026-11-20", "--case-number", "KS 1", "--as", "lars"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Fel: --outcome tar approve eller reject, inte ”kanske”.\nANVÄNDNING: bered decide <store> <id> --outcome <outcome> "))
        #expect(result.stderr.hasSuffix("\n  Se ’bered decide --help’ för mer.\n"))
        #expect(!result.stderr.contains("Usage") && !result.stderr.contains("Error"))
    }
}
