import BeredningCore
import BeredningSync

/// The scoring form, laid out as blocks (one per criterion, then the recommendation and the
/// summary) in a column that scrolls to keep the focused field in view.
enum ScoringView {
    struct Block {
        var lines: [StyledLine] = []
        /// The line range of each field in the block, for scrolling to the focus.
        var fieldLines: [ScoringForm.Field: Range<Int>] = [:]
        /// Where the text cursor goes, relative to the block, when a text field has focus.
        var cursor: (x: Int, y: Int)?
    }

    static func draw(_ state: AppState, _ form: ScoringForm, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        let title = state.dossier(form.applicationID)?.application.title ?? ""
        var header: StyledLine = [(c(.uiReviewOf) + " ", .title), (form.applicationID.description + " " + title, .title),
                                  ("  " + c.label(form.review.status), .muted)]
        if form.isDirty { header.append(("  ● " + c(.uiUnsaved), .warning)) }
        buffer.draw(header, x: 0, y: top, width: state.width)

        let block = layout(state, form)
        let area = height - 1
        let focus = block.fieldLines[form.focused] ?? 0..<1
        var scroll = max(0, focus.upperBound - area)
        scroll = min(scroll, max(0, focus.lowerBound - 2))
        for (offset, line) in block.lines.dropFirst(scroll).prefix(area).enumerated() {
            buffer.draw(line, x: 0, y: top + 1 + offset, width: state.width)
        }
        if let cursor = block.cursor, cursor.y >= scroll, cursor.y < scroll + area {
            buffer.cursor = (cursor.x, top + 1 + cursor.y - scroll)
        }
    }

    static func layout(_ state: AppState, _ form: ScoringForm) -> Block {
        let c = state.catalog
        let width = state.width
        var block = Block()
        func heading(_ title: String) {
            let rule = String(repeating: "─", count: max(0, width - title.cellWidth - 5))
            block.lines.append([("── ", .muted), (title, .accent), (" " + rule, .muted)])
        }
        func wrapped(_ text: String, indent: Int, style: Style) {
            for line in Wrap.lines(text, width: max(1, width - indent - 1)) {
                block.lines.append([(String(repeating: " ", count: indent) + line, style)])
            }
        }
        /// Choices laid out left to right, wrapping to the next line when the width is used.
        func choices(_ label: String, _ items: [(String, Bool)], focused: Bool, field: ScoringForm.Field) {
            let start = block.lines.count
            var line: StyledLine = [((focused ? "▸ " : "  ") + label + " ", focused ? .accent : .title)]
            var used = line[0].text.cellWidth
            for (text, chosen) in items {
                let shown = chosen ? "[" + text + "]" : " " + text + " "
                if used + shown.cellWidth + 1 > width && used > 0 {
                    block.lines.append(line)
                    line = [("    ", .plain)]
                    used = 4
                }
                line.append((shown, chosen ? (focused ? .selected : .title) : .plain))
                line.append((" ", .plain))
                used += shown.cellWidth + 1
            }
            block.lines.append(line)
            block.fieldLines[field] = start..<block.lines.count
        }
        func textBox(_ label: String, _ editor: TextEditor, focused: Bool, field: ScoringForm.Field) {
            let start = block.lines.count
            block.lines.append([((focused ? "▸ " : "  ") + label, focused ? .accent : .title)])
            let inner = state.formTextWidth
            let rows = AppState.formTextHeight
            let visual = editor.visualLines(width: inner)
            let frame: Style = focused ? .accent : .muted
            block.lines.append([("  ┌" + String(repeating: "─", count: inner) + "┐", frame)])
            for row in 0..<rows {
                let index = editor.scroll + row
                let text = index < visual.count ? visual[index].text : ""
                block.lines.append([("  │", frame), (text.padded(toCells: inner), .plain), ("│", frame)])
            }
            let more = visual.count > editor.scroll + rows ? " ↓ " + c(.uiMoreLines, ["count": .text(String(visual.count - editor.scroll - rows))]) + " " : ""
            let bottom = "  └" + more + String(repeating: "─", count: max(0, inner - more.cellWidth)) + "┘"
            block.lines.append([(bottom, frame)])
            if focused {
                let position = editor.cursorPosition(width: inner)
                block.cursor = (3 + position.column, start + 2 + position.row - editor.scroll)
            }
            block.fieldLines[field] = start..<block.lines.count
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
            if !guidance.isBlank { wrapped(guidance, indent: 4, style: .muted) }
            textBox(c(.uiComment), form.comments[criterion.id] ?? TextEditor(), focused: form.focused == .comment(criterion.id), field: .comment(criterion.id))
        }
        heading(c(.uiRecommendation))
        choices(c(.uiRecommendation) + ":", Recommendation.allCases.map { (c.label($0), form.review.recommendation == $0) },
                focused: form.focused == .recommendation, field: .recommendation)
        textBox(c(.uiSummary), form.summary, focused: form.focused == .summary, field: .summary)
        return block
    }
}


