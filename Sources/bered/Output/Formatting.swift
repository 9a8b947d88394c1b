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
    print(escapingControls(String(decoding: try encoder.encode(value), as: UTF8.self)))
}

/// JSON as the encoder wrote it, with the C1 controls and bidi overrides it leaves raw written as
/// `\uXXXX` escapes: the same data for a program, nothing a terminal would act on.
func escapingControls(_ json: String) -> String {
    guard json.unicodeScalars.contains(where: Printable.isControl) else { return json }
    var result = String.UnicodeScalarView()
    for scalar in json.unicodeScalars {
        // The encoder escapes C0 itself; line breaks left here are its own layout.
        if Printable.isControl(scalar), scalar.value >= 0x7F {
            result.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
        } else {
            result.append(scalar)
        }
    }
    return String(result)
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
