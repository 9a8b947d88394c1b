import Foundation

/// An amount in Swedish kronor, exact: decimal arithmetic, never binary floating point,
/// so a sum of öre is the sum of öre and the seeds' figures reproduce to the krona.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var kronor: Decimal

    public init(kronor: Decimal) { self.kronor = kronor }
    public init(_ kronor: Int) { self.kronor = Decimal(kronor) }

    public static let zero = Money(0)

    /// A trillion kronor (10¹²): every amount read from a file or entered above this is refused
    /// as a typing slip, whatever the fund. It also keeps any sum the calculation makes of them
    /// far inside what Decimal holds exactly.
    public static let largestKronor = 1_000_000_000_000
    public static let largest = Money(largestKronor)

    public static func + (a: Money, b: Money) -> Money { Money(kronor: a.kronor + b.kronor) }
    public static func - (a: Money, b: Money) -> Money { Money(kronor: a.kronor - b.kronor) }
    public static func * (a: Money, factor: Decimal) -> Money { Money(kronor: a.kronor * factor) }
    public static func / (a: Money, divisor: Decimal) -> Money { Money(kronor: a.kronor / divisor) }
    public static func += (a: inout Money, b: Money) { a = a + b }
    public static func < (a: Money, b: Money) -> Bool { a.kronor < b.kronor }
    public static prefix func - (a: Money) -> Money { Money(kronor: -a.kronor) }

    /// Rounded half away from zero to `scale` decimals (0: whole kronor, 2: öre).
    public func rounded(scale: Int = 0) -> Money {
        var value = kronor
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return Money(kronor: result)
    }

    /// Whole kronor as digits with "-" for a deficit, exact at any size: what display formats
    /// from, since sums and present values of capped amounts can still pass Int's range.
    /// nil only for a Decimal that is not a number.
    public var wholeKronorDigits: String? { rounded().kronor.integerDigits }

    /// Whole kronor for files, whose amounts are within `largest`; beyond Int's range it
    /// saturates rather than wrapping to the other sign as `NSDecimalNumber.intValue` does.
    public var wholeKronor: Int { rounded().kronor.saturatingInt }

    public var description: String { "\(rounded(scale: 2).kronor) kr" }
}

extension Decimal {
    /// A whole Decimal as plain decimal digits ("-12"): Decimal's description never uses an
    /// exponent, so this is exact for any magnitude. nil for NaN.
    public var integerDigits: String? {
        guard !isNaN else { return nil }
        let text = description
        let negative = text.hasPrefix("-")
        let digits = negative ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        // A rounding to zero from below is zero, not "-0".
        return negative && digits.contains(where: { $0 != "0" }) ? "-" + digits : String(digits)
    }

    /// A whole Decimal as an Int, held at Int's bounds (NaN as 0) instead of wrapping.
    public var saturatingInt: Int {
        guard let digits = integerDigits else { return 0 }
        return Int(digits) ?? (digits.hasPrefix("-") ? .min : .max)
    }

    /// `self` to a whole power, by repeated multiplication: exact for the powers a horizon needs.
    func power(_ exponent: Int) -> Decimal {
        var result = Decimal(1)
        for _ in 0..<Swift.max(0, exponent) { result *= self }
        return result
    }
}
