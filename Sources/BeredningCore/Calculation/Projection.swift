import Foundation

/// The four scenarios of seed 001's risk and sensitivity analysis.
public enum Scenario: String, CaseIterable, Hashable, Sendable, Labelled {
    /// We succeed fully.
    case full
    /// We reach only half the effect.
    case half
    /// It goes badly: only the fund's `badCaseShare` of the effect.
    case bad
    /// We help only one person: see `CalculationInput.reach(helping:settings:)`.
    case onePerson = "one_person"

    public static var labelPrefix: String { "scenario" }

    /// How many persons each effect line reaches in this scenario.
    func reach(_ input: CalculationInput, settings: CalculationSettings) -> [Decimal] {
        switch self {
        case .full: return input.effects.map { Decimal($0.people) }
        case .half: return input.effects.map { Decimal($0.people) / 2 }
        case .bad: return input.effects.map { Decimal($0.people) * settings.badCaseShare }
        case .onePerson: return input.reach(helping: 1, settings: settings).map { Decimal($0) }
        }
    }
}

/// Where an effect line falls against the calculation's years: the years it lasts past the
/// horizon are cut, and are said to be.
public struct EffectSpan: Hashable, Sendable {
    /// The line's first and last year as written.
    public let first: Int
    public let last: Int
    /// The line's own number of years.
    public let years: Int
    /// Of those, the years inside the calculation's horizon.
    public let counted: Int
    public let horizonLastYear: Int

    public var cut: Int { years - counted }
    public var isCut: Bool { cut > 0 }
    /// Starts after the horizon: nothing of it is counted.
    public var outsideHorizon: Bool { counted == 0 }

    public func contains(_ year: Int) -> Bool { year >= first && year <= last && year <= horizonLastYear }

    /// The years as written: "2027–2031", or "2029" for one.
    public var period: String { first == last ? String(first) : "\(first)–\(last)" }
}

extension CalculationInput {
    /// Where `effect` falls against the horizon. Held at Int's bounds, so a year no check has
    /// refused yet cannot overflow.
    public func span(of effect: Effect, settings: CalculationSettings) -> EffectSpan {
        let years = max(0, effect.years)
        let (end, overflow) = effect.fromYear.addingReportingOverflow(years - 1)
        let last = overflow ? Int.max : end
        let horizonLast = lastYear(settings)
        let counted = max(0, min(last, horizonLast) - max(effect.fromYear, firstYear) + 1)
        return EffectSpan(first: effect.fromYear, last: last, years: years, counted: min(counted, years), horizonLastYear: horizonLast)
    }

    /// How many persons each effect line reaches when `count` persons are helped in all: the
    /// one-person scenario is `count` 1, and `peopleNeeded` asks for the smallest count that pays.
    ///
    /// Each person avoids each *cost type* at most once. A cost type is a unit cost of the fund's
    /// table (every line naming it is the same cost) or a line with an amount of its own (nothing
    /// says two such lines are one cost). Within a cost type the persons fill its lines in order
    /// of what one person avoids in the line within the horizon, most first (the order written on
    /// a tie), each line taking at most its own `people`. A person counted in a line avoids its
    /// cost for that line's own years, never again through another line of the same type. So
    /// `count` persons never reach more than the full effect, and reach exactly it once `count`
    /// covers the people of every cost type (`personsForFullEffect`).
    public func reach(helping count: Int, settings: CalculationSettings) -> [Int] {
        var reach = Array(repeating: 0, count: effects.count)
        for lines in costTypes(settings: settings) {
            var left = max(0, count)
            for line in lines where left > 0 {
                let taken = min(max(0, effects[line].people), left)
                reach[line] = taken
                left -= taken
            }
        }
        return reach
    }

    /// The number of persons that reaches every line's `people`: the largest cost type's sum.
    public func personsForFullEffect(settings: CalculationSettings) -> Int {
        costTypes(settings: settings).map { $0.reduce(0) { $0 + max(0, effects[$1].people) } }.max() ?? 0
    }

