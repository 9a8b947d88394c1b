import BeredningCore

/// Values: strings, arrays, inline tables, and the token a number or date is read from.
extension TOMLParser {
    mutating func value() throws(Failure) -> TOMLValue {
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

    /// Goes `levels` deeper into the data; the caller comes back up by as many.
    mutating func nest(_ levels: Int = 1) throws(Failure) {
        depth += levels
        guard depth <= TOMLParser.maximumDepth else { throw fail(.tomlTooDeep) }
    }

    mutating func array() throws(Failure) -> TOMLValue {
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
    mutating func inlineTable() throws(Failure) -> TOMLValue {
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
    static func freeze(_ table: TOMLValue.Table) {
        table.origin = .inline
        for key in table.keys {
            if case .table(let sub)? = table[key] { freeze(sub) }
        }
    }

    /// Inside an array: spaces, newlines and comments.
    mutating func skipBlankAndComments(openedAt start: Int) throws(Failure) {
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
    mutating func numberOrDate() throws(Failure) -> TOMLValue {
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
            guard let value = TOMLScalar.dateOrDateTime(token) else { throw fail(.tomlBadDate, ["value": .text(text(start, i))], at: start) }
            return value
        }
        if token.count >= 8, token[2] == UInt8(ascii: ":"), TOMLParser.isDigit(token[0]) {
            guard let time = TOMLScalar.time(token, from: 0), time.end == token.count else {
                throw fail(.tomlBadDate, ["value": .text(text(start, i))], at: start)
            }
            return .time(time.time)
        }
        if let int = TOMLScalar.integer(token) { return .int(int) }
        if let double = TOMLScalar.float(token) { return .double(double) }
        // A value TOML cannot read: most often text that lacks its quotes.
        throw fail(.tomlBadValue, ["value": .text(text(start, i))], at: start)
    }


    // MARK: Strings

    mutating func basicString() throws(Failure) -> String {
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

    mutating func multiLineBasicString() throws(Failure) -> String {
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

    mutating func literalString() throws(Failure) -> String {
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

    mutating func multiLineLiteralString() throws(Failure) -> String {
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
    mutating func close(_ quote: UInt8, _ out: inout [UInt8]) throws(Failure) -> String {
        var quotes = 3
        while i + quotes < bytes.count, bytes[i + quotes] == quote { quotes += 1 }
        guard quotes <= 5 else { throw fail(.tomlTooManyQuotes, at: i) }
        out += repeatElement(quote, count: quotes - 3)
        i += quotes
        return String(decoding: out, as: UTF8.self)
    }

    /// The newline right after an opening `"""` or `'''` is not part of the text.
    mutating func skipNewline() {
        if peek() == UInt8(ascii: "\n") {
            i += 1
        } else if peek() == UInt8(ascii: "\r"), at(i + 1) == UInt8(ascii: "\n") {
            i += 2
        }
    }

    /// One escape after a backslash, appended as UTF-8.
    mutating func escape(into out: inout [UInt8]) throws(Failure) {
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
    func allowInText(_ c: UInt8) throws(Failure) {
        guard c < 0x20 || c == 0x7F, c != UInt8(ascii: "\t") else { return }
        let code = String(c, radix: 16, uppercase: true)
        throw fail(.tomlControlCharacter, ["code": .text("U+" + String(repeating: "0", count: 4 - code.count) + code)])
    }

}
