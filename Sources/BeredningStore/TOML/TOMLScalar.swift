/// The tokens of TOML that are not text: integers (decimal, hexadecimal, octal, binary),
/// floats (with `inf` and `nan`), dates, times and date-times. Pure functions of the token's
/// bytes, so each is checked on its own by the parser's tests.
enum TOMLScalar {
    /// Decimal, or `0x`, `0o` and `0b` without a sign.
    static func integer(_ token: UnsafeBufferPointer<UInt8>) -> Int? {
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
    static func digits(_ token: UnsafeBufferPointer<UInt8>, from start: Int, radix: Int, negative: Bool) -> Int? {
        var value = 0
        var previousWasDigit = false
        for index in start..<token.count {
            let c = token[index]
            if c == UInt8(ascii: "_") {
                guard previousWasDigit, index + 1 < token.count else { return nil }
                previousWasDigit = false
                continue
            }
            guard let digit = TOMLParser.hexDigit(c).map(Int.init), digit < radix else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: radix)
            let (next, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            value = next
            previousWasDigit = true
        }
        return previousWasDigit ? value : nil
    }

    /// `[+-] int [. digits] [e [+-] digits]` with a fraction or an exponent, or `inf` and `nan`.
    static func float(_ token: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var digits: [UInt8] = []
        digits.reserveCapacity(token.count)
        func runOfDigits() -> Bool {
            guard index < token.count, TOMLParser.isDigit(token[index]) else { return false }
            while index < token.count {
                let c = token[index]
                if c == UInt8(ascii: "_") {
                    guard index + 1 < token.count, TOMLParser.isDigit(token[index + 1]) else { return false }
                } else if TOMLParser.isDigit(c) {
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
    static func dateOrDateTime(_ token: UnsafeBufferPointer<UInt8>) -> TOMLValue? {
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
    static func time(_ token: UnsafeBufferPointer<UInt8>, from start: Int) -> (time: TOMLValue.LocalTime, end: Int)? {
        guard let hour = number(token, start, 2), at(token, start + 2) == UInt8(ascii: ":"), let minute = number(token, start + 3, 2),
              at(token, start + 5) == UInt8(ascii: ":"), let second = number(token, start + 6, 2),
              hour < 24, minute < 60, second < 60 else { return nil }
        var index = start + 8
        var nanosecond = 0
        if index < token.count, token[index] == UInt8(ascii: ".") {
            index += 1
            let first = index
            while index < token.count, TOMLParser.isDigit(token[index]) { index += 1 }
            // Beyond nanoseconds, parsers round differently; such precision means nothing here.
            guard index > first, index - first <= 9, let fraction = number(token, first, index - first) else { return nil }
            nanosecond = fraction
            for _ in 0..<(9 - (index - first)) { nanosecond *= 10 }
        }
        return (TOMLValue.LocalTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond), index)
    }

    static func number(_ token: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> Int? {
        guard from + count <= token.count else { return nil }
        var value = 0
        for k in from..<(from + count) {
            guard TOMLParser.isDigit(token[k]) else { return nil }
            value = value * 10 + Int(token[k] - UInt8(ascii: "0"))
        }
        return value
    }

    static func at(_ token: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt8? { index < token.count ? token[index] : nil }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
