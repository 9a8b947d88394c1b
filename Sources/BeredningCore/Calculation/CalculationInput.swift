import Foundation

/// The application's socio-economic calculation (Nilsson & Wadeskog's method, seed 001):
/// what the intervention costs each actor each year, and what it is expected to save whom, when.
public struct CalculationInput: Hashable, Sendable {
    /// The calendar year that counts as year 1.
    public var firstYear: Int
    /// The day the intervention starts (`[intervention] start`), which picks the mandate period;
    /// without one, 1 January of `firstYear` does.
    public var start: Day?
    public var costs: [CostItem]
    public var effects: [Effect]

    public init(firstYear: Int, start: Day? = nil, costs: [CostItem] = [], effects: [Effect] = []) {
        self.firstYear = firstYear
        self.start = start
        self.costs = costs
        self.effects = effects
    }

    /// The last calendar year the calculation counts.
    public func lastYear(_ settings: CalculationSettings) -> Int { firstYear + max(1, settings.horizon) - 1 }

    /// The mandate period the intervention starts in; nil when none is known for that day.
    public func mandatePeriod(_ settings: CalculationSettings) -> MandatePeriod? {
        guard let day = start ?? Day(year: firstYear, month: 1, day: 1) else { return nil }
        return settings.mandateRhythm.period(containing: day)
    }

    /// Every actor named, payers first, in the order they appear.
    public var actors: [String] {
        var seen: [String] = []
        for name in costs.map(\.actor) + effects.map(\.actor) where !seen.contains(name) { seen.append(name) }
        return seen
    }
}

public struct CostItem: Hashable, Sendable {
    public var actor: String
    public var year: Int
    public var amount: Money

    public init(actor: String, year: Int, amount: Money) {
        self.actor = actor
        self.year = year
        self.amount = amount
    }
}

/// A cost avoided: `people` persons × `value` per person a year, for `years` years from `fromYear`,
/// landing with `actor` (often not the actor who pays: that is why cooperation matters).
public struct Effect: Hashable, Sendable {
    public var actor: String
    public var description: String
    public var people: Int
    /// Kronor avoided per person and year, as written or by the name of a shared unit cost.
    public var value: Value
    public var source: String
    public var fromYear: Int
    public var years: Int
    /// The year whose prices an amount of its own is in; a unit cost carries its own.
    public var priceYear: Int?

    public enum Value: Hashable, Sendable {
        case amount(Money)
        /// The id of a unit cost in the store's table.
        case unitCost(String)
    }

    public init(actor: String, description: String = "", people: Int, value: Value, source: String = "", fromYear: Int, years: Int,
                priceYear: Int? = nil) {
        self.actor = actor
        self.description = description
        self.people = people
        self.value = value
        self.source = source
        self.fromYear = fromYear
        self.years = years
        self.priceYear = priceYear
    }
}

/// A shared unit cost with its source, from the store's configuration, that effects refer to by id.
public struct UnitCost: Hashable, Sendable {
    public var id: String
    public var name: LocalizedText
    public var amount: Money
    public var source: String
    /// The year whose prices `amount` is in (a 2015 unit cost is not a 2024 one).
    public var priceYear: Int?

    public init(id: String, name: LocalizedText, amount: Money, source: String, priceYear: Int? = nil) {
        self.id = id
        self.name = name
        self.amount = amount
        self.source = source
        self.priceYear = priceYear
    }
}

/// The fund's calculation settings.
public struct CalculationSettings: Hashable, Sendable {
    /// Real discount rate. 3 % is what TLV (the Dental and Pharmaceutical Benefits Agency)
    /// recommends for health-economic appraisal.
    public var discountRate: Decimal
    /// Years calculated, 1 to `maximumHorizon`.
    public var horizon: Int
    /// The share of the effect reached in the "it goes badly" scenario.
    public var badCaseShare: Decimal
    /// The length of the fund's own mandate periods; with no `mandateStart`, Sweden's four.
    public var mandateYears: Int
    /// The first day of one of the fund's own mandate periods; nil: Sweden's elections decide.
    public var mandateStart: Day?
    public var unitCosts: [UnitCost]
    /// An index of price levels by year (KPI, say), to bring unit costs of different years into
    /// one year's prices; empty: amounts are counted as given.
    public var priceIndex: [Int: Decimal]
    /// The year to show amounts in; nil: the index's last year.
    public var priceYear: Int?

