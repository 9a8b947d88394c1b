import Foundation

/// How numbers are set. Terminals, CSV files and commands whose output is read back keep
/// `.plain` (ASCII hyphen, ordinary spaces), which every tool takes; a printed document (the
/// decision memo) is set in `.print`, where a line may never break inside a number or a range
/// and a negative amount carries a real minus sign.
public enum NumberStyle: Hashable, Sendable {
    case plain
    case print

    /// Between groups of thousands in Swedish: a space, or NARROW NO-BREAK SPACE in print.
    public var groupSeparator: String { self == .print ? "\u{202F}" : " " }
    /// MINUS SIGN in print, the hyphen elsewhere.
    public var minus: String { self == .print ? "\u{2212}" : "-" }
    /// Between a number and its unit ("3 %"): NO-BREAK SPACE in print.
    public var unitSpace: String { self == .print ? "\u{00A0}" : " " }
    /// The dash of a range ("2026–2028"), held to its ends by WORD JOINERs in print, since a
    /// line may otherwise break after an en dash.
    public var rangeDash: String { self == .print ? "\u{2060}–\u{2060}" : "–" }

    /// `text` with every range between figures ("1–4", "2022–2026", "2026-04-01 – 2026-10-14")
    /// held whole in print: WORD JOINERs around a bare dash, NO-BREAK SPACEs for a spaced one.
    /// Applied to a whole printed document, what users wrote included, since a range split
    /// over two lines reads as two numbers wherever it came from.
    public func keepingRangesWhole(_ text: String) -> String {
        guard self == .print, text.contains("–") else { return text }
        let characters = Array(text)
        func digit(_ index: Int) -> Bool { characters.indices.contains(index) && characters[index].isASCII && characters[index].isNumber }
        var out = ""
        for (index, character) in characters.enumerated() {
            if character == "–" && digit(index - 1) && digit(index + 1) {
                out += rangeDash
            } else if character == "–" && characters.indices.contains(index - 1) && characters[index - 1] == " " && digit(index - 2)
                        && characters.indices.contains(index + 1) && characters[index + 1] == " " && digit(index + 2) {
                out.removeLast()
                out += "\u{00A0}–\u{00A0}"
            } else if character == " " && index > 0 && characters[index - 1] == "–" && out.hasSuffix("\u{00A0}–\u{00A0}") {
                continue
            } else {
                out.append(character)
            }
        }
        return out
    }
}

// Numbers and money as a reader of the product's language expects them.
extension Catalog {
    /// One decimal, with the decimal comma in Swedish; "–" for no value.
    public func decimal(_ value: Double?) -> String {
        guard let value else { return "–" }
        let tenths = Int((abs(value) * 10).rounded())
        return (value < 0 && tenths > 0 ? numbers.minus : "") + "\(tenths / 10)\(language == .sv ? "," : ".")\(tenths % 10)"
    }

    /// A measured figure as people write it: whole numbers without decimals ("22"), others
    /// with one ("22,5").
    public func figure(_ value: Double) -> String {
        let tenths = (abs(value) * 10).rounded()
        guard tenths.truncatingRemainder(dividingBy: 10) == 0, tenths < 1e15 else { return decimal(value) }
        return (value < 0 && tenths > 0 ? numbers.minus : "") + String(Int(tenths / 10))
    }

    /// "2026–2028", or one year when both ends are the same; unbreakable in print.
    public func range(_ from: String, _ to: String) -> String { from == to ? from : from + numbers.rangeDash + to }
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

/// The assumptions behind a calculation, in words: each effect line with its unit cost, source
/// and price year, the mandate period, and what the horizon and the price year did to the
/// lines. `bered calc`, the calculation screen and the memo all show these same sentences.
public struct CalculationAssumptions: Sendable {
    public struct Line: Sendable {
        /// 1 for the first effect line, as written.
        public let number: Int
        public let effect: Effect
        public let price: EffectPrice?
        public let span: EffectSpan
        /// "1. Färre placeringar på HVB"
        public let title: String
        /// Actor, people, kronor per person and year as counted, years.
        public let summary: String
        /// The unit cost (name, amount, price year, its source) or the line's own amount's price year.
        public let basis: String
        /// The conversion to the fund's price year, when there was one.
        public let converted: String?
        /// The line's own source, when it gives one.
        public let source: String?

        /// The line's sentences in reading order.
        public var sentences: [String] { [title, summary, basis] + [converted, source].compactMap { $0 } }
    }

    public let lines: [Line]
    /// Which mandate period break-even is measured against, and why that one.
    public let mandate: String
    /// Whose periods they are (Sweden's elections or the fund's own) and which year counts as
    /// a period's last; nil when no period is known.
    public let mandateBasis: String?
    /// One sentence per line cut by the horizon or lying wholly after it.
    public let horizonNotes: [String]
    /// Whether amounts were converted to one price year, and the lines that could not be.
    public let priceNotes: [String]

