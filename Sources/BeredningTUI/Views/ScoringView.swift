import BeredningCore
import BeredningSync

/// The scoring form, laid out as blocks (one per criterion, then the recommendation and the
/// summary) in a column that scrolls to keep the focused field in view.
enum ScoringView {
    static func draw(_ state: AppState, _ form: ScoringForm, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        let title = state.dossier(form.applicationID)?.application.title ?? ""
        var header: StyledLine = [(c(.uiReviewOf) + " ", .title), (form.applicationID.description + " " + title, .title),
                                  ("  " + c.label(form.review.status), .muted)]
        if form.isDirty { header.append(("  ● " + c(.uiUnsaved), .warning)) }
        buffer.draw(header, x: 0, y: top, width: state.width)
        let width = state.scoringWidth
        if state.scoringSideBySide { drawApplication(state, form, x: width, top: top + 1, height: height - 1, into: &buffer) }
        layout(state, form).draw(focus: form.focused, into: &buffer, top: top + 1, height: height - 1, width: width)
    }

    /// The application's text beside the form, at the section of the criterion in focus.
    static func drawApplication(_ state: AppState, _ form: ScoringForm, x: Int, top: Int, height: Int, into buffer: inout ScreenBuffer) {
        let width = state.width - x
        for y in top..<(top + height) {
            buffer.fill(y: y, from: x, style: .plain)
            buffer.put("│", x: x, y: y, style: .muted)
        }
        let lines = ApplicationView.lines(state, form.applicationID, width: width - 2)
        let focused: CriterionID? = switch form.focused {
        case .score(let id), .comment(let id): id
        default: nil
        }
        let name = focused.flatMap { state.snapshot.config.criteria.criterion($0)?.name.text(in: state.catalog.language) }
        // The section's heading line ("── Evidens ───"); the top for the recommendation and summary.
        let anchor = name.flatMap { name in lines.firstIndex { $0.count > 1 && $0[0].text == "── " && $0[1].text == name } } ?? 0
        let first = max(0, min(anchor + form.sideScroll, lines.count - height))
        for (offset, line) in lines.dropFirst(first).prefix(height).enumerated() {
            buffer.draw(line, x: x + 2, y: top + offset, width: width - 2)
        }
    }

    static func layout(_ state: AppState, _ form: ScoringForm) -> FormColumn<ScoringForm.Field> {
        let c = state.catalog
        let width = state.scoringWidth
        var column = FormColumn<ScoringForm.Field>()
        func heading(_ title: String) {
            let rule = String(repeating: "─", count: max(0, width - title.cellWidth - 5))
            column.lines.append([("── ", .muted), (title, .accent), (" " + rule, .muted)])
        }
        /// Choices laid out left to right, wrapping to the next line when the width is used.
        func choices(_ label: String, _ items: [(String, Bool)], focused: Bool, field: ScoringForm.Field) {
            column.field(field) { column in
                var line: StyledLine = [((focused ? "▸ " : "  ") + label + " ", focused ? .accent : .title)]
                var used = line[0].text.cellWidth
                // Focus sits on the chosen value, or on the label while nothing is chosen.
                if focused { column.cursor = (0, column.lines.count) }
                for (text, chosen) in items {
                    let shown = chosen ? "[" + text + "]" : " " + text + " "
                    if used + shown.cellWidth + 1 > width && used > 0 {
                        column.lines.append(line)
                        line = [("    ", .plain)]
                        used = 4
                    }
                    if focused && chosen { column.cursor = (used, column.lines.count) }
                    line.append((shown, chosen ? (focused ? .selected : .title) : .plain))
                    line.append((" ", .plain))
                    used += shown.cellWidth + 1
                }
                column.lines.append(line)
            }
        }
        func textBox(_ label: String, _ editor: TextEditor, focused: Bool, field: ScoringForm.Field) {
            column.field(field) { column in
                column.lines.append([((focused ? "▸ " : "  ") + label, focused ? .accent : .title)])
                column.textBox(editor, inner: state.scoringTextWidth, rows: AppState.formTextHeight, focused: focused, catalog: c)
            }
        }

        let scale = state.snapshot.config.scale
        for criterion in state.snapshot.config.criteria.all {
            heading(criterion.name.text(in: c.language))
            let score = form.review.assessments[criterion.id]?.score
            var items: [(String, Bool)] = scale.points.map { points in
                ("\(points) " + (scale.label(points)?.text(in: c.language) ?? ""), score == .points(points))
            }
            items.append(("x " + c(.scoreCannotJudge), score == .cannotJudge))
            choices(c(.uiScore), items, focused: form.focused == .score(criterion.id), field: .score(criterion.id))
            let guidance = criterion.guidance.text(in: c.language)
            if !guidance.isBlank { column.wrapped(guidance, indent: 4, width: width, style: .muted) }
            textBox(c(.uiComment), form.comments[criterion.id] ?? TextEditor(), focused: form.focused == .comment(criterion.id), field: .comment(criterion.id))
        }
        heading(c(.uiRecommendation))
        choices(c(.uiRecommendation) + ":", Recommendation.allCases.map { (c.label($0), form.review.recommendation == $0) },
                focused: form.focused == .recommendation, field: .recommendation)
        textBox(c(.uiSummary), form.summary, focused: form.focused == .summary, field: .summary)
        return column
    }
}


