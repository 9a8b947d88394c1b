import BeredningCore
import Foundation

enum MoveView {
    static func draw(_ state: AppState, _ screen: MoveScreen, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        guard let application = state.dossier(screen.applicationID)?.application else { return }
        var y = top
        buffer.draw([(c(.uiMoveTitle) + " ", .title), (application.id.description + " " + application.title, .title),
                     ("  [" + c.label(application.state) + "]", .muted)], x: 0, y: y, width: state.width)
        y += 2
        for (index, transition) in screen.options.enumerated() {
            let chosen = index == screen.selection
            let text = (chosen ? "▸ " : "  ") + c.label(transition) + "  → " + c.label(transition.to)
            if chosen && screen.pending == nil { buffer.fill(y: y, style: .selected) }
            buffer.put(text.truncated(toCells: state.width - 1), x: 0, y: y, style: chosen ? (screen.pending == nil ? .selected : .accent) : .plain)
            y += 1
        }
        guard screen.pending != nil else { return }
        y += 1
        if !screen.gaps.isEmpty {
            buffer.put(c(.workflowGapsIntro).truncated(toCells: state.width - 1), x: 0, y: y, style: .warning)
            y += 1
            for gap in screen.gaps {
                for line in Wrap.lines("• " + c(gap), width: state.width - 3) where y < top + height - 5 {
                    buffer.put(line, x: 2, y: y, style: .warning)
                    y += 1
                }
            }
        }
        let prompt = screen.gaps.isEmpty ? c(.uiMoveReason) : c(.uiOverrideReason)
        buffer.put(("▸ " + prompt).truncated(toCells: state.width - 1), x: 0, y: y, style: .accent)
        y += 1
        let inner = state.formTextWidth
        buffer.put("  ┌" + String(repeating: "─", count: inner) + "┐", x: 0, y: y, style: .accent)
        let visual = screen.editor.visualLines(width: inner)
        for row in 0..<AppState.formTextHeight {
            let index = screen.editor.scroll + row
            buffer.put("  │", x: 0, y: y + 1 + row, style: .accent)
            buffer.put(index < visual.count ? visual[index].text : "", x: 3, y: y + 1 + row)
            buffer.put("│", x: 3 + inner, y: y + 1 + row, style: .accent)
        }
        buffer.put("  └" + String(repeating: "─", count: inner) + "┘", x: 0, y: y + 1 + AppState.formTextHeight, style: .accent)
        let position = screen.editor.cursorPosition(width: inner)
        buffer.cursor = (3 + position.column, y + 1 + position.row - screen.editor.scroll)
    }
}

enum HistoryView {
    static func draw(_ state: AppState, _ screen: HistoryScreen, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        let title = state.dossier(screen.applicationID)?.application.title ?? ""
        buffer.draw([(c(.uiHistoryTitle) + " ", .title), (screen.applicationID.description + " " + title, .title)], x: 0, y: top, width: state.width)
        guard let events = screen.events else {
            buffer.put(c(.uiHistoryLoading), x: 2, y: top + 2, style: .muted)
            return
        }
        guard !events.isEmpty else {
            buffer.put(c(.uiHistoryEmpty), x: 2, y: top + 2, style: .muted)
            return
        }
        var lines: [StyledLine] = []
        for event in events {
            let name = state.snapshot.config.member(event.member)?.name ?? event.member.rawValue
            let when = WallTime(event.time, offsetMinutes: state.utcOffsetMinutes).minutes
            lines.append([(when + "  ", .muted), (name, .title), (" · " + c.label(event.role) + " · ", .muted), (c.label(event.kind), .accent)])
            if !event.details.isBlank {
                for line in Wrap.lines(event.details, width: max(1, state.width - 5)) { lines.append([("    " + line, .plain)]) }
            }
        }
        let area = height - 2
        let first = max(0, min(screen.scroll, lines.count - area))
        for (offset, line) in lines.dropFirst(first).prefix(area).enumerated() {
            buffer.draw(line, x: 0, y: top + 2 + offset, width: state.width)
        }
    }
}

enum DecisionView {
    static func draw(_ state: AppState, _ form: DecisionForm, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        let title = state.dossier(form.applicationID)?.application.title ?? ""
        buffer.draw([(c(.uiDecisionTitle) + " ", .title), (form.applicationID.description + " " + title, .title)], x: 0, y: top, width: state.width)
        var y = top + 2
        let focused = form.focus == .outcome
        var line: StyledLine = [((focused ? "▸ " : "  ") + c(.exportOutcome) + ": ", focused ? .accent : .title)]
        for outcome in Decision.Outcome.allCases {
            let chosen = outcome == form.outcome
            line.append((chosen ? "[" + c.label(outcome) + "]" : " " + c.label(outcome) + " ", chosen ? (focused ? .selected : .title) : .plain))
        }
        buffer.draw(line, x: 0, y: y, width: state.width)
        y += 2
        let labels: [(DecisionForm.Field, MessageKey)] = [(.date, .exportDate), (.caseNumber, .exportCaseNumber), (.body, .exportBody),
                                                           (.grants, .exportGrants), (.conditions, .exportConditions), (.rationale, .exportRationale)]
        let inner = max(10, state.width - 4)
        for (field, label) in labels where y < top + height {
            let isFocused = form.focus == field
            buffer.put((isFocused ? "▸ " : "  ") + c(label) + ":", x: 0, y: y, style: isFocused ? .accent : .title)
            let editor = form.editors[field] ?? TextEditor()
            let visual = editor.visualLines(width: inner)
            let rows = (field == .conditions || field == .rationale) ? 2 : 1
            for row in 0..<rows where y + 1 + row < top + height {
                let index = editor.scroll + row
                buffer.put("  " + (index < visual.count ? visual[index].text : ""), x: 0, y: y + 1 + row)
            }
            if isFocused {
                let position = editor.cursorPosition(width: inner)
                buffer.cursor = (2 + position.column, y + 1 + min(rows - 1, position.row - editor.scroll))
            }
            y += 2 + rows
        }
    }
}
