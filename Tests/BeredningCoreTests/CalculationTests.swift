import BeredningCore
import Foundation
import Testing

@Suite("The socio-economic calculation, tied to the seeds and to hand-computed cases")
struct CalculationTests {
    let settings = CalculationSettings()  // 3 %, 10 years, bad case 10 %, Sweden's mandate periods

    /// 100 000 kr paid by the school in year 1; `people` × `value` a year saved by social services for ten years.
    func input(people: Int = 1, value: Int) -> CalculationInput {
        CalculationInput(firstYear: 2026,
                         costs: [CostItem(actor: "Skolan", year: 2026, amount: Money(100_000))],
                         effects: [Effect(actor: "Socialtjänsten", people: people, value: .amount(Money(value)), fromYear: 2026, years: 10)])
    }

    func kronor(_ money: Money) -> Decimal { money.rounded(scale: 2).kronor }

    // MARK: The seeds' figures (seed 001, utanförskapets pris)

    @Test func eskilstunaAndFlenReproduceExactly() {
        #expect(CostOfExclusion.total(people: 139) == Money(2_189_250_000))
        #expect(CostOfExclusion.total(people: 19) == Money(299_250_000))
        #expect(CostOfExclusion.sharePercent(139, of: 1083) == Decimal(string: "12.8"))
        #expect(CostOfExclusion.sharePercent(19, of: 148) == Decimal(string: "12.8"))
        #expect(CostOfExclusion.total(people: 1) == Money(15_750_000))
    }

    @Test func moneyIsExactDecimal() {
        // 0.1 + 0.2 is 0.3 here, unlike binary floating point.
        let sum = Money(kronor: Decimal(string: "0.1")!) + Money(kronor: Decimal(string: "0.2")!)
        #expect(sum == Money(kronor: Decimal(string: "0.3")!))
        #expect(Money(kronor: Decimal(string: "2.5")!).rounded() == Money(3))
        #expect(Money(kronor: Decimal(string: "-2.5")!).rounded() == Money(-3))
        #expect(Money(kronor: Decimal(string: "1234.565")!).rounded(scale: 2) == Money(kronor: Decimal(string: "1234.57")!))
    }

    // MARK: Net present value

    @Test func netPresentValueAtThreeZeroAndFourPercent() {
        let case1 = input(people: 4, value: 7_500)
        #expect(kronor(SocioEconomicCalculation.project(case1, settings: settings).netPresentValue) == Decimal(string: "163583.27"))
        #expect(kronor(SocioEconomicCalculation.project(case1, settings: settings, rate: 0).netPresentValue) == 200_000)
        #expect(kronor(SocioEconomicCalculation.project(case1, settings: settings, rate: Decimal(string: "0.04")!).netPresentValue) == Decimal(string: "153059.95"))
    }

    @Test func theFirstYearIsNotDiscountedAndEachLaterYearIs() {
        let years = SocioEconomicCalculation.project(input(value: 30_000), settings: settings).years
        #expect(years.count == 10)
        #expect(years[0].year == 2026 && years[0].index == 1)
        #expect(years[0].presentNet == Money(-70_000))
        #expect(kronor(years[1].presentNet) == Decimal(string: "29126.21"))  // 30 000 / 1.03
        #expect(years[1].cumulativeNet == Money(-40_000))
        #expect(kronor(years[1].cumulativePresentNet) == Decimal(string: "-40873.79"))
        #expect(years[9].cumulativeNet == Money(200_000))
    }

    // MARK: Break-even

    /// The intervention starts on 15 October 2026, the first day of the 2026–2030 period.
    func startingAtTheElection(value: Int) -> CalculationInput {
        var started = input(value: value)
        started.start = Day("2026-10-15")
        return started
    }

    @Test func breakEvenInsideTheMandatePeriod() {
        let projection = SocioEconomicCalculation.project(startingAtTheElection(value: 50_000), settings: settings)
        #expect(projection.breakEven?.year == 2028)  // year 3: −50 000, −1 456.31, +45 673.48
        #expect(projection.mandate?.name == "2026–2030")
        #expect(projection.breaksEvenWithinMandate)
    }