/// The youth panel's comment form: the topic and the text.
enum CommentView {
    enum Field: Hashable { case topic, text }

    static func draw(_ state: AppState, _ form: CommentForm, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        let title = state.dossier(form.applicationID)?.application.title ?? ""
        buffer.draw([(c(.uiCommentOn) + " ", .title), (form.applicationID.description + " " + title, .title)], x: 0, y: top, width: state.width)
        var column = FormColumn<Field>()
        column.lines.append([])
        column.field(.topic) { column in
            var line: StyledLine = [((form.onTopic ? "▸ " : "  ") + c(.uiAbout) + " ", form.onTopic ? .accent : .title)]
            for topic in CommentTopic.allCases {
                let chosen = topic == form.topic
                if chosen && form.onTopic { column.cursor = (line.reduce(0) { $0 + $1.text.cellWidth }, column.lines.count) }
                line.append((chosen ? "[" + c.label(topic) + "]" : " " + c.label(topic) + " ", chosen ? (form.onTopic ? .selected : .title) : .plain))
            }
            column.lines.append(line)
        }
        column.lines.append([])
        column.field(.text) { column in
            column.lines.append([((form.onTopic ? "  " : "▸ ") + c(.uiYourComment), form.onTopic ? .title : .accent)])
            column.textBox(form.editor, inner: state.formTextWidth, rows: state.commentTextHeight, focused: !form.onTopic, catalog: c)
        }
        column.draw(focus: form.onTopic ? .topic : .text, into: &buffer, top: top + 1, height: height - 1, width: state.width)
    }
}

/// Declaring a conflict of interest: what it means, and the reason.
enum ConflictView {
    enum Field: Hashable { case reason }

    static func draw(_ state: AppState, _ form: ConflictForm, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        let title = state.dossier(form.applicationID)?.application.title ?? ""
        buffer.draw([(c(.conflictFormTitle, ["application": .text(form.applicationID.description)]) + " " + title, .title)], x: 0, y: top, width: state.width)
        var column = FormColumn<Field>()
        for line in Wrap.lines(c(.conflictFormHelp), width: max(10, state.width - 2)) { column.lines.append([("  " + line, .muted)]) }
        column.lines.append([])
        column.field(.reason) { column in
            column.lines.append([("▸ " + c(.historyDetails), .accent)])
            column.textBox(form.editor, inner: state.formTextWidth, rows: state.commentTextHeight, focused: true, catalog: c)
        }
        column.draw(focus: .reason, into: &buffer, top: top + 1, height: height - 1, width: state.width)
    }
}

/// The help and the questions, drawn over the screen.
enum ModalView {
    /// The window's lines, wrapped to its inner width, and the rows it has for them.
    struct Content {
        let lines: [StyledLine]
        let innerWidth: Int
        /// The box's height, frame included.
        let height: Int
        /// The line that has focus (the chosen option, or the question), or nil in a window that
        /// is only read, where focus is the first line in view.
        let focus: Int?
        /// The last offset that still fills the window: scrolling stops there.
        var lastOffset: Int { max(0, lines.count - (height - 2)) }
    }

