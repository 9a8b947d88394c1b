/// Plain-text columns for the terminal, measured in characters and cut with "…".
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns that may be cut when the table is wider than `maxWidth`, most expendable first.
    var flexible: [Int] = []
    /// Columns of figures, aligned on the right.
    var rightAligned: Set<Int> = []

    func render(maxWidth: Int = 120) -> String {
        var widths = header.indices.map { column in ([header] + rows).map { $0[column].displayWidth }.max() ?? 0 }
        var excess = widths.reduce(0, +) + 2 * (widths.count - 1) - maxWidth
        for column in flexible where excess > 0 {
            let cut = min(excess, max(0, widths[column] - 12))
            widths[column] -= cut
            excess -= cut
        }
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                let fitted = cell.truncated(to: widths[column])
                if rightAligned.contains(column) { return String(repeating: " ", count: widths[column] - fitted.displayWidth) + fitted }
                return column == row.count - 1 ? fitted : fitted.padded(to: widths[column])
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var trimmed = Substring(self)
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// Terminal cells: East Asian wide characters take two, combining marks none.
    var displayWidth: Int {
        reduce(0) { $0 + $1.displayWidth }
    }

    func truncated(to width: Int) -> String {
        guard displayWidth > width else { return self }
        var result = ""
        var used = 0
        for character in self {
            if used + character.displayWidth > width - 1 { break }
            result.append(character)
            used += character.displayWidth
        }
        return result + "…"
    }

    func padded(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - displayWidth))
    }
}

extension Character {
    var displayWidth: Int {
        guard let scalar = unicodeScalars.first else { return 0 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
