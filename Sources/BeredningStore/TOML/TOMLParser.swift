import BeredningCore

/// The store's own TOML parser (TOML 1.0), in one pass over the bytes.
///
/// Why not TOMLKit: it spent about 90 µs on a store file, most of it crossing into C++ and
/// back, which made a store of 10 000 applications take half a minute to open; a table header
/// with a Swedish letter (`[målgrupp]`) or a few thousand nested brackets crashed the whole
/// program inside it; it cut text at a NUL byte without a word; and its error messages are
/// English only. TOMLKit stays in the tests as the reference: they compare the two on every
/// bundled file, on hand-written cases and on random damage to real files.
struct TOMLParser {
    /// A syntax error: where it is and what is wrong, in words a person can act on.
    struct Failure: Error, Equatable {
        let line: Int
        let problem: Message
    }

    /// Deeper nesting than this is refused rather than followed: no store file goes beyond five
    /// levels, and following it exhausted the stack. Depth counts as the data nests: each part
    /// of a table header or a dotted key is a level, as is each array and inline table, so long
    /// dotted keys inside inline tables cannot build a deeper tree. 32 levels of inline tables
    /// take about half of a 512 KB stack (a dispatch worker thread's on macOS) in a debug build.
    static let maximumDepth = 32

    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var depth = 0

