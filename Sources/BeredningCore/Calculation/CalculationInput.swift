import Foundation

/// The application's socio-economic calculation (Nilsson & Wadeskog's method, seed 001):
/// what the intervention costs each actor each year, and what it is expected to save whom, when.
public struct CalculationInput: Hashable, Sendable {
    /// The calendar year that counts as year 1.
    public var firstYear: Int
    public var costs: [CostItem]
    public var effects: [Effect]

    public init(firstYear: Int, costs: [CostItem] = [], effects: [Effect] = []) {
        self.firstYear = firstYear
        self.costs = costs
        self.effects = effects
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

/// A cost avoided: `people` persons × `valuePerPerson` a year, for `years` years from `fromYear`,
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

    public enum Value: Hashable, Sendable {
        case amount(Money)
        /// The id of a unit cost in the store's table.
        case unitCost(String)
    }

    public init(actor: String, description: String = "", people: Int, value: Value, source: String = "", fromYear: Int, years: Int) {
        self.actor = actor
        self.description = description
        self.people = people
        self.value = value
        self.source = source
        self.fromYear = fromYear
        self.years = years
    }
}

/// A shared unit cost with its source, from the store's configuration, that effects refer to by id.
public struct UnitCost: Hashable, Sendable {
    public var id: String
    public var name: LocalizedText
    public var amount: Money
    public var source: String

    public init(id: String, name: LocalizedText, amount: Money, source: String) {
        self.id = id
        self.name = name
        self.amount = amount
        self.source = source
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
    /// The political mandate period within which a fund hopes to break even.
    public var mandateYears: Int
    public var unitCosts: [UnitCost]

    public static let maximumHorizon = 50
    /// The rates shown beside the fund's own, so a reader sees how much the rate matters.
    public static let comparisonRates: [Decimal] = [0, Decimal(string: "0.04")!]

    public init(discountRate: Decimal = Decimal(string: "0.03")!, horizon: Int = 10, badCaseShare: Decimal = Decimal(string: "0.1")!,
                mandateYears: Int = 4, unitCosts: [UnitCost] = []) {
        self.discountRate = discountRate
        self.horizon = horizon
        self.badCaseShare = badCaseShare
        self.mandateYears = mandateYears
        self.unitCosts = unitCosts
    }

    public func unitCost(_ id: String) -> UnitCost? { unitCosts.first { $0.id == id } }

    /// An effect's kronor per person and year; nil for a unit cost the fund does not have.
    public func valuePerPerson(_ effect: Effect) -> Money? {
        switch effect.value {
        case .amount(let money): return money
        case .unitCost(let id): return unitCost(id)?.amount
        }
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
            if effect.fromYear < firstYear || effect.fromYear > lastYear { add("effects[\(i)].from_year", .calcYearOutsideHorizon, range) }
            if effect.actor.isBlank { add("effects[\(i)].actor", .calcNoActor) }
        }
        return problems
    }
}
