import BeredningCore
import BeredningResources
import Foundation
import Testing
@testable import BeredningStore

/// The store's own parser must mean exactly what TOMLKit, a widely used parser, means.
@Suite("The store's TOML parser agrees with TOMLKit")
struct TOMLParserTests {
    /// Own parser's result, TOMLKit's result (nil when it rejects the text).
    static func both(_ text: String) -> (own: TOMLValue.Table?, kit: TOMLValue.Table?) {
        (try? TOMLParser.parse(text), TOMLKitReference.parse(text))
    }

    /// The invariant: whatever the store's parser accepts, TOMLKit accepts with the same value.
    /// (TOMLKit is not asked about texts the store rejects: some of them crash it.)
    static func agree(_ text: String) -> Bool {
        guard let own = try? TOMLParser.parse(text) else { return true }
        return TOMLKitReference.parse(text) == own
    }

    static var bundledFiles: [URL] {
        let root = BundledResources.demoStore.deletingLastPathComponent()
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        // The application and idea templates hold {{placeholders}} and become TOML only when filled in.
        let templates = [BundledResources.applicationTemplate.path, BundledResources.ideaTemplate.path]
        return files.compactMap { $0 as? URL }.filter { $0.pathExtension == "toml" && !templates.contains($0.path) }
    }

    @Test("every bundled file (demo store, templates, strings, criteria) is read as TOMLKit reads it")
    func bundledFilesTakeTheFastPath() throws {
        let files = Self.bundledFiles
        #expect(files.count > 30)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let (own, kit) = Self.both(text)
            #expect(own != nil, "the store's parser rejects \(file.path)")
            #expect(kit != nil, "\(file.path)")
            #expect(own == kit, "\(file.path)")
        }
    }

    @Test("what the store writes, with awkward text, is read back as written", arguments: [
        "plain", "", "å ä ö – “quotes” 'apostrophes' and \"double\"", "back\\slash \\n not a newline", "tab\there",
        "line one\nline two", "ends with a quote\"", "ends with two quotes\"\"", "three \"\"\" inside",
        "\n starts with a newline", "trailing newline\n", "emoji 🌱 and combining e\u{301}", "line separator \u{2028} and BOM \u{FEFF}",
        "''' literal quotes '''", "#not a comment", "key = \"value\"", "[not a table]",
    ])
    func writerOutputRoundTrips(text: String) throws {
        var writer = TOMLWriter()
        writer.field("value", text)
        writer.table("section")
        writer.field("list", [text, "second"])
        writer.field("number", 42)
        let (own, kit) = Self.both(writer.text)
        #expect(own != nil)
        #expect(own == kit)
        #expect(own?["value"]?.string == text)
    }

    @Test("valid TOML: the same value as TOMLKit", arguments: [
        "a = 1", "a = -0", "a = +17", "a = 1_000", "a = 9223372036854775807", "a = -9223372036854775808",
        "a = 3.14", "a = -0.0", "a = 1e10", "a = 6.02E+23", "a = 1_0.5_5", "a = 0.1", "a = 5e-324",
        "a = true\nb = false", "a = 2026-08-01", "a = 2026-02-29T00:00:00Z".replacingOccurrences(of: "2026-02-29", with: "2024-02-29"),
        "a = 1979-05-27T07:32:00-08:00", "a = 1979-05-27 07:32:00Z", "a = 1979-05-27T07:32:00.999999Z", "a = 1979-05-27T07:32:00",
        "a = \"\\u00E5\\U0001F331\"", "a = 'C:\\path'", "a = '''\nraw\n'''", "a = \"\"\"\nx \\\n   y\"\"\"", "a = \"\"\"a\"\"\"\"\"",
        "a = [1, 2, 3]", "a = [\n  1, # one\n  2,\n]", "a = []", "a = [[1], ['x']]", "\"quoted key\" = 1", "'lit' = 2",
        "[t]\nx = 1\n[t.u]\ny = 2", "[t.u]\ny = 2\n[t]\nx = 1", "[[arr]]\nx = 1\n[[arr]]\nx = 2", "[[a.b]]\n[a]\nc = 1",
        "[[arr]]\n[arr.sub]\nx = 1\n[[arr]]\n[arr.sub]\nx = 2", "[ spaced . key ]\nx = 1", "a = 1 # comment\r\nb = 2\r\n",
        "# only a comment", "", "\n\n\n", "a = \"x\"\t# tab before comment",
        "a = { x = 1 }", "a = { x = 1, y.z = 'two' }", "a = {}", "a = [{ x = 1 }, { x = 2 }]", "a.b = 1", "a.b.c = 1\na.b.d = 2",
        "[fruit]\napple.color = 'red'\n[fruit.apple.texture]\nsmooth = true", "a = 0x1F", "a = 0xdead_beef", "a = 0o17", "a = 0b101",
        "a = inf", "a = -inf", "a = nan", "a = +nan", "a = 07:32:00", "a = 07:32:00.5",
        #"a = """\#r\#nwindows\#r\#nlines""""#, #"a = '''\#r\#nwindows\#r\#n'''"#, #"a = """x \\#r\#n  y""""#,
        #""a.b" = 1"#, #"a = "\u00e4""#,
    ])
    func agreesOnValidTOML(text: String) {
        let (own, kit) = Self.both(text)
        #expect(kit != nil, "TOMLKit should read this")
        #expect(own != nil, "the store's parser should read this")
        #expect(own == kit)
    }

    @Test("invalid TOML is refused by both", arguments: [
        "a = 1\na = 2", "[t]\n[t]", "[t]\nx = 1\n[t]\ny = 2", "a = [1\n", "a = \"unterminated", "a = 'unterminated",
        "a = \"\"\"never closed", "a = 01", "a = 1__0", "a = _1", "a = 1_", "a = 1.", "a = .5", "a = 1e", "a = 2026-02-30",
        "a = 2026-13-01", "a = 1979-05-27T25:00:00Z", "a = \"\\q\"", "a = \"\\uD800\"", "a = truex", "a = \"tab\u{01}\"",
        "= 1", "a =", "a = 1 b = 2", "[t", "[[t]", "[]", "a = 99999999999999999999", "a = [1,,2]", "a = 1\n[a]",
        "[[a]]\n[a]", "a = [1]\n[[a]]", "a = {x = 1}\n[a]", "a = {x = 1}\na.y = 2", "a = { x = 1, }", "a = { x = 1\n}",
        "[a.b]\n[a]\nb.c = 1", "a.b = 1\n[a.b]", "a = 0x", "a = -0x1", "a = 0xG", "a = 0b102", "a = infinity", "a = 24:00:00",
        "a = { x = 1, x = 2 }", "a = 1 # bad \u{01} control", "a = \"\"\"x\"\"\"\"\"\"", "key with space = 1",
    ])
    func rejectsInvalidTOML(text: String) {
        let (own, kit) = Self.both(text)
        #expect(own == nil)
        #expect(kit == nil, "TOMLKit reads this; the test case is wrong")
    }

    @Test("random damage to real files: the store's parser never means something TOMLKit does not")
    func mutationsAgree() throws {
        let seconds = Double(ProcessInfo.processInfo.environment["BERED_FUZZ_SECONDS"] ?? "") ?? 0
        let texts = try Self.bundledFiles.prefix(12).map { try String(contentsOf: $0, encoding: .utf8) }
        var random = SplitMix64(seed: 7)
        let deadline = Date().addingTimeInterval(seconds)
        var runs = 0, accepted = 0
        repeat {
            for _ in 0..<300 {
                let mutated = TOMLMutator.mutate(texts[random.below(texts.count)], &random)
                runs += 1
                if (try? TOMLParser.parse(mutated)) != nil { accepted += 1 }
                #expect(Self.agree(mutated), "disagreement on:\n\(mutated)")
            }
        } while Date() < deadline
        // For the long runs outside CI (README): how much was tried.
        if seconds > 0 { print("TOML mutation fuzz: \(runs) damaged files, \(accepted) accepted, all agreeing with TOMLKit") }
        // Mutations must not all be fatal, or the check above tests nothing.
        #expect(accepted > runs / 10)
        #expect(accepted < runs)
    }
}

