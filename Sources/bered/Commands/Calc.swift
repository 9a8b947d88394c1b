import ArgumentParser
import BeredningCore
import BeredningStore
import BeredningTUI
import Foundation

struct Calc: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show an application's socio-economic calculation: per year, per actor, the effect lines it assumes, the scenarios and when it breaks even; or the fund's unit costs.",
        discussion: """
        Net present value at the fund's discount rate (3 % real by default, as TLV recommends), with 0 % and 4 % beside it.
        Break-even is measured against the mandate period the intervention starts in (Sweden's elections, unless bered.toml sets its own).
        --unit-costs lists the fund's shared unit costs (id, name, amount, source, price year) instead of an application.
        Exit status: 0 shown, 1 the application has no usable calculation, 2 no such application or a broken store.
        """)

    @Argument(help: "The store folder.") var store: String
    @Argument(help: "The application id, e.g. 2026-001.") var id: String?
    @Flag(help: "List the fund's unit costs from bered.toml instead of an application's calculation.") var unitCosts = false
    @Flag(help: "Print JSON for other systems instead of text.") var json = false
    @OptionGroup var options: CommonOptions

    func run() throws {
        let context = try options.context()
        guard unitCosts || id != nil else { throw ValidationError(context.text(.calcNeedsId)) }
        let snapshot = try context.snapshot(store)
        if unitCosts {
            let settings = snapshot.config.calculation
            if json { try printJSON(UnitCostsJSON(settings)) } else { output(UnitCostsText.render(settings, catalog: context.catalog)) }
            return
        }
        let id = id ?? ""
        let entry = try context.entry(id, in: snapshot)
        let application = try context.dossier(id, in: snapshot).application
        guard let input = application.calculation else {
            printError(context.text(.calcNone, ["id": .text(application.id.description)]))
            for problem in entry.problems { printError(problem.formatted(context.catalog)) }
            throw ExitCode(ExitStatus.fails)
        }
        let report = CalculationReport(input: input, settings: snapshot.config.calculation)
        if json {
            try printJSON(CalculationJSON(application: application, report: report))
        } else {
            output(CalculationText.render(application: application, report: report, catalog: context.catalog))
        }
    }
}

/// Everything the calculation view shows, computed once.
struct CalculationReport {
    let input: CalculationInput
    let settings: CalculationSettings
    let scenarios: [Projection]
    /// The full-effect projection at each comparison rate, the fund's own included.
    let byRate: [Projection]
    let peopleNeeded: PeopleNeeded

    init(input: CalculationInput, settings: CalculationSettings) {
        self.input = input
        self.settings = settings
        scenarios = Scenario.allCases.map { SocioEconomicCalculation.project(input, settings: settings, scenario: $0) }
        let rates = (CalculationSettings.comparisonRates + [settings.discountRate]).sorted().reduce(into: [Decimal]()) { if !$0.contains($1) { $0.append($1) } }
        byRate = rates.map { SocioEconomicCalculation.project(input, settings: settings, rate: $0) }
        peopleNeeded = SocioEconomicCalculation.peopleNeeded(input, settings: settings)
    }

    var full: Projection { scenarios[0] }
}

