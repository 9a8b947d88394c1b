import BeredningCore

/// Beside the list on a wide terminal: the selected application in brief, so a member can
/// scan the list without opening each one. Nothing here is new: the same checklist and counts
/// as the application screen, cut to what fits.
enum PreviewView {
    /// From this width the list leaves room for a preview.
    static let fromWidth = 120
    /// The problem's description is cut to this many lines.
    static let problemLines = 4

    static func shown(_ state: AppState) -> Bool { state.width >= fromWidth }

    /// The list keeps three fifths of the screen.
    static func listWidth(_ state: AppState) -> Int { state.width * 3 / 5 }

    static func draw(_ state: AppState, x: Int, width: Int, top: Int, height: Int, into buffer: inout ScreenBuffer) {
        for y in top..<(top + height) {
            buffer.fill(y: y, from: x, style: .plain)
            buffer.put("│", x: x, y: y, style: .muted)
        }
        let lines = self.lines(state, width: width - 2)
        for (offset, line) in lines.prefix(height).enumerated() {
            buffer.draw(line, x: x + 2, y: top + offset, width: width - 2)
        }
    }

    static func lines(_ state: AppState, width: Int) -> [StyledLine] {
        let c = state.catalog
        guard let row = state.listRows[safe: state.list.selection] else { return [] }
        guard let dossier = row.dossier, let checklist = row.checklist else {
            return [[(row.id, .title)], [(c(row.entry.isPending ? .uiLoading : .uiBroken), row.entry.isPending ? .muted : .error)]]
        }
        let application = dossier.application
        var out: [StyledLine] = []
        func wrapped(_ text: String, style: Style, limit: Int = .max) {
            let all = Wrap.lines(text, width: width)
            let kept = Array(all.prefix(limit))
            for (index, line) in kept.enumerated() {
                guard index == kept.count - 1, all.count > kept.count else {
                    out.append([(line, style)])
                    continue
                }
                // The last line kept says there is more.
                var cut = line
                while !cut.isEmpty && cut.cellWidth + 2 > width { cut.removeLast() }
                out.append([(cut + " …", style)])
            }
        }
        wrapped(application.id.description + "  " + application.title, style: .title)
        wrapped(c.label(application.state) + " · " + application.applicant, style: .muted)
        out.append([])
        let criteria = state.snapshot.config.criteria
        wrapped(criteria.criterion(.problem)?.name.text(in: c.language) ?? CriterionID.problem.rawValue, style: .accent)
        wrapped(application.problem.description, style: .plain, limit: problemLines)
        out.append([])
        // The automatic checks: what the application itself answers, before anyone has scored it.
        let markWidth = checklist.rows.map { row in row.automatic.map { c.mark($0.verdict) } ?? "·" }.map(\.cellWidth).max() ?? 1
        for checklistRow in checklist.rows {
            let mark = checklistRow.automatic.map { c.mark($0.verdict) } ?? "·"
            let style = checklistRow.automatic.map { $0.verdict.style } ?? .muted
            out.append([(mark.padded(toCells: markWidth) + " ", style),
                        (checklistRow.criterion.name.text(in: c.language).truncated(toCells: max(1, width - markWidth - 1)), .plain)])
        }
        out.append([])
        wrapped(c(.checkQuorum, ["complete": .text(String(checklist.quorum.complete)), "needed": .text(String(checklist.quorum.needed)),
                                 "comments": .text(String(dossier.comments.count))]), style: .muted)
        return out
    }
}
