import BeredningCore
import BeredningResources
import Foundation
import Testing

private let sv = try! BundledResources.catalog(.sv)

private func day(_ text: String) -> Day { Day(text)! }

private func kronor(_ money: Money) -> Decimal { money.rounded(scale: 2).kronor }

/// Σ net / 1.03^(year − 1), worked out here from the year's net, not by the code under test.
private func presentValue(_ nets: [Decimal], rate: Decimal = Decimal(string: "0.03")!) -> Decimal {
    var total = Decimal(0), discount = Decimal(1)
    for net in nets {
        total += net / discount
        discount *= 1 + rate
    }
    var rounded = Decimal(), value = total
    NSDecimalRound(&rounded, &value, 2, .plain)
    return rounded
}

@Suite("Mandate periods: Sweden's elections, or the fund's own")
struct MandatePeriodTests {
    func period(_ text: String, _ rhythm: MandateRhythm = .sweden) -> MandatePeriod? { rhythm.period(containing: day(text)) }

    @Test func theSwedishPeriodsRunFromTheFifteenthOfOctoberOfTheElectionYear() {
        #expect(period("2026-08-01")?.start == day("2022-10-15"))
        #expect(period("2026-08-01")?.end == day("2026-10-14"))
        #expect(period("2026-08-01")?.name == "2022–2026")
        #expect(period("2026-10-14")?.name == "2022–2026")
        #expect(period("2026-10-15")?.name == "2026–2030")
        #expect(period("2026-10-15")?.end == day("2030-10-14"))
        #expect(period("2029-12-31")?.name == "2026–2030")
        #expect(period("2030-10-15")?.name == "2030–2034")
        #expect(period("2023-01-01")?.name == "2022–2026")
        #expect(period("2026-08-01")?.lastYear == 2026)
        #expect(period("2026-08-01")?.fromFund == false)
    }

    @Test func noSwedishPeriodBeforeTheFirstFourYearTerm() {
        // Terms were three years until the 1994 election: no period rather than a made-up one.
        #expect(period("1994-10-15")?.name == "1994–1998")
        #expect(period("1994-10-14") == nil)
        #expect(period("1980-01-01") == nil)
    }

    @Test func theFundsOwnPeriods() {
        let budgetYears = MandateRhythm(anchor: day("2027-01-01"), years: 4)
        #expect(period("2026-08-01", budgetYears)?.start == day("2023-01-01"))
        #expect(period("2026-08-01", budgetYears)?.end == day("2026-12-31"))
        #expect(period("2031-01-01", budgetYears)?.name == "2031–2034")
        #expect(period("2026-08-01", budgetYears)?.fromFund == true)
        let threeYears = MandateRhythm(anchor: day("2025-01-01"), years: 3)
        #expect(period("2020-05-05", threeYears)?.start == day("2019-01-01"))
        #expect(period("2020-05-05", threeYears)?.end == day("2021-12-31"))
        // A period from 29 February starts on the 28th in the years without one.
        let leap = MandateRhythm(anchor: day("2024-02-29"), years: 1)
        #expect(period("2025-06-01", leap)?.start == day("2025-02-28"))
        #expect(period("2025-06-01", leap)?.end == day("2026-02-27"))
    }

    @Test func theSettingsChooseTheRhythm() {
        #expect(CalculationSettings().mandateRhythm == .sweden)
        let own = CalculationSettings(mandateYears: 3, mandateStart: day("2025-01-01"))
        #expect(own.mandateRhythm == MandateRhythm(anchor: day("2025-01-01"), years: 3))
        #expect(own.problems() == [])
        // Another length than Sweden's four needs the first day of one of its periods.
        #expect(CalculationSettings(mandateYears: 3).problems().map(\.field) == ["calculation.mandate_years"])
        #expect(CalculationSettings(mandateYears: 3).problems().first?.message == Message(.calcMandateNeedsStart))
    }

