import BeredningCore
import BeredningResources
import Foundation
import Testing

private let svCatalog = try! BundledResources.catalog(.sv)
private let enCatalog = try! BundledResources.catalog(.en)

/// The fund's money (issue 16): the budget arithmetic, the check a decision goes through, the
/// model a decision records and the repayment plan.
@Suite("The fund's money")
struct MoneyTests {
    let day = Day("2026-11-20")!

    func approval(_ grants: [(Int, Int)], override: String = "") -> Decision {
        Decision(date: day, caseNumber: "KS 2026/88", outcome: .approve, grants: grants.map { Decision.Grant(year: $0.0, amount: $0.1) },
                 recordedBy: lars.id, budgetOverride: override)
    }

    /// An approved application with a decision granting `grants`.
    func decided(_ id: String, _ grants: [(Int, Int)], payments: [(String, Int)] = []) -> Dossier {
        var application = strongApplication(id: id)
        application.state = .approved
        var dossier = Dossier(application: application, decision: approval(grants))
        if !payments.isEmpty {
            dossier.repayments = RepaymentPlan(applicationID: application.id, payments: payments.map {
                RepaymentPlan.Payment(actor: "Sektor socialtjänst", date: Day($0.0)!, amount: $0.1, recordedBy: lars.id)
            })
        }
        return dossier
    }

    /// The strong application with a calculation costing `cost` in all and one gaining actor.
    func costing(_ cost: Int) -> Application {
        var application = strongApplication(id: "2026-009")
        application.calculation = CalculationInput(firstYear: 2026, costs: [
            CostItem(actor: "Sektor utbildning", year: 2026, amount: Money(cost / 2)),
            CostItem(actor: "Sektor utbildning", year: 2027, amount: Money(cost - cost / 2)),
        ], effects: [Effect(actor: "Sektor socialtjänst", people: 2, value: .amount(Money(300_000)), fromYear: 2028, years: 3)])
        return application
    }

    // MARK: The arithmetic

    @Test func perYearBudgetGrantedRepaidAndLeft() {
        let economy = FundEconomy(capital: 5_000_000, budgets: [2026: 1_000_000, 2027: 1_500_000])
        let rejected = Dossier(application: strongApplication(id: "2026-003"),
                               decision: Decision(date: day, caseNumber: "KS 1", outcome: .reject, recordedBy: lars.id))
        let budget = FundBudget(economy: economy, dossiers: [
            decided("2026-001", [(2026, 400_000), (2027, 300_000)], payments: [("2027-12-01", 50_000)]),
            decided("2026-002", [(2027, 900_000), (2028, 100_000)]),
            rejected,
        ])
        #expect(budget.years.map(\.year) == [2026, 2027, 2028])
        #expect(budget.years.map(\.budget) == [1_000_000, 1_500_000, nil])
        #expect(budget.years.map(\.granted) == [400_000, 1_200_000, 100_000])
        #expect(budget.years.map(\.repaid) == [0, 50_000, 0])
        #expect(budget.years.map(\.left) == [600_000, 300_000, nil])
        // capital − grants + repayments, year by year.
        #expect(budget.balance.map(\.balance) == [4_600_000, 3_450_000, 3_350_000])
        // Requested against granted per application; a rejection is listed with nothing granted.
        #expect(budget.applications.map(\.id.description) == ["2026-001", "2026-002", "2026-003"])
        #expect(budget.applications.map(\.requested) == [450_000, 450_000, 450_000])
        #expect(budget.applications.map(\.granted) == [700_000, 1_000_000, 0])
        #expect(budget.totalGranted == 1_700_000 && budget.totalRepaid == 50_000)
    }

    @Test func noCapitalMeansNoBalanceAndAnEmptyStoreHasNoYears() {
        let budget = FundBudget(economy: FundEconomy(), dossiers: [decided("2026-001", [(2026, 1)])])
        #expect(budget.balance.map(\.balance) == [nil])
        #expect(FundBudget(economy: FundEconomy(), dossiers: []).years.isEmpty)
    }

    @Test func sumsSaturateInsteadOfTrapping() {
        #expect(Kronor.sum([Int.max, 1, 5]) == Int.max)
        #expect(Kronor.sum([Int.min, -1]) == Int.min)
        #expect(Kronor.subtract(Int.min, 1) == Int.min)
        #expect(Kronor.subtract(0, Int.min) == Int.max)
        #expect(Kronor.sum([1_000_000_000_000, 2]) == 1_000_000_000_002)
        // A hand-edited budget and decisions far past any fund's: shown, never a crash.
        let economy = FundEconomy(capital: Int.min + 1, budgets: [2026: Int.min])
        let budget = FundBudget(economy: economy, dossiers: [decided("2026-001", [(2026, Int.max)]), decided("2026-002", [(2026, Int.max)])])
        #expect(budget.years[0].granted == Int.max)
        #expect(budget.years[0].left == Int.min)
        #expect(budget.balance[0].balance == Int.min)
    }

