import Foundation

/// A personal identity or coordination number found in free text.
public struct PersonalIdentityNumberMatch: Hashable, Sendable {
    /// Exactly as written in the text, e.g. "850709-9805", invisible characters and line breaks included.
    public let text: String
    /// The 1-based line in the text where the number starts.
    public let line: Int
    /// A coordination number (samordningsnummer): the day of birth plus 60.
    public let isCoordinationNumber: Bool
    /// The birth date part kept, the last four digits hidden: "850709-****" / "19850709-****" —
    /// what an error message may show. Its digits are ASCII, invisible characters are left out,
    /// and spaces and line breaks become one space, so the message prints on one line.
    public let masked: String

    public init(text: String, line: Int, isCoordinationNumber: Bool, masked: String) {
        self.text = text
        self.line = line
        self.isCoordinationNumber = isCoordinationNumber
        self.masked = masked
    }
}

/// Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer)
/// in free text, so that no text identifying a child is ever saved.
///
/// The text is read as a person would read it, not as it is encoded: every Unicode decimal digit
/// counts as its ASCII digit (full-width ５, Arabic-Indic ٥ …), invisible characters (soft hyphen,
/// zero-width space and joiners, word joiner, byte order mark) are skipped, and spaces of every
/// width, hyphens and dashes of every kind, `+`, `_`, `.`, `/` and one line break may separate the parts.
///
/// Recognised: YYMMDD-NNNN and YYYYMMDD-NNNN, with or without a separator before the last four
/// (`+` only without the century: it marks a person over 100), and
/// the same with separators between the date's parts as well (`85 07 09-1232`). A letter next to the
/// number does not hide it (`pnr850709-1232`); a digit does, since the digits are then part of
/// something longer. A number counts only when its date is a real calendar date (the day plus 60
/// for a coordination number) and its check digit is right.
///
/// Phone numbers, amounts, dates, case and organisation numbers stay out for structural reasons:
/// their groups of digits do not fall on a date's boundaries, their month is no month (an
/// organisation number's third digit is at least 2), or they have no four digits after the date.
/// A date with separators inside must be the whole group of digits; only the compact forms
/// (`850709-1232`, `8507099805`) are also found next to other digits, as after a clearing number.
public enum PersonalIdentityNumber {
    /// Every valid personal identity or coordination number in free text.
    public static func find(in text: String) -> [PersonalIdentityNumberMatch] {
        scan(text, firstOnly: false)
    }

    public static func contains(_ text: String) -> Bool {
        !scan(text, firstOnly: true).isEmpty
    }

    /// Luhn check over the 10 digits YYMMDDNNNC.
    public static func hasValidCheckDigit(_ tenDigits: [Int]) -> Bool {
        guard tenDigits.count == 10, tenDigits.allSatisfy({ (0...9).contains($0) }) else { return false }
        var sum = 0
        for (index, digit) in tenDigits.enumerated() {
            let product = index % 2 == 0 ? digit * 2 : digit
            sum += product / 10 + product % 10
        }
        return sum % 10 == 0
    }
}

// MARK: - Scanning

extension PersonalIdentityNumber {
    private static func scan(_ text: String, firstOnly: Bool) -> [PersonalIdentityNumberMatch] {
        // `withUTF8` makes a bridged string contiguous once, so the scan below is a single pass over bytes
        // instead of walking `String.Index`, which is far too slow for a 10 MB text.
        var text = text
        return text.withUTF8 { bytes in
            var scanner = NumberScanner(bytes: bytes, firstOnly: firstOnly)
            scanner.run()
            return scanner.matches
        }
    }
}

/// One scalar of the text as the scan sees it, after folding.
private enum FoldedScalar: Equatable {
    case digit(UInt8)
    case space
    /// A hyphen, dash, `_`, `.`, `/` or plus: at most one between two groups of digits.
    case mark(isPlus: Bool)
    case lineBreak
    /// Skipped as if it were not there, also inside a group of digits.
    case invisible
    case other
}

/// A maximal run of digits (invisible characters inside do not break it).
private struct DigitGroup {
    var start: Int
    /// Just past the last digit.
    var end = 0
    var line: Int
    /// The digits as a number; only meaningful while `count` is at most 12.
    var value: UInt64 = 0
    var count = 0
    /// Where each of the last four digits starts: where the mask begins when these are the last four.
    var lastFour = (0, 0, 0, 0)
    /// The separators between this group and the one before in the same chain; nil for the first.
    var gapBefore: SeparatorRun?

    mutating func append(_ digit: UInt8, at offset: Int, length: Int) {
        if count < 12 { value = value * 10 + UInt64(digit) }
        count += 1
        end = offset + length
        lastFour = (lastFour.1, lastFour.2, lastFour.3, offset)
    }
}

