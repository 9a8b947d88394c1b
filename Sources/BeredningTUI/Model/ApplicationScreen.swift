import BeredningCore

/// Reading one application: its checklist panel and every section, scrolled by line.
public struct ApplicationScreen: Equatable, Sendable {
    public let applicationID: ApplicationID
    public var scroll = 0
}

extension AppState {
    mutating func handleApplication(_ key: Key, _ screen: ApplicationScreen) -> [Command] {
        var screen = screen
        let page = max(1, height - 4)
        switch key {
        case .up, .char("k"): screen.scroll -= 1
        case .down, .char("j"), .enter: screen.scroll += 1
        case .pageUp, .ctrl("b"), .char("b"): screen.scroll -= page
        case .pageDown, .ctrl("f"), .char(" "): screen.scroll += page
        case .home, .char("g"): screen.scroll = 0
        case .end, .char("G"): screen.scroll = Int.max / 2
        case .escape, .char("q"), .left, .char("h"):
            stack.removeLast()
            return []
        case .char("p"):
            guard let dossier = dossier(screen.applicationID) else { return [] }
            return openScoring(dossier)
        case .char("c"):
            guard let dossier = dossier(screen.applicationID) else { return [] }
            return openComment(dossier)
        case .char("e"):
            guard let dossier = dossier(screen.applicationID) else { return [] }
            return openCalculation(dossier)
        case .char("m"):
            guard let dossier = dossier(screen.applicationID) else { return [] }
            return openMove(dossier)
        case .char("d"):
            guard let dossier = dossier(screen.applicationID) else { return [] }
            return openDecision(dossier)
        case .char("x"):
            return openExport(memoFor: screen.applicationID)
        case .char("J"):
            guard let dossier = dossier(screen.applicationID) else { return [] }
            return declareOrWithdrawConflict(dossier)
        case .char("H"):
            stack.append(.history(HistoryScreen(applicationID: screen.applicationID)))
            return [.loadHistory(screen.applicationID)]
        case .char("?"), .function(1): modal = .help(offset: 0)
        default: break
        }
        // The title line stays put above the lines that scroll.
        let lines = ApplicationView.lines(self, screen.applicationID, width: width).count - 1
        screen.scroll = max(0, min(screen.scroll, lines - page))
        stack[stack.count - 1] = .application(screen)
        return []
    }
}
