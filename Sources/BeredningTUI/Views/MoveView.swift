import BeredningCore
import Foundation

enum MoveView {
    enum Field: Hashable { case options, reason }

    static func draw(_ state: AppState, _ screen: MoveScreen, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        guard let application = state.dossier(screen.applicationID)?.application else { return }
        buffer.draw([(c(.uiMoveTitle) + " ", .title), (application.id.description + " " + application.title, .title),
                     ("  [" + c.label(application.state) + "]", .muted)], x: 0, y: top, width: state.width)
        if let letter = screen.letter {
            drawLetter(letter, scroll: screen.letterScroll, state, into: &buffer, top: top + 1, height: height - 1)
            return
        }
        var column = FormColumn<Field>()
        column.lines.append([])
        column.field(.options) { column in
            for (index, transition) in screen.options.enumerated() {
                let chosen = index == screen.selection
                if chosen && screen.pending == nil { column.cursor = (0, column.lines.count) }
                let text = (chosen ? "▸ " : "  ") + c.label(transition) + "  → " + c.label(transition.to)
                let style: Style = chosen ? (screen.pending == nil ? .selected : .accent) : .plain
                // The selection bar runs the whole width, as in the list.
                let shown = chosen && screen.pending == nil ? text.truncated(toCells: state.width - 1).padded(toCells: state.width) : text
                column.lines.append([(shown, style)])
            }
        }
        if screen.pending != nil {
            column.lines.append([])
            if !screen.gaps.isEmpty {
                column.lines.append([(c(.workflowGapsIntro), .warning)])
                for gap in screen.gaps {
                    for line in Wrap.lines("• " + c(gap), width: max(1, state.width - 3)) { column.lines.append([("  " + line, .warning)]) }
                }
            }
            column.field(.reason) { column in
                column.lines.append([("▸ " + (screen.gaps.isEmpty ? c(.uiMoveReason) : c(.uiOverrideReason)), .accent)])
                column.textBox(screen.editor, inner: state.formTextWidth, rows: AppState.formTextHeight, focused: true, catalog: c)
            }
        }
        column.draw(focus: screen.pending == nil ? .options : .reason, into: &buffer, top: top + 1, height: height - 1, width: state.width)
    }
}

extension MoveView {
    /// The letter as it will be sent, read top to bottom; the reader's place is its first line in view.
    static func drawLetter(_ letter: Document, scroll: Int, _ state: AppState, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        buffer.put(c(.letterPreviewIntro).truncated(toCells: state.width), x: 0, y: top + 1, style: .accent)
        let width = max(1, state.width - 2)
        var lines: [StyledLine] = []
        for (index, line) in letter.plainLines.enumerated() {
            let style: Style = index == 0 ? .title : .plain
            if line.isEmpty { lines.append([]) }
            for part in Wrap.lines(line, width: width) { lines.append([("  " + part, style)]) }
        }
        let area = max(1, height - 3)
        let first = max(0, min(scroll, lines.count - area))
        for (offset, line) in lines.dropFirst(first).prefix(area).enumerated() {
            buffer.draw(line, x: 0, y: top + 3 + offset, width: state.width)
        }
        buffer.cursor = (2, top + 3)
    }
}

enum HistoryView {
    /// Every event as a heading line and its details wrapped to the screen's width.
    static func lines(_ events: [HistoryEvent], _ state: AppState) -> [StyledLine] {
        let c = state.catalog
        var lines: [StyledLine] = []
        for event in events {
            let name = state.snapshot.config.member(event.member)?.name ?? event.member.rawValue
            let when = WallTime(event.time, offsetMinutes: state.utcOffsetMinutes).minutes
            lines.append([(when + "  ", .muted), (name, .title), (" · " + c.label(event.role) + " · ", .muted), (c.label(event.kind), .accent)])
            if !event.details.isBlank {
                let details = HistoryText.details(event, config: state.snapshot.config, catalog: c)
                for line in Wrap.lines(details, width: max(1, state.width - 5)) { lines.append([("    " + line, .plain)]) }
            }
        }
        return lines
    }

    static func draw(_ state: AppState, _ screen: HistoryScreen, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        let title = state.dossier(screen.applicationID)?.application.title ?? ""
        buffer.draw([(c(.uiHistoryTitle) + " ", .title), (screen.applicationID.description + " " + title, .title)], x: 0, y: top, width: state.width)
        guard let events = screen.events else {
            buffer.put(c(.uiHistoryLoading), x: 2, y: top + 2, style: .muted)
            buffer.cursor = (2, top + 2)
            return
        }
        guard !events.isEmpty else {
            buffer.put(c(.uiHistoryEmpty), x: 2, y: top + 2, style: .muted)
            buffer.cursor = (2, top + 2)
            return
        }
        // Nothing is chosen here: the reader is at the first line in view.
        buffer.cursor = (0, top + 2)
        let lines = screen.wrapped.flatMap { $0.width == state.width ? $0.lines : nil } ?? HistoryView.lines(events, state)
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
        var column = FormColumn<DecisionForm.Field>()
        column.lines.append([])
        column.field(.outcome) { column in
            let focused = form.focus == .outcome
            var line: StyledLine = [((focused ? "▸ " : "  ") + c(.exportOutcome) + ": ", focused ? .accent : .title)]
            for outcome in Decision.Outcome.allCases {
                let chosen = outcome == form.outcome
                if chosen && focused { column.cursor = (line.reduce(0) { $0 + $1.text.cellWidth }, column.lines.count) }
                line.append((chosen ? "[" + c.label(outcome) + "]" : " " + c.label(outcome) + " ", chosen ? (focused ? .selected : .title) : .plain))
            }
            column.lines.append(line)
        }
        column.lines.append([])
        let labels: [(DecisionForm.Field, MessageKey)] = [(.date, .exportDate), (.caseNumber, .exportCaseNumber), (.body, .exportBody),
                                                           (.grants, .exportGrants), (.conditions, .exportConditions), (.rationale, .exportRationale),
                                                           (.budgetOverride, .uiBudgetOverride)]
        let inner = state.decisionTextWidth
        for (field, label) in labels {
            let isFocused = form.focus == field
            column.field(field) { column in
                // What the budget check would say of the decision as typed, above the field for the
                // reason to go past it, before Ctrl-S refuses it.
                if field == .budgetOverride {
                    for problem in state.budgetProblems(form) {
                        for line in Wrap.lines(c(problem), width: state.width - 2) { column.lines.append([("  " + line, .warning)]) }
                    }
                }
                column.lines.append([((isFocused ? "▸ " : "  ") + c(label) + ":", isFocused ? .accent : .title)])
                column.bareText(form.editors[field] ?? TextEditor(), inner: inner, rows: DecisionForm.rows(field), focused: isFocused)
            }
            column.lines.append([])
        }
        column.draw(focus: form.focus, into: &buffer, top: top + 1, height: height - 1, width: state.width)
    }
}
