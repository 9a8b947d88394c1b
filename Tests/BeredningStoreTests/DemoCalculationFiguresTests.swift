import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// The calculation's figures for three demo applications, worked out here by hand from the
/// lines of their application.toml (copied below) and the demo's bered.toml, and compared to
/// the öre with what the code makes of the files.
@Suite("The demo's calculations, computed independently")
struct DemoCalculationFiguresTests {
    /// One effect line: persons, kronor per person and year, first year, number of years.
    typealias Line = (people: Int, value: Decimal, from: Int, years: Int)

    static let years = Array(2026...2035)
    static let rate = Decimal(string: "1.03")!

    /// Each year's gain less cost, with at most `helping` persons in each line (every line of
    /// these three applications is a cost type of its own, so that is the whole rule).
    static func nets(costs: [Int: Decimal], lines: [Line], helping: Int? = nil) -> [Decimal] {
        years.map { year in
            var gain = Decimal(0)
            for line in lines where year >= line.from && year < line.from + line.years {
                gain += Decimal(min(line.people, helping ?? line.people)) * line.value
            }
            return gain - (costs[year] ?? 0)
        }
    }

    /// Σ net / 1.03^(index − 1), to the öre.
    static func presentValue(_ nets: [Decimal]) -> Decimal {
        var total = Decimal(0), discount = Decimal(1)
        for net in nets {
            total += net / discount
            discount *= rate
        }
        return öre(total)
    }

    static func öre(_ value: Decimal) -> Decimal {
        var rounded = Decimal(), value = value
        NSDecimalRound(&rounded, &value, 2, .plain)
        return rounded
    }

    /// SCB's KPI (1980 = 100), yearly averages, as the demo's bered.toml gives them.
    static let kpi: [Int: Decimal] = [2015: Decimal(string: "313.35")!, 2016: Decimal(string: "316.43")!, 2023: Decimal(string: "403.70")!]

    /// An amount in 2023 prices, whole kronor.
    static func in2023(_ amount: Decimal, from year: Int) -> Decimal {
        var value = amount * kpi[2023]! / kpi[year]!, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return rounded
    }

    /// The smallest number of persons whose nets are worth zero or more; nil when even
    /// everyone (the full effect) is not.
    static func peopleNeeded(costs: [Int: Decimal], lines: [Line]) -> Int? {
        let everyone = lines.map(\.people).max() ?? 0
        return (0...everyone).first { presentValue(nets(costs: costs, lines: lines, helping: $0)) >= 0 }
    }

    // MARK: The applications' lines, from their application.toml

    /// 2026-001 Fotosyntes: the three actors' costs per year, summed.
    static let fotosyntesCosts: [Int: Decimal] = [2026: 560_000 + 120_000 + 125_000, 2027: 1_300_000 + 280_000 + 300_000, 2028: 690_000 + 160_000 + 175_000]
    static func fotosyntes(hvb: Decimal = 1_095_000, bbic: Decimal = 30_600) -> [Line] {
        [(1, hvb, 2027, 5), (8, bbic, 2027, 6), (2, 220_000, 2028, 6), (4, 45_000, 2028, 5)]
    }

    /// 2026-003 MiniMili.
    static let miniMiliCosts: [Int: Decimal] = [2026: 480_000 + 70_000 + 110_000, 2027: 1_400_000 + 210_000 + 340_000, 2028: 950_000 + 140_000 + 230_000]
    static func miniMili(hvb: Decimal = 1_095_000) -> [Line] {
        [(1, hvb, 2029, 1), (2, 75_045, 2031, 5), (3, 40_000, 2028, 6), (1, 120_000, 2032, 4)]
    }

    /// 2026-006 Utökade hembesök.
    static let hembesokCosts: [Int: Decimal] = [2026: 440_000 + 80_000 + 200_000, 2027: 595_000 + 105_000 + 260_000, 2028: 555_000 + 105_000 + 260_000]
    static func hembesok(bbic: Decimal = 30_600, preschool: Decimal = 96_000) -> [Line] {
        [(8, bbic, 2028, 8), (1, 450_000, 2030, 6), (2, preschool, 2030, 6), (1, 75_045, 2031, 5)]
    }

    // MARK: What the code makes of the files

    struct Figures {
        let full: Decimal
        let onePerson: Decimal
        let peopleNeeded: PeopleNeeded
        let mandate: String?
        let withinMandate: Bool
        let breakEven: Int?
        let used: [Money]
    }

    static func figures(_ id: String, in snapshot: StoreSnapshot) throws -> Figures {
        let input = try #require(snapshot.entry(ApplicationID(id)!)?.dossier?.application.calculation)
        let settings = snapshot.config.calculation
        let full = SocioEconomicCalculation.project(input, settings: settings)
        let one = SocioEconomicCalculation.project(input, settings: settings, scenario: .onePerson)
        return Figures(full: full.netPresentValue.rounded(scale: 2).kronor, onePerson: one.netPresentValue.rounded(scale: 2).kronor,
                       peopleNeeded: SocioEconomicCalculation.peopleNeeded(input, settings: settings), mandate: full.mandate?.name,
                       withinMandate: full.breaksEvenWithinMandate, breakEven: full.breakEven?.year,
                       used: input.effects.map { settings.price(of: $0)?.used ?? .zero })
    }

    static func withKPI() throws -> (TestStore, StoreSnapshot) {
        let store = try TestStore()
        try store.write("bered.toml", try CalculationFileTests.demoConfigWithIndex())
        return (store, try store.load())
    }

