import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

@Suite("The calculation in the store files")
struct CalculationFileTests {
    static let base = """
    schema = 1
    id = "2026-001"
    title = "Fotosyntes"
    state = "in_preparation"

    [calculation]
    first_year = 2026

    [[calculation.costs]]
    actor = "Skolan"
    year = 2026
    amount = 100000

    [[calculation.effects]]
    actor = "Socialtjänsten"
    people = 4
    value_per_person = 7500
    source = "Uppskattning"
    from_year = 2026
    years = 10
    """

    func read(_ text: String, settings: CalculationSettings = .init()) -> (Application?, [FileProblem]) {
        decode(text) { ApplicationRecord.read($0, folderID: ApplicationID("2026-001"), settings: settings) }
    }

    @Test func aCalculationIsReadAndRoundTrips() throws {
        let (application, problems) = read(Self.base)
        #expect(problems == [])
        let calculation = try #require(application?.calculation)
        #expect(calculation.costs == [CostItem(actor: "Skolan", year: 2026, amount: Money(100_000))])
        #expect(calculation.effects.first?.value == .amount(Money(7_500)))
        let (again, _) = read(ApplicationRecord.write(try #require(application)))
        #expect(again == application)
    }

    @Test func aUnitCostReferenceRoundTrips() throws {
        let settings = CalculationSettings(unitCosts: [
            UnitCost(id: "income_support_household_year", name: LocalizedText(sv: "Försörjningsstöd", en: ""), amount: Money(75_045), source: "2024"),
        ])
        let text = Self.base.replacingOccurrences(of: "value_per_person = 7500", with: "unit_cost = \"income_support_household_year\"")
        let (application, problems) = read(text, settings: settings)
        #expect(problems == [])
        #expect(application?.calculation?.effects.first?.value == .unitCost("income_support_household_year"))
        let (again, _) = read(ApplicationRecord.write(try #require(application)), settings: settings)
        #expect(again == application)
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        let name: String
        let old: String
        let new: String
        let line: Int
        let field: String
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "a negative amount", old: "amount = 100000", new: "amount = -100000", line: 12, field: "calculation.costs[0].amount"),
        Bad(name: "a missing year", old: "\nyear = 2026\n", new: "\n", line: 9, field: "calculation.costs[0].year"),
        Bad(name: "text where a number belongs", old: "people = 4", new: "people = \"fyra\"", line: 16, field: "calculation.effects[0].people"),
        Bad(name: "an effect before the first year", old: "from_year = 2026", new: "from_year = 2025", line: 19, field: "calculation.effects[0].from_year"),
        Bad(name: "no value and no unit cost", old: "value_per_person = 7500\n", new: "", line: 14, field: "calculation.effects[0].value_per_person"),
        Bad(name: "an unknown unit cost", old: "value_per_person = 7500", new: "unit_cost = \"hittepa\"", line: 17, field: "calculation.effects[0].unit_cost"),
        Bad(name: "zero years", old: "years = 10", new: "years = 0", line: 20, field: "calculation.effects[0].years"),
        Bad(name: "a cost over a trillion kronor", old: "amount = 100000", new: "amount = 1000000000001", line: 12, field: "calculation.costs[0].amount"),
        Bad(name: "ten trillion kronor a person", old: "value_per_person = 7500", new: "value_per_person = 10000000000000", line: 17,
            field: "calculation.effects[0].value_per_person"),
        Bad(name: "kronor with decimals", old: "amount = 100000", new: "amount = 100000.50", line: 12, field: "calculation.costs[0].amount"),
    ]

    @Test(arguments: bad)
    func badInputNamesFieldAndLineAndKeepsTheApplication(_ bad: Bad) {
        let (application, problems) = read(Self.base.replacingOccurrences(of: bad.old, with: bad.new))
        #expect(problems.count == 1, "\(problems.map { $0.formatted(catalog) })")
        #expect(problems.first?.line == bad.line, "\(problems.map { $0.formatted(catalog) })")
        #expect(problems.first.map { catalog($0.message) }?.contains(bad.field) == true, "\(problems.map { $0.formatted(catalog) })")
        #expect(application != nil)             // the application is still there to review …
        #expect(application?.calculation == nil)  // … without a calculation that does not add up
    }

    @Test func anEffectAfterTheHorizonKeepsTheCalculation() throws {
        // from_year 2041 lies after the ten years 2026–2035: shown as outside, not refused.
        let (application, problems) = read(Self.base.replacingOccurrences(of: "from_year = 2026", with: "from_year = 2041"))
        #expect(problems == [])
        let calculation = try #require(application?.calculation)
        #expect(calculation.span(of: calculation.effects[0], settings: CalculationSettings()).outsideHorizon)
    }

    @Test func theInterventionsStartPicksTheMandatePeriod() throws {
        let text = Self.base.replacingOccurrences(of: "state = \"in_preparation\"\n", with: "state = \"in_preparation\"\n\n[intervention]\nstart = 2026-10-20\n")
        let (application, problems) = read(text)
        #expect(problems == [])
        let calculation = try #require(application?.calculation)
        #expect(calculation.start == Day("2026-10-20"))
        #expect(calculation.mandatePeriod(CalculationSettings())?.name == "2026–2030")
    }

    @Test func aUnitCostLineTakesItsPriceYearFromTheFund() throws {
        let settings = CalculationSettings(unitCosts: [
            UnitCost(id: "bbic_investigation", name: LocalizedText(sv: "BBIC", en: ""), amount: Money(30_600), source: "SKL", priceYear: 2015),
        ])
        let text = Self.base.replacingOccurrences(of: "value_per_person = 7500", with: "unit_cost = \"bbic_investigation\"\nprice_year = 2015")
        let (application, problems) = read(text, settings: settings)
        #expect(problems.map(\.line) == [18])
        #expect(problems.map { catalog($0.message) }.first?.hasPrefix("fältet calculation.effects[0].price_year: en schablon har sitt prisår i bered.toml") == true)
        #expect(application != nil && application?.calculation == nil)
    }

    @Test func anAmountsPriceYearRoundTrips() throws {
        let (application, problems) = read(Self.base.replacingOccurrences(of: "value_per_person = 7500", with: "value_per_person = 7500\nprice_year = 2024"))
        #expect(problems == [])
        #expect(application?.calculation?.effects.first?.priceYear == 2024)
        let written = ApplicationRecord.write(try #require(application))
        #expect(written.contains("price_year = 2024"))
        #expect(read(written).0 == application)
    }

    @Test func aTrillionKronorIsStillAnAmount() throws {
        let (application, problems) = read(Self.base.replacingOccurrences(of: "amount = 100000", with: "amount = 1000000000000"))
        #expect(problems == [])
        #expect(application?.calculation?.costs.first?.amount == .largest)
    }

    @Test func aHorizonOverFiftyYearsInTheFundsSettings() throws {
        let store = try TestStore()
        let config = try store.read("bered.toml")
        let line = try #require(config.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("horizon = ") }) + 1
        try store.write("bered.toml", config.replacingOccurrences(of: "horizon = 10", with: "horizon = 60"))
        #expect {
            _ = try store.load()
        } throws: { error in
            guard case StoreError.unusable(let problems) = error, let problem = problems.first else { return false }
            return problem.line == line && catalog(problem.message).contains("1–50 år")
        }
    }

    @Test func theFundsSettingsRoundTrip() throws {
        var config = try demoSnapshot().config
        config.calculation = CalculationSettings(discountRate: Decimal(string: "0.035")!, horizon: 20, badCaseShare: Decimal(string: "0.25")!, mandateYears: 3,
                                                 mandateStart: Day("2025-01-01"),
                                                 unitCosts: [UnitCost(id: "x", name: LocalizedText(sv: "X", en: "X"), amount: Money(15_750_000), source: "Seed 001",
                                                                      priceYear: 2013)],
                                                 priceIndex: [2013: Decimal(string: "314.06")!, 2023: Decimal(string: "403.7")!], priceYear: 2023)
        let (read, problems) = decode(ConfigRecord.write(config), file: "bered.toml") {
            ConfigRecord.read($0, coreCriteria: try! BundledResources.coreCriteria())
        }
        #expect(problems == [])
        #expect(read?.calculation == config.calculation)
    }

    /// The demo's bered.toml with the KPI example's lines (commented out there) switched on.
    static func demoConfigWithIndex() throws -> String {
        let text = try String(contentsOf: BundledResources.demoStore.appendingPathComponent("bered.toml"), encoding: .utf8)
        let on = text.replacingOccurrences(of: "# price_year = 2023\n", with: "price_year = 2023\n")
            .replacingOccurrences(of: "# price_index = {", with: "price_index = {")
        #expect(on != text)
        return on
    }

    func settings(_ text: String) -> (CalculationSettings?, [FileProblem]) {
        decode(text, file: "bered.toml") { ConfigRecord.read($0, coreCriteria: try! BundledResources.coreCriteria())?.calculation }
    }

    @Test func aPriceIndexInlineOrAsATableReadsTheSame() throws {
        let inline = try Self.demoConfigWithIndex()
        let (fromInline, problems) = settings(inline)
        #expect(problems == [])
        #expect(fromInline?.priceYear == 2023)
        #expect(fromInline?.priceIndex.count == 11)
        #expect(fromInline?.priceIndex[2015] == Decimal(string: "313.35"))
        #expect(fromInline?.priceIndex[2023] == Decimal(string: "403.7"))
        #expect(fromInline?.unitCost("bbic_investigation")?.priceYear == 2015)
        // The same figures as a table of their own, a line a year.
        let line = try #require(inline.split(separator: "\n").first { $0.hasPrefix("price_index = {") })
        let pairs = line.dropFirst("price_index = {".count).dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let table = inline.replacingOccurrences(of: String(line) + "\n", with: "")
            + "\n[calculation.price_index]\n" + pairs.joined(separator: "\n") + "\n"
        let (fromTable, tableProblems) = settings(table)
        #expect(tableProblems == [])
        #expect(fromTable?.priceIndex == fromInline?.priceIndex)
    }

    /// Python's own TOML reader (tomllib) reads the index as the coordinator types it, in both shapes.
    @Test func pythonsTomllibReadsThePriceIndex() throws {
        let inline = try Self.demoConfigWithIndex()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bered-index-\(UUID().uuidString).toml")
        try Data(inline.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, tomllib; c = tomllib.load(open(sys.argv[1], 'rb'))['calculation']; print(c['price_year'], c['price_index']['2015'], len(c['price_index']))", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(printed == "2023 313.35 11\n")
    }

    @Test func aPriceIndexKeyThatIsNoYearIsNamed() throws {
        let text = try Self.demoConfigWithIndex().replacingOccurrences(of: "2013 = 314.06", with: "ettusen = 314.06")
        let (_, problems) = settings(text)
        #expect(problems.map { catalog($0.message) } == ["fältet calculation.price_index.ettusen: prisindexets nycklar är årtal, t.ex. 2015 = 313.35"])
    }

    @Test func aPriceYearTheIndexLacksIsRefusedWithTheYearsItHas() throws {
        let text = try Self.demoConfigWithIndex().replacingOccurrences(of: "price_year = 2023\n", with: "price_year = 2024\n")
        let (_, problems) = settings(text)
        #expect(problems.map { catalog($0.message) }
            == ["fältet calculation.price_year: prisindexet har inget tal för 2024 (det har 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023)"])
    }

    @Test func theFundsOwnMandatePeriods() throws {
        let demo = try String(contentsOf: BundledResources.demoStore.appendingPathComponent("bered.toml"), encoding: .utf8)
        let own = demo.replacingOccurrences(of: "\nmandate_years = 4\n", with: "\nmandate_years = 4\nmandate_start = 2027-01-01\n")
        #expect(own != demo)
        let (settings, problems) = settings(own)
        #expect(problems == [])
        #expect(settings?.mandateRhythm == MandateRhythm(anchor: Day("2027-01-01")!, years: 4))
        let three = demo.replacingOccurrences(of: "\nmandate_years = 4\n", with: "\nmandate_years = 3\n")
        #expect(self.settings(three).1.map { catalog($0.message) }.first?.hasPrefix("fältet calculation.mandate_years: Sveriges mandatperioder är fyra år") == true)
    }
}
