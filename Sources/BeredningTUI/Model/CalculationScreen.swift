import BeredningCore

/// The socio-economic calculation of one application: a chart of the cumulative net per
/// year (the investment hump) and the per-year table, for one scenario and the total or one actor.
public struct CalculationScreen: Equatable, Sendable {
    public let applicationID: ApplicationID
    public var scenario = Scenario.full
    /// nil for the total; otherwise an index into the calculation's actors.
    public var actor: Int?
    public var scroll = 0
}

extension AppState {
    mutating func openCalculation(_ dossier: Dossier) -> [Command] {
        guard dossier.application.calculation != nil else {
            show(catalog(.calcSummaryNone), .error)
            return []
        }
        stack.append(.calculation(CalculationScreen(applicationID: dossier.application.id)))
        return []
    }

    mutating func handleCalculation(_ key: Key, _ screen: CalculationScreen) -> [Command] {
        var screen = screen
        let actors = dossier(screen.applicationID)?.application.calculation?.actors ?? []
        switch key {
        case .tab, .char("s"), .right, .char("l"):
            screen.scenario = Scenario.allCases[(Scenario.allCases.firstIndex(of: screen.scenario)! + 1) % Scenario.allCases.count]
        case .backTab, .left, .char("h"):
            let index = Scenario.allCases.firstIndex(of: screen.scenario)!
            screen.scenario = Scenario.allCases[(index + Scenario.allCases.count - 1) % Scenario.allCases.count]
        case .char(let digit) where ("1"..."4").contains(digit):
            screen.scenario = Scenario.allCases[Int(String(digit))! - 1]
        case .char("a"):
            // Total → each actor in turn → total.
            let next = (screen.actor ?? -1) + 1
            screen.actor = next < actors.count ? next : nil
        case .char("A"):
            let previous = (screen.actor ?? actors.count) - 1
            screen.actor = previous >= 0 ? previous : nil
        case .down, .char("j"): screen.scroll += 1
        case .up, .char("k"): screen.scroll = max(0, screen.scroll - 1)
        case .pageDown, .char(" "): screen.scroll += max(1, height - 6)
        case .pageUp: screen.scroll = max(0, screen.scroll - max(1, height - 6))
        case .home, .char("g"): screen.scroll = 0
        case .escape, .char("q"):
            stack.removeLast()
            return []
        case .char("?"), .function(1): modal = .help(offset: 0)
        default: break
        }
        stack[stack.count - 1] = .calculation(screen)
        return []
    }
}
