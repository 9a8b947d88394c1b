import Foundation

/// The fund's money as the store holds it: per year the budget, what decisions have granted,
/// what came back and what is left; per application what was asked and what was granted; and
/// the fund's balance over time. Computed from the files, never stored.
public struct FundBudget: Hashable, Sendable {
    public struct Year: Hashable, Sendable {
        public let year: Int
        /// nil: `bered.toml` gives no budget for the year.
        public let budget: Int?
        /// Committed by approving decisions for this year.
        public let granted: Int
        /// Repayments and frame cuts received this year.
        public let repaid: Int
        /// The budget less what was granted. Repayments are not added back: they return to
        /// the fund's capital (see `balance`), and a year's budget is what the council set.
        public var left: Int? { budget.map { Kronor.subtract($0, granted) } }
    }

    public struct Line: Hashable, Sendable {
        public let id: ApplicationID
        public let title: String
        public let state: ApplicationState
        /// What the application asks of the fund (`[budget]`).
        public let requested: Int
        /// What an approving decision grants; 0 without one.
        public let granted: Int
        /// The model recorded in the decision; nil without a decision.
        public let model: EconomicModel?
        public let planned: Int
        public let repaid: Int
    }

    /// The fund's balance at the end of a year: capital − grants + repayments so far.
    public struct Point: Hashable, Sendable {
        public let year: Int
        public let granted: Int
        public let repaid: Int
        /// nil when the fund gives no capital.
        public let balance: Int?
    }

    public let economy: FundEconomy
    public let years: [Year]
    /// Every application that asks for money or has a decision, in id order.
    public let applications: [Line]
    public let balance: [Point]

    public init(economy: FundEconomy, dossiers: [Dossier]) {
        self.economy = economy
        var granted: [Int: Int] = [:], repaid: [Int: Int] = [:]
        var lines: [Line] = []
        for dossier in dossiers.sorted(by: { $0.application.id < $1.application.id }) {
            let grants = FundBudget.committed(dossier)
            for grant in grants { granted[grant.year] = Kronor.add(granted[grant.year] ?? 0, grant.amount) }
            for payment in dossier.repayments?.payments ?? [] {
                repaid[payment.date.year] = Kronor.add(repaid[payment.date.year] ?? 0, payment.amount)
            }
            let application = dossier.application
            let requested = Kronor.sum(application.budget.years.map(\.requested))
            guard requested > 0 || dossier.decision != nil else { continue }
            lines.append(Line(id: application.id, title: application.title, state: application.state, requested: requested,
                              granted: Kronor.sum(grants.map(\.amount)), model: dossier.decision?.economicModel,
                              planned: dossier.repayments?.totalPlanned ?? 0, repaid: dossier.repayments?.totalReceived ?? 0))
        }
        let allYears = Set(economy.budgets.keys).union(granted.keys).union(repaid.keys).sorted()
        years = allYears.map { Year(year: $0, budget: economy.budgets[$0], granted: granted[$0] ?? 0, repaid: repaid[$0] ?? 0) }
        applications = lines
        var running = economy.capital
        balance = years.map { year in
            running = running.map { Kronor.add(Kronor.subtract($0, year.granted), year.repaid) }
            return Point(year: year.year, granted: year.granted, repaid: year.repaid, balance: running)
        }
    }

    /// The grants that commit the fund's money: an approving decision's. A rejection's are
    /// none, and an application with no decision has committed nothing yet, whatever its state.
    public static func committed(_ dossier: Dossier) -> [Decision.Grant] {
        guard let decision = dossier.decision, decision.outcome == .approve else { return [] }
        return decision.grants
    }

    public func year(_ year: Int) -> Year? { years.first { $0.year == year } }

    public var totalGranted: Int { Kronor.sum(years.map(\.granted)) }
    public var totalRepaid: Int { Kronor.sum(years.map(\.repaid)) }
}