    // MARK: The check

    @Test func aFundWithNoBudgetOrCapChecksNothing() {
        let problems = BudgetCheck.problems(approval([(2026, 999_999_999)]), application: costing(1), economy: FundEconomy(model: .repayment, capital: 1),
                                            settings: CalculationSettings(), others: [])
        #expect(problems.isEmpty)
        #expect(!FundEconomy(capital: 1).checksDecisions)
    }

    @Test func overWhatIsLeftOfTheYearIsRefusedWithTheFigures() throws {
        let economy = FundEconomy(budgets: [2027: 2_000_000])
        let others = [decided("2026-001", [(2027, 1_200_000)])]
        let problems = BudgetCheck.problems(approval([(2027, 1_200_000)]), application: costing(10_000_000), economy: economy,
                                            settings: CalculationSettings(), others: others)
        #expect(problems == [Message(.moneyOverBudget, ["year": "2027", "granted": .kronor(1_200_000), "left": .kronor(800_000), "budget": .kronor(2_000_000)])])
        let refusal = try #require(BudgetCheck.refusal(problems, override: ""))
        #expect(svCatalog(refusal).hasPrefix("2027: 1 200 000 kr beviljas men bara 800 000 kr återstår av årets budget på 2 000 000 kr.\nBeslutet sparas inte."))
        #expect(enCatalog(refusal).hasPrefix("2027: 1,200,000 kr is granted but only 800,000 kr is left"))
        // Exactly what is left is allowed; the decision's own earlier grants are not counted against it.
        #expect(BudgetCheck.problems(approval([(2027, 800_000)]), application: costing(10_000_000), economy: economy,
                                     settings: CalculationSettings(), others: others).isEmpty)
        var same = others[0]
        same.application = costing(10_000_000)
        #expect(BudgetCheck.problems(approval([(2027, 2_000_000)]), application: costing(10_000_000), economy: economy,
                                     settings: CalculationSettings(), others: [same]).isEmpty)
    }

    @Test func anOverrideReasonLetsItThroughAndABlankOneDoesNot() {
        let problems = [Message(.moneyNoBudgetYear, ["year": "2029"])]
        #expect(BudgetCheck.refusal(problems, override: "Kommunstyrelsen beslutade om extra medel, KS 2026/90.") == nil)
        #expect(BudgetCheck.refusal(problems, override: "  \n") != nil)
        #expect(BudgetCheck.refusal([], override: "") == nil)
    }

    @Test func everyCapIsChecked() {
        let economy = FundEconomy(budgets: [2026: 10_000_000, 2027: 10_000_000, 2028: 10_000_000],
                                  caps: FundCaps(maxPerYear: 500_000, maxYears: 2, minOwnSharePercent: 50, maxFundSharePercent: 50))
        let decision = approval([(2026, 600_000), (2027, 400_000), (2028, 100_000)])
        let problems = BudgetCheck.problems(decision, application: costing(2_000_000), economy: economy, settings: CalculationSettings(), others: [])
        #expect(problems.map(\.key) == [MessageKey.moneyOverYearCap, .moneyTooManyYears, .moneyOwnShareLow, .moneyFundShareHigh].map(\.rawValue))
        let text = problems.map(svCatalog.callAsFunction)
        #expect(text[0] == "2026: 600 000 kr är mer än fondens tak på 500 000 kr per ansökan och år.")
        #expect(text[1] == "Beslutet ger pengar för 3 år, men fonden ger pengar för högst 2 år.")
        #expect(text[2] == "Den egna insatsen blir 900 000 kr, 45 % av insatsens kostnad på 2 000 000 kr, men fonden kräver minst 50 %.")
        #expect(text[3] == "Fonden skulle betala 1 100 000 kr, 55 % av insatsens kostnad på 2 000 000 kr, men fonden betalar högst 50 %.")
        // A year the fund has no budget for is named.
        let later = BudgetCheck.problems(approval([(2030, 1)]), application: costing(2_000_000), economy: economy, settings: CalculationSettings(), others: [])
        #expect(later.first == Message(.moneyNoBudgetYear, ["year": "2030"]))
        // Without costs in the calculation the shares cannot be checked, and that is said.
        var none = costing(2_000_000)
        none.calculation = nil
        #expect(BudgetCheck.problems(approval([(2026, 1)]), application: none, economy: FundEconomy(caps: FundCaps(maxFundSharePercent: 50)),
                                     settings: CalculationSettings(), others: []) == [Message(.moneyNoCost)])
        // A rejection is never checked.
        #expect(BudgetCheck.problems(Decision(date: day, caseNumber: "KS", outcome: .reject, recordedBy: lars.id), application: none,
                                     economy: economy, settings: CalculationSettings(), others: []).isEmpty)
    }

    @Test func theOwnShareIsWhatTheFundDoesNotPay() {
        // 1 400 000 of 2 000 000: the applicants pay 30 %, exactly the least; the fund 70 %.
        let economy = FundEconomy(caps: FundCaps(minOwnSharePercent: 30))
        #expect(BudgetCheck.problems(approval([(2026, 1_400_000)]), application: costing(2_000_000), economy: economy,
                                     settings: CalculationSettings(), others: []).isEmpty)
        let over = BudgetCheck.problems(approval([(2026, 1_400_001)]), application: costing(2_000_000), economy: economy,
                                        settings: CalculationSettings(), others: [])
        #expect(over.map(\.key) == [MessageKey.moneyOwnShareLow.rawValue])
    }

    @Test func theTotalCostIsEveryCostLineInPlainKronor() {
        #expect(costing(2_000_001).calculation?.totalCost == Money(2_000_001))
    }

    // MARK: The model in force

    @Test func theModelIsTheDecisionsElseTheApplicationsElseTheFunds() {
        var application = strongApplication()
        let fund = FundEconomy(model: .returnModel)
        #expect(fund.model(for: application, chosen: .grant) == .grant)
        #expect(fund.model(for: application) == .repayment)
        application.economicModel = nil
        #expect(fund.model(for: application) == .returnModel)
        #expect(EconomicModel(rawValue: "return") == .returnModel)
        #expect(!EconomicModel.grant.paysBack && EconomicModel.returnModel.paysBack)
    }

    // MARK: The repayment plan

    @Test func thePlanIsProposedFromWhoGainsUntilTheGrantIsBack() {
        let application = costing(2_000_000)
        let lines = RepaymentPlan.proposed(for: application, granted: 1_000_000, settings: CalculationSettings())
        // 600 000 a year gained from 2028: 600 000 in 2028, the last 400 000 in 2029.
        #expect(lines == [RepaymentPlan.Line(actor: "Sektor socialtjänst", year: 2028, amount: 600_000),
                          RepaymentPlan.Line(actor: "Sektor socialtjänst", year: 2029, amount: 400_000)])
        #expect(RepaymentPlan.gainers(application.calculation, settings: CalculationSettings()) == ["Sektor socialtjänst"])
        #expect(RepaymentPlan.proposed(for: application, granted: 0, settings: CalculationSettings()).isEmpty)
        // Savings smaller than the grant: every saving is planned, and no more.
        #expect(Kronor.sum(RepaymentPlan.proposed(for: application, granted: 5_000_000, settings: CalculationSettings()).map(\.amount)) == 1_800_000)
    }

    @Test func plannedAgainstReceivedPerActor() {
        var plan = RepaymentPlan(applicationID: ApplicationID("2026-001")!)
        plan.set(actor: "B", year: 2029, amount: 100)
        plan.set(actor: "A", year: 2028, amount: 300)
        plan.set(actor: "A", year: 2028, amount: 250)
        plan.set(actor: "B", year: 2030, amount: 7)
        plan.set(actor: "B", year: 2030, amount: 0)
        #expect(plan.lines.map(\.amount) == [250, 100])
        plan.payments = [RepaymentPlan.Payment(actor: "A", date: Day("2028-12-01")!, amount: 200, recordedBy: lars.id)]
        #expect(plan.balances.map { [$0.planned, $0.received, $0.outstanding] } == [[250, 200, 50], [100, 0, 100]])
    }

    @Test func aPlanForAnActorThatGainsNothingOrAGrantIsRefusedByField() {
        let plan = RepaymentPlan(applicationID: ApplicationID("2026-001")!, lines: [.init(actor: "Sektor utbildning", year: 2028, amount: -5)],
                                 payments: [.init(actor: "Sektor socialtjänst", date: Day("2028-01-01")!, amount: 0, recordedBy: lars.id)])
        let problems = plan.problemsByField(gainers: ["Sektor socialtjänst"], model: .repayment)
        #expect(problems.map(\.field) == ["plan[0].actor", "plan[0].amount", "received[0].amount"])
        #expect(svCatalog(problems[0].message) == "\"Sektor utbildning\" vinner ingenting enligt ansökans kalkyl och kan inte betala tillbaka. De som vinner: Sektor socialtjänst.")
        #expect(plan.problemsByField(gainers: ["Sektor utbildning", "Sektor socialtjänst"], model: .grant).first?.field == "plan")
    }
}