    static func draw(_ modal: Modal, _ state: AppState, into buffer: inout ScreenBuffer) {
        let c = state.catalog
        let content = self.content(modal, state)
        let wrapped = content.lines, innerWidth = content.innerWidth, height = content.height
        var first = 0
        switch modal {
        case .help(let offset), .notice(_, _, let offset): first = max(0, min(offset, content.lastOffset))
        case .syncConflicts(let choice): first = max(0, min(choice.offset, content.lastOffset))
        default: break
        }
        let x = (state.width - innerWidth - 2) / 2
        let y = max(0, (state.height - height) / 2)
        buffer.clear(x: x, y: y, width: innerWidth + 2, height: height)
        buffer.box(x: x, y: y, width: innerWidth + 2, height: height, style: .accent)
        for (offset, line) in wrapped.dropFirst(first).prefix(height - 2).enumerated() {
            buffer.draw(line, x: x + 1, y: y + 1 + offset, width: innerWidth)
        }
        buffer.cursor = (x + 1, y + 1 + max(0, min(height - 3, (content.focus ?? first) - first)))
        if wrapped.count > height - 2 {
            // More than fits: say so on the frame, where it never hides a line of help.
            buffer.put(" " + c(.uiHelpScroll) + " ", x: x + 2, y: y + height - 1, style: .accent, limit: innerWidth - 2)
        }
    }

