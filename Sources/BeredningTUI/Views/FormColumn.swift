import BeredningCore

/// A form laid out as one column of lines, each field's lines marked, drawn through a window
/// that scrolls so the focused field's label and the cursor are always on screen: whatever the
/// terminal's size and however many lines the status takes, nothing is typed blind.
struct FormColumn<Field: Hashable> {
    var lines: [StyledLine] = []
    /// The line range of each field, for scrolling to the focus.
    var fieldLines: [Field: Range<Int>] = [:]
    /// Where the text cursor goes, in the column's lines, when a text field has focus.
    var cursor: (x: Int, y: Int)?

    /// Adds a field's lines and marks them as that field's.
    mutating func field(_ field: Field, _ add: (inout FormColumn) -> Void) {
        let start = lines.count
        add(&self)
        fieldLines[field] = start..<lines.count
    }

    /// A framed box of `rows` lines showing the editor's text around its cursor, and below it
    /// how many lines are hidden further down.
    mutating func textBox(_ editor: TextEditor, inner: Int, rows: Int, focused: Bool, catalog: Catalog) {
        let layout = editor.layout(width: inner)
        let first = editor.visibleScroll(in: layout, rows: rows)
        let frame: Style = focused ? .accent : .muted
        lines.append([("  ┌" + String(repeating: "─", count: inner) + "┐", frame)])
        for row in 0..<rows {
            lines.append([("  │", frame), (editor.line(first + row, of: layout).padded(toCells: inner), .plain), ("│", frame)])
        }
        let hidden = layout.count - first - rows
        let more = hidden > 0 ? " ↓ " + catalog(.uiMoreLines, ["count": .text(String(hidden))]) + " " : ""
        lines.append([("  └" + more + String(repeating: "─", count: max(0, inner - more.cellWidth)) + "┘", frame)])
        if focused {
            let position = editor.cursorPosition(in: layout)
            cursor = (3 + position.column, lines.count - 1 - rows + position.row - first)
        }
    }

    /// A text field without a frame, indented two cells: the decision and follow-up forms'
    /// fields, which are short and many.
    mutating func bareText(_ editor: TextEditor, inner: Int, rows: Int, focused: Bool) {
        let layout = editor.layout(width: inner)
        let first = editor.visibleScroll(in: layout, rows: rows)
        for row in 0..<rows { lines.append([("  " + editor.line(first + row, of: layout), .plain)]) }
        if focused {
            let position = editor.cursorPosition(in: layout)
            cursor = (2 + position.column, lines.count - rows + position.row - first)
        }
    }

    /// Plain text lines, wrapped under an indent.
    mutating func wrapped(_ text: String, indent: Int, width: Int, style: Style) {
        for line in Wrap.lines(text, width: max(1, width - indent - 1)) {
            lines.append([(String(repeating: " ", count: indent) + line, style)])
        }
    }

    /// The first line to show in `area` lines: the whole focused field if it fits, else its
    /// label; and the cursor's line in any case.
    func scroll(focus: Field?, area: Int) -> Int {
        guard area > 0, let focus, let range = fieldLines[focus] else { return 0 }
        var first = max(0, range.upperBound - area)
        first = min(first, max(0, range.lowerBound - 2))
        if let cursor {
            if cursor.y < first { first = cursor.y }
            if cursor.y >= first + area { first = cursor.y - area + 1 }
        }
        return first
    }

    /// Draws the window of the column into `height` rows from `top`, with the cursor.
    func draw(focus: Field?, into buffer: inout ScreenBuffer, top: Int, height: Int, width: Int) {
        let first = scroll(focus: focus, area: height)
        for (offset, line) in lines.dropFirst(first).prefix(max(0, height)).enumerated() {
            buffer.draw(line, x: 0, y: top + offset, width: width)
        }
        if let cursor, cursor.y >= first, cursor.y < first + height {
            buffer.cursor = (min(width - 1, cursor.x), top + cursor.y - first)
        }
    }
}
