import BeredningCore

/// Reading one application: its checklist panel and every section, scrolled by line, with a
/// search through the text.
public struct ApplicationScreen: Equatable, Sendable {
    public let applicationID: ApplicationID
    public var scroll = 0
    /// What is typed after `/`, while it is typed.
    public var searchInput: String?
    /// The last search, which n and N repeat and the text highlights.
    public var search = ""
    /// The match n and N last went to, counted from the top; nil before the first.
    public var match: Int?
}

/// Where a search found its text: a line below the title, and the cells it takes there.
struct TextMatch: Equatable {
    let line: Int
    let column: Int
    let width: Int

    /// Every place `needle` occurs in `lines`, case aside, top to bottom and left to right.
    static func all(_ needle: String, in lines: some Sequence<StyledLine>) -> [TextMatch] {
        let wanted = needle.map { String($0).lowercased() }
        guard !wanted.isEmpty else { return [] }
        var found: [TextMatch] = []
        for (index, line) in lines.enumerated() {
            let characters = Array(line.map(\.text).joined())
            guard characters.count >= wanted.count else { continue }
            let lowered = characters.map { String($0).lowercased() }
            var cells = [0]
            for character in characters { cells.append(cells.last! + character.cellWidth) }
            var start = 0
            while start + wanted.count <= lowered.count {
                if lowered[start..<start + wanted.count].elementsEqual(wanted) {
                    found.append(TextMatch(line: index, column: cells[start], width: cells[start + wanted.count] - cells[start]))
                    start += wanted.count
                } else {
                    start += 1
                }
            }
        }
        return found
    }
}

extension AppState {
    /// The rows the application's text scrolls in: the content area less the title line.
    var applicationBodyHeight: Int { max(1, height - 3 - Frame.statusLines(self).count) }

    mutating func handleApplication(_ key: Key, _ screen: ApplicationScreen) -> [Command] {
        var screen = screen
        if screen.searchInput != nil {
            typeSearch(key, &screen)
            stack[stack.count - 1] = .application(screen)
            return []
        }
        let page = max(1, height - 4)
        switch key {
        case .up, .char("k"): screen.scroll -= 1
        case .down, .char("j"), .enter: screen.scroll += 1
        case .pageUp, .ctrl("b"), .char("b"): screen.scroll -= page
        case .pageDown, .ctrl("f"), .char(" "): screen.scroll += page
        case .ctrl("u"): screen.scroll -= max(1, page / 2)
        case .ctrl("d"): screen.scroll += max(1, page / 2)
        case .home, .char("g"): screen.scroll = 0
        case .end, .char("G"): screen.scroll = Int.max / 2
        case .escape, .char("q"), .left, .char("h"):
            stack.removeLast()
            return []
        case .char("/"): screen.searchInput = ""
        case .char("n"): findNext(&screen, forward: true)
        case .char("N"): findNext(&screen, forward: false)
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
        case .char("E"):
            guard let dossier = dossier(screen.applicationID) else { return [] }
            return openApplicationEdit(dossier)
        case .char("u"):
            return openFollowUps(screen.applicationID)
        case .char("H"):
            stack.append(.history(HistoryScreen(applicationID: screen.applicationID)))
            return [.loadHistory(screen.applicationID)]
        case .char("?"), .function(1): modal = .help(offset: 0)
        default: break
        }
        // The title line stays put above the lines that scroll.
        let lines = ApplicationView.lines(self, screen.applicationID, width: width).count - 1
        screen.scroll = max(0, min(screen.scroll, lines - applicationBodyHeight))
        stack[stack.count - 1] = .application(screen)
        return []
    }

    /// The search line: typed text, Enter searches, Esc puts it away and keeps the last search.
    private mutating func typeSearch(_ key: Key, _ screen: inout ApplicationScreen) {
        var input = screen.searchInput ?? ""
        switch key {
        case .enter:
            screen.searchInput = nil
            screen.search = input
            screen.match = nil
            findNext(&screen, forward: true)
            return
        case .escape:
            screen.searchInput = nil
            return
        case .backspace:
            guard !input.isEmpty else { screen.searchInput = nil; return }
            input.removeLast()
        case .ctrl("u"): input = ""
        case .char(let c) where !c.isControl: input.append(c)
        default: break
        }
        screen.searchInput = input
    }

    /// Goes to the next (or previous) match of the last search, round the end, and says which
    /// it is of how many: "2 av 5 träffar", or that there are none.
    mutating func findNext(_ screen: inout ApplicationScreen, forward: Bool) {
        guard !screen.search.isEmpty else {
            show(catalog(.tuiSearchFirst))
            return
        }
        let body = ApplicationView.lines(self, screen.applicationID, width: width).dropFirst()
        let matches = TextMatch.all(screen.search, in: body)
        guard !matches.isEmpty else {
            screen.match = nil
            show(catalog(.tuiSearchNone, ["text": .text(screen.search)]), .error)
            return
        }
        let index: Int, wrapped: Bool
        if let current = screen.match, current < matches.count {
            let next = current + (forward ? 1 : -1)
            wrapped = next < 0 || next >= matches.count
            index = (next + matches.count) % matches.count
        } else {
            // The first search starts from the top of what is in view.
            let after = forward ? matches.firstIndex { $0.line >= screen.scroll } : matches.lastIndex { $0.line < screen.scroll }
            wrapped = after == nil
            index = after ?? (forward ? 0 : matches.count - 1)
        }
        screen.match = index
        var text = catalog(.tuiSearchMatches, ["index": .text(String(index + 1)), "count": .text(String(matches.count))])
        if wrapped { text += " " + catalog(forward ? .tuiSearchWrappedTop : .tuiSearchWrappedBottom) }
        show(text)
        // The match is brought into view with a few lines above it, once the status is known.
        let rows = applicationBodyHeight
        let line = matches[index].line
        if line < screen.scroll || line >= screen.scroll + rows { screen.scroll = max(0, line - rows / 3) }
    }
}