    static func parse(_ text: String) throws(Failure) -> TOMLValue.Table {
        var text = text
        let result: Result<TOMLValue.Table, Failure> = text.withUTF8 { buffer in
            var parser = TOMLParser(bytes: buffer)
            do throws(Failure) { return .success(try parser.document()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    // MARK: Structure

    mutating func document() throws(Failure) -> TOMLValue.Table {
        let root = TOMLValue.Table()
        var current = root
        while true {
            skipSpaces()
            guard let c = peek() else { break }
            switch c {
            case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try endOfLine()
            case UInt8(ascii: "["):
                current = try header(root)
                try endOfLine()
            default:
                guard TOMLParser.startsKey(c) else { throw fail(.tomlExpectedKey, ["found": .text(shown(at: i))]) }
                try keyValue(into: current)
                try endOfLine()
            }
        }
        return root
    }

    /// `key = value`, where the key may be dotted (`a.b = 1` puts `b` in table `a`).
    mutating func keyValue(into table: TOMLValue.Table) throws(Failure) {
        let start = i
        // Nearly every key is a plain word: it goes straight in, without a path array.
        let first = try simpleKey()
        skipSpaces()
        if peek() == UInt8(ascii: "=") {
            i += 1
            skipSpaces()
            let value = try value()
            guard table[first] == nil else { throw fail(.tomlDuplicateKey, ["key": .text(first)], at: start) }
            table.append(first, value)
            return
        }
        i = start
        let path = try keyPath()
        guard peek() == UInt8(ascii: "=") else {
            throw fail(.tomlExpectedEquals, ["key": .text(path.joined(separator: ".")), "found": .text(shown(at: i))])
        }
        i += 1
        skipSpaces()
        // `a.b.c = …` puts its value two tables further down than a plain key would.
        try nest(path.count - 1)
        defer { depth -= path.count - 1 }
        let value = try value()
        var target = table
        for part in path.dropLast() {
            switch target[part] {
            case nil:
                let sub = TOMLValue.Table()
                sub.origin = .dotted
                target.set(part, .table(sub))
                target = sub
            case .table(let sub)? where sub.origin == .dotted:
                target = sub
            default:
                throw fail(.tomlDuplicateKey, ["key": .text(path.joined(separator: "."))], at: start)
            }
        }
        let last = path[path.count - 1]
        guard target[last] == nil else { throw fail(.tomlDuplicateKey, ["key": .text(path.joined(separator: "."))], at: start) }
        target.append(last, value)
    }

    /// `[a.b]` or `[[a.b]]`: the table that the following keys go into.
    mutating func header(_ root: TOMLValue.Table) throws(Failure) -> TOMLValue.Table {
        let start = i
        i += 1
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { i += 1 }
        skipSpaces()
        let path = try keyPath()
        guard peek() == UInt8(ascii: "]"), !isArray || (i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "]")) else {
            throw fail(.tomlBadTableName, ["found": .text(shown(at: i))])
        }
        i += isArray ? 2 : 1
        // The keys below a header start as deep as its path: a header starts afresh from the root.
        depth = 0
        try nest(path.count)
        // Only an error names the table; joining the path for every header showed in profiles.
        func duplicate() -> Failure { fail(.tomlDuplicateTable, ["table": .text(path.joined(separator: "."))], at: start) }

        var table = root
        for key in path.dropLast() {
            switch table[key] {
            case .table(let sub)? where sub.origin != .inline:
                table = sub
            case .array(let items)? where table.tableArrays.contains(key):
                guard case .table(let last)? = items.last else { throw duplicate() }
                table = last
            case nil:
                let sub = TOMLValue.Table()
                table.set(key, .table(sub))
                table = sub
            default:
                throw duplicate()
            }
        }
        let last = path[path.count - 1]
        let new = TOMLValue.Table()
        new.origin = .header
        if isArray {
            // Only the kind is asked for: a switch over `table[last]` would hold a second
            // reference to the array while appending, which then copied it for each `[[name]]`.
            switch table[last]?.kind {
            case nil:
                table.tableArrays.insert(last)
                table.set(last, .array([.table(new)]))
            case .array? where table.tableArrays.contains(last):
                table.appendTable(new, toArray: last)
            default:
                throw duplicate()
            }
            return new
        }
        switch table[last] {
        case nil:
            table.set(last, .table(new))
            return new
        case .table(let existing)? where existing.origin == .implicit && !table.tableArrays.contains(last):
            existing.origin = .header
            return existing
        default:
            throw duplicate()
        }
    }

    /// Keys joined by dots, with spaces allowed around the dots.
    mutating func keyPath() throws(Failure) -> [String] {
        let first = try simpleKey()
        skipSpaces()
        guard peek() == UInt8(ascii: ".") else { return [first] }
        i += 1
        skipSpaces()
        var path = [first]
        while true {
            path.append(try simpleKey())
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { break }
            i += 1
            skipSpaces()
            guard path.count < TOMLParser.maximumDepth else { throw fail(.tomlTooDeep) }
        }
        return path
    }

    /// A bare key (letters a–z, digits, `-` and `_`) or a quoted one.
    mutating func simpleKey() throws(Failure) -> String {
        guard let c = peek() else { throw fail(.tomlExpectedKey, ["found": .text(shown(at: i))]) }
        if c == UInt8(ascii: "\"") {
            guard !startsWith(#"""""#) else { throw fail(.tomlExpectedKey, ["found": .text("\"\"\"")]) }
            return try basicString()
        }
        if c == UInt8(ascii: "'") {
            guard !startsWith("'''") else { throw fail(.tomlExpectedKey, ["found": .text("'''")]) }
            return try literalString()
        }
        let start = i
        while let c = peek(), TOMLParser.isBareKey(c) { i += 1 }
        guard i > start else {
            // `[målgrupp]`: letters outside a–z need quotes in a key, which is rarely obvious.
            if c >= 0x80 { throw fail(.tomlNonASCIIKey, ["found": .text(shown(at: i))]) }
            throw fail(.tomlExpectedKey, ["found": .text(shown(at: i))])
        }
        if let next = peek(), next >= 0x80 { throw fail(.tomlNonASCIIKey, ["found": .text(shown(at: start))]) }
        return text(start, i)
    }

    /// Spaces, an optional comment, then a newline or the end of the text.
    mutating func endOfLine() throws(Failure) {
        skipSpaces()
        if peek() == UInt8(ascii: "#") {
            i += 1
            while let c = peek(), c != UInt8(ascii: "\n") {
                if c == UInt8(ascii: "\r"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { break }
                try allowInText(c)
                i += 1
            }
        }
        guard let c = peek() else { return }
        if c == UInt8(ascii: "\r"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") {
            i += 2
            return
        }
        guard c == UInt8(ascii: "\n") else { throw fail(.tomlExpectedEndOfLine, ["found": .text(shown(at: i))]) }
        i += 1
    }

    // MARK: Bytes

    func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }
    func at(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    func startsWith(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let pointer = word.utf8Start
        for k in 0..<count where bytes[i + k] != pointer[k] { return false }
        return true
    }

    mutating func skipSpaces() {
        while let c = peek(), c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") { i += 1 }
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// What stands at `index`, for a message: a word, a character, or "the end of the line".
    func shown(at index: Int, count: Int? = nil) -> String {
        guard index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") else { return "⏎" }
        var end = index
        if let count {
            end = min(bytes.count, index + count)
        } else {
            // A word (letters of any alphabet, digits, - and _), or else the one character.
            while end < min(bytes.count, index + 40), TOMLParser.isBareKey(bytes[end]) || bytes[end] >= 0x80 { end += 1 }
            if end == index { end += 1 }
        }
        // Never cut a character in half, and never echo a control character to a terminal.
        while end < bytes.count, end > index, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
            .unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "�" : String($0) }.joined()
    }

    func fail(_ key: MessageKey, _ arguments: [String: Message.Argument] = [:], at offset: Int? = nil) -> Failure {
        let end = min(offset ?? i, bytes.count)
        var line = 1
        for k in 0..<end where bytes[k] == UInt8(ascii: "\n") { line += 1 }
        return Failure(line: line, problem: Message(key, arguments))
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    static func isBareKey(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
    }

    static func startsKey(_ c: UInt8) -> Bool { isBareKey(c) || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c >= 0x80 }

    /// What may follow a number, a date or a boolean.
    static func endsValue(_ c: UInt8?) -> Bool {
        guard let c else { return true }
        return c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
            || c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: "#")
    }

    static func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