    @Test func theCalculationsPeriodIsTheOneTheInterventionStartsIn() {
        let withStart = CalculationInput(firstYear: 2026, start: day("2026-11-02"))
        #expect(withStart.mandatePeriod(CalculationSettings())?.name == "2026–2030")
        // Without a start day, 1 January of the first year picks it.
        let withoutStart = CalculationInput(firstYear: 2026)
        #expect(withoutStart.mandatePeriod(CalculationSettings())?.name == "2022–2026")
        let text = CalculationAssumptions(withStart, settings: CalculationSettings(), catalog: sv).mandate
        #expect(text.hasPrefix("Mandatperiod 2026–2030 (2026-10-15 – 2030-10-14): den som insatsen börjar i (2026-11-02)."))
        #expect(CalculationAssumptions(withoutStart, settings: CalculationSettings(), catalog: sv).mandate
            .hasPrefix("Mandatperiod 2022–2026 (2022-10-15 – 2026-10-14): den som kalkylens första år 2026 börjar i."))
        #expect(CalculationAssumptions(withStart, settings: CalculationSettings(), catalog: sv).mandateBasis
            == "Allmänna val hålls vart fjärde år i september, och mandatperioden börjar 15 oktober valåret; det år perioden slutar räknas som dess sista.")
        let own = CalculationSettings(mandateStart: day("2027-01-01"))
        #expect(CalculationAssumptions(withStart, settings: own, catalog: sv).mandate.hasPrefix("Mandatperiod 2023–2026 (2023-01-01 – 2026-12-31)"))
        #expect(CalculationAssumptions(withStart, settings: own, catalog: sv).mandateBasis
            == "Fondens egna mandatperioder (4 år, mandate_start i bered.toml); det år perioden slutar räknas som dess sista.")
        let old = CalculationInput(firstYear: 1990)
        #expect(CalculationAssumptions(old, settings: CalculationSettings(), catalog: sv).mandateBasis == nil)
        #expect(CalculationAssumptions(old, settings: CalculationSettings(), catalog: sv).mandate.hasPrefix("Ingen mandatperiod är känd för 1990-01-01"))
        #expect(CalculationSummary.breakEven(SocioEconomicCalculation.project(old, settings: CalculationSettings()), sv) == "år 1 (1990)")
    }
}

@Suite("The horizon: effects past it are cut and said to be")
struct HorizonTests {
    let settings = CalculationSettings(horizon: 5)  // 2026–2030

    func input(_ effects: [Effect]) -> CalculationInput {
        CalculationInput(firstYear: 2026, costs: [CostItem(actor: "Skolan", year: 2026, amount: Money(100_000))], effects: effects)
    }

    @Test func anEffectRunningPastTheHorizonCountsOnlyItsYearsInside() {
        let effect = Effect(actor: "Socialtjänsten", people: 2, value: .amount(Money(10_000)), fromYear: 2028, years: 6)  // 2028–2033
        let calculation = input([effect])
        let span = calculation.span(of: effect, settings: settings)
        #expect((span.counted, span.cut, span.outsideHorizon) == (3, 3, false))
        let projection = SocioEconomicCalculation.project(calculation, settings: settings, rate: 0)
        #expect(projection.years.map(\.gain) == [.zero, .zero, Money(20_000), Money(20_000), Money(20_000)])
        let notes = CalculationAssumptions(calculation, settings: settings, catalog: sv).horizonNotes
        #expect(notes == ["Effekt 1 räknas bara 3 av sina 6 år: kalkylen slutar 2030, så 3 år skärs bort."])
    }

    @Test func anEffectStartingAfterTheHorizonKeepsTheCalculation() {
        let late = Effect(actor: "Regionen", people: 1, value: .amount(Money(50_000)), fromYear: 2032, years: 2)
        let inside = Effect(actor: "Socialtjänsten", people: 1, value: .amount(Money(30_000)), fromYear: 2027, years: 2)
        let calculation = input([inside, late])
        // It used to be refused as outside the horizon, which dropped the whole calculation.
        #expect(calculation.problems(settings: settings) == [])
        #expect(calculation.span(of: late, settings: settings).outsideHorizon)
        #expect(SocioEconomicCalculation.project(calculation, settings: settings, rate: 0).totalGain == Money(60_000))
        let notes = CalculationAssumptions(calculation, settings: settings, catalog: sv).horizonNotes
        #expect(notes == ["Effekt 2 börjar 2032, efter kalkylens sista år, 2030, och ligger helt utanför kalkylen."])
    }

