import BeredningCore
import Foundation
import Testing
@testable import BeredningStore

/// Broken files as hand edits, tools and hostile senders make them (Corpus/, written by
/// Scripts/make_corpus.py): each gives a plain error naming its file and line, nothing
/// crashes, and the rest of the store stays usable.
@Suite("The corpus of malformed store files")
struct CorpusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let path: String
        let expectsProblem: Bool
        let line: Int?
        let what: String
        var testDescription: String { path }

        /// Where the file goes in a copy of the demo store.
        var target: String {
            switch path.split(separator: "/")[0] {
            case "application": return "2026-001/application.toml"
            case "review": return "2026-001/reviews/anna.toml"
            case "comment": return "2026-001/comments/20260305T162000Z-sara.toml"
            case "conflict": return "2026-003/conflicts/cecilia.toml"
            case "decision": return "2026-006/decision.toml"
            default: return FileStore.configFile
            }
        }
    }

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static let cases: [Case] = {
        let manifest = try! String(contentsOf: corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        return manifest.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(path: fields[0], expectsProblem: fields[1] == "problem", line: Int(fields[2]), what: fields[3])
        }
    }()

    @Test func theCorpusIsLargeAndCoversEveryKindOfFile() {
        #expect(Self.cases.count >= 100)
        #expect(Set(Self.cases.map { $0.path.split(separator: "/")[0] }) == ["application", "review", "comment", "conflict", "decision", "config"])
    }

    @Test(arguments: cases)
    func aBrokenFileIsReportedAndTheRestLoads(_ item: Case) throws {
        let store = try TestStore()
        let data = try Data(contentsOf: Self.corpus.appendingPathComponent(item.path))
        try data.write(to: store.root.appendingPathComponent(item.target))
        Self.check(item, in: store)
    }

    /// A 10 MB description (too big to keep in the repository): read or refused, never a crash.
    @Test func aTenMegabyteStringIsRead() throws {
        let store = try TestStore()
        var text = try store.read("2026-001/application.toml")
        text = text.replacingOccurrences(of: "title = \"Fotosyntes\"", with: "title = \"" + String(repeating: "Fotosyntes ", count: 1_000_000) + "\"")
        try store.write("2026-001/application.toml", text)
        let snapshot = try store.load()
        #expect(snapshot.entry(ApplicationID("2026-001")!)?.dossier?.application.title.count == 11_000_000)
    }

    static func check(_ item: Case, in store: TestStore) {
        let problems: [FileProblem]
        var others: [StoreEntry] = []
        do {
            let snapshot = try store.load()
            problems = snapshot.allProblems
            others = snapshot.entries.filter { !item.target.hasPrefix($0.folder + "/") }
        } catch {
            guard case .unusable(let found) = error as? StoreError else {
                Issue.record("unexpected error \(error)")
                return
            }
            problems = found
        }
        let own = problems.filter { $0.file == item.target || $0.file.hasPrefix(item.target) || item.target.hasPrefix($0.file + "/") }
        if item.expectsProblem {
            #expect(!own.isEmpty, "no problem reported for \(item.what)")
            if let line = item.line {
                #expect(own.contains { $0.line == line }, "\(item.what): expected line \(line), got \(own.map { "\($0.line ?? 0): \($0.formatted(catalog))" })")
            }
        } else {
            #expect(own.isEmpty, "\(item.what): \(own.map { $0.formatted(catalog) })")
        }
        // Nothing from a file may reach a terminal as a control sequence.
        for problem in problems {
            let text = problem.formatted(catalog)
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(text.debugDescription)")
        }
        if item.target != FileStore.configFile {
            #expect(others.count == 5)
            #expect(others.allSatisfy { $0.dossier != nil && $0.problems.isEmpty }, "the rest of the store is affected")
        }
    }
}
