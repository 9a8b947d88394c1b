import BeredningCore

/// Draws the whole interface for a state: title bar, the screen, status line and footer,
/// and any modal on top. A pure function: the same state always gives the same frame.
public enum Frame {
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        guard !state.isTooSmall else {
            drawTooSmall(state, into: &buffer)
            buffer.cursor = (0, 0)
            return buffer
        }
        drawTitle(state, into: &buffer)
        let statusLines = Frame.statusLines(state)
        let content = (y: 1, height: state.height - 2 - statusLines.count)
        if state.member == nil {
            MemberPickerView.draw(state, into: &buffer, top: content.y, height: content.height)
        } else {
            switch state.current {
            case nil: ListView.draw(state, into: &buffer, top: content.y, height: content.height)
            case .application(let screen): ApplicationView.draw(state, screen, into: &buffer, top: content.y, height: content.height)
            case .scoring(let form): ScoringView.draw(state, form, into: &buffer, top: content.y, height: content.height)
            case .comment(let form): CommentView.draw(state, form, into: &buffer, top: content.y, height: content.height)
            case .conflict(let form): ConflictView.draw(state, form, into: &buffer, top: content.y, height: content.height)
            case .meeting(let screen): MeetingView.draw(state, screen, into: &buffer, top: content.y, height: content.height)
            case .budget(let screen): BudgetView.draw(state, screen, into: &buffer, top: content.y, height: content.height)
            case .calculation(let screen): CalculationView.draw(state, screen, into: &buffer, top: content.y, height: content.height)
            case .move(let screen): MoveView.draw(state, screen, into: &buffer, top: content.y, height: content.height)
            case .history(let screen): HistoryView.draw(state, screen, into: &buffer, top: content.y, height: content.height)
            case .decision(let form): DecisionView.draw(state, form, into: &buffer, top: content.y, height: content.height)
            case .followUp(let screen): FollowUpView.draw(state, screen, into: &buffer, top: content.y, height: content.height)
            case .followUpsDue(let screen): FollowUpsDueView.draw(state, screen, into: &buffer, top: content.y, height: content.height)
            case .followUpForm(let form): FollowUpFormView.draw(state, form, into: &buffer, top: content.y, height: content.height)
            case .applicationForm(let form): ApplicationFormView.draw(state, form, into: &buffer, top: content.y, height: content.height)
            }
        }
        drawStatus(state, statusLines, into: &buffer)
        drawFooter(state, into: &buffer)
        if let modal = state.modal { ModalView.draw(modal, state, into: &buffer) }
        // A screen that names no focus of its own still gets the cursor at its top, never
        // where the last frame left it.
        if buffer.cursor == nil { buffer.cursor = (0, content.y) }
        return buffer
    }

    static func drawTooSmall(_ state: AppState, into buffer: inout ScreenBuffer) {
        let lines = Wrap.lines(state.catalog(.uiTooSmall, ["width": .text(String(AppState.minimumWidth)), "height": .text(String(AppState.minimumHeight)),
                                                            "now": .text("\(state.width)×\(state.height)")]), width: max(1, state.width))
        for (row, line) in lines.enumerated() where row < state.height { buffer.put(line, x: 0, y: row, style: .warning) }
    }

    static func drawTitle(_ state: AppState, into buffer: inout ScreenBuffer) {
        buffer.fill(y: 0, style: .selected)
        let right: String
        if let member = state.member {
            right = "\(member.name) · \(state.catalog.label(member.role))"
        } else {
            right = ""
        }
        let rightWidth = min(right.cellWidth, state.width / 2)
        let left = "Beredning — " + state.snapshot.config.fund
        buffer.put(left.truncated(toCells: state.width - rightWidth - 4), x: 1, y: 0, style: Style(bold: true, reverse: true))
        buffer.put(right.truncated(toCells: rightWidth), x: state.width - rightWidth - 1, y: 0, style: .selected)
    }

    /// A message takes as many lines as it needs (up to four), so a refusal is never cut short.
    static func statusLines(_ state: AppState) -> [String] {
        guard let status = state.status else {
            // Under the filter's line, what in it matches nothing because nothing is called so.
            let warnings = state.member != nil && state.current == nil ? state.filterWarnings : []
            return Array(([""] + warnings.flatMap { Wrap.lines("⚠ " + $0, width: max(1, state.width - 1)) }).prefix(4))
        }
        let mark: String
        switch status.kind {
        case .error: mark = state.catalog.statusMark(success: false)
        case .success: mark = state.catalog.statusMark(success: true)
        case .info: mark = ""
        }
        let lines = Wrap.lines(mark + status.text, width: max(1, state.width - 1))
        return Array(lines.prefix(4))
    }

    static func drawStatus(_ state: AppState, _ lines: [String], into buffer: inout ScreenBuffer) {
        let y = state.height - 1 - lines.count
        if let status = state.status {
            let style: Style
            switch status.kind {
            case .error: style = .error
            case .success: style = .success
            case .info: style = .plain
            }
            for (offset, line) in lines.enumerated() { buffer.put(line, x: 0, y: y + offset, style: style) }
            return
        }
        /// "/ text" with the cursor at its end while it is typed.
        func prompt(_ text: String, typing: Bool) {
            let prompt = "/ " + text
            let shown = prompt.cellWidth < state.width - 1 ? prompt : "…" + String(prompt.suffix(state.width - 3))
            buffer.put(shown, x: 0, y: y, style: typing ? .accent : .plain)
            if typing, state.modal == nil { buffer.cursor = (min(state.width - 1, shown.cellWidth), y) }
        }
        if state.member != nil, state.current == nil, state.list.filtering || !state.list.filter.isEmpty {
            prompt(state.list.filter, typing: state.list.filtering)
            for (offset, line) in lines.enumerated().dropFirst() { buffer.put(line, x: 0, y: y + offset, style: .warning) }
            return
        }
        if case .application(let screen) = state.current, let input = screen.searchInput {
            prompt(input, typing: true)
            return
        }
        buffer.put(statusSummary(state).truncated(toCells: state.width - 1), x: 0, y: y, style: .muted)
    }

    /// "Anna Lindqvist · beredningsgruppen · 6 ansökningar · 3 / 6 granskade".
    static func statusSummary(_ state: AppState) -> String {
        guard let member = state.member else { return state.catalog(.uiPickMember) }
        var parts = [state.catalog(.uiApplicationsCount, ["count": .text(String(state.snapshot.entries.count))])]
        if state.list.filtering || !state.list.filter.isEmpty {
            parts.append(state.catalog(.uiShownCount, ["count": .text(String(state.listRows.count))]))
        }
        // Where in a long list the selection is (in the status line: the header row is full).
        if state.listRows.count > state.listPageSize {
            parts.append("\(state.list.selection + 1)/\(state.listRows.count)")
        }
        if member.role == .preparationGroup {
            let progress = state.storeRows.progress
            parts.append(state.catalog(.uiProgress, ["done": .text(String(progress.done)), "total": .text(String(progress.total))]))
        }
        let broken = state.storeRows.problems
        if broken > 0 { parts.append(state.catalog(.uiProblems, ["count": .text(String(broken))])) }
        if !state.storeRows.isComplete { parts.append(state.catalog(.uiLoading)) }
        return parts.joined(separator: " · ")
    }

    static func drawFooter(_ state: AppState, into buffer: inout ScreenBuffer) {
        let y = state.height - 1
        var line: StyledLine = []
        for binding in Keymap.bindings(for: state) where binding.footer && binding.refusal == nil {
            if !line.isEmpty { line.append(("  ", .plain)) }
            line.append((binding.keys, .accent))
            line.append((" " + state.catalog(binding.action), .plain))
        }
        buffer.draw(line, x: 0, y: y, width: state.width)
    }
}

enum MemberPickerView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        buffer.put(state.catalog(.uiWhoAreYou), x: 1, y: top + 1, style: .title)
        for (index, member) in state.snapshot.config.members.enumerated() where top + 3 + index < top + height {
            let y = top + 3 + index
            let text = "\(member.name) (\(member.id)) · \(state.catalog.label(member.role))"
            if index == state.memberPicker {
                buffer.cursor = (1, y)
                buffer.fill(y: y, from: 1, to: state.width - 1, style: .selected)
                buffer.put("▸ " + text.truncated(toCells: state.width - 5), x: 1, y: y, style: .selected)
            } else {
                buffer.put("  " + text.truncated(toCells: state.width - 5), x: 1, y: y)
            }
        }
    }
}
