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
        breakEven(projection.breakEven, of: projection, catalog)
    }

    /// A break-even year (the total's or one actor's) in words, with the mandate period it is
    /// measured against.
    public static func breakEven(_ year: ProjectionYear?, of projection: Projection, _ catalog: Catalog) -> String {
        guard let year else {
            return catalog(.calcNeverBreaksEven, ["years": .text(String(projection.years.count))])
        }
        let when: [String: Message.Argument] = ["index": .text(String(year.index)), "year": .text(String(year.year))]
        guard let mandate = projection.mandate else { return catalog(.calcBreaksEvenNoMandate, when) }
        return catalog(projection.breaksEvenWithinMandate(year) ? .calcBreaksEvenWithin : .calcBreaksEvenAfter,
                       when.merging(["period": .text(mandate.name)]) { a, _ in a })
    }

    /// How many must be helped for it to pay, or that even the full effect does not.
    public static func peopleNeeded(_ needed: PeopleNeeded, settings: CalculationSettings, _ catalog: Catalog) -> String {
        switch needed {
        case .persons(let count): return catalog(.calcPeopleNeeded, ["count": .text(String(count))])
        case .fullEffectDoesNotPayBack: return catalog(.calcFullDoesNotPayBack, ["years": .text(String(max(1, settings.horizon)))])
        }
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