    @Test func breakEvenInTheYearTheMandatePeriodEnds() {
        // −4 284.72 after year 4, +17 927.46 after year 5 (2030): the period ends on 14 October 2030,
        // and 2030 is its last budget year.
        let projection = SocioEconomicCalculation.project(startingAtTheElection(value: 25_000), settings: settings)
        #expect(projection.breakEven?.year == 2030)
        #expect(projection.breaksEvenWithinMandate)
    }

    @Test func breakEvenOutsideTheMandatePeriod() {
        let projection = SocioEconomicCalculation.project(startingAtTheElection(value: 20_000), settings: settings)
        #expect(projection.breakEven?.index == 6)  // −5 658.03 after year 5, +11 594.14 after year 6
        #expect(!projection.breaksEvenWithinMandate)
    }

    @Test func aDayBeforeTheElectionPeriodIsTheOutgoingOne() {
        // The same figures, starting on 14 October 2026: the 2022–2026 period, whose last year is 2026.
        var started = input(value: 50_000)
        started.start = Day("2026-10-14")
        let projection = SocioEconomicCalculation.project(started, settings: settings)
        #expect(projection.mandate?.name == "2022–2026")
        #expect(projection.breakEven?.year == 2028)
        #expect(!projection.breaksEvenWithinMandate)
    }

    @Test func neverBreakingEven() {
        let projection = SocioEconomicCalculation.project(input(value: 5_000), settings: settings)
        #expect(projection.breakEven == nil)
        #expect(!projection.breaksEvenWithinMandate)
        #expect(kronor(projection.netPresentValue) == Decimal(string: "-56069.46"))
    }

    @Test func aDipAfterBreakingEvenMovesTheBreakEvenYear() {
        var dip = input(value: 50_000)
        dip.costs.append(CostItem(actor: "Skolan", year: 2029, amount: Money(200_000)))  // a second investment in year 4
        let projection = SocioEconomicCalculation.project(dip, settings: settings)
        #expect(projection.years[3].cumulativePresentNet < .zero)
        #expect((projection.breakEven?.index ?? 0) > 4)
    }

    @Test func anInterventionThatCostsNothingBreaksEvenAtOnce() {
        let free = CalculationInput(firstYear: 2026)
        #expect(SocioEconomicCalculation.project(free, settings: settings).breakEven?.index == 1)
    }

    // MARK: Scenarios

    @Test func theFourScenarios() {
        let case1 = input(people: 4, value: 7_500)
        func npv(_ scenario: Scenario) -> Decimal {
            kronor(SocioEconomicCalculation.project(case1, settings: settings, scenario: scenario).netPresentValue)
        }
        func breakEven(_ scenario: Scenario) -> Int? {
            SocioEconomicCalculation.project(case1, settings: settings, scenario: scenario).breakEven?.index
        }
        #expect(npv(.full) == Decimal(string: "163583.27"))
        #expect(breakEven(.full) == 4)
        #expect(npv(.half) == Decimal(string: "31791.63"))  // 2 people's worth
        #expect(breakEven(.half) == 8)
        #expect(npv(.bad) == Decimal(string: "-73641.67"))  // 10 %: 0.4 people's worth
        #expect(breakEven(.bad) == nil)
        #expect(npv(.onePerson) == Decimal(string: "-34104.18"))
        #expect(breakEven(.onePerson) == nil)
    }