    static func content(_ modal: Modal, _ state: AppState) -> Content {
        let c = state.catalog
        var lines: [StyledLine] = []
        var focus: Int?
        switch modal {
        case .help:
            lines.append([(c(.uiHelpTitle), .title)])
            lines.append([])
            let bindings = Keymap.bindings(for: state)
            let keyWidth = min(16, bindings.map { $0.keys.cellWidth }.max() ?? 0)
            let textWidth = max(10, min(state.width - 4, 76) - keyWidth - 2)
            // The description wraps under itself, so nothing is cut on a narrow terminal.
            func describe(_ binding: Binding, _ text: String, _ style: Style, keysShown: Bool) {
                for (index, part) in Wrap.lines(text, width: textWidth).enumerated() {
                    let keys = index == 0 && keysShown ? binding.keys.truncated(toCells: keyWidth) : ""
                    lines.append([(keys.padded(toCells: keyWidth) + "  ", style == .plain ? .accent : style), (part, style)])
                }
            }
            for binding in bindings where binding.refusal == nil { describe(binding, c(binding.action), .plain, keysShown: true) }
            // The keys this role cannot use, each with the reason it would be refused with.
            let refused = bindings.compactMap { binding in binding.refusal.map { (binding, $0) } }
            if let role = state.member?.role, !refused.isEmpty {
                lines.append([])
                lines.append([(c(.tuiHelpNotForRole, ["role": .message(role.label)]), .title)])
                for (binding, refusal) in refused {
                    describe(binding, c(binding.action), .muted, keysShown: true)
                    describe(binding, c(refusal.reason), .muted, keysShown: false)
                }
            }
            if state.current == nil && state.member != nil {
                lines.append([])
                lines.append([(c(.uiQueryTitle), .title)])
                for key in [MessageKey.uiQueryState, .uiQueryTodo, .uiQueryScore, .uiQueryDisagreement, .uiQueryActor, .uiQueryFollowUp, .uiQueryText, .uiMarkers] {
                    lines.append([(c(key), .plain)])
                }
            }
            lines.append([])
            lines.append([(c(.uiAnyKeyCloses), .muted)])
        case .confirmLeave:
            focus = 2
            // The application form saves the application itself: it has no drafts.
            let isApplication: Bool
            if case .applicationForm = state.current { isApplication = true } else { isApplication = false }
            lines = [[(c(.uiUnsavedTitle), .warning)], [], [(c(isApplication ? .appformLeaveQuestion : .uiLeaveQuestion), .plain)], [],
                     [("s", .accent), ("  " + c(isApplication ? .appformSaveAndLeave : .uiSaveDraftAndLeave), .plain)], [("l", .accent), ("  " + c(.uiLeaveWithoutSaving), .plain)],
                     [("Enter Esc", .accent), ("  " + c(.uiStay), .plain)]]
        case .export(let options, let selection):
            lines = [[(c(.uiExportTitle), .title)], []]
            focus = lines.count + selection
            for (index, option) in options.enumerated() {
                let text = option.text(c)
                lines.append([((index == selection ? "▸ " : "  ") + text, index == selection ? .selected : .plain)])
            }
            lines += [[], [("Enter", .accent), ("  " + c(.keyExport) + "   ", .plain), ("Esc", .accent), ("  " + c(.keyBack), .plain)]]
        case .restoreDraft(let draft):
            let what: String
            switch draft {
            case .review: what = c(.uiDraftReview, ["id": .text(draft.applicationID?.description ?? "")])
            case .comment: what = c(.uiDraftComment, ["id": .text(draft.applicationID?.description ?? "")])
            case .applicationForm(let form):
                what = form.applicationID.map { c(.appformDraftEdit, ["id": .text($0.description)]) } ?? c(form.idea ? .appformDraftNewIdea : .appformDraftNew)
            }
            focus = 2
            lines = [[(c(.uiDraftTitle), .warning)], [], [(what, .plain)], [],
                     [("Enter", .accent), ("  " + c(.uiDraftRestore), .plain)], [("d", .accent), ("  " + c(.uiDraftThrowAway), .plain)],
                     [("Esc", .accent), ("  " + c(.uiDraftLater), .plain)]]
        case .confirmQuit:
            focus = 2
            lines = [[(c(.uiUnsavedTitle), .warning)], [], [(c(.uiQuitQuestion), .plain)], [],
                     [("a", .accent), ("  " + c(.uiQuitWithoutSaving), .plain)], [("Enter Esc", .accent), ("  " + c(.uiStay), .plain)]]
        case .syncConflicts(let choice):
            // The keys come first, so they stay in view however long the two texts are.
            lines = [[(c(.syncConflictOf, ["index": .text(String(choice.index + 1)), "count": .text(String(choice.conflicts.count))]), .warning)],
                     [(c(.syncChooseKeys), .accent)], []]
            lines += SyncReport.describe(choice.current, catalog: c).map { [($0, $0.hasPrefix("    ") ? .plain : .title)] }
        case .confirmWithdrawConflict(let id):
            focus = 2
            lines = [[(c(.conflictKeyWithdraw), .warning)], [], [(c(.conflictConfirmWithdraw, ["application": .text(id.description)]), .plain)]]
        case .notice(let title, let body, _):
            lines = [[(title, .title)], []] + body.map { [($0, .plain)] } + [[], [(c(.uiAnyKeyCloses), .muted)]]
        case .offerReload(let refusal):
            focus = 3 + refusal.count
            lines = [[(c(.tuiStaleTitle), .warning)], []] + refusal.map { [($0, .plain)] } + [[],
                     [("Enter j", .accent), ("  " + c(.tuiStaleReload), .plain)], [("Esc", .accent), ("  " + c(.tuiStaleLater), .plain)]]
        case .confirm(let confirmation):
            let title = c(.tuiConfirmTitle, ["move": .message(confirmation.transition.label), "id": .text(confirmation.applicationID.description),
                                             "title": .text(state.dossier(confirmation.applicationID)?.application.title ?? "")])
            let states: [String: Message.Argument] = ["to": .message(confirmation.transition.to.label), "from": .message(confirmation.from.label)]
            let what = confirmation.decision.map { c(.tuiConfirmDecision, states.merging(["outcome": .message($0.label)]) { a, _ in a }) }
                ?? c(.tuiConfirmMove, states)
            let back = Confirmation.rolesBack(after: confirmation.transition, to: confirmation.from).map { roles in
                c(.tuiConfirmOthersUndo, ["from": .message(confirmation.from.label), "roles": .message(.list(roles.map { .message($0.label) }))])
            } ?? c(.tuiConfirmFinal, ["from": .message(confirmation.from.label)])
            focus = 2
            lines = [[(title.prefix(1).uppercased() + title.dropFirst(), .title)], [], [(what, .plain)], [(back, .warning)], [],
                     [(c(.tuiConfirmKeys), .accent)]]
        }
        let innerWidth = min(state.width - 4, max(30, lines.map { $0.reduce(0) { $0 + $1.text.cellWidth } }.max() ?? 0))
        // Long lines wrap inside the box so nothing is cut at 40 columns.
        var wrapped: [StyledLine] = []
        var wrappedFocus: Int?
        for (index, line) in lines.enumerated() {
            if index == focus { wrappedFocus = wrapped.count }
            let width = line.reduce(0) { $0 + $1.text.cellWidth }
            if width <= innerWidth || line.count != 1 {
                wrapped.append(line)
            } else {
                wrapped += Wrap.lines(line[0].text, width: innerWidth).map { [($0, line[0].style)] }
            }
        }
        return Content(lines: wrapped, innerWidth: innerWidth, height: min(state.height - 2, wrapped.count + 2), focus: wrappedFocus)
    }
}
