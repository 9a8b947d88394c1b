import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// One limit for every amount in every file (`Money.largest`, a trillion kronor): above it,
/// the file and line are named and the amount is not taken.
@Suite("Amounts over a trillion kronor are refused in every file")
struct AmountLimitTests {
    /// The problem reported when `old` in the demo's `file` becomes `new`, and the line it is on.
    func problem(in file: String, replacing old: String, with new: String) throws -> (problem: FileProblem, line: Int) {
        let store = try TestStore()
        let text = try store.read(file)
        #expect(text.contains(old))
        let changed = text.replacingOccurrences(of: old, with: new)
        let line = try #require(changed.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == new.split(separator: "\n").last! }) + 1
        try store.write(file, changed)
        do {
            let snapshot = try store.load()
            return (try #require((snapshot.problems + snapshot.entries.flatMap(\.problems)).first { $0.file == file }), line)
        } catch StoreError.unusable(let problems) {
            return (try #require(problems.first), line)
        }
    }

    @Test(arguments: [
        ("2026-006/application.toml", "requested = 310000", "requested = 1000000000001", "budget.years[0].requested"),
        ("2026-006/application.toml", "amount = 480000", "amount = 5000000000000", "budget.contributions[0].amount"),
        ("2026-006/decision.toml", "amount = 400000", "amount = 1000000000001", "2026"),
        ("bered.toml", "amount = 75045", "amount = 1000000000001", "unit_costs[0].amount"),
    ])
    func anAmountOverTheLimitIsNamedWithFileAndLine(file: String, old: String, new: String, named: String) throws {
        let (problem, line) = try problem(in: file, replacing: old, with: new)
        #expect(problem.file == file)
        #expect(problem.line == line, "\(problem.formatted(catalog))")
        #expect(catalog(problem.message).contains(named), "\(problem.formatted(catalog))")
        #expect(catalog(problem.message).contains("1 000 000 000 000 kr"), "\(problem.formatted(catalog))")
    }
}
