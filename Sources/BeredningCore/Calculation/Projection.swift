import Foundation

/// The four scenarios of seed 001's risk and sensitivity analysis.
public enum Scenario: String, CaseIterable, Hashable, Sendable, Labelled {
    /// We succeed fully.
    case full
    /// We reach only half the effect.
    case half
    /// It goes badly: only the fund's `badCaseShare` of the effect.
    case bad
    /// We help only one person.
    case onePerson = "one_person"

    public static var labelPrefix: String { "scenario" }

    /// How many persons an effect reaches in this scenario.
    func people(_ effect: Effect, settings: CalculationSettings) -> Decimal {
        switch self {
        case .full: return Decimal(effect.people)
        case .half: return Decimal(effect.people) / 2
        case .bad: return Decimal(effect.people) * settings.badCaseShare
        case .onePerson: return Decimal(Swift.min(effect.people, 1))
        }
    }
}

/// What an actor pays and gains over the horizon (present values at the fund's rate).
public struct ActorBalance: Hashable, Sendable {
    public let actor: String
    public let cost: Money
    public let gain: Money
    public var net: Money { gain - cost }
    /// Pays more than it gains: the actor that needs the others' gains (or the fund) to take part.
    public var paysMoreThanItGains: Bool { cost > gain }
}

/// One year of the projection.
public struct ProjectionYear: Hashable, Sendable {
    public let year: Int
    /// 1 for the first year.
    public let index: Int
    public let cost: Money
    public let gain: Money
    public var net: Money { gain - cost }
    public let cumulativeNet: Money
    /// The net divided by (1 + rate)^(index − 1): the first year is not discounted.
    public let presentNet: Money
    public let cumulativePresentNet: Money
    /// Cost and gain per actor this year, for the per-actor view and chart.
    public let perActor: [String: Amounts]

    public struct Amounts: Hashable, Sendable {
        public var cost = Money.zero
        public var gain = Money.zero
        public init(cost: Money = .zero, gain: Money = .zero) {
            self.cost = cost
            self.gain = gain
        }
    }

    /// This year's cost and gain for one actor, or for all when `actor` is nil.
    public func amounts(for actor: String?) -> Amounts {
        guard let actor else { return Amounts(cost: cost, gain: gain) }
        return perActor[actor] ?? Amounts()
    }
}

/// The calculation for one scenario at one rate.
public struct Projection: Hashable, Sendable {
    public let scenario: Scenario
    public let rate: Decimal
    public let years: [ProjectionYear]
    public let mandateYears: Int
    /// Every actor of the input, payers first, in the order they were written.
    public let actors: [String]

    /// Net present value over the horizon.
    public var netPresentValue: Money { years.last?.cumulativePresentNet ?? .zero }
    public var totalCost: Money { years.reduce(.zero) { $0 + $1.cost } }
    public var totalGain: Money { years.reduce(.zero) { $0 + $1.gain } }

    /// The first year after which the cumulative present net never falls below zero again within
    /// the horizon; nil when it never gets there. An intervention that costs nothing breaks even in year 1.
    public var breakEven: ProjectionYear? {
        guard let last = years.lastIndex(where: { $0.cumulativePresentNet < .zero }) else { return years.first }
        return last + 1 < years.count ? years[last + 1] : nil
    }

    /// Whether it breaks even within the political mandate period (the first `mandateYears` years).
    public var breaksEvenWithinMandate: Bool { (breakEven?.index ?? Int.max) <= mandateYears }

    /// The cumulative present net year by year, for one actor or (nil) for all: the chart's curve.
    public func cumulativePresentNet(for actor: String?) -> [Money] {
        var total = Money.zero
        return years.map { year in
            let amounts = year.amounts(for: actor)
            total += (amounts.gain - amounts.cost) / (1 + rate).power(year.index - 1)
            return total
        }
    }

    /// Each actor's present cost and gain over the horizon.
    public var balances: [ActorBalance] {
        actors.map { actor in
            var cost = Money.zero
            var gain = Money.zero
            for year in years {
                guard let amounts = year.perActor[actor] else { continue }
                let discount = (1 + rate).power(year.index - 1)
                cost += amounts.cost / discount
                gain += amounts.gain / discount
            }
            return ActorBalance(actor: actor, cost: cost, gain: gain)
        }
    }
}