    @Test func anEffectBeforeTheFirstYearIsStillAMistake() {
        let early = Effect(actor: "Regionen", people: 1, value: .amount(Money(50_000)), fromYear: 2025, years: 2)
        #expect(input([early]).problems(settings: settings).map(\.field) == ["calculation.effects[0].from_year"])
        let implausible = Effect(actor: "Regionen", people: 1, value: .amount(Money(50_000)), fromYear: Int.max, years: 2)
        #expect(input([implausible]).problems(settings: settings).map(\.message) == [Message(.calcYearImplausible)])
    }

    @Test func noNoteWhenEveryEffectFits() {
        let effect = Effect(actor: "Socialtjänsten", people: 1, value: .amount(Money(10_000)), fromYear: 2026, years: 5)
        #expect(CalculationAssumptions(input([effect]), settings: settings, catalog: sv).horizonNotes == [])
    }
}

@Suite("Only one person: each cost type at most once")
struct OnePersonTests {
    let settings = CalculationSettings(unitCosts: [
        UnitCost(id: "hvb", name: LocalizedText(sv: "HVB per år", en: "HVB per year"), amount: Money(1_000_000), source: "Test", priceYear: 2016),
    ])

    func hvb(people: Int = 1, from: Int, years: Int) -> Effect {
        Effect(actor: "Socialtjänsten", people: people, value: .unitCost("hvb"), fromYear: from, years: years)
    }

    func input(_ effects: [Effect]) -> CalculationInput {
        CalculationInput(firstYear: 2026, costs: [CostItem(actor: "Skolan", year: 2026, amount: Money(3_000_000))], effects: effects)
    }

    func gains(_ input: CalculationInput, _ scenario: Scenario) -> [Money] {
        SocioEconomicCalculation.project(input, settings: settings, scenario: scenario, rate: 0).years.map(\.gain)
    }

    @Test func twoLinesOfOneCostTypeAreNotTwoPersons() {
        // Two lines of one person each avoiding the same placement: one person is one of them,
        // not both. It used to be both, which came out better than half the effect.
        let calculation = input([hvb(from: 2027, years: 4), hvb(from: 2027, years: 4)])
        let one = SocioEconomicCalculation.project(calculation, settings: settings, scenario: .onePerson, rate: 0)
        let half = SocioEconomicCalculation.project(calculation, settings: settings, scenario: .half, rate: 0)
        #expect(one.totalGain == Money(4_000_000))
        #expect(one.netPresentValue <= half.netPresentValue)
        #expect(calculation.reach(helping: 1, settings: settings) == [1, 0])
    }

    @Test func onePersonAvoidsACostForNoLongerThanOneLinesOwnYears() {
        // 2027–2028 and 2030–2032: one person is in one line, for its years, not in both after another.
        let calculation = input([hvb(from: 2027, years: 2), hvb(from: 2030, years: 3)])
        #expect(gains(calculation, .onePerson) == [.zero, .zero, .zero, .zero, Money(1_000_000), Money(1_000_000), Money(1_000_000), .zero, .zero, .zero])
        #expect(gains(calculation, .full).filter { $0 > .zero }.count == 5)
    }

    @Test func thePersonGoesWhereAvoidingTheCostIsWorthMostThenTheOrderWritten() {
        #expect(input([hvb(from: 2027, years: 2), hvb(from: 2030, years: 3)]).reach(helping: 1, settings: settings) == [0, 1])
        #expect(input([hvb(from: 2027, years: 3), hvb(from: 2030, years: 3)]).reach(helping: 1, settings: settings) == [1, 0])
        // Worth is counted within the horizon: ten years from 2034 count two.
        #expect(input([hvb(from: 2034, years: 10), hvb(from: 2027, years: 3)]).reach(helping: 1, settings: settings) == [0, 1])
    }

