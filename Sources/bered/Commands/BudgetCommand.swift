import ArgumentParser
import BeredningCore
import BeredningExport
import BeredningStore
import BeredningTUI
import Foundation

struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget",
        abstract: "Show the fund's money: per year the budget, what decisions granted, what was repaid and what is left; per application requested against granted; the balance over time.",
        discussion: """
        From bered.toml's [economy] (capital, [[economy.budgets]], caps) and the decisions and repayments in the store. \
        A fund with no budget and no caps has no decision checked against them, and this says so. Everyone may read it.
        Exit status: 0 shown, 2 a broken store.
        """)

    @Argument(help: "The store folder.") var store: String
    @Option(help: "Only this year: its row and the applications granted money for it.") var year: Int?
    @Flag(help: "Print JSON for other systems instead of text.") var json = false
    @OptionGroup var options: CommonOptions

    func run() throws {
        let context = try options.context()
        let all = try context.snapshot(store)
        let budget = FundBudget(economy: all.config.economy, dossiers: all.dossiers)
        if json {
            try printJSON(BudgetJSON(budget, year: year))
        } else {
            output(context.text(.budgetTitle) + " — " + all.config.fund)
            output(BudgetText.lines(budget, dossiers: all.dossiers, catalog: context.catalog, year: year).map(\.text).joined(separator: "\n"))
        }
    }
}
