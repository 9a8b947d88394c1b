import Foundation

/// Where each table and key of a TOML text starts, so that an error found after parsing
/// (a missing field, a wrong type) can still name its line. Paths look like
/// `problem.consequences`, `actors[1].role` (0-based) or `scores.evidence.score`.
struct LineIndex: Sendable {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        var openQuote: String?  // the delimiter of the multi-line string we are inside
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = rawLine.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
            if line.hasSuffix("\r") { line = line.dropLast() }
            if let quote = openQuote {
                if line.occurrences(of: quote) % 2 == 1 { openQuote = nil }
                continue
            }
            if line.hasPrefix("[[") {
                let name = LineIndex.headerName(line.dropFirst(2), closing: "]]")
                let index = arrayCounts[name, default: 0]
                arrayCounts[name] = index + 1
                table = "\(name)[\(index)]"
                record(table, number)
            } else if line.hasPrefix("[") {
                table = LineIndex.headerName(line.dropFirst(), closing: "]")
                record(table, number)
            } else if !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") {
                let key = line[..<equals].trimmingSpaces().unquoted
                guard !key.isEmpty else { continue }
                record(table.isEmpty ? key : "\(table).\(key)", number)
                let value = line[line.index(after: equals)...]
                for quote in ["\"\"\"", "'''"] where value.occurrences(of: quote) % 2 == 1 {
                    openQuote = quote
                }
            }
        }
    }

    private mutating func record(_ path: String, _ line: Int) {
        if lines[path] == nil { lines[path] = line }
    }

    /// The line of `path`, or of the nearest enclosing table that is written out; 1 for the root.
    func line(of path: String) -> Int {
        var candidate = Substring(path)
        while !candidate.isEmpty {
            if let line = lines[String(candidate)] { return line }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            candidate = candidate[..<cut]
        }
        return 1
    }

    private static func headerName(_ rest: Substring, closing: String) -> String {
        let inner = rest.range(of: closing).map { rest[..<$0.lowerBound] } ?? rest
        return inner.split(separator: ".").map { $0.trimmingSpaces().unquoted }.joined(separator: ".")
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }

    var unquoted: String {
        if count >= 2, let first, first == "\"" || first == "'", last == first { return String(dropFirst().dropLast()) }
        return String(self)
    }

    func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = self
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
