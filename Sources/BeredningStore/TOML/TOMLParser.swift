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

    /// Deeper nesting than this is refused rather than followed: no store file needs it, and
    /// following it exhausted the stack.
    static let maximumDepth = 100

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0

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

    private mutating func document() throws(Failure) -> TOMLValue.Table {
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
    private mutating func keyValue(into table: TOMLValue.Table) throws(Failure) {
        let start = i
        let path = try keyPath()
        guard peek() == UInt8(ascii: "=") else {
            throw fail(.tomlExpectedEquals, ["key": .text(path.joined(separator: ".")), "found": .text(shown(at: i))])
        }
        i += 1
        skipSpaces()
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
    private mutating func header(_ root: TOMLValue.Table) throws(Failure) -> TOMLValue.Table {
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
        let name = path.joined(separator: ".")

        var table = root
        for key in path.dropLast() {
            switch table[key] {
            case .table(let sub)? where sub.origin != .inline:
                table = sub
            case .array(let items)? where table.tableArrays.contains(key):
                guard case .table(let last)? = items.last else { throw fail(.tomlDuplicateTable, ["table": .text(name)], at: start) }
                table = last
            case nil:
                let sub = TOMLValue.Table()
                table.set(key, .table(sub))
                table = sub
            default:
                throw fail(.tomlDuplicateTable, ["table": .text(name)], at: start)
            }
        }
        let last = path[path.count - 1]
        let new = TOMLValue.Table()
        new.origin = .header
        if isArray {
            switch table[last] {
            case nil:
                table.tableArrays.insert(last)
                table.set(last, .array([.table(new)]))
            case .array(let items)? where table.tableArrays.contains(last):
                table.set(last, .array(items + [.table(new)]))
            default:
                throw fail(.tomlDuplicateTable, ["table": .text(name)], at: start)
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
            throw fail(.tomlDuplicateTable, ["table": .text(name)], at: start)
        }
    }

    /// Keys joined by dots, with spaces allowed around the dots.
    private mutating func keyPath() throws(Failure) -> [String] {
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
    private mutating func simpleKey() throws(Failure) -> String {
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
    private mutating func endOfLine() throws(Failure) {
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

    // MARK: Values

    private mutating func value() throws(Failure) -> TOMLValue {
        guard let c = peek(), c != UInt8(ascii: "\n"), c != UInt8(ascii: "\r"), c != UInt8(ascii: "#") else {
            throw fail(.tomlExpectedValue)
        }
        switch c {
        case UInt8(ascii: "\""):
            return .string(startsWith(#"""""#) ? try multiLineBasicString() : try basicString())
        case UInt8(ascii: "'"):
            return .string(startsWith("'''") ? try multiLineLiteralString() : try literalString())
        case UInt8(ascii: "["):
            return try array()
        case UInt8(ascii: "{"):
            return try inlineTable()
        case UInt8(ascii: "t") where startsWith("true") && TOMLParser.endsValue(at(i + 4)):
            i += 4
            return .bool(true)
        case UInt8(ascii: "f") where startsWith("false") && TOMLParser.endsValue(at(i + 5)):
            i += 5
            return .bool(false)
        default:
            return try numberOrDate()
        }
    }

    private mutating func nest() throws(Failure) {
        depth += 1
        guard depth <= TOMLParser.maximumDepth else { throw fail(.tomlTooDeep) }
    }

    private mutating func array() throws(Failure) -> TOMLValue {
        let start = i
        try nest()
        defer { depth -= 1 }
        i += 1
        var items: [TOMLValue] = []
        while true {
            try skipBlankAndComments(openedAt: start)
            if peek() == UInt8(ascii: "]") { i += 1; return .array(items) }
            items.append(try value())
            try skipBlankAndComments(openedAt: start)
            switch peek() {
            case UInt8(ascii: ",")?: i += 1
            case UInt8(ascii: "]")?: i += 1; return .array(items)
            case nil: throw fail(.tomlUnclosedArray, at: start)
            default: throw fail(.tomlExpectedComma, ["found": .text(shown(at: i))])
            }
        }
    }

    /// `{ a = 1, b.c = 2 }`: on one line, closed for good once written.
    private mutating func inlineTable() throws(Failure) -> TOMLValue {
        let start = i
        try nest()
        defer { depth -= 1 }
        i += 1
        let table = TOMLValue.Table()
        skipSpaces()
        if peek() == UInt8(ascii: "}") {
            i += 1
            table.origin = .inline
            return .table(table)
        }
        while true {
            skipSpaces()
            guard let c = peek(), TOMLParser.startsKey(c) else { throw fail(.tomlExpectedKey, ["found": .text(shown(at: i))]) }
            try keyValue(into: table)
            skipSpaces()
            switch peek() {
            case UInt8(ascii: ",")?: i += 1
            case UInt8(ascii: "}")?:
                i += 1
                TOMLParser.freeze(table)
                return .table(table)
            case nil, UInt8(ascii: "\n")?, UInt8(ascii: "\r")?: throw fail(.tomlUnclosedInlineTable, at: start)
            default: throw fail(.tomlExpectedComma, ["found": .text(shown(at: i))])
            }
        }
    }

    /// An inline table and the tables its dotted keys made can never be added to.
    private static func freeze(_ table: TOMLValue.Table) {
        table.origin = .inline
        for key in table.keys {
            if case .table(let sub)? = table[key] { freeze(sub) }
        }
    }

    /// Inside an array: spaces, newlines and comments.
    private mutating func skipBlankAndComments(openedAt start: Int) throws(Failure) {
        while let c = peek() {
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") {
                i += 1
            } else if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") || c == UInt8(ascii: "#") {
                try endOfLine()
            } else {
                return
            }
        }
        throw fail(.tomlUnclosedArray, at: start)
    }

    /// Integers, floats, dates and times share first characters; the whole token tells which.
    private mutating func numberOrDate() throws(Failure) -> TOMLValue {
        let start = i
        while let c = peek(), !TOMLParser.endsValue(c) { i += 1 }
        // `1979-05-27 07:32:00`: a space may separate a date from its time.
        if i - start == 10, peek() == UInt8(ascii: " "), i + 3 < bytes.count, TOMLParser.isDigit(bytes[i + 1]),
           TOMLParser.isDigit(bytes[i + 2]), bytes[i + 3] == UInt8(ascii: ":") {
            i += 1
            while let c = peek(), !TOMLParser.endsValue(c) { i += 1 }
        }
        let token = UnsafeBufferPointer(rebasing: bytes[start..<i])
        guard !token.isEmpty else { throw fail(.tomlExpectedValue) }
        if token.count >= 10, token[4] == UInt8(ascii: "-"), TOMLParser.isDigit(token[0]) {
            guard let value = TOMLParser.dateOrDateTime(token) else { throw fail(.tomlBadDate, ["value": .text(text(start, i))], at: start) }
            return value
        }
        if token.count >= 8, token[2] == UInt8(ascii: ":"), TOMLParser.isDigit(token[0]) {
            guard let time = TOMLParser.time(token, from: 0), time.end == token.count else {
                throw fail(.tomlBadDate, ["value": .text(text(start, i))], at: start)
            }
            return .time(time.time)
        }
        if let int = TOMLParser.integer(token) { return .int(int) }
        if let double = TOMLParser.float(token) { return .double(double) }
        // A value TOML cannot read: most often text that lacks its quotes.
        throw fail(.tomlBadValue, ["value": .text(text(start, i))], at: start)
    }

    /// Decimal, or `0x`, `0o` and `0b` without a sign.
    private static func integer(_ token: UnsafeBufferPointer<UInt8>) -> Int? {
        if token.count > 2, token[0] == UInt8(ascii: "0"), let radix = [UInt8(ascii: "x"): 16, UInt8(ascii: "o"): 8, UInt8(ascii: "b"): 2][token[1]] {
            return digits(token, from: 2, radix: radix, negative: false)
        }
        var index = 0
        var negative = false
        if token[0] == UInt8(ascii: "+") || token[0] == UInt8(ascii: "-") {
            negative = token[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < token.count else { return nil }
        if token[index] == UInt8(ascii: "0") && token.count > index + 1 { return nil }
        return digits(token, from: index, radix: 10, negative: negative)
    }

    /// Digits of `radix` with single underscores between them, without overflow.
    private static func digits(_ token: UnsafeBufferPointer<UInt8>, from start: Int, radix: Int, negative: Bool) -> Int? {
        var value = 0
        var previousWasDigit = false
        for index in start..<token.count {
            let c = token[index]
            if c == UInt8(ascii: "_") {
                guard previousWasDigit, index + 1 < token.count else { return nil }
                previousWasDigit = false
                continue
            }
            guard let digit = hexDigit(c).map(Int.init), digit < radix else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: radix)
            let (next, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            value = next
            previousWasDigit = true
        }
        return previousWasDigit ? value : nil
    }

    /// `[+-] int [. digits] [e [+-] digits]` with a fraction or an exponent, or `inf` and `nan`.
    private static func float(_ token: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var digits: [UInt8] = []
        digits.reserveCapacity(token.count)
        func runOfDigits() -> Bool {
            guard index < token.count, isDigit(token[index]) else { return false }
            while index < token.count {
                let c = token[index]
                if c == UInt8(ascii: "_") {
                    guard index + 1 < token.count, isDigit(token[index + 1]) else { return false }
                } else if isDigit(c) {
                    digits.append(c)
                } else {
                    break
                }
                index += 1
            }
            return true
        }
        var sign = 1.0
        if token[0] == UInt8(ascii: "+") || token[0] == UInt8(ascii: "-") {
            if token[0] == UInt8(ascii: "-") { sign = -1 }
            digits.append(token[0])
            index = 1
        }
        let rest = String(decoding: UnsafeBufferPointer(rebasing: token[index...]), as: UTF8.self)
        if rest == "inf" { return sign * .infinity }
        if rest == "nan" { return .nan }
        let integerStart = index
        guard runOfDigits() else { return nil }
        if token[integerStart] == UInt8(ascii: "0") && index - integerStart > 1 { return nil }
        var hasFraction = false, hasExponent = false
        if index < token.count, token[index] == UInt8(ascii: ".") {
            digits.append(UInt8(ascii: "."))
            index += 1
            guard runOfDigits() else { return nil }
            hasFraction = true
        }
        if index < token.count, token[index] == UInt8(ascii: "e") || token[index] == UInt8(ascii: "E") {
            digits.append(UInt8(ascii: "e"))
            index += 1
            if index < token.count, token[index] == UInt8(ascii: "+") || token[index] == UInt8(ascii: "-") {
                digits.append(token[index])
                index += 1
            }
            guard runOfDigits() else { return nil }
            hasExponent = true
        }
        guard index == token.count, hasFraction || hasExponent else { return nil }
        guard let value = Double(String(decoding: digits, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// `YYYY-MM-DD`, optionally followed by `THH:MM:SS[.fraction][Z|±HH:MM]`.
    private static func dateOrDateTime(_ token: UnsafeBufferPointer<UInt8>) -> TOMLValue? {
        guard let year = number(token, 0, 4), token[4] == UInt8(ascii: "-"), let month = number(token, 5, 2),
              at(token, 7) == UInt8(ascii: "-"), let day = number(token, 8, 2),
              (1...12).contains(month), day >= 1, day <= daysIn(month, year) else { return nil }
        let date = TOMLValue.LocalDate(year: year, month: month, day: day)
        if token.count == 10 { return .date(date) }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(token[10]),
              let (time, end) = time(token, from: 11) else { return nil }
        if end == token.count { return .dateTime(.init(date: date, time: time, offsetMinutes: nil)) }
        if token[end] == UInt8(ascii: "Z") || token[end] == UInt8(ascii: "z") {
            guard end + 1 == token.count else { return nil }
            return .dateTime(.init(date: date, time: time, offsetMinutes: 0))
        }
        guard token[end] == UInt8(ascii: "+") || token[end] == UInt8(ascii: "-"), end + 6 == token.count,
              let offsetHour = number(token, end + 1, 2), token[end + 3] == UInt8(ascii: ":"),
              let offsetMinute = number(token, end + 4, 2), offsetHour < 24, offsetMinute < 60 else { return nil }
        let offset = (offsetHour * 60 + offsetMinute) * (token[end] == UInt8(ascii: "-") ? -1 : 1)
        return .dateTime(.init(date: date, time: time, offsetMinutes: offset))
    }

    /// `HH:MM:SS[.fraction]` from `start`, and where it ends.
    private static func time(_ token: UnsafeBufferPointer<UInt8>, from start: Int) -> (time: TOMLValue.LocalTime, end: Int)? {
        guard let hour = number(token, start, 2), at(token, start + 2) == UInt8(ascii: ":"), let minute = number(token, start + 3, 2),
              at(token, start + 5) == UInt8(ascii: ":"), let second = number(token, start + 6, 2),
              hour < 24, minute < 60, second < 60 else { return nil }
        var index = start + 8
        var nanosecond = 0
        if index < token.count, token[index] == UInt8(ascii: ".") {
            index += 1
            let first = index
            while index < token.count, isDigit(token[index]) { index += 1 }
            // Beyond nanoseconds, parsers round differently; such precision means nothing here.
            guard index > first, index - first <= 9, let fraction = number(token, first, index - first) else { return nil }
            nanosecond = fraction
            for _ in 0..<(9 - (index - first)) { nanosecond *= 10 }
        }
        return (TOMLValue.LocalTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond), index)
    }

    private static func number(_ token: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> Int? {
        guard from + count <= token.count else { return nil }
        var value = 0
        for k in from..<(from + count) {
            guard isDigit(token[k]) else { return nil }
            value = value * 10 + Int(token[k] - UInt8(ascii: "0"))
        }
        return value
    }

    private static func at(_ token: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt8? { index < token.count ? token[index] : nil }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: Strings

    private mutating func basicString() throws(Failure) -> String {
        let opening = i
        i += 1
        let start = i
        // Most strings have no escapes: one scan, one copy.
        while let c = peek(), c != UInt8(ascii: "\""), c != UInt8(ascii: "\\"), c != UInt8(ascii: "\n") {
            try allowInText(c)
            i += 1
        }
        if peek() == UInt8(ascii: "\"") {
            i += 1
            return text(start, i - 1)
        }
        var out = Array(bytes[start..<i])
        while let c = peek(), c != UInt8(ascii: "\n") {
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") {
                try escape(into: &out)
                continue
            }
            try allowInText(c)
            out.append(c)
            i += 1
        }
        throw fail(.tomlUnclosedString, at: opening)
    }

    private mutating func multiLineBasicString() throws(Failure) -> String {
        let opening = i
        i += 3
        skipNewline()
        // Long text seldom holds a backslash or a carriage return: then it is copied once,
        // straight from the file. (The slow path below handles everything.)
        var k = i
        while k < bytes.count, bytes[k] != UInt8(ascii: "\""), bytes[k] != UInt8(ascii: "\\"), bytes[k] >= 0x20 || bytes[k] == UInt8(ascii: "\n") || bytes[k] == UInt8(ascii: "\t"), bytes[k] != 0x7F {
            k += 1
        }
        if k + 3 <= bytes.count, bytes[k] == UInt8(ascii: "\""), bytes[k + 1] == UInt8(ascii: "\""), bytes[k + 2] == UInt8(ascii: "\""),
           k + 3 == bytes.count || bytes[k + 3] != UInt8(ascii: "\"") {
            let value = text(i, k)
            i = k + 3
            return value
        }
        var out: [UInt8] = []
        while let c = peek() {
            switch c {
            case UInt8(ascii: "\""):
                if startsWith(#"""""#) { return try close(UInt8(ascii: "\""), &out) }
                out.append(c)
                i += 1
            case UInt8(ascii: "\\"):
                // A backslash at the end of a line joins it to the next, dropping the blank in between.
                var k = i + 1
                while k < bytes.count, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\t") { k += 1 }
                if k < bytes.count, bytes[k] == UInt8(ascii: "\n") || (bytes[k] == UInt8(ascii: "\r") && k + 1 < bytes.count && bytes[k + 1] == UInt8(ascii: "\n")) {
                    i = k
                    while let c = peek() {
                        if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") {
                            i += 1
                        } else if c == UInt8(ascii: "\r"), at(i + 1) == UInt8(ascii: "\n") {
                            i += 2
                        } else {
                            break
                        }
                    }
                } else {
                    try escape(into: &out)
                }
            case UInt8(ascii: "\r") where at(i + 1) == UInt8(ascii: "\n"):
                // Windows line ends inside text become plain newlines, as TOMLKit makes them.
                out.append(UInt8(ascii: "\n"))
                i += 2
            case UInt8(ascii: "\n"):
                out.append(c)
                i += 1
            default:
                try allowInText(c)
                out.append(c)
                i += 1
            }
        }
        throw fail(.tomlUnclosedString, at: opening)
    }

    private mutating func literalString() throws(Failure) -> String {
        let opening = i
        i += 1
        let start = i
        while let c = peek(), c != UInt8(ascii: "'"), c != UInt8(ascii: "\n") {
            try allowInText(c)
            i += 1
        }
        guard peek() == UInt8(ascii: "'") else { throw fail(.tomlUnclosedString, at: opening) }
        i += 1
        return text(start, i - 1)
    }

    private mutating func multiLineLiteralString() throws(Failure) -> String {
        let opening = i
        i += 3
        skipNewline()
        var out: [UInt8] = []
        while let c = peek() {
            if c == UInt8(ascii: "'"), startsWith("'''") { return try close(UInt8(ascii: "'"), &out) }
            if c == UInt8(ascii: "\r"), at(i + 1) == UInt8(ascii: "\n") {
                out.append(UInt8(ascii: "\n"))
                i += 2
                continue
            }
            if c != UInt8(ascii: "\n") { try allowInText(c) }
            out.append(c)
            i += 1
        }
        throw fail(.tomlUnclosedString, at: opening)
    }

    /// At three or more quotes ending a multi-line string: up to two more belong to the text.
    private mutating func close(_ quote: UInt8, _ out: inout [UInt8]) throws(Failure) -> String {
        var quotes = 3
        while i + quotes < bytes.count, bytes[i + quotes] == quote { quotes += 1 }
        guard quotes <= 5 else { throw fail(.tomlTooManyQuotes, at: i) }
        out += repeatElement(quote, count: quotes - 3)
        i += quotes
        return String(decoding: out, as: UTF8.self)
    }

    /// The newline right after an opening `"""` or `'''` is not part of the text.
    private mutating func skipNewline() {
        if peek() == UInt8(ascii: "\n") {
            i += 1
        } else if peek() == UInt8(ascii: "\r"), at(i + 1) == UInt8(ascii: "\n") {
            i += 2
        }
    }

    /// One escape after a backslash, appended as UTF-8.
    private mutating func escape(into out: inout [UInt8]) throws(Failure) {
        let start = i
        i += 1
        guard let c = peek() else { throw fail(.tomlBadEscape, ["escape": .text("\\")], at: start) }
        i += 1
        switch c {
        case UInt8(ascii: "b"), UInt8(ascii: "f"):
            throw fail(.tomlControlCharacter, ["code": .text(c == UInt8(ascii: "b") ? "\\b" : "\\f")], at: start)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""): out.append(c)
        case UInt8(ascii: "\\"): out.append(c)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = c == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for k in i..<min(bytes.count, i + count) {
                guard let digit = TOMLParser.hexDigit(bytes[k]) else { throw fail(.tomlBadEscape, ["escape": .text(shown(at: start, count: count + 2))], at: start) }
                value = value * 16 + digit
            }
            guard i + count <= bytes.count, let scalar = Unicode.Scalar(value) else {
                throw fail(.tomlBadEscape, ["escape": .text(shown(at: start, count: count + 2))], at: start)
            }
            // Control characters, escaped or not, have no place in a store's text: a NUL ends it
            // for many programs, and others would be sent to the terminal of whoever reads it.
            if value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D || (0x7F...0x9F).contains(value) {
                let code = String(value, radix: 16, uppercase: true)
                throw fail(.tomlControlCharacter, ["code": .text("U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code)], at: start)
            }
            i += count
            out += Array(String(Character(scalar)).utf8)
        default:
            throw fail(.tomlBadEscape, ["escape": .text(shown(at: start, count: 2))], at: start)
        }
    }

    /// Tabs aside, control characters may not be written into text (they may be escaped).
    private func allowInText(_ c: UInt8) throws(Failure) {
        guard c < 0x20 || c == 0x7F, c != UInt8(ascii: "\t") else { return }
        let code = String(c, radix: 16, uppercase: true)
        throw fail(.tomlControlCharacter, ["code": .text("U+" + String(repeating: "0", count: 4 - code.count) + code)])
    }

    // MARK: Bytes

    private func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }
    private func at(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private func startsWith(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let pointer = word.utf8Start
        for k in 0..<count where bytes[i + k] != pointer[k] { return false }
        return true
    }

    private mutating func skipSpaces() {
        while let c = peek(), c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") { i += 1 }
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// What stands at `index`, for a message: a word, a character, or "the end of the line".
    private func shown(at index: Int, count: Int? = nil) -> String {
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

    private func fail(_ key: MessageKey, _ arguments: [String: Message.Argument] = [:], at offset: Int? = nil) -> Failure {
        let end = min(offset ?? i, bytes.count)
        var line = 1
        for k in 0..<end where bytes[k] == UInt8(ascii: "\n") { line += 1 }
        return Failure(line: line, problem: Message(key, arguments))
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func isBareKey(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
    }

    private static func startsKey(_ c: UInt8) -> Bool { isBareKey(c) || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c >= 0x80 }

    /// What may follow a number, a date or a boolean.
    private static func endsValue(_ c: UInt8?) -> Bool {
        guard let c else { return true }
        return c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
            || c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: "#")
    }

    private static func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