    public static let maximumHorizon = 50
    /// The rates shown beside the fund's own, so a reader sees how much the rate matters.
    public static let comparisonRates: [Decimal] = [0, Decimal(string: "0.04")!]

    public init(discountRate: Decimal = Decimal(string: "0.03")!, horizon: Int = 10, badCaseShare: Decimal = Decimal(string: "0.1")!,
                mandateYears: Int = 4, mandateStart: Day? = nil, unitCosts: [UnitCost] = [], priceIndex: [Int: Decimal] = [:], priceYear: Int? = nil) {
        self.discountRate = discountRate
        self.horizon = horizon
        self.badCaseShare = badCaseShare
        self.mandateYears = mandateYears
        self.mandateStart = mandateStart
        self.unitCosts = unitCosts
        self.priceIndex = priceIndex
        self.priceYear = priceYear
    }

    public func unitCost(_ id: String) -> UnitCost? { unitCosts.first { $0.id == id } }

    /// The fund's own periods when it gives their first day, else Sweden's.
    public var mandateRhythm: MandateRhythm {
        mandateStart.map { MandateRhythm(anchor: $0, years: mandateYears) } ?? .sweden
    }
}

/// Input the calculation cannot use, with the field it concerns (`calculation.costs[1].amount`).
public struct CalculationProblem: Hashable, Sendable {
    public let field: String
    public let message: Message
}

extension CalculationInput {
    /// Every problem in the input, by field, before anything is computed.
    public func problems(settings: CalculationSettings) -> [CalculationProblem] {
        var problems: [CalculationProblem] = []
        func add(_ field: String, _ key: MessageKey, _ args: [String: Message.Argument] = [:]) {
            problems.append(CalculationProblem(field: "calculation." + field, message: Message(key, args)))
        }
        // Years far outside any budget are typing slips, and would overflow the arithmetic below.
        guard (1900...2200).contains(firstYear) else {
            add("first_year", .calcYearImplausible)
            return problems
        }
        let lastYear = firstYear + settings.horizon - 1
        let range: [String: Message.Argument] = ["first": .text(String(firstYear)), "last": .text(String(lastYear))]
        for (i, cost) in costs.enumerated() {
            if cost.amount < .zero { add("costs[\(i)].amount", .calcNegative) }
            if cost.amount > .largest { add("costs[\(i)].amount", .amountTooLarge) }
            if cost.year < firstYear || cost.year > lastYear { add("costs[\(i)].year", .calcYearOutsideHorizon, range) }
            if cost.actor.isBlank { add("costs[\(i)].actor", .calcNoActor) }
        }
        for (i, effect) in effects.enumerated() {
            if effect.people < 0 { add("effects[\(i)].people", .calcNegative) }
            switch effect.value {
            case .amount(let money) where money < .zero: add("effects[\(i)].value_per_person", .calcNegative)
            case .amount(let money) where money > .largest: add("effects[\(i)].value_per_person", .amountTooLarge)
            case .unitCost(let id) where settings.unitCost(id) == nil:
                add("effects[\(i)].unit_cost", .calcUnknownUnitCost, ["id": .text(id), "known": .text(settings.unitCosts.map(\.id).joined(separator: ", "))])
            default: break
            }
            if effect.years < 1 { add("effects[\(i)].years", .calcYearsAtLeastOne) }
            if effect.years > 100 { add("effects[\(i)].years", .calcYearsTooMany) }
            if effect.people > 10_000_000 { add("effects[\(i)].people", .calcPeopleTooMany) }
            // An effect starting after the horizon is shown as outside it, not refused: a fund that
            // shortens its horizon must not lose every calculation with a late effect.
            if !(1900...2200).contains(effect.fromYear) {
                add("effects[\(i)].from_year", .calcYearImplausible)
            } else if effect.fromYear < firstYear {
                add("effects[\(i)].from_year", .calcYearOutsideHorizon, range)
            }
            if let priceYear = effect.priceYear {
                if case .unitCost = effect.value {
                    add("effects[\(i)].price_year", .calcPriceYearWithUnitCost)
                } else if !(1900...2200).contains(priceYear) {
                    add("effects[\(i)].price_year", .calcYearImplausible)
                }
            }
            if effect.actor.isBlank { add("effects[\(i)].actor", .calcNoActor) }
        }
        return problems
    }
}