public enum SocioEconomicCalculation {
    /// Projects the input over the fund's horizon for one scenario; `rate` defaults to the fund's.
    public static func project(_ input: CalculationInput, settings: CalculationSettings, scenario: Scenario = .full, rate: Decimal? = nil) -> Projection {
        let rate = rate ?? settings.discountRate
        var years: [ProjectionYear] = []
        var cumulative = Money.zero
        var cumulativePresent = Money.zero
        for index in 1...max(1, settings.horizon) {
            let year = input.firstYear + index - 1
            var perActor: [String: ProjectionYear.Amounts] = [:]
            for cost in input.costs where cost.year == year {
                perActor[cost.actor, default: .init()].cost += cost.amount
            }
            for effect in input.effects where (effect.fromYear..<effect.fromYear + max(0, effect.years)).contains(year) {
                let value = settings.valuePerPerson(effect) ?? .zero
                perActor[effect.actor, default: .init()].gain += value * scenario.people(effect, settings: settings)
            }
            let cost = perActor.values.reduce(Money.zero) { $0 + $1.cost }
            let gain = perActor.values.reduce(Money.zero) { $0 + $1.gain }
            let present = (gain - cost) / (1 + rate).power(index - 1)
            cumulative += gain - cost
            cumulativePresent += present
            years.append(ProjectionYear(year: year, index: index, cost: cost, gain: gain, cumulativeNet: cumulative,
                                        presentNet: present, cumulativePresentNet: cumulativePresent, perActor: perActor))
        }
        return Projection(scenario: scenario, rate: rate, years: years, mandateYears: settings.mandateYears, actors: input.actors)
    }

    /// How many persons must be helped for the investment to pay for itself: the present cost
    /// over what one person helped is worth (every effect reaching one person, as in the
    /// one-person scenario). nil when helping people saves nothing.
    public static func peopleNeeded(_ input: CalculationInput, settings: CalculationSettings) -> Int? {
        let onePerson = project(input, settings: settings, scenario: .onePerson)
        let perPerson = onePerson.totalPresentGain
        guard perPerson > .zero else { return nil }
        let needed = onePerson.totalPresentCost.kronor / perPerson.kronor
        var rounded = Decimal()
        var value = needed
        NSDecimalRound(&rounded, &value, 0, .up)
        return rounded.saturatingInt
    }
}

extension Projection {
    var totalPresentCost: Money { balances.reduce(.zero) { $0 + $1.cost } }
    var totalPresentGain: Money { balances.reduce(.zero) { $0 + $1.gain } }
}

extension CalculationSettings {
    /// Settings the calculation cannot use, by field of `bered.toml`.
    public func problems() -> [CalculationProblem] {
        var problems: [CalculationProblem] = []
        if horizon < 1 || horizon > Self.maximumHorizon {
            problems.append(CalculationProblem(field: "calculation.horizon", message: Message(.calcHorizon, ["max": .text(String(Self.maximumHorizon))])))
        }
        if discountRate < 0 || discountRate >= 1 {
            problems.append(CalculationProblem(field: "calculation.discount_rate", message: Message(.calcRate)))
        }
        if badCaseShare < 0 || badCaseShare > 1 {
            problems.append(CalculationProblem(field: "calculation.bad_case_share", message: Message(.calcShare)))
        }
        for (i, unit) in unitCosts.enumerated() where unit.amount > .largest {
            problems.append(CalculationProblem(field: "unit_costs[\(i)].amount", message: Message(.amountTooLarge)))
        }
        if mandateYears < 1 {
            problems.append(CalculationProblem(field: "calculation.mandate_years", message: Message(.calcYearsAtLeastOne)))
        }
        return problems
    }
}

/// The cost of exclusion (utanförskapets pris), as the seeds compute it for a cohort.
public enum CostOfExclusion {
    /// 15 750 000 kr per person over a lifetime (Nilsson & Wadeskog, seed 001).
    public static let perPerson = Money(15_750_000)

    public static func total(people: Int, perPerson: Money = perPerson) -> Money { perPerson * Decimal(people) }

    /// The share of a cohort, in per cent rounded to one decimal (139 of 1 083 → 12.8).
    public static func sharePercent(_ part: Int, of whole: Int) -> Decimal {
        guard whole > 0 else { return 0 }
        var value = Decimal(part) * 100 / Decimal(whole)
        var result = Decimal()
        NSDecimalRound(&result, &value, 1, .plain)
        return result
    }
}