enum CalculationText {
    static func render(application: Application, report: CalculationReport, catalog: Catalog) -> String {
        let full = report.full
        var lines: [String] = []
        lines.append("\(application.id)  \(application.title) — \(catalog(.calcTitle))")
        let assumptions = CalculationAssumptions(report.input, settings: report.settings, catalog: catalog)
        lines.append(catalog(.calcSettings, [
            "rate": .text(catalog.percent(report.settings.discountRate)), "years": .text(String(full.years.count)),
            "first": .text(String(full.years.first?.year ?? 0)), "last": .text(String(full.years.last?.year ?? 0)),
        ]))
        lines.append(assumptions.mandate)
        if let basis = assumptions.mandateBasis { lines.append(basis) }
        lines.append("")
        var table = TextTable(header: [catalog(.calcYear), catalog(.calcCost), catalog(.calcGain), catalog(.calcNet),
                                       catalog(.calcCumulative), catalog(.calcCumulativePresent)])
        table.rightAligned = [1, 2, 3, 4, 5]
        for year in full.years {
            table.rows.append([String(year.year), catalog.kronor(year.cost), catalog.kronor(year.gain), catalog.kronor(year.net),
                               catalog.kronor(year.cumulativeNet), catalog.kronor(year.cumulativePresentNet)])
        }
        lines.append(table.render())
        lines.append("")
        lines.append(catalog(.calcEffects))
        for line in assumptions.lines {
            lines.append(line.title)
            lines += line.sentences.dropFirst().map { "   " + $0 }
        }
        lines += assumptions.horizonNotes + assumptions.priceNotes
        lines.append("")
        lines.append(catalog(.calcWhoPays, ["rate": .text(catalog.percent(report.settings.discountRate))]))
        var actors = TextTable(header: [catalog(.calcActor), catalog(.calcCost), catalog(.calcGain), catalog(.calcNet), ""])
        actors.rightAligned = [1, 2, 3]
        actors.flexible = [0]
        for balance in full.balances {
            actors.rows.append([balance.actor, catalog.kronor(balance.cost), catalog.kronor(balance.gain), catalog.kronor(balance.net),
                                catalog(balance.paysMoreThanItGains ? .calcPaysMore : .calcGainsMore)])
        }
        lines.append(actors.render())
        lines.append("")
        var scenarios = TextTable(header: [catalog(.calcScenario), catalog(.calcNPVAt, ["rate": .text(catalog.percent(report.settings.discountRate))]), catalog(.calcBreakEven)])
        scenarios.rightAligned = [1]
        for projection in report.scenarios {
            scenarios.rows.append([catalog.label(projection.scenario), catalog.kronor(projection.netPresentValue), CalculationSummary.breakEven(projection, catalog)])
        }
        lines.append(scenarios.render())
        lines.append("")
        lines.append(report.byRate.map { catalog(.calcNPVAtRate, ["rate": .text(catalog.percent($0.rate)), "npv": .text(catalog.kronor($0.netPresentValue))]) }
            .joined(separator: "   "))
        lines.append(CalculationSummary.peopleNeeded(report.peopleNeeded, settings: report.settings, catalog))
        lines.append(catalog(.calcVerdict, ["verdict": .text(CalculationSummary.breakEven(full, catalog))]))
        return lines.joined(separator: "\n")
    }
}

struct CalculationJSON: Encodable {
    struct Year: Encodable {
        let year: Int
        let index: Int
        let cost: Decimal
        let gain: Decimal
        let net: Decimal
        let cumulative_net: Decimal
        let present_net: Decimal
        let cumulative_present_net: Decimal
        let actors: [String: [String: Decimal]]
    }

    struct Actor: Encodable {
        let actor: String
        let cost: Decimal
        let gain: Decimal
        let net: Decimal
        let pays_more_than_it_gains: Bool
    }

    /// One projection's verdict; `bered check --json` gives the full-effect one too.
    struct Outcome: Encodable {
        let scenario: String
        let rate: Decimal
        let net_present_value: Decimal
        let break_even_year: Int?
        let break_even_within_mandate: Bool
        /// The period break-even is measured against ("2022–2026"); nil when none is known.
        let mandate_period: String?

        init(_ p: Projection) {
            scenario = p.scenario.rawValue
            rate = p.rate
            net_present_value = p.netPresentValue.rounded(scale: 2).kronor
            break_even_year = p.breakEven?.year
            break_even_within_mandate = p.breaksEvenWithinMandate
            mandate_period = p.mandate?.name
        }
    }

    struct Mandate: Encodable {
        let name: String
        let first_day: String
        let last_day: String
        /// The last calendar year that counts as inside the period.
        let last_year: Int
        /// "sweden": the general elections; "fund": mandate_start in bered.toml.
        let basis: String
    }

    /// One effect line as the application gives it, with what the calculation made of it.
    struct EffectLine: Encodable {
        let number: Int
        let actor: String
        let description: String
        let people: Int
        /// Kronor per person and year as counted: in the fund's price year when converted.
        let value_per_person: Decimal?
        /// As the application or the unit cost gives it.
        let value_as_given: Decimal?
        let price_year: Int?
        /// The year `value_per_person` is in when converted; nil when counted as given.
        let converted_to_price_year: Int?
        let unit_cost: UnitCostsJSON.Unit?
        let source: String
        let from_year: Int
        let years: Int
        /// Of `years`, those inside the horizon; the rest are cut.
        let years_counted: Int
        let years_cut: Int
        let outside_horizon: Bool
    }

    let id: String
    let title: String
    let discount_rate: Decimal
    let horizon: Int
    let first_year: Int
    let last_year: Int
    let mandate_period: Mandate?
    let bad_case_share: Decimal
    /// The year effects are counted in when the fund has a price index; nil: as given.
    let price_year: Int?
    let years: [Year]
    let effects: [EffectLine]
    let actors: [Actor]
    let scenarios: [Outcome]
    let rates: [Outcome]
    /// nil when even the full effect does not pay back (`full_effect_pays_back` false).
    let people_needed: Int?
    let full_effect_pays_back: Bool

