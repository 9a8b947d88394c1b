import BeredningCore
import Foundation

/// An application's follow-ups: the planned dates, each indicator from baseline to target with
/// what was measured (a small chart, the figures and a word for whether it is on track), realised
/// against forecast costs and savings per actor, and the investment hump with the realised line
/// over the forecast. Every mark has its word or figure beside it, so nothing rests on colour.
/// The same lines are the command line's `bered uppfoljning STORE ID`.
public enum FollowUpText {
    /// The lines for `width` cells.
    public static func lines(_ dossier: Dossier, settings: CalculationSettings, today: Day, width: Int, catalog c: Catalog) -> [StyledLine] {
        let application = dossier.application
        let full = max(1, width - 1)
        var lines: [StyledLine] = []
        var state = c.label(application.state)
        if let closing = application.closing { state += " (" + c.label(closing) + ")" }
        lines.append([(application.id.description + "  ", .title), (application.title, .title), ("  " + c(.followUpViewTitle) + " · " + state, .muted)])
        lines += wrapped(plannedText(dossier, today: today, c), width: full, style: .plain)
        if !FollowUpsDue.isFollowedUp(dossier) && dossier.followUps.isEmpty {
            lines += wrapped(c(.followUpViewNotFollowed, ["state": .text(c.label(application.state))]), width: full, style: .muted)
        }

        lines.append([])
        lines.append([(c(.followUpViewIndicators), .title)])
        let progress = IndicatorProgress.of(application, followUps: dossier.followUps)
        if progress.isEmpty { lines += wrapped(c(.followUpViewNoIndicators), width: full, style: .muted) }
        for item in progress { lines += indicatorLines(item, width: full, c) }

        lines.append([])
        let comparison = SavingsComparison(application: application, followUps: dossier.followUps, settings: settings)
        let years = comparison.reportedYears.map(String.init).joined(separator: ", ")
        lines += wrapped(c(.followUpViewSavings) + (years.isEmpty ? "" : " (" + c(.followUpViewYears, ["years": .text(years)]) + ")"), width: full, style: .title)
        if comparison.total.reported {
            lines += savingsTable(comparison, width: full, c)
        } else {
            lines += wrapped(c(.followUpViewNoFigures), width: full, style: .muted)
        }

        if !comparison.hump.isEmpty {
            lines.append([])
            lines += wrapped(c(.followUpViewHump), width: full, style: .title)
            lines += hump(comparison.hump, height: 8, width: width, c)
            for year in comparison.hump where year.realised != nil {
                lines.append([("  \(year.year): " + c(.followUpViewHumpYear, ["forecast": .text(c.kronor(year.forecast)), "realised": .text(c.kronor(year.realised!))]), .plain)])
            }
        }

        for followUp in dossier.followUps.reversed() {
            lines.append([])
            let who = followUp.recordedBy.rawValue
            lines += wrapped(c(.followUpViewOccasion, ["date": .text(followUp.date.description), "member": .text(who)]), width: full, style: .title)
            if !followUp.worked.isBlank {
                lines += wrapped(c(.followUpViewWorked) + ": " + followUp.worked, width: full, style: .plain)
            }
            if !followUp.didNotWork.isBlank {
                lines += wrapped(c(.followUpViewDidNotWork) + ": " + followUp.didNotWork, width: full, style: .plain)
            }
            for measurement in followUp.measurements where !measurement.comment.isBlank {
                lines += wrapped("• " + measurement.indicator + ": " + measurement.comment, width: full, style: .muted)
            }
        }
        return lines
    }

    /// Plain text of the same lines, for the command line.
    public static func report(_ dossier: Dossier, settings: CalculationSettings, today: Day, width: Int, catalog: Catalog) -> [String] {
        lines(dossier, settings: settings, today: today, width: width, catalog: catalog).map { line in
            var text = line.map(\.text).joined()
            while text.last == " " { text.removeLast() }
            return text
        }
    }

