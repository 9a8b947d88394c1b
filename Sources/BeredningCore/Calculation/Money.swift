import Foundation

/// An amount in Swedish kronor, exact: decimal arithmetic, never binary floating point,
/// so a sum of öre is the sum of öre and the seeds' figures reproduce to the krona.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var kronor: Decimal

    public init(kronor: Decimal) { self.kronor = kronor }
    public init(_ kronor: Int) { self.kronor = Decimal(kronor) }

    public static let zero = Money(0)

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

    /// Whole kronor, for tables and JSON.
    public var wholeKronor: Int { NSDecimalNumber(decimal: rounded().kronor).intValue }

    public var description: String { "\(rounded(scale: 2).kronor) kr" }
}

extension Decimal {
    /// `self` to a whole power, by repeated multiplication: exact for the powers a horizon needs.
    func power(_ exponent: Int) -> Decimal {
        var result = Decimal(1)
        for _ in 0..<Swift.max(0, exponent) { result *= self }
        return result
    }
}
