/// What a cell looks like. Meaning is never carried by colour alone: every coloured thing
/// also has a symbol or reverse video.
public struct Style: Hashable, Sendable {
    public enum Color: Int, Hashable, Sendable, CaseIterable {
        case accent = 1, error, success, warning, muted
    }

    public var color: Color?
    public var bold = false
    public var reverse = false
    public var dim = false
    public var underline = false

    public init(color: Color? = nil, bold: Bool = false, reverse: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.color = color
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
    }

    public static let plain = Style()
    public static let title = Style(bold: true)
    public static let selected = Style(reverse: true)
    public static let muted = Style(color: .muted, dim: true)
    public static let error = Style(color: .error, bold: true)
    public static let success = Style(color: .success)
    public static let warning = Style(color: .warning)
    public static let accent = Style(color: .accent, bold: true)
}

/// One terminal cell: a grapheme and its style. The cell right of a wide character holds
/// `continuation`, so the backend never draws into it.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style

    public static let blank = Cell(text: " ", style: .plain)
    public static let continuation = Cell(text: "", style: .plain)
}

/// A frame drawn in memory: views render into it, tests read it, the backend copies the
/// changed cells to the terminal.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where focus is: the text cursor in a field, else the selected row, the chosen option or
    /// the open window's line. The backend puts the visible terminal cursor here after every
    /// draw, because screen readers, braille displays and magnifiers follow that cursor and
    /// nothing else. `Frame.render` always sets it.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: ScreenBuffer, b: ScreenBuffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` from column `x` on row `y`, at most `limit` cells (the row's end by default);
    /// returns the cells used. A wide character that does not fit is left out, never split.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, x + (limit ?? width))
        var column = x
        for character in text {
            let w = character.cellWidth
            guard w > 0 else {
                // A lone combining mark stays with the previous cell; a control character is dropped.
                if column > x, column - 1 >= 0, w == 0, !character.isControl {
                    self[column - 1, y].text.append(character)
                }
                continue
            }
            if column + w > end { break }
            if column >= 0 {
                self[column, y] = Cell(text: String(character), style: style)
                if w == 2 { self[column + 1, y] = .continuation }
            }
            column += w
        }
        return column - x
    }

    /// Fills a row segment with a style (for selection bars and title lines).
    public mutating func fill(y: Int, from x: Int = 0, to end: Int? = nil, style: Style) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, end ?? width) {
            let cell = self[column, y]
            self[column, y] = Cell(text: cell.text, style: style)
        }
    }

    /// The text of row `y`, trailing spaces removed: what tests and tmux captures compare.
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width { text += self[x, y].text }
        while text.last == " " { text.removeLast() }
        return text
    }

    public var text: String { (0..<height).map(line).joined(separator: "\n") }
}