    /// "Planerade uppföljningar: 2027-06-16 (gjord), 2030-06-16 (planerad)".
    static func plannedText(_ dossier: Dossier, today: Day, _ c: Catalog) -> String {
        guard let planned = dossier.decision?.followUps, !planned.isEmpty else { return c(.followUpViewNoPlan) }
        let uncovered = Set(FollowUpsDue.uncovered(dossier))
        let followed = FollowUpsDue.isFollowedUp(dossier)
        let items = planned.sorted().map { day -> String in
            let word = !uncovered.contains(day) ? c(.followUpViewDone)
                : followed ? c.label(FollowUpsDue.urgency(of: day, today: today)) : c(.followUpViewMissed)
            return "\(day) (\(word))"
        }
        return c(.followUpViewPlanned, ["dates": .text(items.joined(separator: ", "))])
    }

    /// An indicator: its name; baseline, target and unit with the direction in words; the
    /// measured values as a sparkline and as figures; how far along the way it is, as a bar and a
    /// percentage; and the status as a mark and a word.
    static func indicatorLines(_ item: IndicatorProgress, width: Int, _ c: Catalog) -> [StyledLine] {
        let indicator = item.indicator
        var lines = wrapped("▸ " + indicator.name, width: width, style: .accent)
        let unit = indicator.unit.isEmpty ? "" : " " + indicator.unit
        var goal = c(.followUpViewGoal, ["baseline": .text(indicator.baseline.map(FollowUp.number) ?? "–"),
                                         "target": .text(indicator.target.map(FollowUp.number) ?? "–"), "unit": .text(unit)])
        if let direction = item.direction { goal += " (" + c(direction == .raise ? .followUpViewRaise : .followUpViewLower) + ")" }
        lines += wrapped(goal, width: width - 2, style: .plain).map { [("  ", .plain)] + $0 }
        if !item.points.isEmpty {
            let values = (indicator.baseline.map { [$0] } ?? []) + item.points.map(\.value)
            let figures = item.points.map { "\($0.day) \(FollowUp.number($0.value))" }.joined(separator: " · ")
            lines += wrapped(c(.followUpViewMeasured) + ": " + sparkline(values) + "  " + figures, width: width - 2, style: .plain).map { [("  ", .plain)] + $0 }
        }
        let status = item.status
        var statusLine: StyledLine = [("  ", .plain)]
        if let fraction = fraction(item) {
            let cells = 12
            let filled = Int((min(1, max(0, fraction)) * Double(cells)).rounded())
            statusLine.append(("[" + String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled) + "] ", status.style))
            statusLine.append((c(.followUpViewAlong, ["percent": .text(String(Int((fraction * 100).rounded())))]), .plain))
        }
        let word: (text: String, style: Style) = (status.mark + " " + c.label(status), status.style)
        // The word goes on the bar's line where it fits, on its own line where not: never cut.
        if statusLine.count > 1 && statusLine.reduce(0, { $0 + $1.text.cellWidth }) + 3 + word.text.cellWidth > width {
            lines.append(statusLine)
            lines.append([("  ", .plain), word])
        } else {
            lines.append(statusLine + (statusLine.count > 1 ? [(" · ", .plain)] : []) + [word])
        }
        return lines
    }

    /// How far the latest value is along the way from baseline to target (may be below 0 or above 1).
    static func fraction(_ item: IndicatorProgress) -> Double? {
        guard let latest = item.latest, let baseline = item.indicator.baseline, let target = item.indicator.target, target != baseline else { return nil }
        return (latest.value - baseline) / (target - baseline)
    }

    /// Eight heights of block, lowest to highest value: the shape of a few measurements in a glance.
    static func sparkline(_ values: [Double]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        guard let low = values.min(), let high = values.max() else { return "" }
        return String(values.map { value in
            high == low ? blocks[3] : blocks[Int(((value - low) / (high - low) * 7).rounded())]
        })
    }

    /// Per actor and in total: forecast against realised cost and avoided cost, over the years
    /// reported. A table where it fits; two lines per actor on a narrow screen.
    static func savingsTable(_ comparison: SavingsComparison, width: Int, _ c: Catalog) -> [StyledLine] {
        let rows = comparison.rows.filter(\.reported) + [comparison.total]
        func name(_ row: SavingsComparison.Row) -> String { row.actor ?? c(.uiTotal) }
        // Two header lines: what is compared above, forecast and realised below.
        let header = [c(.followUpViewActor), c(.followUpViewForecast), c(.followUpViewRealised), c(.followUpViewForecast), c(.followUpViewRealised)]
        let groups = [c(.followUpViewCost), c(.followUpViewAvoided)]
        let cells = rows.map { row in [name(row), c.kronor(row.forecastCost), c.kronor(row.realisedCost), c.kronor(row.forecastAvoided), c.kronor(row.realisedAvoided)] }
        var widths = (1..<5).map { column in ([header] + cells).map { $0[column].cellWidth }.max() ?? 0 }
        for (group, label) in groups.enumerated() where label.cellWidth > widths[2 * group] + 2 + widths[2 * group + 1] {
            widths[2 * group + 1] = label.cellWidth - 2 - widths[2 * group]
        }
        let figures = widths.reduce(0, +) + 2 * 4
        if width - figures >= 14 {
            let actorWidth = min(width - figures, ([header] + cells).map { $0[0].cellWidth }.max() ?? 0)
            let groupLine = String(repeating: " ", count: actorWidth + 2) + groups.enumerated().map { group, label in
                label.padded(toCells: widths[2 * group] + 2 + widths[2 * group + 1])
            }.joined(separator: "  ")
            return [[(groupLine, .title)]] + ([header] + cells).enumerated().map { index, row in
                let text = row.enumerated().map { column, cell in
                    column == 0 ? cell.truncated(toCells: actorWidth).padded(toCells: actorWidth)
                        : String(repeating: " ", count: widths[column - 1] - cell.cellWidth) + cell
                }.joined(separator: "  ")
                return [(text, index == 0 || index == cells.count ? .title : .plain)]
            }
        }
        var lines: [StyledLine] = []
        for (row, cell) in zip(rows, cells) {
            lines += wrapped(cell[0], width: width, style: row.actor == nil ? .title : .accent)
            lines += wrapped(c(.followUpViewCostLine, ["forecast": .text(cell[1]), "realised": .text(cell[2])]), width: width - 2, style: .plain).map { [("  ", .plain)] + $0 }
            lines += wrapped(c(.followUpViewAvoidedLine, ["forecast": .text(cell[3]), "realised": .text(cell[4])]), width: width - 2, style: .plain).map { [("  ", .plain)] + $0 }
        }
        return lines
    }

    /// The forecast's cumulative net as bars around the zero line (█ above, ▒ below, as in the
    /// calculation), with the realised cumulative net as ● in the years reported.
    static func hump(_ years: [SavingsComparison.HumpYear], height: Int, width: Int, _ c: Catalog) -> [StyledLine] {
        let forecast = years.map { NSDecimalNumber(decimal: $0.forecast.kronor).doubleValue }
        let realised = years.map { $0.realised.map { NSDecimalNumber(decimal: $0.kronor).doubleValue } }
        let all = forecast + realised.compactMap { $0 }
        let high = max(0, all.max() ?? 0), low = min(0, all.min() ?? 0)
        let span = max(high - low, 1)
        let axis = max(c.shortKronor(high).cellWidth, c.shortKronor(low).cellWidth) + 1
        let column = max(2, min(6, (width - axis - 2) / max(1, years.count)))
        func row(_ value: Double) -> Int { Int(((high - value) / span * Double(height - 1)).rounded()) }
        let zero = row(0)
        var lines: [StyledLine] = []
        for r in 0..<height {
            let label = r == 0 ? c.shortKronor(high) : r == height - 1 ? c.shortKronor(low) : r == zero ? "0" : ""
            var line: StyledLine = [(String(repeating: " ", count: axis - label.cellWidth) + label + (r == zero ? "┼" : "│"), .muted)]
            for (value, real) in zip(forecast, realised) {
                let top = row(value)
                let filled = value >= 0 ? (r >= top && r < zero) || (r == zero && top == zero && value > 0) : (r > zero && r <= top)
                let blank = r == zero ? "─" : " "
                var cellsText = Array(repeating: filled ? (value >= 0 ? "█" : "▒") : blank, count: column - 1)
                var style: Style = filled ? (value >= 0 ? .success : .error) : .muted
                if let real, row(real) == r {
                    cellsText[(column - 1) / 2] = "●"
                    style = .accent
                }
                line.append((cellsText.joined(), style))
                line.append((blank, .muted))
            }
            lines.append(line)
        }
        var labels: StyledLine = [(String(repeating: " ", count: axis + 1), .plain)]
        for year in years {
            labels.append(((column >= 5 ? String(year.year) : String(String(year.year).suffix(column - 1))).padded(toCells: column), .muted))
        }
        lines.append(labels)
        lines += wrapped(c(.followUpViewLegend), width: max(1, width - 1), style: .muted)
        return lines
    }

    /// Wrapped as the calculation wraps: "30 600 kr" is never split at its thousands.
    static func wrapped(_ text: String, width: Int, style: Style) -> [StyledLine] {
        CalculationView.wrap(text, width: max(1, width)).map { [($0, style)] }
    }

    /// The due list's rows: id, title, planned date, urgency in words.
    public static func dueRows(_ dossiers: [Dossier], today: Day, catalog c: Catalog) -> [[String]] {
        FollowUpsDue.list(dossiers, today: today).map { due in
            [due.applicationID.description, due.title, due.date.description, due.urgency.mark + " " + c.label(due.urgency)]
        }
    }
}

