import BeredningCore

enum ListView {
    struct Column {
        let column: ListColumn
        let width: Int
        let rightAligned: Bool
    }

    /// The columns that fit: title and applicant share what the fixed columns leave; narrow
    /// terminals drop the applicant, then the state.
    static func columns(_ state: AppState) -> [Column] {
        // Marks in words are counted ("1 varning, 2 saknas"): room for two kinds.
        let stripWidth = state.catalog.marks == .words ? 20 : state.snapshot.config.criteria.all.count
        let stateWidth = 10
        var fixed: [Column] = [Column(column: .id, width: 8, rightAligned: false)]
        // Figure columns are as wide as their header (plus the sort arrow), so nothing is cut.
        func fit(_ column: ListColumn, _ least: Int) -> Int { max(least, header(column, state.catalog).cellWidth) }
        var tail: [Column] = [Column(column: .checklist, width: fit(.checklist, stripWidth), rightAligned: false),
                    Column(column: .mean, width: fit(.mean, 4), rightAligned: true),
                    Column(column: .reviews, width: fit(.reviews, 4), rightAligned: true),
                    Column(column: .comments, width: fit(.comments, 3), rightAligned: true)]
        let available = state.width - 2  // the marker column
        // Narrow terminals keep the title readable: figure columns go first, from the right.
        func tailWidth(_ columns: [Column]) -> Int { columns.reduce(0) { $0 + $1.width + 1 } }
        while tail.count > 2 && available - 9 - tailWidth(tail) < 14 { tail.removeLast() }
        var rest = available - 9 - tailWidth(tail)
        let showState = rest - (stateWidth + 1) >= 16
        if showState { rest -= stateWidth + 1 }
        let showApplicant = rest >= 26
        let titleWidth = showApplicant ? (rest - 1) * 3 / 5 : rest
        fixed.append(Column(column: .title, width: max(4, titleWidth), rightAligned: false))
        if showApplicant { fixed.append(Column(column: .applicant, width: rest - 1 - titleWidth, rightAligned: false)) }
        if showState { fixed.append(Column(column: .state, width: stateWidth, rightAligned: false)) }
        return fixed + tail
    }

    static func header(_ column: ListColumn, _ catalog: Catalog) -> String {
        switch column {
        case .id: return catalog(.listID)
        case .title: return catalog(.listTitle)
        case .applicant: return catalog(.listApplicant)
        case .state: return catalog(.listState)
        case .checklist: return catalog(.listChecklist)
        case .mean: return catalog(.listMean)
        case .reviews: return catalog(.listReviews)
        case .comments: return catalog(.listComments)
        }
    }

