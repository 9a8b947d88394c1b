import BeredningCore
import Foundation

/// A spreadsheet workbook as plain values: sheets of typed cells under one header row. What the
/// workbook says is decided here and tested as values; `XLSXWriter` only spells it as OOXML.
public struct Workbook: Hashable, Sendable {
    public var sheets: [Sheet]

    public init(sheets: [Sheet]) {
        var names: Set<String> = []
        self.sheets = sheets.map { sheet in
            var sheet = sheet
            sheet.name = Sheet.uniqueName(sheet.name, taken: names)
            names.insert(sheet.name.lowercased())
            return sheet
        }
    }
}

/// One cell's value and the way a spreadsheet must show it.
public enum Cell: Hashable, Sendable {
    case empty
    /// Text is stored as text and nothing else: never a formula, whatever it starts with.
    case text(String)
    case number(Double, CellFormat)
    case date(Day)

    public static func kronor(_ amount: Int) -> Cell { .number(Double(amount), .kronor) }
    public static func integer(_ value: Int) -> Cell { .number(Double(value), .integer) }
}

/// How a number is shown. Each is a format code that Excel and LibreOffice localise when they
/// show it: `#,##0` is drawn as "1 450 000" in a Swedish locale (the comma in the code is the
/// locale's thousands separator, not a literal comma) and `0.00` as "3,25". Writing a Swedish
/// space or comma into the code itself would print those literally in every other locale.
public enum CellFormat: Hashable, Sendable, CaseIterable {
    /// Whole kronor with thousands grouped. The unit stands once, in the column's header, not
    /// in every cell (`"kr"` in the format would repeat it down the column and widen it).
    case kronor
    /// Counts, scores on the fund's scale and years: digits only, so a year is never "2 026".
    case integer
    /// A mean score, to two decimals; the cell keeps the exact value.
    case decimal
    /// A measured value as it was written (62.5, 21): as many decimals as it has.
    case general
}

/// One sheet: a header row, then the data, every row as long as the header.
public struct Sheet: Hashable, Sendable {
    public var name: String
    public let header: [String]
    public let rows: [[Cell]]

    public init(name: String, header: [String], rows: [[Cell]]) {
        self.name = Sheet.validName(name)
        self.header = header
        self.rows = rows.map { row in
            row.count >= header.count ? Array(row.prefix(header.count)) : row + Array(repeating: .empty, count: header.count - row.count)
        }
    }

    /// The widest a column is made, in characters: a long rationale wraps nothing and would
    /// otherwise push every other column off the screen.
    public static let maximumWidth = 60
    /// Room for the autofilter's arrow beside a header.
    static let filterButton = 3

    /// Each column's width in characters: its widest cell as shown (the header with room for the
    /// filter button, a number with its thousands separators, a text's longest line), at most
    /// `maximumWidth`.
    public var columnWidths: [Int] {
        header.indices.map { column in
            var widest = Sheet.displayWidth(header[column]) + Sheet.filterButton
            for row in rows where widest + 1 < Sheet.maximumWidth {
                widest = max(widest, Sheet.displayWidth(row[column]))
            }
            return min(widest + 1, Sheet.maximumWidth)
        }
    }

    /// The characters a cell takes when shown with its format.
    static func displayWidth(_ cell: Cell) -> Int {
        switch cell {
        case .empty: return 0
        case .text(let text): return displayWidth(text)
        case .date: return 10
        case .number(let value, let style): return shown(value, style).count
        }
    }

    /// The longest line; a character outside the Basic Multilingual Plane (an emoji) counts twice,
    /// as it is drawn about twice as wide.
    static func displayWidth(_ text: String) -> Int {
        var widest = 0, line = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                widest = max(widest, line)
                line = 0
            } else {
                line += scalar.value > 0xFFFF ? 2 : 1
            }
        }
        return max(widest, line)
    }

    /// The number as the format shows it, for measuring: "1 450 000", "3,25".
    static func shown(_ value: Double, _ style: CellFormat) -> String {
        switch style {
        case .integer: return String(Int(value.rounded()))
        case .kronor:
            let digits = String(Int(abs(value).rounded()))
            var grouped = ""
            for (index, digit) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(" ") }
                grouped.append(digit)
            }
            return (value < 0 ? "-" : "") + grouped
        case .decimal:
            let hundredths = Int((abs(value) * 100).rounded())
            return (value < 0 ? "-" : "") + "\(hundredths / 100)," + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
        case .general: return XLSXWriter.number(value)
        }
    }

    // MARK: Sheet names

    /// Excel refuses a workbook whose sheet name is empty, longer than 31 characters, holds any of
    /// `[ ] : * ? / \`, or starts or ends with an apostrophe.
    static func validName(_ name: String) -> String {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        var cleaned = String(XLSXWriter.xmlSafe(name).map { forbidden.contains($0) || $0.isNewline ? " " : $0 })
        cleaned = String(cleaned.prefix(31))
        while cleaned.hasPrefix("'") { cleaned.removeFirst() }
        while cleaned.hasSuffix("'") { cleaned.removeLast() }
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty ? "Sheet" : cleaned
    }

    /// Two sheets may not share a name, whatever the case: the second gets " (2)".
    static func uniqueName(_ name: String, taken: Set<String>) -> String {
        guard taken.contains(name.lowercased()) else { return name }
        var number = 2
        while true {
            let suffix = " (\(number))"
            let candidate = String(name.prefix(31 - suffix.count)) + suffix
            if !taken.contains(candidate.lowercased()) { return candidate }
            number += 1
        }
    }
}