extension IndicatorProgress.Status {
    /// A mark that reads without colour; the word follows it.
    var mark: String {
        switch self {
        case .reached: return "✓"
        case .onTrack: return "→"
        case .offTrack: return "✗"
        case .notMeasured: return "·"
        case .noTarget: return "?"
        }
    }

    var style: Style {
        switch self {
        case .reached, .onTrack: return .success
        case .offTrack: return .error
        case .notMeasured, .noTarget: return .muted
        }
    }
}

extension DueFollowUp.Urgency {
    public var mark: String {
        switch self {
        case .overdue: return "!"
        case .soon: return "›"
        case .planned: return " "
        }
    }

    var style: Style {
        switch self {
        case .overdue: return .error
        case .soon: return .warning
        case .planned: return .plain
        }
    }
}

/// The application's follow-up view in the interface: `FollowUpText`'s lines, scrolled.
enum FollowUpView {
    static func draw(_ state: AppState, _ screen: FollowUpScreen, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        guard let dossier = state.dossier(screen.applicationID) else { return }
        let lines = FollowUpText.lines(dossier, settings: state.snapshot.config.calculation, today: state.today, width: state.width, catalog: state.catalog)
        let first = max(0, min(screen.scroll, lines.count - height))
        for (offset, line) in lines.dropFirst(first).prefix(height).enumerated() {
            buffer.draw(line, x: 0, y: top + offset, width: state.width)
        }
        // Nothing to type here: the cursor rests at the top of what is shown.
        buffer.cursor = (0, top)
    }
}

