import Foundation

/// Sums of whole kronor that cannot trap: every amount in a file is at most `Money.largestKronor`,
/// but a hand-edited file may hold many, and a sum must never crash the tool.
public enum Kronor {
    public static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : sum
    }

    public static func subtract(_ a: Int, _ b: Int) -> Int {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? Int.max : Int.min) : difference
    }

    public static func sum(_ amounts: some Sequence<Int>) -> Int { amounts.reduce(0, add) }
}

/// The limits funds set on what one application may get (`[economy]` in `bered.toml`); nil: no limit.
public struct FundCaps: Hashable, Sendable {
    /// The most one application may get in one year (Region Gävleborg: 500 000 kr).
    public var maxPerYear: Int?
    /// The most years one application may get money for (Gävleborg: 3).
    public var maxYears: Int?
    /// The least share of the intervention's cost the applicants pay themselves, in per cent
    /// (co-financing; Region Skåne: 30).
    public var minOwnSharePercent: Int?
    /// The largest share of the intervention's cost the fund pays, in per cent (Gävleborg: 50).
    public var maxFundSharePercent: Int?

    public init(maxPerYear: Int? = nil, maxYears: Int? = nil, minOwnSharePercent: Int? = nil, maxFundSharePercent: Int? = nil) {
        self.maxPerYear = maxPerYear
        self.maxYears = maxYears
        self.minOwnSharePercent = minOwnSharePercent
        self.maxFundSharePercent = maxFundSharePercent
    }

    public var isEmpty: Bool { self == FundCaps() }
}

/// The fund's money as `bered.toml` gives it: its economic model, its capital, its budget per
/// year and its caps. A fund that gives none of them has its budget checked by no one.
public struct FundEconomy: Hashable, Sendable {
    /// The model new decisions get unless the decision or the application names one.
    public var model: EconomicModel
    /// What the council set aside for the fund (Norrköping: 40 MSEK in 2010).
    public var capital: Int?
    /// Whole kronor the fund may grant each year, by year.
    public var budgets: [Int: Int]
    public var caps: FundCaps

    public init(model: EconomicModel = .grant, capital: Int? = nil, budgets: [Int: Int] = [:], caps: FundCaps = FundCaps()) {
        self.model = model
        self.capital = capital
        self.budgets = budgets
        self.caps = caps
    }

    /// Whether anything here limits a decision.
    public var checksDecisions: Bool { !budgets.isEmpty || !caps.isEmpty }

    /// The model in force for a decision on `application`: the one the decision names (the
    /// board may decide another than asked for), else the one the application asks for, else
    /// the fund's own. Recorded in the decision, so it never changes with the fund's.
    public func model(for application: Application, chosen: EconomicModel? = nil) -> EconomicModel {
        chosen ?? application.economicModel ?? model
    }

    /// What `bered.toml`'s `[economy]` cannot mean, by field.
    public func problems() -> [(field: String, message: Message)] {
        var problems: [(String, Message)] = []
        func amount(_ field: String, _ value: Int?) {
            guard let value else { return }
            if value < 0 { problems.append((field, Message(.fileNegativeAmount))) }
            if value > Money.largestKronor { problems.append((field, Message(.amountTooLarge))) }
        }
        amount("economy.capital", capital)
        amount("economy.max_per_year", caps.maxPerYear)
        if let years = caps.maxYears, years < 1 { problems.append(("economy.max_years", Message(.calcYearsAtLeastOne))) }
        for (field, percent) in [("economy.min_own_share_percent", caps.minOwnSharePercent), ("economy.max_fund_share_percent", caps.maxFundSharePercent)] {
            if let percent, !(0...100).contains(percent) { problems.append((field, Message(.moneyPercentRange, ["value": .text(String(percent))]))) }
        }
        return problems
    }
}

extension CalculationInput {
    /// The intervention's whole cost: every cost line of the calculation, whoever pays (the
    /// fund's money included), in plain kronor of the years they fall in. This is the figure a
    /// fund's share and the applicants' own share are shares of. Not the present value: a
    /// grant is plain kronor, and a share of a discounted cost would mix the two. Not the
    /// application's `[budget]`: that is only what is asked of the fund and what each actor
    /// says it contributes, often in kind and not always complete.
    public var totalCost: Money { costs.reduce(.zero) { $0 + $1.amount } }
}
