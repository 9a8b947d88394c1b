import BeredningCore
import BeredningStore
@testable import BeredningTUI
import Foundation
import Testing

@Suite("The calculation view")
struct CalculationViewTests {
    func open(_ id: String, as member: String = "karin", width: Int = 80, height: Int = 24) -> AppState {
        var s = state(as: member, width: width, height: height)
        let index = s.listRows.firstIndex { $0.id == id }!
        s.press([Key](repeating: .down, count: index) + [.enter, .char("e")])
        return s
    }

    @Test func theHumpBelowTheZeroLineThenAbove() {
        let s = open("2026-006")
        let screen = s.screen
        #expect(screen.contains("Scenario: [1 full effekt]"))
        // The headline names the mandate period it measures against, wrapped within 80 columns.
        #expect(screen.contains("Nuvärde vid 3 %: 2 637 215 kr · Går jämnt ut: år 7 (2032), efter mandatperioden\n2022–2026"))
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let zero = lines.firstIndex { $0.contains("0┼") }!
        #expect(lines[zero + 1].contains("▒"))  // the first years below zero, with their own glyph
        #expect(lines[zero - 1].contains("█"))  // the last ones above
        #expect(screen.contains("2026  2027"))
    }

    /// The README shows this screen as it is drawn.
    @Test func theREADMEsScreenIsTheRealOne() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let first = " Beredning — Ale kommuns sociala investeringsfond   Karin Sjöberg · styrgruppen\n2026-006"
        let start = try #require(readme.range(of: "```\n" + first))
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        let shown = readme[readme.index(start.lowerBound, offsetBy: 4)..<end.lowerBound]
        let screen = open("2026-006").screen.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
        #expect(screen == String(shown))
    }

    @Test func switchingScenarioAndActor() {
        var s = open("2026-006")
        s.press(.char("2"))
        #expect(s.screen.contains("[2 halv effekt]"))
        #expect(s.screen.contains("Går jämnt ut: år 10 (2035)"))
        s.press(.tab)
        #expect(s.screen.contains("[3 det går dåligt]"))
        #expect(s.screen.contains("Går jämnt ut: inte inom 10 år"))
        s.press(.char("a"))
        #expect(s.screen.contains("Aktör: Sektor omsorg och socialtjänst, Grästorps kommun"))
        s.press(.char("A"))
        #expect(s.screen.contains("Aktör: totalt, alla aktörer"))
        s.press(.char("A"))
        #expect(s.screen.contains("Aktör: Västra Götalandsregionen"))
        s.press(.escape)
        if case .application = s.current {} else { Issue.record("Esc should go back to the application") }
    }

    @Test func noCalculationIsSaidPlainly() {
        let s = open("2026-004")
        #expect(s.statusText == "Ingen socioekonomisk kalkyl.")
    }

    /// Every screen from the top to the end of the assumptions, one line further each time.
    func scrolledThrough(_ s: AppState, width: Int, height: Int) -> [String] {
        var s = s
        var screens: [String] = []
        for _ in 0..<400 {
            let buffer = Frame.render(s)
            for row in 0..<height { #expect(buffer.line(row).cellWidth <= width, "row \(row): \(buffer.line(row))") }
            let screen = buffer.text
            if screen == screens.last { break }
            screens.append(screen)
            s.press(.char("j"))
        }
        return screens
    }

    @Test(arguments: [(80, 24), (40, 12)])
    func readableWithinTheTerminal(width: Int, height: Int) {
        let screens = scrolledThrough(open("2026-001", width: width, height: height), width: width, height: height)
        #expect(screens.contains { $0.contains("2035") })  // the table's last year
        #expect(screens.count < 400)  // it comes to an end …
        #expect(screens.last?.contains("prisår står vid effekten") == true)  // … with the last note
    }

    @Test func theEffectLinesAndTheirAssumptionsBelowTheTable() {
        let screens = scrolledThrough(open("2026-001"), width: 80, height: 24)
        let seen = screens.joined(separator: "\n")
        for text in [
            "Effekter – kostnader som undviks, som ansökan räknar med dem (full effekt):",
            "1. Färre placeringar på HVB bland barnen i målgruppen (ansökans mål är från\n   5 till 2 per år; här räknar vi försiktigt med 1 färre per år)",
            "   Sektor arbete, trygghet och omsorg · personer: 1 · 1 095 000 kr per person",
            "   Schablon hvb_placement_year: Placering på HVB per år, 1 095 000 kr, prisår",
            "   2016. Schablonens källa: HVB ca 3 000 kr/dygn × 365 dygn (Helsingborg",
            "   Källa: SKL:s kostnad per brukare 2015; 61 utredningar av barn 10–12 år under",
            "   Eget belopp, prisår ej angivet.",
            "Mandatperiod 2022–2026 (2022-10-15 – 2026-10-14): den som insatsen börjar i",
        ] {
            #expect(seen.contains(text), "\(text)")
        }
        // A figure's thousands stay on one line: "30 600 kr", never "30" at the end of one.
        #expect(seen.contains("   30 600 kr, prisår 2015. Schablonens källa: SKL, kostnad per brukare 2015"))
        #expect(!seen.contains(" 30\n"))
    }

    @Test func linesCutByTheHorizonAreNamedOnTheScreen() {
        var config = demo.config
        config.calculation.horizon = 6  // 2026–2031
        let short = StoreSnapshot(root: demo.root, config: config, entries: demo.entries, problems: demo.problems)
        var s = AppState(snapshot: short, member: member("karin"), catalog: sv, otherCatalog: en, width: 80, height: 24)
        s.select("2026-001")
        s.press(.enter, .char("e"))
        let seen = scrolledThrough(s, width: 80, height: 24).joined(separator: "\n")
        #expect(seen.contains("Effekt 2 räknas bara 5 av sina 6 år: kalkylen slutar 2031, så 1 år skärs bort."))
        #expect(seen.contains("Effekt 3 räknas bara 4 av sina 6 år: kalkylen slutar 2031, så 2 år skärs bort."))
        #expect(seen.contains("Effekt 4 räknas bara 4 av sina 5 år"))
        #expect(!seen.contains("Effekt 1 räknas"))
    }

    /// The calculation's headline is the chosen actor's: its present value and its break-even,
    /// worked out here from the actor's balance rather than the view's curve.
    @Test func theCalculationHeadlineFollowsTheActor() throws {
        let settings = demo.config.calculation
        var found: (id: String, actor: Int, net: Money, total: Money, years: Int)?
        for entry in demo.entries {
            guard let input = entry.dossier?.application.calculation else { continue }
            let projection = SocioEconomicCalculation.project(input, settings: settings)
            // An actor that pays more than it gains back over the whole horizon never breaks even in it.
            if let actor = input.actors.firstIndex(where: { name in projection.balances.first { $0.actor == name }.map { $0.net < .zero } ?? false }) {
                found = (entry.folder, actor, projection.balances.first { $0.actor == input.actors[actor] }!.net, projection.netPresentValue, projection.years.count)
                break
            }
        }
        let case_ = try #require(found, "the demo store has an actor that never breaks even")
        var s = state(as: "karin", width: 120, height: 40)
        s.select(case_.id)
        s.press([.enter, .char("e")] + [Key](repeating: .char("a"), count: case_.actor + 1))
        let screen = s.screen
        let rate = sv.percent(settings.discountRate)
        let expected = sv(.calcNPVAtRate, ["rate": .text(rate), "npv": .text(sv.kronor(case_.net))]) + " · " + sv(.calcBreakEven) + ": "
            + sv(.calcNeverBreaksEven, ["years": .text(String(case_.years))])
        #expect(screen.contains(expected), "\(screen)")
        #expect(!screen.contains(sv.kronor(case_.total) + " kr"))
        // Back to the total, and the total's figures.
        s.press([Key](repeating: .char("A"), count: case_.actor + 1))
        if case .calculation(let calc) = s.current { #expect(calc.actor == nil) }
        #expect(s.screen.contains(sv.kronor(case_.total) + " kr"))
    }
}