/// The fund's follow-ups due: one line each, overdue marked with "!" and the word.
enum FollowUpsDueView {
    static func draw(_ state: AppState, _ screen: FollowUpsDueScreen, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        buffer.draw([(c(.followUpDueTitle), .title)], x: 0, y: top, width: state.width)
        let due = FollowUpsDue.list(state.snapshot.dossiers, today: state.today)
        guard !due.isEmpty else {
            for (offset, line) in Wrap.lines(c(.followUpNoneDue), width: max(1, state.width - 1)).prefix(max(0, height - 2)).enumerated() {
                buffer.put(line, x: 0, y: top + 2 + offset, style: .muted)
            }
            buffer.cursor = (0, top)
            return
        }
        let words = due.map { $0.urgency.mark + " " + c.label($0.urgency) }
        let wordWidth = words.map(\.cellWidth).max() ?? 0
        let fixed = 8 + 2 + 10 + 2 + wordWidth + 2
        let titleWidth = max(4, state.width - fixed - 1)
        let rows = max(1, height - 2)
        let selection = min(screen.selection, due.count - 1)
        let first = max(0, min(selection - rows + 1, due.count - rows)) > 0 ? max(0, selection - rows + 1) : 0
        for (offset, index) in (first..<min(due.count, first + rows)).enumerated() {
            let item = due[index]
            let selected = index == selection
            let line: StyledLine = [
                (item.applicationID.description + "  ", selected ? .selected : .plain),
                (words[index].padded(toCells: wordWidth) + "  ", selected ? .selected : item.urgency.style),
                (item.date.description + "  ", selected ? .selected : .plain),
                (item.title.truncated(toCells: titleWidth), selected ? .selected : .plain),
            ]
            buffer.draw(line, x: 0, y: top + 2 + offset, width: state.width)
            if selected { buffer.cursor = (0, top + 2 + offset) }
        }
    }
}

