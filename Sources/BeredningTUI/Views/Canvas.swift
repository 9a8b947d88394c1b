import BeredningCore

/// A line of differently styled pieces, measured and cut as one.
public typealias StyledLine = [(text: String, style: Style)]

extension ScreenBuffer {
    /// Draws a styled line from column `x`, cutting it with "…" at `width` cells.
    mutating func draw(_ line: StyledLine, x: Int, y: Int, width: Int) {
        let total = line.reduce(0) { $0 + $1.text.cellWidth }
        var column = x
        if total <= width {
            for piece in line { column += put(piece.text, x: column, y: y, style: piece.style, limit: x + width - column) }
            return
        }
        var remaining = width - 1
        for piece in line where remaining > 0 {
            let used = put(piece.text, x: column, y: y, style: piece.style, limit: remaining)
            column += used
            remaining -= used
        }
        put("…", x: column, y: y, style: line.last?.style ?? .plain)
    }

    /// A frame of box-drawing characters around a region.
    mutating func box(x: Int, y: Int, width: Int, height: Int, style: Style) {
        guard width >= 2, height >= 2 else { return }
        put("┌" + String(repeating: "─", count: width - 2) + "┐", x: x, y: y, style: style)
        for row in y + 1..<y + height - 1 {
            put("│", x: x, y: row, style: style)
            put("│", x: x + width - 1, y: row, style: style)
        }
        put("└" + String(repeating: "─", count: width - 2) + "┘", x: x, y: y + height - 1, style: style)
    }

    mutating func clear(x: Int, y: Int, width: Int, height: Int) {
        for row in max(0, y)..<min(self.height, y + height) {
            put(String(repeating: " ", count: max(0, width)), x: x, y: row)
        }
    }
}

extension Outcome {
    var style: Style {
        switch self {
        case .pass: return .success
        case .warning: return .warning
        case .fail, .missing: return .error
        case .pending: return .muted
        case .notJudged: return .warning
        }
    }
}

extension Verdict {
    var style: Style {
        switch self {
        case .ok: return .success
        case .warning: return .warning
        case .missing: return .error
        }
    }
}
