import BeredningCore

enum BudgetView {
    static func draw(_ state: AppState, _ screen: BudgetScreen, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        buffer.draw([(state.catalog(.budgetTitle), .title)], x: 0, y: top, width: state.width)
        var shown: [StyledLine] = []
        for line in state.budgetLines() {
            let style: Style
            switch line.kind {
            case .heading: style = .title
            case .table, .plain: style = .plain
            case .muted: style = .muted
            case .warning: style = .warning
            }
            // Tables are cut, not wrapped, so their columns stay in line.
            if line.kind == .table || line.text.cellWidth <= state.width {
                shown.append([(line.text, style)])
            } else {
                shown += Wrap.lines(line.text, width: state.width).map { [($0, style)] }
            }
        }
        let area = height - 2
        let first = max(0, min(screen.scroll, shown.count - area))
        for (offset, line) in shown.dropFirst(first).prefix(area).enumerated() {
            buffer.draw(line, x: 0, y: top + 2 + offset, width: state.width)
        }
        buffer.cursor = (0, top + 2)
    }
}