/// The coordinator's follow-up form, laid out as the decision form.
enum FollowUpFormView {
    static func draw(_ state: AppState, _ form: FollowUpForm, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        let title = state.dossier(form.applicationID)?.application.title ?? ""
        buffer.draw([(c(.followUpFormTitle) + " ", .title), (form.applicationID.description + " " + title, .title)], x: 0, y: top, width: state.width)
        var column = FormColumn<FollowUpForm.Field>()
        column.lines.append([])
        let inner = state.decisionTextWidth
        for field in form.fields {
            let focused = form.focus == field
            column.field(field) { column in
                for (index, line) in Wrap.lines(label(field, form, c), width: max(1, state.width - 3)).enumerated() {
                    column.lines.append([((index == 0 ? (focused ? "▸ " : "  ") : "  ") + line, focused ? .accent : .title)])
                }
                column.bareText(form.editors[field] ?? TextEditor(), inner: inner, rows: FollowUpForm.rows(field), focused: focused)
            }
            if case .comment = field { column.lines.append([]) }
            if case .date = field { column.lines.append([]) }
        }
        column.draw(focus: form.focus, into: &buffer, top: top + 1, height: height - 1, width: state.width)
    }

    /// What a field asks for, with what the application says about it: an indicator's baseline,
    /// target and unit; an actor's forecast for the year.
    static func label(_ field: FollowUpForm.Field, _ form: FollowUpForm, _ c: Catalog) -> String {
        switch field {
        case .date: return c(.followUpFormDate)
        case .value(let i):
            let indicator = form.indicators[i]
            return c(.followUpFormValue, ["name": .text(indicator.name), "unit": .text(indicator.unit.isEmpty ? "–" : indicator.unit),
                                          "baseline": .text(indicator.baseline.map(FollowUp.number) ?? "–"),
                                          "target": .text(indicator.target.map(FollowUp.number) ?? "–")])
        case .comment(let i): return c(.followUpFormComment, ["name": .text(form.indicators[i].name)])
        case .realised(let i):
            let key = form.realisedKeys[i]
            return c(.followUpFormRealised, ["actor": .text(key.actor), "year": .text(String(key.year))])
        case .worked: return c(.followUpViewWorked) + ":"
        case .didNotWork: return c(.followUpViewDidNotWork) + ":"
        }
    }
}
