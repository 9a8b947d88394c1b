import BeredningCore
import Foundation

/// The `[calculation]` section of `application.toml`, and the fund's settings and unit costs
/// in `bered.toml`.
enum CalculationRecord {
    /// Reads the section; problems with the numbers are reported but keep the rest of the
    /// application usable (the calculation is then left out until it is fixed).
    /// `start` is the intervention's first day: year 1 unless `first_year` says otherwise, and
    /// the day that picks the mandate period.
    static func read(_ f: Fields, start: Day?, settings: CalculationSettings) -> CalculationInput? {
        guard let c = f.lenient().table("calculation") else { return nil }
        let firstYear = c.int("first_year") ?? start?.year ?? c.tables("costs").compactMap { $0.int("year") }.min()
        guard let firstYear else {
            c.report(.calcNoFirstYear, at: "first_year")
            return nil
        }
        var complete = true
        func required(_ fields: Fields, _ key: String) -> Int? {
            if let value = fields.int(key) { return value }
            if !fields.keys.contains(key) { fields.report(.fileMissingField, at: key) }
            complete = false
            fields.markAllRead()
            return nil
        }
        let costs: [CostItem] = c.tables("costs").compactMap { cost in
            guard let year = required(cost, "year"), let amount = required(cost, "amount") else { return nil }
            return CostItem(actor: cost.required("actor") ?? "", year: year, amount: Money(amount))
        }
        let effects: [Effect] = c.tables("effects").compactMap { e in
            let value: Effect.Value
            switch (e.int("value_per_person"), e.string("unit_cost")) {
            case (let amount?, nil): value = .amount(Money(amount))
            case (nil, let id?) where !id.isBlank: value = .unitCost(id)
            default:
                e.report(.calcValueOrUnitCost, at: "value_per_person")
                complete = false
                e.markAllRead()
                return nil
            }
            guard let people = required(e, "people"), let fromYear = required(e, "from_year"), let years = required(e, "years") else { return nil }
            return Effect(actor: e.required("actor") ?? "", description: e.text("description"), people: people, value: value,
                          source: e.text("source"), fromYear: fromYear, years: years, priceYear: e.int("price_year"))
        }
        let input = CalculationInput(firstYear: firstYear, start: start, costs: costs, effects: effects)
        let problems = input.problems(settings: settings)
        for problem in problems {
            f.document.report(problem.message.adding(field: problem.field), at: problem.field, fatal: false)
        }
        return complete && problems.isEmpty ? input : nil
    }

    static func write(_ input: CalculationInput, into w: inout TOMLWriter) {
        w.table("calculation")
        w.field("first_year", input.firstYear)
        for cost in input.costs {
            w.arrayTable("calculation.costs")
            w.field("actor", cost.actor)
            w.field("year", cost.year)
            w.field("amount", cost.amount.wholeKronor)
        }
        for effect in input.effects {
            w.arrayTable("calculation.effects")
            w.field("actor", effect.actor)
            w.field("description", effect.description)
            w.field("people", effect.people)
            switch effect.value {
            case .amount(let money): w.field("value_per_person", money.wholeKronor)
            case .unitCost(let id): w.field("unit_cost", id)
            }
            w.field("source", effect.source)
            w.field("from_year", effect.fromYear)
            w.field("years", effect.years)
            w.field("price_year", effect.priceYear)
        }
    }

    static func readSettings(_ f: Fields) -> CalculationSettings {
        let c = f.section("calculation")
        let defaults = CalculationSettings()
        let unitCosts: [UnitCost] = f.tables("unit_costs").compactMap { u in
            guard let id = u.required("id"), let amount = u.int("amount") else {
                if !u.keys.contains("amount") { u.report(.fileMissingField, at: "amount") }
                return nil
            }
            if amount < 0 { u.report(.calcNegative, at: "amount") }
            return UnitCost(id: id, name: LocalizedText(sv: u.text("name_sv"), en: u.text("name_en")), amount: Money(amount), source: u.text("source"),
                            priceYear: u.int("price_year"))
        }
        let settings = CalculationSettings(
            discountRate: c.decimal("discount_rate") ?? defaults.discountRate,
            horizon: c.int("horizon") ?? defaults.horizon,
            badCaseShare: c.decimal("bad_case_share") ?? defaults.badCaseShare,
            mandateYears: c.int("mandate_years") ?? defaults.mandateYears,
            mandateStart: c.day("mandate_start"),
            unitCosts: unitCosts,
            priceIndex: readPriceIndex(c),
            priceYear: c.int("price_year"))
        for problem in settings.problems() {
            f.document.report(problem.message.adding(field: problem.field), at: problem.field)
        }
        return settings
    }

    /// `price_index = { 2015 = 313.35, 2016 = 316.43 }`, or the same as a `[calculation.price_index]`
    /// table of `2015 = 313.35` lines: years as keys, index figures as numbers.
    static func readPriceIndex(_ c: Fields) -> [Int: Decimal] {
        guard let table = c.table("price_index") else { return [:] }
        var index: [Int: Decimal] = [:]
        for key in table.keys.sorted() {
            guard let year = Int(key), key.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                _ = table.raw(key)
                table.report(.calcIndexYearKey, at: key)
                continue
            }
            if let value = table.decimal(key) { index[year] = value }
        }
        return index
    }

    static func writeSettings(_ settings: CalculationSettings, into w: inout TOMLWriter) {
        w.table("calculation")
        w.field("discount_rate", .decimal(settings.discountRate))
        w.field("horizon", settings.horizon)
        w.field("bad_case_share", .decimal(settings.badCaseShare))
        w.field("mandate_years", settings.mandateYears)
        w.field("mandate_start", settings.mandateStart)
        w.field("price_year", settings.priceYear)
        if !settings.priceIndex.isEmpty {
            w.table("calculation.price_index")
            for year in settings.priceIndex.keys.sorted() { w.field(String(year), .decimal(settings.priceIndex[year]!)) }
        }
        for unit in settings.unitCosts {
            w.arrayTable("unit_costs")
            w.field("id", unit.id)
            w.field("name_sv", unit.name.sv)
            w.field("name_en", unit.name.en)
            w.field("amount", unit.amount.wholeKronor)
            w.field("source", unit.source)
            w.field("price_year", unit.priceYear)
        }
    }
}

extension Message {
    /// The same message with the field it concerns, for messages that name one.
    func adding(field: String) -> Message {
        var arguments = self.arguments
        arguments["field"] = .text(field)
        return Message(rawKey: key, arguments)
    }
}