    /// The effect lines grouped by cost type, each group in the order persons fill it.
    func costTypes(settings: CalculationSettings) -> [[Int]] {
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for (index, effect) in effects.enumerated() {
            let key: String
            switch effect.value {
            case .unitCost(let id): key = "unit:" + id
            case .amount: key = "line:" + String(index)
            }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        func worth(_ line: Int) -> Money {
            (settings.price(of: effects[line])?.used ?? .zero) * Decimal(span(of: effects[line], settings: settings).counted)
        }
        return order.map { key in
            let worths = groups[key]!.map { ($0, worth($0)) }
            return worths.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
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
    /// The mandate period the intervention starts in; nil when none is known.
    public let mandate: MandatePeriod?
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

    /// Whether it breaks even by the last year of the mandate period the intervention starts in.
    public var breaksEvenWithinMandate: Bool { breaksEvenWithinMandate(breakEven) }

    /// Whether a break-even in `year` (the total's or one actor's) comes within the mandate period.
    public func breaksEvenWithinMandate(_ year: ProjectionYear?) -> Bool {
        guard let year, let mandate else { return false }
        return year.year <= mandate.lastYear
    }

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
        project(input, settings: settings, scenario: scenario, reach: scenario.reach(input, settings: settings), rate: rate ?? settings.discountRate)
    }

    /// The projection with `reach[i]` persons in effect line `i`.
    static func project(_ input: CalculationInput, settings: CalculationSettings, scenario: Scenario, reach: [Decimal], rate: Decimal) -> Projection {
        let prices = input.effects.map { settings.price(of: $0)?.used ?? .zero }
        let spans = input.effects.map { input.span(of: $0, settings: settings) }
        var years: [ProjectionYear] = []
        var cumulative = Money.zero
        var cumulativePresent = Money.zero
        for index in 1...max(1, settings.horizon) {
            let year = input.firstYear + index - 1
            var perActor: [String: ProjectionYear.Amounts] = [:]
            for cost in input.costs where cost.year == year {
                perActor[cost.actor, default: .init()].cost += cost.amount
            }
            for (i, effect) in input.effects.enumerated() where spans[i].contains(year) {
                perActor[effect.actor, default: .init()].gain += prices[i] * reach[i]
            }
            let cost = perActor.values.reduce(Money.zero) { $0 + $1.cost }
            let gain = perActor.values.reduce(Money.zero) { $0 + $1.gain }
            let present = (gain - cost) / (1 + rate).power(index - 1)
            cumulative += gain - cost
            cumulativePresent += present
            years.append(ProjectionYear(year: year, index: index, cost: cost, gain: gain, cumulativeNet: cumulative,
                                        presentNet: present, cumulativePresentNet: cumulativePresent, perActor: perActor))
        }
        return Projection(scenario: scenario, rate: rate, years: years, mandate: input.mandatePeriod(settings), actors: input.actors)
    }

    /// How many persons must be helped for the investment to pay for itself at the fund's rate:
    /// the smallest number whose projection (`CalculationInput.reach(helping:settings:)`, the
    /// one-person scenario's rule for more persons) has a net present value of zero or more.
    /// Helping more persons never lowers it, and enough reach the full effect; so when even the
    /// full effect does not pay back within the horizon, no number of persons does, and that
    /// is what is said instead of a number.
    public static func peopleNeeded(_ input: CalculationInput, settings: CalculationSettings) -> PeopleNeeded {
        guard project(input, settings: settings).netPresentValue >= .zero else { return .fullEffectDoesNotPayBack }
        func pays(_ count: Int) -> Bool {
            let reach = input.reach(helping: count, settings: settings).map { Decimal($0) }
            return project(input, settings: settings, scenario: .onePerson, reach: reach, rate: settings.discountRate).netPresentValue >= .zero
        }
        var low = 0, high = input.personsForFullEffect(settings: settings)
        while low < high {
            let middle = low + (high - low) / 2
            if pays(middle) { high = middle } else { low = middle + 1 }
        }
        return .persons(low)
    }
}

/// The answer to "how many must be helped for it to pay?".
public enum PeopleNeeded: Hashable, Sendable {
    case persons(Int)
    /// Even the full effect does not pay back the cost within the horizon.
    case fullEffectDoesNotPayBack

    public var persons: Int? {
        if case .persons(let count) = self { return count }
        return nil
    }
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
        } else if mandateYears != 4 && mandateStart == nil {
            // Sweden's periods are four years from the elections; any other length needs its own start.
            problems.append(CalculationProblem(field: "calculation.mandate_years", message: Message(.calcMandateNeedsStart)))
        }
        for (i, unit) in unitCosts.enumerated() {
            if let year = unit.priceYear, !(1900...2200).contains(year) {
                problems.append(CalculationProblem(field: "unit_costs[\(i)].price_year", message: Message(.calcYearImplausible)))
            }
        }
        for year in priceIndex.keys.sorted() {
            if !(1900...2200).contains(year) {
                problems.append(CalculationProblem(field: "calculation.price_index.\(year)", message: Message(.calcYearImplausible)))
            }
            if let value = priceIndex[year], value <= 0 {
                problems.append(CalculationProblem(field: "calculation.price_index.\(year)", message: Message(.calcIndexPositive)))
            }
        }
        if let year = priceYear {
            if priceIndex.isEmpty {
                problems.append(CalculationProblem(field: "calculation.price_year", message: Message(.calcPriceYearNeedsIndex)))
            } else if priceIndex[year] == nil {
                problems.append(CalculationProblem(field: "calculation.price_year", message: Message(.calcPriceYearNotInIndex,
                    ["year": .text(String(year)), "years": .text(priceIndex.keys.sorted().map(String.init).joined(separator: ", "))])))
            }
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
