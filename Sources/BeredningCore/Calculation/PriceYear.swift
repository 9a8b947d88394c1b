import Foundation

/// What one person avoiding an effect's cost is worth a year, as written and as the calculation
/// uses it: unit costs come from different years (a 2015 investigation, 2024 income support),
/// so a fund with a price index puts them all in one year's prices before they are added up.
public struct EffectPrice: Hashable, Sendable {
    /// Kronor per person and year as the application or the fund's table gives them.
    public let given: Money
    /// The year whose prices `given` is in: the line's own, or its unit cost's.
    public let priceYear: Int?
    /// What the calculation counts: `given` in the fund's price year, or `given` itself.
    public let used: Money
    public let conversion: Conversion
    /// The fund's unit cost the line names, if it names one.
    public let unitCost: UnitCost?

    public enum Conversion: Hashable, Sendable {
        /// The fund has no price index: amounts are counted as given.
        case noIndex
        /// Converted from `priceYear` to the fund's price year.
        case converted(to: Int)
        /// Already in the fund's price year.
        case inPriceYear
        /// The fund has an index, but the line says no price year, so it is counted as given.
        case noPriceYear
        /// The index has no figure for the line's price year, so it is counted as given.
        case yearNotInIndex
    }

    /// Whether the fund has an index that this line could not be converted with.
    public var notConverted: Bool { conversion == .noPriceYear || conversion == .yearNotInIndex }
}

extension CalculationSettings {
    /// The year amounts are shown in: the fund's `price_year`, else the index's last year;
    /// nil without an index.
    public var shownPriceYear: Int? {
        guard !priceIndex.isEmpty else { return nil }
        return priceYear ?? priceIndex.keys.max()
    }

    /// An amount from `year`'s prices in the fund's price year: multiplied by the ratio of the
    /// two years' index figures and rounded to whole kronor, as every amount in the store is.
    public func convert(_ amount: Money, from year: Int?) -> (Money, EffectPrice.Conversion) {
        guard let target = shownPriceYear, let targetIndex = priceIndex[target] else { return (amount, .noIndex) }
        guard let year else { return (amount, .noPriceYear) }
        if year == target { return (amount, .inPriceYear) }
        guard let fromIndex = priceIndex[year], fromIndex > 0 else { return (amount, .yearNotInIndex) }
        return ((amount * targetIndex / fromIndex).rounded(), .converted(to: target))
    }

    /// An effect's kronor per person and year; nil for a unit cost the fund does not have.
    public func price(of effect: Effect) -> EffectPrice? {
        let given: Money, year: Int?, unit: UnitCost?
        switch effect.value {
        case .amount(let money):
            (given, year, unit) = (money, effect.priceYear, nil)
        case .unitCost(let id):
            guard let found = unitCost(id) else { return nil }
            (given, year, unit) = (found.amount, found.priceYear, found)
        }
        let (used, conversion) = convert(given, from: year)
        return EffectPrice(given: given, priceYear: year, used: used, conversion: conversion, unitCost: unit)
    }
}