    @Test func linesOfDifferentCostTypesEachReachThePerson() {
        let own = Effect(actor: "Skolan", people: 5, value: .amount(Money(20_000)), fromYear: 2027, years: 1)
        let alsoOwn = Effect(actor: "Skolan", people: 5, value: .amount(Money(20_000)), fromYear: 2028, years: 1)
        let calculation = input([hvb(people: 3, from: 2027, years: 1), own, alsoOwn])
        #expect(calculation.reach(helping: 1, settings: settings) == [1, 1, 1])
    }

    @Test func morePersonsFillACostTypesLinesUpToTheirPeople() {
        let calculation = input([hvb(people: 2, from: 2027, years: 3), hvb(people: 3, from: 2027, years: 1)])
        #expect(calculation.reach(helping: 1, settings: settings) == [1, 0])
        #expect(calculation.reach(helping: 3, settings: settings) == [2, 1])
        #expect(calculation.personsForFullEffect(settings: settings) == 5)
        #expect(calculation.reach(helping: 5, settings: settings) == [2, 3])
        #expect(calculation.reach(helping: 50, settings: settings) == [2, 3])
    }
}

@Suite("How many must be helped, consistent with the full scenario")
struct PeopleNeededTests {
    @Test func noNumberWhenEvenTheFullEffectDoesNotPayBack() {
        // One person is worth 90 000 × 8.7861 = 790 749 kr; the cost is 1 200 000. Counting the
        // cost over one person's worth used to say 2 persons, though only one person is in it.
        let calculation = CalculationInput(firstYear: 2026, costs: [CostItem(actor: "Skolan", year: 2026, amount: Money(1_200_000))],
                                           effects: [Effect(actor: "Socialtjänsten", people: 1, value: .amount(Money(90_000)), fromYear: 2026, years: 10)])
        let settings = CalculationSettings()
        #expect(SocioEconomicCalculation.project(calculation, settings: settings).netPresentValue < .zero)
        #expect(SocioEconomicCalculation.peopleNeeded(calculation, settings: settings) == .fullEffectDoesNotPayBack)
        #expect(CalculationSummary.peopleNeeded(.fullEffectDoesNotPayBack, settings: settings, sv)
            == "Inte ens med full effekt bär sig investeringen inom kalkylens 10 år, så inget antal hjälpta personer räcker.")
    }

    @Test func theSmallestNumberWhoseProjectionPays() {
        // 1 000 000 paid in 2026; each of up to 10 persons saves 40 000 a year, 2026–2035.
        // n persons: −1 000 000 + n × 40 000 × (1 + 1/1.03 + … + 1/1.03⁹) = −1 000 000 + n × 351 444.…
        let calculation = CalculationInput(firstYear: 2026, costs: [CostItem(actor: "Skolan", year: 2026, amount: Money(1_000_000))],
                                           effects: [Effect(actor: "Socialtjänsten", people: 10, value: .amount(Money(40_000)), fromYear: 2026, years: 10)])
        let worth = presentValue(Array(repeating: 40_000, count: 10))
        #expect(worth == Decimal(string: "351444.36"))
        #expect(2 * worth < 1_000_000 && 3 * worth >= 1_000_000)
        #expect(SocioEconomicCalculation.peopleNeeded(calculation, settings: CalculationSettings()) == .persons(3))
    }

    @Test func nothingToPayForNeedsNobody() {
        #expect(SocioEconomicCalculation.peopleNeeded(CalculationInput(firstYear: 2026), settings: CalculationSettings()) == .persons(0))
    }
}

