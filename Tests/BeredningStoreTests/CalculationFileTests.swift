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
        Bad(name: "a year outside the horizon", old: "from_year = 2026", new: "from_year = 2041", line: 19, field: "calculation.effects[0].from_year"),
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
        config.calculation = CalculationSettings(discountRate: Decimal(string: "0.035")!, horizon: 20, badCaseShare: Decimal(string: "0.25")!, mandateYears: 4,
                                                 unitCosts: [UnitCost(id: "x", name: LocalizedText(sv: "X", en: "X"), amount: Money(15_750_000), source: "Seed 001")])
        let (read, problems) = decode(ConfigRecord.write(config), file: "bered.toml") {
            ConfigRecord.read($0, coreCriteria: try! BundledResources.coreCriteria())
        }
        #expect(problems == [])
        #expect(read?.calculation == config.calculation)
    }
}
