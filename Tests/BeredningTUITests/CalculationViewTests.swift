import BeredningCore
@testable import BeredningTUI
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

    @Test(arguments: [(80, 24), (40, 12)])
    func readableWithinTheTerminal(width: Int, height: Int) {
        var s = open("2026-001", width: width, height: height)
        for _ in 0..<30 {
            let buffer = Frame.render(s)
            for row in 0..<height { #expect(buffer.line(row).cellWidth <= width) }
            s.press(.char("j"))
        }
        #expect(s.screen.contains("2035"))  // scrolled to the end of the table
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
