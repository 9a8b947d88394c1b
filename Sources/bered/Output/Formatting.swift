import BeredningCore
import BeredningStore
import Foundation

extension Catalog {
    /// One decimal, with the decimal comma in Swedish.
    func decimal(_ value: Double?) -> String {
        guard let value else { return "–" }
        let text = String(format: "%.1f", value)
        return language == .sv ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    func name(_ criterion: Criterion) -> String { criterion.name.text(in: language) }

    /// Whole kronor with thousands grouped: "1 250 000" in Swedish, "1,250,000" in English.
    func kronor(_ money: Money) -> String {
        let value = money.wholeKronor
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += language == .sv ? " " : "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A rate as per cent: 0.03 → "3 %" (sv) or "3%" (en); decimals kept as written.
    func percent(_ rate: Decimal) -> String {
        var text = (rate * 100).description
        if language == .sv { text = text.replacingOccurrences(of: ".", with: ",") }
        return language == .sv ? text + " %" : text + "%"
    }
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