    init(application: Application, report: CalculationReport) {
        func öre(_ money: Money) -> Decimal { money.rounded(scale: 2).kronor }
        let input = report.input, settings = report.settings
        id = application.id.description
        title = application.title
        discount_rate = settings.discountRate
        horizon = report.full.years.count
        first_year = input.firstYear
        last_year = input.lastYear(settings)
        mandate_period = input.mandatePeriod(settings).map {
            Mandate(name: $0.name, first_day: $0.start.description, last_day: $0.end.description, last_year: $0.lastYear, basis: $0.fromFund ? "fund" : "sweden")
        }
        bad_case_share = settings.badCaseShare
        price_year = settings.shownPriceYear
        effects = input.effects.enumerated().map { index, effect in
            let price = settings.price(of: effect)
            let span = input.span(of: effect, settings: settings)
            var convertedTo: Int?
            if case .converted(let year)? = price?.conversion { convertedTo = year }
            return EffectLine(number: index + 1, actor: effect.actor, description: effect.description, people: effect.people,
                              value_per_person: price.map { öre($0.used) }, value_as_given: price.map { öre($0.given) }, price_year: price?.priceYear,
                              converted_to_price_year: convertedTo, unit_cost: price?.unitCost.map { UnitCostsJSON.Unit($0, settings: settings) },
                              source: effect.source, from_year: effect.fromYear, years: effect.years,
                              years_counted: span.counted, years_cut: span.cut, outside_horizon: span.outsideHorizon)
        }
        years = report.full.years.map { y in
            Year(year: y.year, index: y.index, cost: öre(y.cost), gain: öre(y.gain), net: öre(y.net), cumulative_net: öre(y.cumulativeNet),
                 present_net: öre(y.presentNet), cumulative_present_net: öre(y.cumulativePresentNet),
                 actors: y.perActor.mapValues { ["cost": öre($0.cost), "gain": öre($0.gain)] })
        }
        actors = report.full.balances.map {
            Actor(actor: $0.actor, cost: öre($0.cost), gain: öre($0.gain), net: öre($0.net), pays_more_than_it_gains: $0.paysMoreThanItGains)
        }
        scenarios = report.scenarios.map(Outcome.init)
        rates = report.byRate.map(Outcome.init)
        people_needed = report.peopleNeeded.persons
        full_effect_pays_back = report.peopleNeeded != .fullEffectDoesNotPayBack
    }
}

/// `bered calc STORE --unit-costs`: the fund's shared unit costs, which applications name by id.
enum UnitCostsText {
    static func render(_ settings: CalculationSettings, catalog c: Catalog) -> String {
        guard !settings.unitCosts.isEmpty else { return c(.calcUnitCostsNone) }
        let shown = settings.shownPriceYear
        var header = [c(.calcColumnId), c(.calcColumnName), c(.calcColumnAmount), c(.calcColumnPriceYear)]
        if let shown { header.append(c(.calcColumnAmountIn, ["year": .text(String(shown))])) }
        header.append(c(.calcColumnSource))
        var table = TextTable(header: header)
        table.rightAligned = shown == nil ? [2, 3] : [2, 3, 4]
        for unit in settings.unitCosts {
            var row = [unit.id, unit.name.text(in: c.language), c.kronor(unit.amount), unit.priceYear.map(String.init) ?? c(.calcPriceYearNotGiven)]
            if shown != nil { row.append(c.kronor(settings.convert(unit.amount, from: unit.priceYear).0)) }
            row.append(unit.source)
            table.rows.append(row)
        }
        // Never cut: the source is what lets a reader check the figure.
        var lines = [c(.calcUnitCosts), table.render(maxWidth: .max)]
        if let shown { lines.append(c(.calcPricesConverted, ["year": .text(String(shown))])) }
        return lines.joined(separator: "\n")
    }
}

struct UnitCostsJSON: Encodable {
    struct Unit: Encodable {
        let id: String
        let name_sv: String
        let name_en: String
        let amount: Int
        let source: String
        let price_year: Int?
        /// In the fund's price year, when it has a price index and the unit's year is in it.
        let amount_in_price_year: Int?

        init(_ unit: UnitCost, settings: CalculationSettings) {
            id = unit.id
            name_sv = unit.name.sv
            name_en = unit.name.en
            amount = unit.amount.wholeKronor
            source = unit.source
            price_year = unit.priceYear
            let (converted, how) = settings.convert(unit.amount, from: unit.priceYear)
            switch how {
            case .converted, .inPriceYear: amount_in_price_year = converted.wholeKronor
            case .noIndex, .noPriceYear, .yearNotInIndex: amount_in_price_year = nil
            }
        }
    }

    let price_year: Int?
    let unit_costs: [Unit]

    init(_ settings: CalculationSettings) {
        price_year = settings.shownPriceYear
        unit_costs = settings.unitCosts.map { Unit($0, settings: settings) }
    }
}
