import BeredningCore
import BeredningStore
import BeredningTUI
import Foundation

extension Catalog {
    func name(_ criterion: Criterion) -> String { criterion.name.text(in: language) }
}

/// Pretty, key-sorted JSON for scripts; printed as one document on standard output.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

struct ProblemJSON: Encodable {
    let file: String
    let line: Int?
    let message: String

    init(_ problem: FileProblem, _ catalog: Catalog) {
        file = problem.file
        line = problem.line
        message = catalog(problem.message)
    }
}

/// The one way the command line prints to standard output: every text passes `Printable`, so
/// what files and command lines hold never reaches the terminal as a command.
func output(_ text: String) {
    print(Printable.shown(text))
}