    public init(_ input: CalculationInput, settings: CalculationSettings, catalog c: Catalog) {
        let last = input.lastYear(settings)
        lines = input.effects.enumerated().map { index, effect in
            let number = index + 1
            let price = settings.price(of: effect)
            let span = input.span(of: effect, settings: settings)
            let year: Message.Argument = price?.priceYear.map { .text(String($0)) } ?? .message(Message(.calcPriceYearNotGiven))
            let basis: String
            if let unit = price?.unitCost {
                basis = c(.calcEffectUnitCost, ["id": .text(unit.id), "name": .localized(unit.name), "amount": .text(c.kronor(unit.amount)),
                                                "year": year, "source": .text(unit.source)])
            } else {
                basis = c(.calcEffectOwnAmount, ["year": year])
            }
            var converted: String?
            if let price, case .converted(let target) = price.conversion, let from = price.priceYear {
                converted = c(.calcEffectConverted, ["target": .text(String(target)), "used": .text(c.kronor(price.used)),
                                                     "given": .text(c.kronor(price.given)), "year": .text(String(from))])
            }
            let description = effect.description.isBlank ? c(.calcEffectNoDescription) : effect.description
            return Line(
                number: number, effect: effect, price: price, span: span,
                title: c(.calcEffectTitle, ["number": .text(String(number)), "description": .text(description)]),
                summary: c(.calcEffectLine, ["actor": .text(effect.actor), "people": .text(String(effect.people)),
                                             "value": .text(price.map { c.kronor($0.used) } ?? "–"),
                                             "period": .text(span.period),
                                             "years": .text(String(span.years))]),
                basis: basis, converted: converted,
                source: effect.source.isBlank ? nil : c(.calcEffectSource, ["source": .text(effect.source)]))
        }
        horizonNotes = lines.compactMap { line in
            if line.span.outsideHorizon {
                return c(.calcHorizonOutside, ["number": .text(String(line.number)), "year": .text(String(line.span.first)), "last": .text(String(last))])
            }
            guard line.span.isCut else { return nil }
            return c(.calcHorizonCut, ["number": .text(String(line.number)), "counted": .text(String(line.span.counted)),
                                       "years": .text(String(line.span.years)), "cut": .text(String(line.span.cut)), "last": .text(String(last))])
        }
        if let year = settings.shownPriceYear {
            priceNotes = [c(.calcPricesConverted, ["year": .text(String(year))])] + lines.compactMap { line in
                switch line.price?.conversion {
                case .noPriceYear?: return c(.calcNotConvertedNoYear, ["number": .text(String(line.number))])
                case .yearNotInIndex?:
                    return c(.calcNotConvertedMissing, ["number": .text(String(line.number)), "year": .text(line.price?.priceYear.map(String.init) ?? "")])
                default: return nil
                }
            }
        } else {
            priceNotes = [c(.calcPricesAsGiven)]
        }
        mandate = CalculationAssumptions.mandate(input, settings: settings, c)
        mandateBasis = input.mandatePeriod(settings).map {
            $0.fromFund ? c(.calcMandateFund, ["years": .text(String(settings.mandateYears))]) : c(.calcMandateSweden)
        }
    }

    /// The mandate period and its basis, for where they are one paragraph.
    public var mandateParagraph: String { ([mandate] + [mandateBasis].compactMap { $0 }).joined(separator: " ") }

    static func mandate(_ input: CalculationInput, settings: CalculationSettings, _ c: Catalog) -> String {
        let day = input.start ?? Day(year: input.firstYear, month: 1, day: 1)
        guard let period = input.mandatePeriod(settings) else {
            return c(.calcMandateUnknown, ["day": .text(day?.description ?? String(input.firstYear))])
        }
        var arguments: [String: Message.Argument] = ["period": .text(period.name), "start": .text(period.start.description),
                                                     "end": .text(period.end.description)]
        if let start = input.start {
            arguments["day"] = .text(start.description)
            return c(.calcMandateFromStart, arguments)
        }
        arguments["year"] = .text(String(input.firstYear))
        return c(.calcMandateFromYear, arguments)
    }
}

extension Catalog {
    /// Whole kronor with thousands grouped: "1 250 000" in Swedish, "1,250,000" in English.
    /// Grouped from the Decimal's digits, never through an Int, so no figure the calculation
    /// can produce wraps or traps; "–" for a value that is not a number.
    /// In print the groups are held together and a negative amount has a minus sign:
    /// "−1 652 039" with narrow no-break spaces.
    public func kronor(_ money: Money) -> String { Catalog.kronor(money, in: language, style: numbers) }

    public static func kronor(_ money: Money, in language: Language, style: NumberStyle = .plain) -> String {
        guard let text = money.wholeKronorDigits else { return "–" }
        let negative = text.hasPrefix("-")
        let digits = negative ? text.dropFirst() : Substring(text)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += language == .sv ? style.groupSeparator : "," }
            grouped.append(digit)
        }
        return (negative ? style.minus : "") + grouped
    }

    /// Whole kronor from a plain Int, as `kronor(_:)` sets them.
    public func kronor(_ amount: Int) -> String { kronor(Money(amount)) }

    /// A rate as per cent: 0.03 → "3 %" (sv) or "3%" (en).
    public func percent(_ rate: Decimal) -> String { Catalog.percent(rate, in: language, style: numbers) }

    public static func percent(_ rate: Decimal, in language: Language, style: NumberStyle = .plain) -> String {
        var text = (rate * 100).description
        if text.hasPrefix("-") { text = style.minus + text.dropFirst() }
        if language == .sv { text = text.replacingOccurrences(of: ".", with: ",") }
        return language == .sv ? text + style.unitSpace + "%" : text + "%"
    }
}

extension String {
    /// The text with its first letter upper-case: a label starting a sentence or a heading.
    public var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

extension Message.Argument {
    /// Whole kronor grouped as each language writes them, for messages the domain builds
    /// before anyone has chosen a language (the budget check's figures).
    public static func kronor(_ amount: Int) -> Message.Argument {
        .localized(LocalizedText(sv: Catalog.kronor(Money(amount), in: .sv), en: Catalog.kronor(Money(amount), in: .en)))
    }

    /// A rate (0.3) as per cent in each language.
    public static func percent(_ rate: Decimal) -> Message.Argument {
        .localized(LocalizedText(sv: Catalog.percent(rate, in: .sv), en: Catalog.percent(rate, in: .en)))
    }
}
