import BeredningCore
import BeredningTUI

/// Plain-text columns for the terminal, measured in characters and cut with "…".
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns that may be cut when the table is wider than `maxWidth`, most expendable first.
    var flexible: [Int] = []
    /// Columns of figures, aligned on the right.
    var rightAligned: Set<Int> = []

    func render(maxWidth: Int = 120) -> String {
        // A cell is one line: a line break from a file would otherwise forge a row of its own.
        let rows = rows.map { $0.map { Printable.shown($0, singleLine: true) } }
        let header = header.map { Printable.shown($0, singleLine: true) }
        var widths = header.indices.map { column in ([header] + rows).map { $0[column].cellWidth }.max() ?? 0 }
        var excess = widths.reduce(0, +) + 2 * (widths.count - 1) - maxWidth
        for column in flexible where excess > 0 {
            let cut = min(excess, max(0, widths[column] - 12))
            widths[column] -= cut
            excess -= cut
        }
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                let fitted = cell.truncated(toCells: widths[column])
                if rightAligned.contains(column) { return String(repeating: " ", count: widths[column] - fitted.cellWidth) + fitted }
                return column == row.count - 1 ? fitted : fitted.padded(toCells: widths[column])
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
}
