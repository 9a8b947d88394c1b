import BeredningCore

/// The application form: the fields in one scrolling column, and beside it (or, on a narrow
/// terminal, above it and under each section's heading) the automatic checks of what is typed.
enum ApplicationFormView {
    /// The form's width and the checks' beside it; no checks column below 72 cells.
    static func columns(width: Int) -> (form: Int, side: Int) {
        guard width >= 72 else { return (width, 0) }
        let side = min(40, width * 3 / 8)
        return (width - side - 1, side)
    }

    /// The lines a long text's box shows while it is edited.
    static func boxRows(height: Int) -> Int { height >= 20 ? 4 : 2 }

    static func draw(_ state: AppState, _ form: ApplicationFormScreen, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        let (formWidth, sideWidth) = columns(width: state.width)
        let title = form.isNew ? c(form.idea ? .appformNewIdea : .appformNewApplication)
            : c(.appformEditTitle, ["id": .text(form.base.id.description), "title": .text(form.basis?.title ?? "")])
        buffer.draw([(title, .title)], x: 0, y: top, width: state.width)
        var y = top + 1, rows = height - 1
        if sideWidth == 0 {
            buffer.draw(summary(form, c), x: 0, y: y, width: state.width)
            y += 1
            rows -= 1
        }
        let column = lines(state, form, width: formWidth, narrow: sideWidth == 0)
        column.draw(focus: form.focus, into: &buffer, top: y, height: rows, width: formWidth)
        guard sideWidth > 0 else { return }
        for row in y..<(y + rows) { _ = buffer.put("│", x: formWidth, y: row, style: .muted) }
        for (offset, line) in side(state, form, width: sideWidth - 1).prefix(rows).enumerated() {
            buffer.draw(line, x: formWidth + 2, y: y + offset, width: sideWidth - 1)
        }
    }

    /// "Kontroller: ✓ 3  ! 1  ✗ 2 · 2 fel i formuläret": the checks in one line.
    static func summary(_ form: ApplicationFormScreen, _ c: Catalog) -> StyledLine {
        var line: StyledLine = [(c(.appformChecks) + ":", .title)]
        for verdict in Verdict.allCases {
            let count = form.checks.filter { $0.verdict == verdict }.count
            if count > 0 { line.append(("  " + c.mark(verdict) + " \(count)", verdict.style)) }
        }
        if !form.reading.problems.isEmpty {
            line.append(("  · " + c(.appformProblemCount, ["count": .text(String(form.reading.problems.count))]), .error))
        }
        return line
    }

    /// The checks column: each core criterion's verdict, with the findings of the one whose
    /// section the cursor is in, then whether the form can be saved.
    static func side(_ state: AppState, _ form: ApplicationFormScreen, width: Int) -> [StyledLine] {
        let c = state.catalog
        var out: [StyledLine] = [[(c(.appformChecks), .title)]]
        let here = form.section.criterion
        for check in form.checks {
            let name = state.snapshot.config.criteria.criterion(check.criterion)?.name.text(in: c.language) ?? check.criterion.description
            out.append([(c.mark(check.verdict) + " ", check.verdict.style), (name, check.criterion == here ? .accent : .plain)])
            guard check.criterion == here else { continue }
            for reason in check.reasons {
                for line in Wrap.lines(c(reason), width: max(1, width - 2)) { out.append([("  " + line, check.verdict == .ok ? .muted : check.verdict.style)]) }
            }
        }
        out.append([])
        if form.reading.problems.isEmpty {
            out.append([(c.mark(Verdict.ok) + " " + c(.appformReadable), .success)])
        } else {
            out.append([(c.mark(Verdict.missing) + " " + c(.appformProblemCount, ["count": .text(String(form.reading.problems.count))]), .error)])
        }
        if !form.isNew {
            let changed = form.changedPaths.count
            out.append([(changed == 0 ? c(.appformUnchanged) : c(.appformChangedCount, ["count": .text(String(changed))]), .muted)])
        }
        return out
    }