/// Damage as people and tools do it: a character dropped, doubled or inserted, a line cut or
/// repeated, quotes and brackets where they do not belong.
enum TOMLMutator {
    static let alphabet: [String] = ["\"", "'", "[", "]", "=", "#", "\n", ".", ",", "\\", " ", "1", "-", ":", "T", "Z",
                                     "\"\"\"", "'''", "{", "}", "_", "e", "+", "ä", "\t", "\r\n", "0x", "\\u00"]

    static func mutate(_ text: String, _ random: inout SplitMix64) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<(1 + random.below(3)) {
            guard !scalars.isEmpty else { break }
            let at = random.below(scalars.count)
            switch random.below(6) {
            case 0: scalars.remove(at: at)
            case 1: scalars.insert(contentsOf: alphabet[random.below(alphabet.count)].unicodeScalars, at: at)
            case 2: scalars.insert(scalars[at], at: at)
            case 3:
                scalars[at] = alphabet[random.below(alphabet.count)].unicodeScalars.first!
            case 4:
                let lines = String(String.UnicodeScalarView(scalars)).split(separator: "\n", omittingEmptySubsequences: false)
                let line = random.below(lines.count)
                var copy = lines.map(String.init)
                copy.insert(copy[line], at: line)
                scalars = Array(copy.joined(separator: "\n").unicodeScalars)
            default:
                scalars.removeSubrange(at..<min(scalars.count, at + random.below(40)))
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
