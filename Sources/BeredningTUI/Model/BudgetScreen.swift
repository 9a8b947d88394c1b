import BeredningCore

/// The fund's money: budget per year, per application, the balance over time. Read by everyone.
public struct BudgetScreen: Equatable, Sendable {
    public var scroll = 0
}

extension AppState {
    func budgetLines() -> [BudgetText.Line] {
        BudgetText.lines(FundBudget(economy: snapshot.config.economy, dossiers: snapshot.dossiers), dossiers: snapshot.dossiers, catalog: catalog, width: width)
    }

    /// The budget check of the decision as typed, against the store as last read: what
    /// saving it would be refused for (the store checks again against the files when it saves).
    func budgetProblems(_ form: DecisionForm) -> [Message] {
        guard let member, let dossier = dossier(form.applicationID), case .success(let decision) = form.decision(by: member.id) else { return [] }
        return BudgetCheck.problems(decision, application: dossier.application, economy: snapshot.config.economy,
                                    settings: snapshot.config.calculation, others: snapshot.dossiers)
    }

    mutating func handleBudget(_ key: Key, _ screen: BudgetScreen) -> [Command] {
        var screen = screen
        guard readOnlyKey(key, &screen.scroll, lines: budgetLines().count) else { return [] }
        stack[stack.count - 1] = .budget(screen)
        return []
    }
}