    /// The list, and on a wide terminal the selected application's preview beside it (the list's
    /// columns then fit the narrower part, as on a smaller terminal).
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        guard PreviewView.shown(state) else { return drawList(state, into: &buffer, top: top, height: height) }
        var left = state
        left.width = PreviewView.listWidth(state)
        drawList(left, into: &buffer, top: top, height: height)
        PreviewView.draw(state, x: left.width, width: state.width - left.width, top: top, height: height, into: &buffer)
    }

    static func drawList(_ state: AppState, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let columns = columns(state)
        let rows = state.listRows
        var x = 2
        for column in columns {
            var title = header(column.column, state.catalog)
            if column.column == state.list.sort {
                // The arrow goes after the header, or over its last letter when the column is full.
                if title.cellWidth >= column.width { title = String(title.dropLast()) }
                title += state.list.ascending ? "▲" : "▼"
            }
            let fitted = title.truncated(toCells: column.width)
            buffer.put(column.rightAligned ? String(repeating: " ", count: column.width - fitted.cellWidth) + fitted : fitted, x: x, y: top, style: .title)
            x += column.width + 1
        }
        let visible = height - 1
        guard !rows.isEmpty else {
            buffer.put(state.catalog(state.list.filter.isEmpty ? .uiNoApplications : .uiNoMatches).truncated(toCells: state.width - 2), x: 2, y: top + 2, style: .muted)
            buffer.cursor = (2, top + 2)
            return
        }
        if !state.list.grouped {
            // Only the rows on screen are looked at: the list may hold 50 000.
            let first = state.list.selection < visible ? 0 : state.list.selection - visible + 1
            for (offset, index) in (first..<min(rows.count, first + visible)).enumerated() {
                drawRow(rows[index], columns: columns, state: state, y: top + 1 + offset, selected: index == state.list.selection, into: &buffer)
            }
        } else {
            // Lines of the grouped list: a heading before each state's rows.
            var lines: [(row: Int?, state: ApplicationState?)] = []
            var counts: [ApplicationState?: Int] = [:]
            for (index, row) in rows.enumerated() {
                let rowState = row.dossier?.application.state
                counts[rowState, default: 0] += 1
                if index == 0 || rows[index - 1].dossier?.application.state != rowState { lines.append((nil, rowState)) }
                lines.append((index, nil))
            }
            let selectedLine = lines.firstIndex { $0.row == state.list.selection } ?? 0
            let first = selectedLine < visible ? 0 : selectedLine - visible + 1
            for (offset, line) in lines.dropFirst(first).prefix(visible).enumerated() {
                let y = top + 1 + offset
                if let index = line.row {
                    drawRow(rows[index], columns: columns, state: state, y: y, selected: index == state.list.selection, into: &buffer)
                } else {
                    drawHeading(line.state, count: counts[line.state] ?? 0, state: state, y: y, into: &buffer)
                }
            }
        }
    }

    /// "── styrgrupp (1) · du kan: återremittera, skicka till beslut ──".
    static func drawHeading(_ applicationState: ApplicationState?, count: Int, state: AppState, y: Int, into buffer: inout ScreenBuffer) {
        let c = state.catalog
        var text = (applicationState.map { c.label($0) } ?? c(.uiBroken)) + " (\(count))"
        if let applicationState, let member = state.member {
            let moves = Transition.allCases.filter { $0.from.contains(applicationState) && Permissions.allows(member.role, $0.action) }
            if !moves.isEmpty { text += " · " + c(.uiYouMay, ["moves": .text(moves.map { c.label($0) }.joined(separator: ", "))]) }
        }
        buffer.draw([("── ", .muted), (text, .accent), (" " + String(repeating: "─", count: max(0, state.width - text.cellWidth - 5)), .muted)],
                    x: 0, y: y, width: state.width)
    }

    static func drawRow(_ row: ListRow, columns: [Column], state: AppState, y: Int, selected: Bool, into buffer: inout ScreenBuffer) {
        if selected {
            buffer.fill(y: y, to: state.width, style: .selected)
            buffer.cursor = (0, y)
        }
        func style(_ base: Style) -> Style {
            guard selected else { return base }
            var s = base
            s.reverse = true
            return s
        }
        if row.entry.isPending {
            buffer.put(row.id, x: 2, y: y, style: style(.muted))
            buffer.put(state.catalog(.uiLoading).truncated(toCells: state.width - 12), x: 11, y: y, style: style(.muted))
            return
        }
        guard let dossier = row.dossier, let checklist = row.checklist else {
            buffer.put(row.id, x: 2, y: y, style: style(.plain))
            buffer.put(state.catalog(.uiBroken).truncated(toCells: state.width - 12), x: 11, y: y, style: style(.error))
            return
        }
        let application = dossier.application
        if state.member != nil {
            let marker = row.hasConflict ? "J" : (row.isTodo ? "•" : " ")
            buffer.put(marker, x: 0, y: y, style: style(.warning))
        }
        var x = 2
        for column in columns {
            let text: String
            var cellStyle = style(.plain)
            switch column.column {
            case .id: text = application.id.description + (row.entry.problems.isEmpty ? "" : "⚠")
            case .title: text = application.title
            case .applicant: text = application.applicant
            case .state:
                // "!" after the state: a planned follow-up has passed without one.
                let overdue = FollowUpsDue.mostPressing(dossier, today: state.today) == .overdue
                text = state.catalog.label(application.state) + (overdue ? " !" : "")
                if overdue { cellStyle = style(.warning) }
            case .checklist where state.catalog.marks == .words:
                text = state.catalog.strip(checklist.rows.map(\.outcome))
            case .checklist:
                var cx = x
                for checklistRow in checklist.rows {
                    cx += buffer.put(checklistRow.outcome.symbol, x: cx, y: y, style: style(checklistRow.outcome.style))
                }
                x += column.width + 1
                continue
            case .mean:
                text = checklist.scoresHidden ? "·" : state.catalog.decimal(row.mean)
                if checklist.scoresHidden { cellStyle = style(.muted) }
            case .reviews:
                // "!" after the count: the review deadline has passed with reviews still missing.
                let late = Reminders.isLate(dossier, config: state.snapshot.config, today: WallTime(state.now, offsetMinutes: state.utcOffsetMinutes).day)
                text = "\(checklist.quorum.complete)/\(checklist.quorum.needed)" + (late ? "!" : "")
                if late { cellStyle = style(.warning) }
            case .comments: text = String(dossier.comments.count)
            }
            let fitted = text.truncated(toCells: column.width)
            let shown = column.rightAligned ? String(repeating: " ", count: column.width - fitted.cellWidth) + fitted : fitted
            buffer.put(shown, x: x, y: y, style: cellStyle)
            x += column.width + 1
        }
    }
}
