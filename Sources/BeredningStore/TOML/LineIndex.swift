/// Where each table and key of a TOML text starts, so that an error found after parsing
/// (a missing field, a wrong type) can still name its line. Paths look like
/// `problem.consequences`, `actors[1].role` (0-based) or `scores.evidence.score`.
///
/// It is a small lexer, not a parser: it follows strings (basic, literal, multi-line, with
/// escapes), comments and arrays across lines, so text inside a value is never taken for a
/// key or a table. The text has already been parsed by TOMLKit, so it is valid TOML.
struct LineIndex: Sendable {
    private var lines: [String: Int] = [:]

    private enum Mode { case normal, multiBasic, multiLiteral }

    private typealias Line = [Unicode.Scalar]

    init(text: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        var mode = Mode.normal
        var depth = 0  // open brackets of a value that goes on to the next line
        var inlineArray: (path: String, count: Int)?
        var number = 0
        for slice in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = Line(slice)
            var start = 0
            if mode != .normal {
                guard let end = LineIndex.closeMultiLine(line, from: 0, literal: mode == .multiLiteral) else { continue }
                mode = .normal
                start = end
            } else if depth == 0 {
                while start < line.count, [" ", "\t", "\u{FEFF}"].contains(line[start]) { start += 1 }
                guard start < line.count, line[start] != "#", line[start] != "\r" else { continue }
                if line[start] == "[" {
                    let isArray = start + 1 < line.count && line[start + 1] == "["
                    let name = LineIndex.keyPath(line, from: start + (isArray ? 2 : 1), until: "]").path
                    if isArray {
                        let index = arrayCounts[name, default: 0]
                        arrayCounts[name] = index + 1
                        record(name, number)
                        table = "\(name)[\(index)]"
                    } else {
                        table = name
                    }
                    record(table, number)
                    continue
                }
                let (key, afterEquals) = LineIndex.keyPath(line, from: start, until: "=")
                guard !key.isEmpty else { continue }
                let path = table.isEmpty ? key : "\(table).\(key)"
                record(path, number)
                inlineArray = (path, 0)
                start = afterEquals
            }
            // An array of inline tables (`actors = [ { … }, { … } ]`): each `{` at the array's
            // own level starts the next element, `actors[1]`, on its line.
            for _ in LineIndex.scanValue(line, from: start, mode: &mode, depth: &depth) {
                guard let (path, count) = inlineArray else { break }
                record("\(path)[\(count)]", number)
                inlineArray = (path, count + 1)
            }
            if depth == 0 && mode == .normal { inlineArray = nil }
        }
    }

    /// Records `path` and every table it implies (`a.b.c` also makes `a` and `a.b`), so a
    /// problem with a table written only as part of a dotted key still finds its line.
    private mutating func record(_ path: String, _ line: Int) {
        var end = path.startIndex
        while let dot = path[end...].firstIndex(of: ".") {
            let prefix = String(path[..<dot])
            if lines[prefix] == nil { lines[prefix] = line }
            end = path.index(after: dot)
        }
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

    /// Whether `path` itself is written in the text.
    func contains(_ path: String) -> Bool { lines[path] != nil }

    /// A dotted key (`a.b`, `"quoted key".c`) read up to `terminator`; returns the path and the
    /// index after the terminator.
    private static func keyPath(_ line: Line, from start: Int, until terminator: Unicode.Scalar) -> (path: String, next: Int) {
        var parts: [String] = []
        var current = ""
        var i = start
        while i < line.count, line[i] != terminator {
            let c = line[i]
            if c == "\"" || c == "'" {
                i += 1
                while i < line.count, line[i] != c {
                    if c == "\"" && line[i] == "\\" && i + 1 < line.count {
                        // The key as the parser sees it: `\u00e4` is "ä", so paths match.
                        let escape = line[i + 1]
                        let count = escape == "u" ? 4 : (escape == "U" ? 8 : 0)
                        if count > 0, i + 1 + count < line.count,
                           let value = UInt32(String(String.UnicodeScalarView(line[(i + 2)...(i + 1 + count)])), radix: 16),
                           let scalar = Unicode.Scalar(value) {
                            current.unicodeScalars.append(scalar)
                            i += 2 + count
                            continue
                        }
                        i += 1
                        current.unicodeScalars.append(["n": "\n", "t": "\t", "r": "\r"][line[i]] ?? line[i])
                        i += 1
                        continue
                    }
                    current.unicodeScalars.append(line[i])
                    i += 1
                }
            } else if c == "." {
                parts.append(current)
                current = ""
            } else if c != " " && c != "\t" {
                current.unicodeScalars.append(c)
            }
            i += 1
        }
        parts.append(current)
        return (parts.filter { !$0.isEmpty }.joined(separator: "."), i + 1)
    }

    /// Follows a value to the end of the line: strings, brackets and a trailing comment.
    /// Returns where a `{` opens directly inside an outermost `[`.
    @discardableResult
    private static func scanValue(_ line: Line, from start: Int, mode: inout Mode, depth: inout Int) -> [Int] {
        var i = start
        var inlineTables: [Int] = []
        while i < line.count {
            let c = line[i]
            if c == "#" { return inlineTables }
            if c == "{" && depth == 1 { inlineTables.append(i) }
            if c == "[" || c == "{" { depth += 1 }
            if c == "]" || c == "}" { depth = max(0, depth - 1) }
            if c == "\"" || c == "'" {
                let literal = c == "'"
                if i + 2 < line.count, line[i + 1] == c, line[i + 2] == c {
                    guard let end = closeMultiLine(line, from: i + 3, literal: literal) else {
                        mode = literal ? .multiLiteral : .multiBasic
                        return inlineTables
                    }
                    i = end
                    continue
                }
                i += 1
                while i < line.count, line[i] != c {
                    if !literal && line[i] == "\\" { i += 1 }
                    i += 1
                }
            }
            i += 1
        }
        return inlineTables
    }

    /// The index after the closing `"""` (or `'''`) of a multi-line string, or nil when it goes on.
    /// Up to two quotes just before the delimiter belong to the text.
    private static func closeMultiLine(_ line: Line, from start: Int, literal: Bool) -> Int? {
        let quote: Unicode.Scalar = literal ? "'" : "\""
        var i = start
        while i < line.count {
            if !literal && line[i] == "\\" {
                i += 2
                continue
            }
            if line[i] == quote, i + 2 < line.count, line[i + 1] == quote, line[i + 2] == quote {
                var end = i + 3
                while end < line.count, end < i + 5, line[end] == quote { end += 1 }
                return end
            }
            i += 1
        }
        return nil
    }
}
