import Foundation

/// Numbers as people write them in a Swedish form: "1 200 000 kr", "1 200 000,50", "1,2 mnkr",
/// "500 tkr", "71,5 %". Spaces of any width group thousands; a comma (or a single point) marks
/// the decimals.
public enum SwedishNumber {
    /// Units people write after a number, longest first, and what they multiply it by.
    private static let units: [(String, Decimal)] = [
        ("miljoner kronor", 1_000_000), ("tusen kronor", 1000), ("miljoner", 1_000_000), ("tusen", 1000),
        ("mnkr", 1_000_000), ("msek", 1_000_000), ("mkr", 1_000_000), ("tkr", 1000), ("tsek", 1000),
        ("kronor", 1), ("sek", 1), ("kr", 1), (":-", 1), ("%", 1),
        ("personer", 1), ("barn", 1), ("unga", 1), ("år", 1), ("st", 1),
    ]

    /// Made once: a locale costs more to make than the number does to read.
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The number `text` writes, or nil when it is not one.
    public static func decimal(_ text: String) -> Decimal? {
        var rest = text.lowercased().filter { !isSpace($0) }
        while rest.hasSuffix(".") && rest.count > 1 && !rest.dropLast().last!.isNumber { rest.removeLast() }
        var factor: Decimal = 1
        if let (unit, times) = units.first(where: { rest.hasSuffix($0.0.filter { !isSpace($0) }) }) {
            rest.removeLast(unit.filter { !isSpace($0) }.count)
            factor = times
        }
        var negative = false
        if let first = rest.first, first == "-" || first == "\u{2212}" {
            negative = true
            rest.removeFirst()
        }
        let commas = rest.filter { $0 == "," }.count, points = rest.filter { $0 == "." }.count
        switch (commas, points) {
        case (0, 0), (0, 1): break
        case (1, 0): rest = rest.replacingOccurrences(of: ",", with: ".")
        // "1.200.000" and "1.200.000,50": points group thousands.
        case (0, _): rest = rest.replacingOccurrences(of: ".", with: "")
        case (1, _): rest = rest.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        default: return nil
        }
        guard !rest.isEmpty, rest.first != ".", rest.last != ".", rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              rest.count <= 30, let value = Decimal(string: rest, locale: posix) else { return nil }
        return (negative ? -value : value) * factor
    }

    /// A whole number, or nil when `text` is not one (or has decimals).
    public static func integer(_ text: String) -> Int? {
        guard let value = decimal(text), isWhole(value), abs(value) <= Decimal(Money.largestKronor) else { return nil }
        return NSDecimalNumber(decimal: value).intValue
    }

    /// `1200000` as "1 200 000"; a number with decimals as "71,5".
    public static func text(_ value: Decimal) -> String {
        guard isWhole(value) else { return value.description.replacingOccurrences(of: ".", with: ",") }
        return Catalog.kronor(Money(kronor: value), in: .sv)
    }

    static func isWhole(_ value: Decimal) -> Bool {
        var value = value, result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result == value
    }

    private static func isSpace(_ c: Character) -> Bool {
        c == " " || c == "\u{00A0}" || c == "\u{202F}" || c == "\u{2009}" || c == "\u{2007}" || c == "'"
    }
}

