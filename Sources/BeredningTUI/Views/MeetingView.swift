import BeredningCore

enum MeetingView {
    static func draw(_ state: AppState, _ screen: MeetingScreen, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        buffer.draw([(c(.meetingTitle), .title)], x: 0, y: top, width: state.width)
        let source = state.meetingLines(width: state.width)
        let lines = source.map { line -> StyledLine in
            let style: Style
            switch line.kind {
            case .heading: style = .title
            case .table, .plain: style = .plain
            case .muted: style = .muted
            case .warning: style = .warning
            }
            return [(line.text, style)]
        }
        // Long lines wrap, tables are cut: a table row that wraps would no longer line up.
        var shown: [StyledLine] = []
        for (line, source) in zip(lines, source) {
            if source.kind == .table || line[0].text.cellWidth <= state.width {
                shown.append(line)
            } else {
                shown += Wrap.lines(line[0].text, width: state.width).map { [($0, line[0].style)] }
            }
        }
        let area = height - 2
        let first = max(0, min(screen.scroll, shown.count - area))
        for (offset, line) in shown.dropFirst(first).prefix(area).enumerated() {
            buffer.draw(line, x: 0, y: top + 2 + offset, width: state.width)
        }
        // A screen reader reads from the first line in view.
        buffer.cursor = (0, top + 2)
    }
}
