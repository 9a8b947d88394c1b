import Foundation

// Numbers and money as a reader of the product's language expects them.
extension Catalog {
    /// One decimal, with the decimal comma in Swedish; "–" for no value.
    public func decimal(_ value: Double?) -> String {
        guard let value else { return "–" }
        let tenths = Int((abs(value) * 10).rounded())
        return (value < 0 && tenths > 0 ? "-" : "") + "\(tenths / 10)\(language == .sv ? "," : ".")\(tenths % 10)"
    }
}

/// Whether a calculation exists and breaks even: shown under measurability.
public enum CalculationSummary {
    public static func text(_ application: Application, settings: CalculationSettings, catalog: Catalog) -> String {
        guard let input = application.calculation else { return catalog(.calcSummaryNone) }
        let projection = SocioEconomicCalculation.project(input, settings: settings)
        return catalog(.calcSummary, [
            "npv": .text(catalog.kronor(projection.netPresentValue)), "rate": .text(catalog.percent(projection.rate)),
            "verdict": .text(breakEven(projection, catalog)),
        ])
    }

    public static func breakEven(_ projection: Projection, _ catalog: Catalog) -> String {
        guard let year = projection.breakEven else {
            return catalog(.calcNeverBreaksEven, ["years": .text(String(projection.years.count))])
        }
        return catalog(projection.breaksEvenWithinMandate ? .calcBreaksEvenWithin : .calcBreaksEvenAfter,
                       ["index": .text(String(year.index)), "year": .text(String(year.year))])
    }
}

extension Catalog {
    /// Whole kronor with thousands grouped: "1 250 000" in Swedish, "1,250,000" in English.
    /// Grouped from the Decimal's digits, never through an Int, so no figure the calculation
    /// can produce wraps or traps; "–" for a value that is not a number.
    public func kronor(_ money: Money) -> String {
        guard let text = money.wholeKronorDigits else { return "–" }
        let negative = text.hasPrefix("-")
        let digits = negative ? text.dropFirst() : Substring(text)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += language == .sv ? " " : "," }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped
    }

    /// A rate as per cent: 0.03 → "3 %" (sv) or "3%" (en).
    public func percent(_ rate: Decimal) -> String {
        var text = (rate * 100).description
        if language == .sv { text = text.replacingOccurrences(of: ".", with: ",") }
        return language == .sv ? text + " %" : text + "%"
    }
}
