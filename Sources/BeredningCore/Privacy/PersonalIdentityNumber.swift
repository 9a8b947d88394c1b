import Foundation

/// A personal identity or coordination number found in free text.
public struct PersonalIdentityNumberMatch: Hashable, Sendable {
    /// Exactly as written in the text, e.g. "850709-9805".
    public let text: String
    /// The 1-based line in the text where the number starts.
    public let line: Int
    /// A coordination number (samordningsnummer): the day of birth plus 60.
    public let isCoordinationNumber: Bool
    /// The birth date part kept, the last four digits hidden: "850709-****" / "19850709-****" —
    /// what an error message may show.
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
/// Recognised forms: YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDD-NNNN, YYMMDDNNNN and YYYYMMDDNNNN.
/// The dash may be a hyphen, an en dash or a minus sign, since word processors replace one with the other.
/// A number counts only when its date is a real calendar date and its check digit is right,
/// and only when it stands on its own: not inside a longer run of digits, not glued to a letter.
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
        return text.withUTF8 { Scanner(bytes: $0).run(firstOnly: firstOnly) }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>

        func run(firstOnly: Bool) -> [PersonalIdentityNumberMatch] {
            var matches: [PersonalIdentityNumberMatch] = []
            var line = 1
            var i = 0
            let count = bytes.count
            while i < count {
                let byte = bytes[i]
                if !isDigit(byte) {
                    if byte == newline || (byte == carriageReturn && (i + 1 == count || bytes[i + 1] != newline)) {
                        line += 1
                    }
                    i += 1
                    continue
                }
                // Runs are always skipped whole, so `i` is the first digit of a run.
                let runEnd = endOfDigits(from: i)
                if !isGlued(before: i), let match = number(startingAt: i, runEnd: runEnd, line: line) {
                    matches.append(match.value)
                    if firstOnly { return matches }
                    i = match.end
                } else {
                    i = runEnd
                }
            }
            return matches
        }

        /// The number whose first digit is at `start`, and the offset just past it.
        private func number(startingAt start: Int, runEnd: Int, line: Int)
            -> (value: PersonalIdentityNumberMatch, end: Int)?
        {
            let dateStart: Int
            let tailStart: Int
            let end: Int
            let hasCentury: Bool
            switch runEnd - start {
            case 10, 12:
                hasCentury = runEnd - start == 12
                dateStart = hasCentury ? start + 2 : start
                tailStart = dateStart + 6
                end = runEnd
            case 6, 8:
                hasCentury = runEnd - start == 8
                guard let separator = separatorLength(at: runEnd) else { return nil }
                // "+" marks a person over 100, which only makes sense when the century is left out.
                if hasCentury && bytes[runEnd] == plus { return nil }
                dateStart = hasCentury ? start + 2 : start
                tailStart = runEnd + separator
                end = endOfDigits(from: tailStart)
                guard end - tailStart == 4 else { return nil }
            default:
                return nil
            }
            guard !isGlued(after: end) else { return nil }

            func digit(_ offset: Int) -> Int { Int(bytes[offset] &- zero) }
            let century = hasCentury ? digit(start) * 10 + digit(start + 1) : nil
            let yearInCentury = digit(dateStart) * 10 + digit(dateStart + 1)
            let month = digit(dateStart + 2) * 10 + digit(dateStart + 3)
            let dayField = digit(dateStart + 4) * 10 + digit(dateStart + 5)
            let isCoordination = dayField > 60
            let day = isCoordination ? dayField - 60 : dayField

            let years = century.map { [$0 * 100 + yearInCentury] } ?? [1900 + yearInCentury, 2000 + yearInCentury]
            guard years.contains(where: { isRealDate(year: $0, month: month, day: day) }) else { return nil }

            var tenDigits: [Int] = []
            tenDigits.reserveCapacity(10)
            for offset in 0..<6 { tenDigits.append(digit(dateStart + offset)) }
            for offset in 0..<4 { tenDigits.append(digit(tailStart + offset)) }
            guard hasValidCheckDigit(tenDigits) else { return nil }

            let match = PersonalIdentityNumberMatch(
                text: string(start..<end),
                line: line,
                isCoordinationNumber: isCoordination,
                masked: string(start..<tailStart) + "****"
            )
            return (match, end)
        }

        private func isRealDate(year: Int, month: Int, day: Int) -> Bool {
            guard (1850...2100).contains(year), (1...12).contains(month), day >= 1 else { return false }
            let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            return day <= days[month - 1]
        }

        private func endOfDigits(from start: Int) -> Int {
            var end = start
            while end < bytes.count && isDigit(bytes[end]) { end += 1 }
            return end
        }

        /// The byte length of the dash or plus at `offset`, if there is one.
        private func separatorLength(at offset: Int) -> Int? {
            guard offset < bytes.count else { return nil }
            if bytes[offset] == hyphen || bytes[offset] == plus { return 1 }
            guard offset + 2 < bytes.count else { return nil }
            let (b0, b1, b2) = (bytes[offset], bytes[offset + 1], bytes[offset + 2])
            // U+2010…U+2013 (hyphen, non-breaking hyphen, figure dash, en dash) and U+2212 (minus sign):
            // all of them turn up where a hyphen was typed and autocorrected.
            if b0 == 0xE2 && b1 == 0x80 && (0x90...0x93).contains(b2) { return 3 }
            if b0 == 0xE2 && b1 == 0x88 && b2 == 0x92 { return 3 }
            return nil
        }

        private func isGlued(before offset: Int) -> Bool {
            guard offset > 0 else { return false }
            var lead = offset - 1
            // Step back over UTF-8 continuation bytes to the start of the previous scalar.
            while lead > 0 && bytes[lead] & 0xC0 == 0x80 && offset - lead < 4 { lead -= 1 }
            return scalar(at: lead).map(isLetterOrDigit) ?? false
        }

        private func isGlued(after offset: Int) -> Bool {
            scalar(at: offset).map(isLetterOrDigit) ?? false
        }

        private func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                let lowercased = byte | 0x20
                return isDigit(byte) || (lowercased >= UInt8(ascii: "a") && lowercased <= UInt8(ascii: "z"))
            }
            return scalar.properties.isAlphabetic || scalar.properties.generalCategory == .decimalNumber
        }

        private func scalar(at offset: Int) -> Unicode.Scalar? {
            guard offset < bytes.count else { return nil }
            var iterator = bytes[offset...].makeIterator()
            var decoder = UTF8()
            if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
            return nil
        }

        private func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        private func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }
    }
}

private let zero = UInt8(ascii: "0")
private let hyphen = UInt8(ascii: "-")
private let plus = UInt8(ascii: "+")
private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
