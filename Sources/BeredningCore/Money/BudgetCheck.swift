import Foundation

/// Whether a decision stays within the fund's money: what is left of each year's budget, and
/// every cap of `bered.toml`. The one check both `bered decide` and the decision form go
/// through (in `FileStore.record`).
public enum BudgetCheck {
    /// Every way `decision` goes past the budget or a cap, each with its figures; empty when it
    /// does not, when it rejects, or when the fund sets no budget and no cap.
    /// `others`: the store's other applications, whose approving decisions have used the budget.
    public static func problems(_ decision: Decision, application: Application, economy: FundEconomy,
                                settings: CalculationSettings, others: [Dossier]) -> [Message] {
        guard decision.outcome == .approve, economy.checksDecisions else { return [] }
        var problems: [Message] = []
        let used = FundBudget(economy: economy, dossiers: others.filter { $0.application.id != application.id })
        let grants = decision.grants.filter { $0.amount != 0 }.sorted { $0.year < $1.year }
        for grant in grants {
            let year: Message.Argument = .text(String(grant.year))
            if !economy.budgets.isEmpty {
                if let budget = economy.budgets[grant.year] {
                    let left = Kronor.subtract(budget, used.year(grant.year)?.granted ?? 0)
                    if grant.amount > left {
                        problems.append(Message(.moneyOverBudget, ["year": year, "granted": .kronor(grant.amount), "left": .kronor(max(0, left)),
                                                                   "budget": .kronor(budget)]))
                    }
                } else {
                    problems.append(Message(.moneyNoBudgetYear, ["year": year]))
                }
            }
            if let cap = economy.caps.maxPerYear, grant.amount > cap {
                problems.append(Message(.moneyOverYearCap, ["year": year, "granted": .kronor(grant.amount), "cap": .kronor(cap)]))
            }
        }
        if let cap = economy.caps.maxYears, grants.count > cap {
            problems.append(Message(.moneyTooManyYears, ["years": .text(String(grants.count)), "cap": .text(String(cap))]))
        }
        problems += shareProblems(granted: decision.totalGranted, application: application, caps: economy.caps)
        return problems
    }

    /// The co-financing caps, against the calculation's whole cost (`CalculationInput.totalCost`).
    static func shareProblems(granted: Int, application: Application, caps: FundCaps) -> [Message] {
        guard caps.minOwnSharePercent != nil || caps.maxFundSharePercent != nil else { return [] }
        let cost = application.calculation?.totalCost ?? .zero
        guard cost > .zero else { return [Message(.moneyNoCost)] }
        let fundShare = Money(granted).kronor / cost.kronor
        let ownShare = 1 - fundShare
        var problems: [Message] = []
        if let least = caps.minOwnSharePercent, ownShare * 100 < Decimal(least) {
            problems.append(Message(.moneyOwnShareLow, ["own": .kronor((cost - Money(granted)).wholeKronor), "percent": .percent(rounded(ownShare)),
                                                        "cost": .kronor(cost.wholeKronor), "least": .percent(Decimal(least) / 100)]))
        }
        if let most = caps.maxFundSharePercent, fundShare * 100 > Decimal(most) {
            problems.append(Message(.moneyFundShareHigh, ["granted": .kronor(granted), "percent": .percent(rounded(fundShare)),
                                                          "cost": .kronor(cost.wholeKronor), "most": .percent(Decimal(most) / 100)]))
        }
        return problems
    }

    /// A share to a tenth of a per cent, as it is shown.
    static func rounded(_ share: Decimal) -> Decimal {
        var value = share
        var result = Decimal()
        NSDecimalRound(&result, &value, 3, .plain)
        return result
    }

    /// The refusal for `problems` when no override reason is given; nil when there is nothing
    /// to refuse or the coordinator has written why the board's decision stands anyway.
    public static func refusal(_ problems: [Message], override: String) -> Message? {
        guard let first = problems.first, override.isBlank else { return nil }
        let all = problems.dropFirst().reduce(first) { Message(.moneyJoin, ["first": .message($0), "second": .message($1)]) }
        return Message(.moneyRefused, ["problems": .message(all)])
    }
}