    // MARK: The tests

    @Test func fotosyntes() throws {
        let code = try Self.figures("2026-001", in: demoSnapshot())
        let lines = Self.fotosyntes()
        #expect(code.full == Self.presentValue(Self.nets(costs: Self.fotosyntesCosts, lines: lines)))
        #expect(code.full == Decimal(string: "5858981.52"))
        // One person: one placement, one investigation, one teaching-group place and one BUP case a year, for each line's years.
        #expect(code.onePerson == Self.presentValue(Self.nets(costs: Self.fotosyntesCosts, lines: lines, helping: 1)))
        #expect(code.onePerson == Decimal(string: "2941296.21"))
        #expect(Self.presentValue(Self.nets(costs: Self.fotosyntesCosts, lines: lines, helping: 0)) == Decimal(string: "-3596403.53"))
        #expect(code.peopleNeeded == .persons(try #require(Self.peopleNeeded(costs: Self.fotosyntesCosts, lines: lines))))
        #expect(code.peopleNeeded == .persons(1))
        #expect(code.breakEven == 2029)
        #expect(code.mandate == "2022–2026" && !code.withinMandate)  // it starts on 2026-08-01, before the election
    }

    @Test func miniMili() throws {
        let code = try Self.figures("2026-003", in: demoSnapshot())
        let lines = Self.miniMili()
        #expect(code.full == Self.presentValue(Self.nets(costs: Self.miniMiliCosts, lines: lines)))
        #expect(code.full == Decimal(string: "-1168735.27"))
        #expect(code.onePerson == Self.presentValue(Self.nets(costs: Self.miniMiliCosts, lines: lines, helping: 1)))
        #expect(code.onePerson == Decimal(string: "-1894846.90"))
        // The full effect does not pay, so no number of persons does (it used to say 2).
        #expect(Self.peopleNeeded(costs: Self.miniMiliCosts, lines: lines) == nil)
        #expect(code.peopleNeeded == .fullEffectDoesNotPayBack)
        #expect(code.breakEven == nil)
        #expect(code.mandate == "2022–2026" && !code.withinMandate)
    }

    @Test func utokadeHembesok() throws {
        let code = try Self.figures("2026-006", in: demoSnapshot())
        let lines = Self.hembesok()
        #expect(code.full == Self.presentValue(Self.nets(costs: Self.hembesokCosts, lines: lines)))
        #expect(code.full == Decimal(string: "2637214.82"))
        #expect(code.onePerson == Self.presentValue(Self.nets(costs: Self.hembesokCosts, lines: lines, helping: 1)))
        #expect(code.onePerson == Decimal(string: "701471.69"))
        #expect(code.peopleNeeded == .persons(try #require(Self.peopleNeeded(costs: Self.hembesokCosts, lines: lines))))
        #expect(code.breakEven == 2032)
        #expect(code.mandate == "2022–2026" && !code.withinMandate)
    }

    @Test func withoutAnIndexEveryAmountIsCountedAsGiven() throws {
        let used = try Self.figures("2026-006", in: demoSnapshot()).used
        #expect(used == [Money(30_600), Money(450_000), Money(96_000), Money(75_045)])
    }

    /// The demo's KPI lines switched on: unit costs of 2015 and 2016 in 2023 prices; 2024's
    /// income support (a year the index lacks) and the applications' own amounts (no price
    /// year) as given.
    @Test func inTwentyTwentyThreePricesWithTheKPI() throws {
        let (store, snapshot) = try Self.withKPI()
        _ = store
        let hvb = Self.in2023(1_095_000, from: 2016), bbic = Self.in2023(30_600, from: 2015), preschool = Self.in2023(96_000, from: 2015)
        #expect((hvb, bbic, preschool) == (1_396_996, 39_423, 123_680))

        let fotosyntes = try Self.figures("2026-001", in: snapshot)
        #expect(fotosyntes.used == [Money(kronor: hvb), Money(kronor: bbic), Money(220_000), Money(45_000)])
        #expect(fotosyntes.full == Self.presentValue(Self.nets(costs: Self.fotosyntesCosts, lines: Self.fotosyntes(hvb: hvb, bbic: bbic))))
        #expect(fotosyntes.full == Decimal(string: "7624401.82"))
        #expect(fotosyntes.breakEven == 2028)  // −967 737.86 after 2027, +264 593.18 after 2028

        let miniMili = try Self.figures("2026-003", in: snapshot)
        #expect(miniMili.used == [Money(kronor: hvb), Money(75_045), Money(40_000), Money(120_000)])
        #expect(miniMili.full == Self.presentValue(Self.nets(costs: Self.miniMiliCosts, lines: Self.miniMili(hvb: hvb))))
        #expect(miniMili.full == Decimal(string: "-892366.15"))
        #expect(miniMili.peopleNeeded == .fullEffectDoesNotPayBack)

        let hembesok = try Self.figures("2026-006", in: snapshot)
        let lines = Self.hembesok(bbic: bbic, preschool: preschool)
        #expect(hembesok.full == Self.presentValue(Self.nets(costs: Self.hembesokCosts, lines: lines)))
        #expect(hembesok.full == Decimal(string: "3392708.44"))
        #expect(hembesok.onePerson == Self.presentValue(Self.nets(costs: Self.hembesokCosts, lines: lines, helping: 1)))
        #expect(hembesok.onePerson == Decimal(string: "898826.04"))
        #expect(hembesok.peopleNeeded == .persons(1))
    }
}
