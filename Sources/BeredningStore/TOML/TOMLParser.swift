/// The store's own TOML parser, for speed: TOMLKit spends about 90 µs on a store file, most of
/// it crossing into C++ and back, which made a store of 10 000 applications take half a minute
/// to open. This one reads the TOML the store writes and people type, in one pass over the bytes.
///
/// It is deliberately incomplete and never the last word: whatever it does not handle (inline
/// tables, dotted keys, hexadecimal numbers, infinity, local times, carriage returns inside
/// multi-line strings) and every error makes it give up, and TOMLKit then reads the text and
/// reports any error in its own words. Tests compare the two on every kind of file and on
/// random mutations, so a file it accepts means exactly what TOMLKit would make of it.
struct TOMLParser {
    /// Not an error message: the caller hands the text to TOMLKit.
    struct GiveUp: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    static func parse(_ text: String) throws(GiveUp) -> TOMLValue.Table {
        var text = text
        let table: TOMLValue.Table? = text.withUTF8 { buffer in
            var parser = TOMLParser(bytes: buffer)
            return try? parser.document()
        }
        guard let table else { throw GiveUp() }
        return table
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    // MARK: Structure

    private mutating func document() throws(GiveUp) -> TOMLValue.Table {
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
                let key = try simpleKey()
                skipSpaces()
                // A dotted key (`a.b = 1`) defines tables in ways TOMLKit knows better.
                guard peek() == UInt8(ascii: "=") else { throw GiveUp() }
                i += 1
                skipSpaces()
                let value = try value()
                guard current[key] == nil else { throw GiveUp() }
                current.set(key, value)
                try endOfLine()
            }
        }
        return root
    }

    /// `[a.b]` or `[[a.b]]`: the table that the following keys go into.
    private mutating func header(_ root: TOMLValue.Table) throws(GiveUp) -> TOMLValue.Table {
        i += 1
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { i += 1 }
        var path: [String] = []
        repeat {
            if !path.isEmpty { i += 1 }
            skipSpaces()
            path.append(try simpleKey())
            skipSpaces()
        } while peek() == UInt8(ascii: ".")
        try expect(UInt8(ascii: "]"))
        if isArray { try expect(UInt8(ascii: "]")) }

        var table = root
        for key in path.dropLast() {
            switch table[key] {
            case .table(let sub)?:
                table = sub
            case .array(let items)? where table.tableArrays.contains(key):
                guard case .table(let last)? = items.last else { throw GiveUp() }
                table = last
            case nil:
                let sub = TOMLValue.Table()
                table.set(key, .table(sub))
                table = sub
            default:
                throw GiveUp()
            }
        }
        let name = path[path.count - 1]
        let new = TOMLValue.Table()
        new.isExplicit = true
        if isArray {
            switch table[name] {
            case nil:
                table.tableArrays.insert(name)
                table.set(name, .array([.table(new)]))
            case .array(let items)? where table.tableArrays.contains(name):
                table.set(name, .array(items + [.table(new)]))
            default:
                throw GiveUp()
            }
            return new
        }
        switch table[name] {
        case nil:
            table.set(name, .table(new))
            return new
        case .table(let existing)? where !existing.isExplicit && !table.tableArrays.contains(name):
            existing.isExplicit = true
            return existing
        default:
            throw GiveUp()
        }
    }

    /// A bare or quoted key.
    private mutating func simpleKey() throws(GiveUp) -> String {
        guard let c = peek() else { throw GiveUp() }
        if c == UInt8(ascii: "\"") {
            guard !startsWith(#"""""#) else { throw GiveUp() }
            return try basicString()
        }
        if c == UInt8(ascii: "'") {
            guard !startsWith("'''") else { throw GiveUp() }
            return try literalString()
        }
        let start = i
        while let c = peek(), TOMLParser.isBareKey(c) { i += 1 }
        guard i > start else { throw GiveUp() }
        return text(start, i)
    }

    /// Spaces, an optional comment, then a newline or the end of the text.
    private mutating func endOfLine() throws(GiveUp) {
        skipSpaces()
        if peek() == UInt8(ascii: "#") {
            i += 1
            while let c = peek(), c != UInt8(ascii: "\n") {
                if c == UInt8(ascii: "\r") { break }
                guard !TOMLParser.isControl(c) || c == UInt8(ascii: "\t") else { throw GiveUp() }
                i += 1
            }
        }
        guard let c = peek() else { return }
        if c == UInt8(ascii: "\r") {
            i += 1
            guard peek() == UInt8(ascii: "\n") else { throw GiveUp() }
        }
        guard peek() == UInt8(ascii: "\n") else { throw GiveUp() }
        i += 1
    }

    // MARK: Values

    private mutating func value() throws(GiveUp) -> TOMLValue {
        guard let c = peek() else { throw GiveUp() }
        switch c {
        case UInt8(ascii: "\""):
            return .string(startsWith(#"""""#) ? try multiLineBasicString() : try basicString())
        case UInt8(ascii: "'"):
            return .string(startsWith("'''") ? try multiLineLiteralString() : try literalString())
        case UInt8(ascii: "["):
            return try array()
        case UInt8(ascii: "t"):
            try word("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try word("false")
            return .bool(false)
        default:
            return try numberOrDate()
        }
    }

    private mutating func word(_ word: StaticString) throws(GiveUp) {
        guard startsWith(word) else { throw GiveUp() }
        i += word.utf8CodeUnitCount
        guard TOMLParser.endsValue(peek()) else { throw GiveUp() }
    }

    private mutating func array() throws(GiveUp) -> TOMLValue {
        i += 1
        var items: [TOMLValue] = []
        while true {
            try skipBlankAndComments()
            if peek() == UInt8(ascii: "]") { i += 1; return .array(items) }
            items.append(try value())
            try skipBlankAndComments()
            switch peek() {
            case UInt8(ascii: ",")?: i += 1
            case UInt8(ascii: "]")?: i += 1; return .array(items)
            default: throw GiveUp()
            }
        }
    }

    /// Inside an array: spaces, newlines and comments.
    private mutating func skipBlankAndComments() throws(GiveUp) {
        while let c = peek() {
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") {
                i += 1
            } else if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") || c == UInt8(ascii: "#") {
                try endOfLine()
            } else {
                return
            }
        }
    }

    /// Integers, floats and dates share a first character; the token tells which.
    private mutating func numberOrDate() throws(GiveUp) -> TOMLValue {
        let start = i
        while let c = peek(), !TOMLParser.endsValue(c) { i += 1 }
        // `1979-05-27 07:32:00`: a space may separate a date from its time.
        if i - start == 10, peek() == UInt8(ascii: " "), i + 3 < bytes.count, TOMLParser.isDigit(bytes[i + 1]),
           TOMLParser.isDigit(bytes[i + 2]), bytes[i + 3] == UInt8(ascii: ":") {
            i += 1
            while let c = peek(), !TOMLParser.endsValue(c) { i += 1 }
        }
        let token = UnsafeBufferPointer(rebasing: bytes[start..<i])
        guard !token.isEmpty else { throw GiveUp() }
        if token.count >= 10, token[4] == UInt8(ascii: "-"), TOMLParser.isDigit(token[0]) {
            return try TOMLParser.dateOrDateTime(token)
        }
        if let int = TOMLParser.integer(token) { return .int(int) }
        if let double = TOMLParser.float(token) { return .double(double) }
        throw GiveUp()
    }

    /// Decimal integers only; `0x`, `0o` and `0b` go to TOMLKit.
    private static func integer(_ token: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var negative = false
        if token[0] == UInt8(ascii: "+") || token[0] == UInt8(ascii: "-") {
            negative = token[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < token.count, isDigit(token[index]) else { return nil }
        if token[index] == UInt8(ascii: "0") && token.count > index + 1 { return nil }
        var value = 0
        var previousWasDigit = false
        while index < token.count {
            let c = token[index]
            if c == UInt8(ascii: "_") {
                guard previousWasDigit, index + 1 < token.count, isDigit(token[index + 1]) else { return nil }
                previousWasDigit = false
            } else {
                guard isDigit(c) else { return nil }
                let digit = Int(c - UInt8(ascii: "0"))
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                guard !o1, !o2 else { return nil }
                value = next
                previousWasDigit = true
            }
            index += 1
        }
        return value
    }

    /// `[+-] int [. digits] [e [+-] digits]`, with at least a fraction or an exponent.
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
        if token[0] == UInt8(ascii: "+") || token[0] == UInt8(ascii: "-") {
            digits.append(token[0])
            index = 1
        }
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
    private static func dateOrDateTime(_ token: UnsafeBufferPointer<UInt8>) throws(GiveUp) -> TOMLValue {
        func number(_ from: Int, _ count: Int) throws(GiveUp) -> Int {
            guard from + count <= token.count else { throw GiveUp() }
            var value = 0
            for k in from..<(from + count) {
                guard isDigit(token[k]) else { throw GiveUp() }
                value = value * 10 + Int(token[k] - UInt8(ascii: "0"))
            }
            return value
        }
        func expect(_ at: Int, _ byte: UInt8) throws(GiveUp) {
            guard at < token.count, token[at] == byte else { throw GiveUp() }
        }
        let year = try number(0, 4)
        try expect(4, UInt8(ascii: "-"))
        let month = try number(5, 2)
        try expect(7, UInt8(ascii: "-"))
        let day = try number(8, 2)
        guard (1...12).contains(month), day >= 1, day <= daysIn(month, year) else { throw GiveUp() }
        let date = TOMLValue.LocalDate(year: year, month: month, day: day)
        if token.count == 10 { return .date(date) }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(token[10]) else { throw GiveUp() }
        let hour = try number(11, 2)
        try expect(13, UInt8(ascii: ":"))
        let minute = try number(14, 2)
        try expect(16, UInt8(ascii: ":"))
        let second = try number(17, 2)
        guard hour < 24, minute < 60, second < 60 else { throw GiveUp() }
        var index = 19
        var nanosecond = 0
        if index < token.count, token[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < token.count, isDigit(token[index]) { index += 1 }
            // More than nanoseconds is cut differently by different parsers.
            guard index > start, index - start <= 9 else { throw GiveUp() }
            nanosecond = try number(start, index - start)
            for _ in 0..<(9 - (index - start)) { nanosecond *= 10 }
        }
        let time = TOMLValue.LocalTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        if index == token.count { return .dateTime(.init(date: date, time: time, offsetMinutes: nil)) }
        if token[index] == UInt8(ascii: "Z") || token[index] == UInt8(ascii: "z") {
            guard index + 1 == token.count else { throw GiveUp() }
            return .dateTime(.init(date: date, time: time, offsetMinutes: 0))
        }
        guard token[index] == UInt8(ascii: "+") || token[index] == UInt8(ascii: "-"), index + 6 == token.count else { throw GiveUp() }
        let offsetHour = try number(index + 1, 2)
        try expect(index + 3, UInt8(ascii: ":"))
        let offsetMinute = try number(index + 4, 2)
        guard offsetHour < 24, offsetMinute < 60 else { throw GiveUp() }
        let offset = (offsetHour * 60 + offsetMinute) * (token[index] == UInt8(ascii: "-") ? -1 : 1)
        return .dateTime(.init(date: date, time: time, offsetMinutes: offset))
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: Strings

    private mutating func basicString() throws(GiveUp) -> String {
        i += 1
        let start = i
        // Most strings have no escapes: one scan, one copy.
        while let c = peek(), c != UInt8(ascii: "\""), c != UInt8(ascii: "\\") {
            guard !TOMLParser.isControl(c) || c == UInt8(ascii: "\t") else { throw GiveUp() }
            i += 1
        }
        guard let c = peek() else { throw GiveUp() }
        if c == UInt8(ascii: "\"") {
            i += 1
            return text(start, i - 1)
        }
        var scalars = Array(bytes[start..<i])
        while let c = peek() {
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: scalars, as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") {
                try escape(into: &scalars)
                continue
            }
            guard !TOMLParser.isControl(c) || c == UInt8(ascii: "\t") else { throw GiveUp() }
            scalars.append(c)
            i += 1
        }
        throw GiveUp()
    }

    private mutating func multiLineBasicString() throws(GiveUp) -> String {
        i += 3
        if peek() == UInt8(ascii: "\n") { i += 1 }
        var out: [UInt8] = []
        while let c = peek() {
            switch c {
            case UInt8(ascii: "\""):
                if startsWith(#"""""#) {
                    var quotes = 3
                    while i + quotes < bytes.count, bytes[i + quotes] == UInt8(ascii: "\"") { quotes += 1 }
                    guard quotes <= 5 else { throw GiveUp() }
                    out += repeatElement(UInt8(ascii: "\""), count: quotes - 3)
                    i += quotes
                    return String(decoding: out, as: UTF8.self)
                }
                out.append(c)
                i += 1
            case UInt8(ascii: "\\"):
                // A backslash at the end of a line joins it to the next, dropping the blank in between.
                var k = i + 1
                while k < bytes.count, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\t") { k += 1 }
                if k < bytes.count, bytes[k] == UInt8(ascii: "\n") {
                    i = k
                    while let c = peek(), c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") { i += 1 }
                    if peek() == UInt8(ascii: "\r") { throw GiveUp() }
                } else {
                    try escape(into: &out)
                }
            case UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                out.append(c)
                i += 1
            default:
                // Carriage returns: whether a parser keeps or drops them is its own choice.
                guard !TOMLParser.isControl(c) else { throw GiveUp() }
                out.append(c)
                i += 1
            }
        }
        throw GiveUp()
    }

    private mutating func literalString() throws(GiveUp) -> String {
        i += 1
        let start = i
        while let c = peek(), c != UInt8(ascii: "'") {
            guard !TOMLParser.isControl(c) || c == UInt8(ascii: "\t") else { throw GiveUp() }
            i += 1
        }
        guard peek() != nil else { throw GiveUp() }
        i += 1
        return text(start, i - 1)
    }

    private mutating func multiLineLiteralString() throws(GiveUp) -> String {
        i += 3
        if peek() == UInt8(ascii: "\n") { i += 1 }
        let start = i
        while let c = peek() {
            if c == UInt8(ascii: "'"), startsWith("'''") {
                var quotes = 3
                while i + quotes < bytes.count, bytes[i + quotes] == UInt8(ascii: "'") { quotes += 1 }
                guard quotes <= 5 else { throw GiveUp() }
                let end = i + quotes - 3
                i += quotes
                return text(start, end)
            }
            guard !TOMLParser.isControl(c) || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") else { throw GiveUp() }
            i += 1
        }
        throw GiveUp()
    }

    /// One escape after a backslash, appended as UTF-8.
    private mutating func escape(into out: inout [UInt8]) throws(GiveUp) {
        i += 1
        guard let c = peek() else { throw GiveUp() }
        i += 1
        switch c {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""): out.append(c)
        case UInt8(ascii: "\\"): out.append(c)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = c == UInt8(ascii: "u") ? 4 : 8
            guard i + count <= bytes.count else { throw GiveUp() }
            var value: UInt32 = 0
            for k in i..<(i + count) {
                guard let digit = TOMLParser.hexDigit(bytes[k]) else { throw GiveUp() }
                value = value * 16 + digit
            }
            i += count
            // NUL: TOMLKit hands strings over as C strings and would cut the text there.
            guard value != 0, let scalar = Unicode.Scalar(value) else { throw GiveUp() }
            out += Array(String(Character(scalar)).utf8)
        default:
            throw GiveUp()
        }
    }

    // MARK: Bytes

    private func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

    private func startsWith(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let pointer = word.utf8Start
        for k in 0..<count where bytes[i + k] != pointer[k] { return false }
        return true
    }

    private mutating func expect(_ byte: UInt8) throws(GiveUp) {
        guard peek() == byte else { throw GiveUp() }
        i += 1
    }

    private mutating func skipSpaces() {
        while let c = peek(), c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") { i += 1 }
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func isControl(_ c: UInt8) -> Bool { c < 0x20 || c == 0x7F }

    private static func isBareKey(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
    }

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