@Suite("Price years: unit costs of different years in one year's prices")
struct PriceYearTests {
    /// SCB's KPI (1980 = 100), yearly averages, for 2015, 2016 and 2023.
    let index: [Int: Decimal] = [2015: Decimal(string: "313.35")!, 2016: Decimal(string: "316.43")!, 2023: Decimal(string: "403.70")!]

    func settings(index: [Int: Decimal] = [:], year: Int? = nil) -> CalculationSettings {
        CalculationSettings(unitCosts: [
            UnitCost(id: "bbic", name: LocalizedText(sv: "BBIC-utredning", en: "BBIC"), amount: Money(30_600), source: "SKL 2015", priceYear: 2015),
            UnitCost(id: "support", name: LocalizedText(sv: "Försörjningsstöd", en: "Income support"), amount: Money(75_045), source: "2024", priceYear: 2024),
            UnitCost(id: "undated", name: LocalizedText(sv: "Utan år", en: "Undated"), amount: Money(1_000), source: ""),
        ], priceIndex: index, priceYear: year)
    }

    @Test func withAnIndexAmountsAreConvertedToThePriceYear() throws {
        let fund = settings(index: index, year: 2023)
        let bbic = try #require(fund.price(of: Effect(actor: "S", people: 1, value: .unitCost("bbic"), fromYear: 2026, years: 1)))
        // 30 600 × 403.70 / 313.35 = 39 423.08…, whole kronor.
        #expect(bbic.used == Money(39_423))
        #expect(bbic.given == Money(30_600) && bbic.priceYear == 2015 && bbic.conversion == .converted(to: 2023))
        let own = try #require(fund.price(of: Effect(actor: "S", people: 1, value: .amount(Money(45_000)), fromYear: 2026, years: 1, priceYear: 2016)))
        // 45 000 × 403.70 / 316.43 = 57 410.80…
        #expect(own.used == Money(57_411))
    }

    @Test func theIndexsLastYearIsThePriceYearUnlessTheFundSaysOtherwise() {
        #expect(settings(index: index).shownPriceYear == 2023)
        #expect(settings(index: index, year: 2016).shownPriceYear == 2016)
        #expect(settings().shownPriceYear == nil)
        // 30 600 × 316.43 / 313.35 = 30 900.77…
        #expect(settings(index: index, year: 2016).convert(Money(30_600), from: 2015).0 == Money(30_901))
    }

    @Test func withoutAnIndexAmountsAreCountedAsGivenAndEachLinesYearShown() {
        let fund = settings()
        let calculation = CalculationInput(firstYear: 2026, effects: [Effect(actor: "S", people: 1, value: .unitCost("bbic"), fromYear: 2026, years: 1)])
        #expect(fund.price(of: calculation.effects[0])?.used == Money(30_600))
        let assumptions = CalculationAssumptions(calculation, settings: fund, catalog: sv)
        #expect(assumptions.lines[0].basis == "Schablon bbic: BBIC-utredning, 30 600 kr, prisår 2015. Schablonens källa: SKL 2015")
        #expect(assumptions.lines[0].converted == nil)
        #expect(assumptions.priceNotes == ["Beloppen räknas som de är angivna, utan omräkning till ett gemensamt prisår; varje effekts prisår står vid effekten."])
    }