/// The youth panel's comment form: the topic and the text.
enum CommentView {
    static func draw(_ state: AppState, _ form: CommentForm, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        let title = state.dossier(form.applicationID)?.application.title ?? ""
        buffer.draw([(c(.uiCommentOn) + " ", .title), (form.applicationID.description + " " + title, .title)], x: 0, y: top, width: state.width)
        var line: StyledLine = [((form.onTopic ? "▸ " : "  ") + c(.uiAbout) + " ", form.onTopic ? .accent : .title)]
        for topic in CommentTopic.allCases {
            let chosen = topic == form.topic
            line.append((chosen ? "[" + c.label(topic) + "]" : " " + c.label(topic) + " ", chosen ? (form.onTopic ? .selected : .title) : .plain))
        }
        buffer.draw(line, x: 0, y: top + 2, width: state.width)
        let inner = state.formTextWidth
        let rows = min(state.commentTextHeight, height - 6)
        let frame: Style = form.onTopic ? .muted : .accent
        buffer.put((form.onTopic ? "  " : "▸ ") + c(.uiYourComment), x: 0, y: top + 4, style: form.onTopic ? .title : .accent)
        buffer.put("  ┌" + String(repeating: "─", count: inner) + "┐", x: 0, y: top + 5, style: frame)
        let visual = form.editor.visualLines(width: inner)
        // The cursor's line is always shown: the editor scrolls on keys, but a smaller window,
        // a paste or the external editor can leave it below the box.
        let position = form.editor.cursorPosition(width: inner)
        var scroll = form.editor.scroll
        if position.row < scroll { scroll = position.row }
        if position.row >= scroll + max(1, rows) { scroll = position.row - max(1, rows) + 1 }
        for row in 0..<max(1, rows) {
            let index = scroll + row
            buffer.put("  │", x: 0, y: top + 6 + row, style: frame)
            buffer.put(index < visual.count ? visual[index].text : "", x: 3, y: top + 6 + row)
            buffer.put("│", x: 3 + inner, y: top + 6 + row, style: frame)
        }
        buffer.put("  └" + String(repeating: "─", count: inner) + "┘", x: 0, y: top + 6 + max(1, rows), style: frame)
        if !form.onTopic {
            buffer.cursor = (3 + position.column, top + 6 + position.row - scroll)
        }
    }
}