    @Test func theBadCaseShareIsConfigurable() {
        var custom = settings
        custom.badCaseShare = Decimal(string: "0.5")!
        let case1 = input(people: 4, value: 7_500)
        #expect(SocioEconomicCalculation.project(case1, settings: custom, scenario: .bad).netPresentValue
            == SocioEconomicCalculation.project(case1, settings: settings, scenario: .half).netPresentValue)
    }

    @Test func peopleNeededToPayForItself() {
        // One person is worth 7 500 × 8.7861 = 65 895.8 kr in present value; the cost is 100 000.
        #expect(SocioEconomicCalculation.peopleNeeded(input(people: 4, value: 7_500), settings: settings) == .persons(2))
        #expect(SocioEconomicCalculation.peopleNeeded(input(people: 4, value: 100_000), settings: settings) == .persons(1))
        #expect(SocioEconomicCalculation.peopleNeeded(input(people: 0, value: 0), settings: settings) == .fullEffectDoesNotPayBack)
    }

    // MARK: Who pays, who gains

    @Test func theRedistributionBetweenActors() {
        let balances = SocioEconomicCalculation.project(input(people: 4, value: 7_500), settings: settings).balances
        #expect(balances.map(\.actor) == ["Skolan", "Socialtjänsten"])
        #expect(balances[0].cost == Money(100_000) && balances[0].gain == .zero)
        #expect(balances[0].paysMoreThanItGains)
        #expect(kronor(balances[1].gain) == Decimal(string: "263583.27"))
        #expect(!balances[1].paysMoreThanItGains)
        #expect(kronor(balances[1].net + balances[0].net) == Decimal(string: "163583.27"))
    }

    @Test func aUnitCostFromTheFundsTable() {
        var fund = settings
        fund.unitCosts = [UnitCost(id: "hvb_placement_year", name: LocalizedText(sv: "HVB-placering per år", en: ""), amount: Money(1_095_000), source: "Helsingborg")]
        let effect = Effect(actor: "Socialtjänsten", people: 1, value: .unitCost("hvb_placement_year"), fromYear: 2027, years: 1)
        let input = CalculationInput(firstYear: 2026, costs: [], effects: [effect])
        #expect(input.problems(settings: fund) == [])
        #expect(SocioEconomicCalculation.project(input, settings: fund, rate: 0).totalGain == Money(1_095_000))
        #expect(input.problems(settings: settings).map(\.field) == ["calculation.effects[0].unit_cost"])
    }

    // MARK: Bad input names its field

    @Test func badInputNamesTheField() {
        var bad = input(value: 1)
        bad.costs.append(CostItem(actor: "", year: 2040, amount: Money(-5)))
        bad.effects.append(Effect(actor: "Regionen", people: -1, value: .amount(Money(-2)), fromYear: 2025, years: 0))
        #expect(bad.problems(settings: settings).map(\.field) == [
            "calculation.costs[1].amount", "calculation.costs[1].year", "calculation.costs[1].actor",
            "calculation.effects[1].people", "calculation.effects[1].value_per_person", "calculation.effects[1].years",
            "calculation.effects[1].from_year",
        ])
        #expect(bad.problems(settings: settings)[1].message == Message(.calcYearOutsideHorizon, ["first": "2026", "last": "2035"]))
    }

    @Test func settingsOutsideTheirRange() {
        #expect(CalculationSettings(horizon: 51).problems().map(\.field) == ["calculation.horizon"])
        #expect(CalculationSettings(horizon: 0).problems().map(\.field) == ["calculation.horizon"])
        #expect(CalculationSettings(horizon: 50).problems() == [])
        #expect(CalculationSettings(discountRate: -1, badCaseShare: 2).problems().map(\.field) == ["calculation.discount_rate", "calculation.bad_case_share"])
    }

    @Test func theCalculationIsPartOfWhatAReviewAssessed() {
        var application = Application(id: ApplicationID("2026-001")!, title: "x")
        let without = ApplicationVersion.of(application)
        application.calculation = input(value: 1)
        let with = ApplicationVersion.of(application)
        application.calculation?.effects[0].value = .amount(Money(2))
        let changedValue = ApplicationVersion.of(application)
        #expect(Set([without, with, changedValue]).count == 3)
        // The price year of an amount is part of it; the start day that picks the mandate period
        // is the intervention's, already counted there.
        application.calculation?.effects[0].priceYear = 2024
        #expect(ApplicationVersion.of(application) != changedValue)
        application.calculation?.effects[0].priceYear = nil
        #expect(ApplicationVersion.of(application) == changedValue)
    }
}