/// The separators between two groups of digits: at most one mark and one line break, and short
/// enough that only a line break and the next line's indentation join two groups, not whole paragraphs.
private struct SeparatorRun {
    var scalars = 0
    var marks = 0
    var lineBreaks = 0
    var hasPlus = false

    static let longest = 12

    mutating func add(_ folded: FoldedScalar) {
        scalars += 1
        switch folded {
        case .mark(let isPlus):
            marks += 1
            hasPlus = hasPlus || isPlus
        case .lineBreak: lineBreaks += 1
        default: break
        }
    }

    var isValid: Bool { scalars <= SeparatorRun.longest && marks <= 1 && lineBreaks <= 1 }
}

/// One pass over the bytes: digits gather into groups, groups joined by separators into a chain.
/// A compact number is looked for as each group closes, one with separators inside the date when
/// the chain ends. Only the last few groups of a chain are kept, so the work per byte is bounded.
private struct NumberScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let firstOnly: Bool
    var matches: [PersonalIdentityNumberMatch] = []

    private var line = 1
    private var group: DigitGroup?
    private var gap: SeparatorRun?
    /// The last groups of the current chain, at most `kept`: century, year, month, day and the last four.
    private var chain: [DigitGroup] = []
    private var chainCount = 0
    /// Groups of the chain up to this index (exclusive, counted over the whole chain) are part of a number already found.
    private var usedUpTo = 0
    private static let kept = 5

    init(bytes: UnsafeBufferPointer<UInt8>, firstOnly: Bool) {
        self.bytes = bytes
        self.firstOnly = firstOnly
    }

    private var isDone: Bool { firstOnly && !matches.isEmpty }

    mutating func run() {
        // Read once: a static's lazy initialiser is checked on every access otherwise.
        let plain = NumberScanner.plainASCII
        var offset = 0
        while offset < bytes.count && !isDone {
            let (folded, length) = fold(at: offset)
            switch folded {
            case .digit(let digit):
                if group == nil { openGroup(at: offset) }
                group!.append(digit, at: offset, length: length)
            case .invisible:
                break
            case .space, .mark, .lineBreak:
                if group != nil {
                    closeGroup()
                    gap = SeparatorRun()
                }
                if gap != nil {
                    gap!.add(folded)
                    if !gap!.isValid { endChain() }
                }
                if folded == .lineBreak { line += 1 }
            case .other:
                if group != nil { closeGroup() }
                endChain()
                // The rest of a word cannot hold a number: most of a file is skipped here, a byte a step.
                offset += length
                while offset < bytes.count, bytes[offset] < 0x80, plain[Int(bytes[offset])] { offset += 1 }
                continue
            }
            offset += length
        }
        if group != nil { closeGroup() }
        endChain()
    }

    private mutating func openGroup(at offset: Int) {
        if gap == nil { endChain() }
        group = DigitGroup(start: offset, line: line, gapBefore: gap)
        gap = nil
    }

    private mutating func closeGroup() {
        guard let closed = group else { return }
        group = nil
        if chain.count == NumberScanner.kept { chain.removeFirst() }
        chain.append(closed)
        chainCount += 1
        guard !isDone else { return }
        findCompact()
    }

    /// 10 or 12 digits in one group, or 6 or 8 digits, one gap, and four digits.
    private mutating func findCompact() {
        let last = chain[chain.count - 1]
        if last.count == 10 || last.count == 12 {
            report([last])
        } else if last.count == 4, chain.count >= 2, chainCount - 2 >= usedUpTo {
            let date = chain[chain.count - 2]
            guard date.count == 6 || date.count == 8 else { return }
            report([date, last])
        }
    }

    /// A chain of two to five groups that is one number with separators inside its date.
    private mutating func endChain() {
        // Most of a text is letters, each ending a chain that never began.
        guard chainCount > 0 || gap != nil else { return }
        defer {
            chain.removeAll(keepingCapacity: true)
            chainCount = 0
            usedUpTo = 0
            gap = nil
        }
        guard !isDone, usedUpTo == 0, chainCount == chain.count, (2...NumberScanner.kept).contains(chain.count) else { return }
        report(chain)
    }

    /// Adds the number `groups` spell when they form one; the groups are consecutive in the chain.
    private mutating func report(_ groups: [DigitGroup]) {
        let digitCount = groups.reduce(0) { $0 + $1.count }
        guard digitCount == 10 || digitCount == 12, let tail = groups.last, tail.count >= 4 else { return }
        if groups.count > 1 {
            guard tail.count == 4, NumberScanner.cutsFallOnDateParts(groups, digitCount: digitCount) else { return }
            // "+" marks a person over 100: only before the last four, and only without the century.
            for (index, group) in groups.enumerated().dropFirst() where group.gapBefore?.hasPlus == true {
                guard index == groups.count - 1, digitCount == 10 else { return }
            }
        }
        var value: UInt64 = 0
        for group in groups { value = value * NumberScanner.power(group.count) + group.value }
        var digits = (0..<digitCount).map { _ in 0 }
        for index in digits.indices.reversed() {
            digits[index] = Int(value % 10)
            value /= 10
        }
        guard let isCoordination = NumberScanner.dateKind(digits) else { return }
        guard PersonalIdentityNumber.hasValidCheckDigit(Array(digits.suffix(10))) else { return }
        let start = groups[0].start
        let tailStart = tail.lastFour.0
        matches.append(PersonalIdentityNumberMatch(
            text: string(start..<tail.end), line: groups[0].line, isCoordinationNumber: isCoordination,
            masked: NumberScanner.readable(string(start..<tailStart)) + "****"))
        usedUpTo = chainCount
    }

    /// Separators may stand only between century and year, year and month, month and day, and before the last four.
    private static func cutsFallOnDateParts(_ groups: [DigitGroup], digitCount: Int) -> Bool {
        let allowed: Set<Int> = digitCount == 12 ? [2, 4, 6, 8] : [2, 4, 6]
        var position = 0
        for group in groups.dropLast() {
            position += group.count
            guard allowed.contains(position) else { return false }
        }
        return true
    }

    /// Whether the date part is a real date, and if so whether it is a coordination number's.
    private static func dateKind(_ digits: [Int]) -> Bool? {
        let hasCentury = digits.count == 12
        let date = hasCentury ? 2 : 0
        func pair(_ offset: Int) -> Int { digits[offset] * 10 + digits[offset + 1] }
        let yearInCentury = pair(date), month = pair(date + 2), dayField = pair(date + 4)
        let isCoordination = dayField > 60
        let day = isCoordination ? dayField - 60 : dayField
        let years = hasCentury ? [pair(0) * 100 + yearInCentury] : [1900 + yearInCentury, 2000 + yearInCentury]
        guard years.contains(where: { isRealDate(year: $0, month: month, day: day) }) else { return nil }
        return isCoordination
    }

    private static func isRealDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1850...2100).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    private static func power(_ exponent: Int) -> UInt64 {
        (0..<exponent).reduce(1) { result, _ in result * 10 }
    }

    /// The birth date as a message may show it: ASCII digits, nothing invisible, spaces and line
    /// breaks as one plain space.
    private static func readable(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch NumberScanner.fold(scalar) {
            case .digit(let digit): result.append(Unicode.Scalar(zero + digit))
            case .invisible: break
            case .space, .lineBreak: if result.last != " " { result.append(" ") }
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// The scalar at `offset` folded, and its length in bytes; `\r\n` is one line break.
    private func fold(at offset: Int) -> (FoldedScalar, Int) {
        let byte = bytes[offset]
        if byte < 0x80 {
            if byte == carriageReturn && offset + 1 < bytes.count && bytes[offset + 1] == newline { return (.lineBreak, 2) }
            return (NumberScanner.ascii[Int(byte)], 1)
        }
        var iterator = bytes[offset...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return (.other, 1) }
        return (NumberScanner.fold(scalar), UTF8.width(scalar))
    }

    /// The ASCII half of `fold`, looked up: nearly every byte of a Swedish text is ASCII.
    private static let ascii: [FoldedScalar] = (0..<128).map { fold(Unicode.Scalar(UInt8($0))) }
    /// The ASCII bytes that are `.other`: letters and punctuation that end any number.
    private static let plainASCII: [Bool] = ascii.map { $0 == .other }

    private static func fold(_ scalar: Unicode.Scalar) -> FoldedScalar {
        switch scalar.value {
        case 0x30...0x39: return .digit(UInt8(scalar.value - 0x30))
        case 0x0A, 0x0D: return .lineBreak
        case 0x20, 0x09, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .space
        case 0x2B, 0xFF0B, 0xFE62: return .mark(isPlus: true)
        // Hyphen-minus, low line, full stop, solidus; the Unicode hyphens and dashes, minus sign,
        // and their small and full-width forms, which word processors and phones put where a hyphen was typed.
        case 0x2D, 0x5F, 0x2E, 0x2F, 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D, 0xFF0E, 0xFF0F, 0xFF3F:
            return .mark(isPlus: false)
        case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF: return .invisible
        case 0...0x7F: return .other
        default:
            if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue, (0...9).contains(value) {
                return .digit(UInt8(value))
            }
            return .other
        }
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

private let zero = UInt8(ascii: "0")
private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