/// The help and the questions, drawn over the screen.
enum ModalView {
    static func draw(_ modal: Modal, _ state: AppState, into buffer: inout ScreenBuffer) {
        let c = state.catalog
        var lines: [StyledLine] = []
        switch modal {
        case .help:
            lines.append([(c(.uiHelpTitle), .title)])
            lines.append([])
            let bindings = Keymap.bindings(for: state)
            let keyWidth = min(16, bindings.map { $0.keys.cellWidth }.max() ?? 0)
            let textWidth = max(10, min(state.width - 4, 76) - keyWidth - 2)
            for binding in bindings {
                // The description wraps under itself, so nothing is cut on a narrow terminal.
                for (index, part) in Wrap.lines(c(binding.action), width: textWidth).enumerated() {
                    let keys = index == 0 ? binding.keys.truncated(toCells: keyWidth) : ""
                    lines.append([(keys.padded(toCells: keyWidth) + "  ", .accent), (part, .plain)])
                }
            }
            if state.current == nil && state.member != nil {
                lines.append([])
                lines.append([(c(.uiQueryTitle), .title)])
                for key in [MessageKey.uiQueryState, .uiQueryTodo, .uiQueryScore, .uiQueryDisagreement, .uiQueryActor, .uiQueryText, .uiMarkers] {
                    lines.append([(c(key), .plain)])
                }
            }
            lines.append([])
            lines.append([(c(.uiAnyKeyCloses), .muted)])
        case .confirmLeave:
            lines = [[(c(.uiUnsavedTitle), .warning)], [], [(c(.uiLeaveQuestion), .plain)], [],
                     [("s", .accent), ("  " + c(.uiSaveDraftAndLeave), .plain)], [("l", .accent), ("  " + c(.uiLeaveWithoutSaving), .plain)],
                     [("Enter Esc", .accent), ("  " + c(.uiStay), .plain)]]
        case .export(let options, let selection):
            lines = [[(c(.uiExportTitle), .title)], []]
            for (index, option) in options.enumerated() {
                let text: String
                switch option {
                case .decisionsCSV: text = c(.uiExportCSV)
                case .everythingJSON: text = c(.uiExportJSON)
                case .memoMarkdown(let id): text = c(.uiExportMarkdown, ["id": .text(id.description)])
                case .memoHTML(let id): text = c(.uiExportHTML, ["id": .text(id.description)])
                }
                lines.append([((index == selection ? "▸ " : "  ") + text, index == selection ? .selected : .plain)])
            }
            lines += [[], [("Enter", .accent), ("  " + c(.keyExport) + "   ", .plain), ("Esc", .accent), ("  " + c(.keyBack), .plain)]]
        case .restoreDraft(let draft):
            let what: String
            switch draft {
            case .review: what = c(.uiDraftReview, ["id": .text(draft.applicationID.description)])
            case .comment: what = c(.uiDraftComment, ["id": .text(draft.applicationID.description)])
            }
            lines = [[(c(.uiDraftTitle), .warning)], [], [(what, .plain)], [],
                     [("Enter", .accent), ("  " + c(.uiDraftRestore), .plain)], [("d", .accent), ("  " + c(.uiDraftThrowAway), .plain)],
                     [("Esc", .accent), ("  " + c(.uiDraftLater), .plain)]]
        case .confirmQuit:
            lines = [[(c(.uiUnsavedTitle), .warning)], [], [(c(.uiQuitQuestion), .plain)], [],
                     [("a", .accent), ("  " + c(.uiQuitWithoutSaving), .plain)], [("Enter Esc", .accent), ("  " + c(.uiStay), .plain)]]
        case .syncConflicts(let choice):
            // The keys come first, so they stay in view however long the two texts are.
            lines = [[(c(.syncConflictOf, ["index": .text(String(choice.index + 1)), "count": .text(String(choice.conflicts.count))]), .warning)],
                     [(c(.syncChooseKeys), .accent)], []]
            lines += SyncReport.describe(choice.current, catalog: c).map { [($0, $0.hasPrefix("    ") ? .plain : .title)] }
        case .notice(let title, let body, _):
            lines = [[(title, .title)], []] + body.map { [($0, .plain)] } + [[], [(c(.uiAnyKeyCloses), .muted)]]
        }
        let innerWidth = min(state.width - 4, max(30, lines.map { $0.reduce(0) { $0 + $1.text.cellWidth } }.max() ?? 0))
        // Long lines wrap inside the box so nothing is cut at 40 columns.
        var wrapped: [StyledLine] = []
        for line in lines {
            let width = line.reduce(0) { $0 + $1.text.cellWidth }
            if width <= innerWidth || line.count != 1 {
                wrapped.append(line)
            } else {
                wrapped += Wrap.lines(line[0].text, width: innerWidth).map { [($0, line[0].style)] }
            }
        }
        let height = min(state.height - 2, wrapped.count + 2)
        var first = 0
        switch modal {
        case .help(let offset), .notice(_, _, let offset): first = max(0, min(offset, wrapped.count - (height - 2)))
        case .syncConflicts(let choice): first = max(0, min(choice.offset, wrapped.count - (height - 2)))
        default: break
        }
        let x = (state.width - innerWidth - 2) / 2
        let y = max(0, (state.height - height) / 2)
        buffer.clear(x: x, y: y, width: innerWidth + 2, height: height)
        buffer.box(x: x, y: y, width: innerWidth + 2, height: height, style: .accent)
        for (offset, line) in wrapped.dropFirst(first).prefix(height - 2).enumerated() {
            buffer.draw(line, x: x + 1, y: y + 1 + offset, width: innerWidth)
        }
        if wrapped.count > height - 2 {
            // More than fits: say so on the frame, where it never hides a line of help.
            buffer.put(" " + c(.uiHelpScroll) + " ", x: x + 2, y: y + height - 1, style: .accent, limit: innerWidth - 2)
        }
    }
}