    @Test func linesThatCannotBeConvertedAreCountedAsGivenAndNamed() {
        let fund = settings(index: index, year: 2023)
        let calculation = CalculationInput(firstYear: 2026, effects: [
            Effect(actor: "S", people: 1, value: .unitCost("bbic"), fromYear: 2026, years: 1),
            Effect(actor: "S", people: 1, value: .unitCost("support"), fromYear: 2026, years: 1),
            Effect(actor: "S", people: 1, value: .unitCost("undated"), fromYear: 2026, years: 1),
        ])
        #expect(fund.price(of: calculation.effects[1])?.used == Money(75_045))
        #expect(fund.price(of: calculation.effects[2])?.conversion == .noPriceYear)
        let assumptions = CalculationAssumptions(calculation, settings: fund, catalog: sv)
        #expect(assumptions.lines[0].converted == "Omräknat till 2023 års priser: 39 423 kr (från 30 600 kr i 2015 års priser).")
        #expect(assumptions.lines[0].summary.contains("39 423 kr per person och år"))
        #expect(assumptions.priceNotes == [
            "Effekternas belopp räknas i 2023 års priser: omräknade med fondens prisindex (price_index i bered.toml) och avrundade till hela kronor.",
            "Effekt 2 räknas som angiven: prisindexet har inget tal för 2024.",
            "Effekt 3 räknas som angiven: den har inget prisår att räkna om från.",
        ])
        #expect(SocioEconomicCalculation.project(calculation, settings: fund, rate: 0).totalGain == Money(39_423 + 75_045 + 1_000))
    }

    @Test func settingsThatCannotBeUsed() {
        #expect(CalculationSettings(priceYear: 2023).problems().map(\.field) == ["calculation.price_year"])
        #expect(settings(index: index, year: 2020).problems().map(\.message)
            == [Message(.calcPriceYearNotInIndex, ["year": "2020", "years": "2015, 2016, 2023"])])
        #expect(settings(index: [2015: 0, 1800: 1]).problems().map(\.field) == ["calculation.price_index.1800", "calculation.price_index.2015"])
        var badYear = settings()
        badYear.unitCosts[0].priceYear = 15
        #expect(badYear.problems().map(\.field) == ["unit_costs[0].price_year"])
    }

    @Test func anOwnAmountMayCarryAPriceYearAUnitCostLineMayNot() {
        let fund = settings()
        let own = CalculationInput(firstYear: 2026, effects: [Effect(actor: "S", people: 1, value: .amount(Money(1)), fromYear: 2026, years: 1, priceYear: 2024)])
        #expect(own.problems(settings: fund) == [])
        let unit = CalculationInput(firstYear: 2026, effects: [Effect(actor: "S", people: 1, value: .unitCost("bbic"), fromYear: 2026, years: 1, priceYear: 2024)])
        #expect(unit.problems(settings: fund).map(\.field) == ["calculation.effects[0].price_year"])
    }
}

@Suite("The effect lines in words")
struct EffectLineTextTests {
    @Test func eachLineSaysWhatIsAvoidedForWhomHowManyAtWhatCostFromWhenAndForHowLong() {
        let settings = CalculationSettings(unitCosts: [
            UnitCost(id: "hvb_placement_year", name: LocalizedText(sv: "Placering på HVB per år", en: "Residential care per year"), amount: Money(1_095_000),
                     source: "Helsingborg 2014–2016", priceYear: 2016),
        ])
        let calculation = CalculationInput(firstYear: 2026, effects: [
            Effect(actor: "Socialtjänsten", description: "Färre placeringar", people: 1, value: .unitCost("hvb_placement_year"),
                   source: "Placeringsstatistiken", fromYear: 2027, years: 5),
            Effect(actor: "BUP", people: 4, value: .amount(Money(45_000)), fromYear: 2029, years: 1),
        ])
        let lines = CalculationAssumptions(calculation, settings: settings, catalog: sv).lines
        #expect(lines[0].sentences == [
            "1. Färre placeringar",
            "Socialtjänsten · personer: 1 · 1 095 000 kr per person och år · 2027–2031 (5 år)",
            "Schablon hvb_placement_year: Placering på HVB per år, 1 095 000 kr, prisår 2016. Schablonens källa: Helsingborg 2014–2016",
            "Källa: Placeringsstatistiken",
        ])
        #expect(lines[1].sentences == ["2. (ingen beskrivning)", "BUP · personer: 4 · 45 000 kr per person och år · 2029 (1 år)", "Eget belopp, prisår ej angivet."])
        let en = try! BundledResources.catalog(.en)
        #expect(CalculationAssumptions(calculation, settings: settings, catalog: en).lines[0].basis
            == "Unit cost hvb_placement_year: Residential care per year, 1,095,000 kr, price year 2016. The unit cost's source: Helsingborg 2014–2016")
    }
}