    static func lines(_ state: AppState, _ form: ApplicationFormScreen, width: Int, narrow: Bool) -> FormColumn<ApplicationFormScreen.Item> {
        let c = state.catalog
        var column = FormColumn<ApplicationFormScreen.Item>()
        var section: FormSection?
        var rowHeading: String?
        let inner = max(10, width - 5)
        for item in form.items {
            let focused = item == form.focus
            let itemSection = form.section(of: item)
            if itemSection != section {
                section = itemSection
                if !column.lines.isEmpty { column.lines.append([]) }
                let name = " " + c(itemSection.label) + " "
                column.lines.append([("──" + name + String(repeating: "─", count: max(0, width - 3 - name.cellWidth)), .accent)])
                if state.height >= 20 || !narrow { column.wrapped(c(itemSection.hint), indent: 2, width: width, style: .muted) }
                if narrow, let criterion = itemSection.criterion, let check = form.checks.first(where: { $0.criterion == criterion }) {
                    for reason in check.reasons {
                        column.wrapped(c.mark(check.verdict) + " " + c(reason), indent: 2, width: width, style: check.verdict.style)
                    }
                }
            }
            switch item {
            case .add(let group):
                rowHeading = nil
                let next = ApplicationForm.field("\(group)[\(form.rows[group] ?? 0)]" + (ApplicationForm.rowSuffixes[group]?.first ?? ""))
                let what = next.map { c($0.rowHeading ?? $0.label) } ?? group
                column.field(item) { col in
                    col.lines.append([((focused ? "▸ " : "  ") + c(.appformAdd, ["row": .text(what)]), focused ? .selected : .accent)])
                    // The cursor is on what has focus, for screen readers and magnifiers.
                    if focused { col.cursor = (2, col.lines.count - 1) }
                }
            case .field(let path):
                guard let field = ApplicationForm.field(path) else { continue }
                let heading = field.rowHeading.map { c($0) }
                if let heading, heading != rowHeading {
                    column.lines.append([(" " + heading, .title)])
                }
                rowHeading = heading
                column.field(item) { col in
                    fieldLines(field, form, focused: focused, c: c, width: width, inner: inner, boxRows: boxRows(height: state.height), into: &col)
                }
            }
        }
        return column
    }

    private static func fieldLines(_ field: FormField, _ form: ApplicationFormScreen, focused: Bool, c: Catalog, width: Int, inner: Int, boxRows: Int,
                                   into col: inout FormColumn<ApplicationFormScreen.Item>) {
        let path = field.path
        let problem = form.problem(path)
        let text = form.text(path)
        var label: StyledLine = [((focused ? "▸ " : "  ") + c(field.label), focused ? .accent : .title)]
        if problem != nil { label.append(("  " + c.mark(Verdict.missing), .error)) }
        col.lines.append(label)
        switch field.kind {
        case .choice(let options):
            let chosen = options.first { $0.value == text }.map { c($0.label) } ?? c(.formEmpty)
            col.lines.append([("    ", .plain), (focused ? "‹ " + chosen + " ›" : chosen, focused ? .selected : text.isEmpty ? .muted : .plain)])
            if focused { col.cursor = (6, col.lines.count - 1) }
        case .choices(let options):
            let chosen = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            var line: StyledLine = [("    ", .plain)]
            var used = 4
            for (index, option) in options.enumerated() {
                let piece = (chosen.contains(option.value) ? "[x] " : "[ ] ") + c(option.label) + "  "
                if used + piece.cellWidth > width, used > 4 {
                    col.lines.append(line)
                    line = [("    ", .plain)]
                    used = 4
                }
                line.append((piece, focused && index == form.option ? .selected : .plain))
                // On the highlighted option's box, so a screen reader reads whether it is ticked.
                if focused && index == form.option { col.cursor = (used, col.lines.count) }
                used += piece.cellWidth
            }
            col.lines.append(line)
        case .paragraphs:
            if focused {
                col.textBox(form.editor(path), inner: inner, rows: boxRows, focused: true, catalog: c)
            } else if text.allSatisfy(\.isWhitespace) {
                col.lines.append([("    " + c(field.kind.placeholder), .muted)])
            } else {
                let wrapped = Wrap.lines(text, width: max(1, width - 5))
                for (index, line) in wrapped.prefix(2).enumerated() {
                    col.lines.append([("    " + line + (index == 1 && wrapped.count > 2 ? " …" : ""), .plain)])
                }
            }
        case .text, .integer, .decimal, .amount, .date:
            if focused {
                let editor = form.editor(path)
                let layout = editor.layout(width: inner)
                col.lines.append([("    " + editor.line(editor.visibleScroll(in: layout, rows: 1), of: layout), .plain)])
                col.cursor = (4 + editor.cursorPosition(in: layout).column, col.lines.count - 1)
            } else if text.isEmpty {
                col.lines.append([("    " + c(field.kind.placeholder), .muted)])
            } else {
                col.lines.append([("    " + text.truncated(toCells: max(1, width - 5)), .plain)])
            }
        }
        if let problem {
            col.wrapped(c(problem), indent: 4, width: width, style: .error)
        }
    }
}
