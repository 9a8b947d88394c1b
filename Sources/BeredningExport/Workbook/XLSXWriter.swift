import BeredningCore
import Foundation
import ZIPFoundation

/// A `Workbook` spelt as an Office Open XML spreadsheet (ECMA-376, the .xlsx of Excel and
/// LibreOffice): the parts as XML texts, then zipped. Only what a reader needs: the content
/// types, the relationships, the workbook, one style sheet and a worksheet per sheet.
///
/// Texts are inline strings (`t="inlineStr"`), never formulas: a cell is a formula only with an
/// `<f>` element, which this writer has no way to write, so "=SUMMA(A1)" stays those letters.
public enum XLSXWriter {
    /// The parts by their path in the package, [Content_Types].xml first as Office writes it.
    public static func parts(_ workbook: Workbook) -> [(path: String, xml: String)] {
        [("[Content_Types].xml", contentTypes(sheets: workbook.sheets.count)),
         ("_rels/.rels", packageRelationships),
         ("xl/workbook.xml", workbookXML(workbook)),
         ("xl/_rels/workbook.xml.rels", workbookRelationships(sheets: workbook.sheets.count)),
         ("xl/styles.xml", styles)]
            + workbook.sheets.enumerated().map { ("xl/worksheets/sheet\($0.offset + 1).xml", worksheet($0.element)) }
    }

    /// The .xlsx file. The parts carry a fixed date, so the same store gives the same bytes.
    public static func data(_ workbook: Workbook) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, xml) in parts(workbook) {
            let bytes = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static let fixedDate = Date(timeIntervalSince1970: 1_577_836_800) // 2020-01-01

    // MARK: Cells

    /// Style indexes into `styles`' cellXfs.
    enum Style: Int {
        case plain = 0, header, integer, kronor, decimal, date

        init(_ style: CellFormat) {
            switch style {
            case .integer: self = .integer
            case .kronor: self = .kronor
            case .decimal: self = .decimal
            case .general: self = .plain
            }
        }
    }

    /// "A", "Z", "AA": the column's letters for a zero-based index.
    static func columnName(_ index: Int) -> String {
        var name = "", number = index + 1
        while number > 0 {
            let remainder = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            number = (number - 1) / 26
        }
        return name
    }

    /// Excel's serial day: days since 1899-12-30, which is right from 1900-03-01 on (Excel counts
    /// a 29 February 1900 that never was); nil for earlier days, which are written as text.
    static func serial(_ day: Day) -> Int? {
        let serial = day.daysSince1970 + 25_569
        return serial >= 61 ? serial : nil
    }

    static func cell(_ cell: Cell, at reference: String, header: Bool = false) -> String {
        switch cell {
        case .empty: return ""
        case .text(let text): return inlineString(text, at: reference, style: header ? .header : .plain)
        case .number(let value, let style):
            guard value.isFinite else { return "" }
            return "<c r=\"\(reference)\"" + styleAttribute(Style(style)) + "><v>\(number(value))</v></c>"
        case .date(let day):
            guard let serial = serial(day) else { return inlineString(day.description, at: reference, style: .plain) }
            return "<c r=\"\(reference)\"" + styleAttribute(.date) + "><v>\(serial)</v></c>"
        }
    }

    static func styleAttribute(_ style: Style) -> String { style == .plain ? "" : " s=\"\(style.rawValue)\"" }

    static func inlineString(_ text: String, at reference: String, style: Style) -> String {
        "<c r=\"\(reference)\" t=\"inlineStr\"" + styleAttribute(style) + "><is><t xml:space=\"preserve\">" + cellXML(text) + "</t></is></c>"
    }

    /// `cellText`, escaped for XML. Most texts need neither, which one pass over the bytes
    /// tells: the whole work on every text made a 5 000-application workbook three times slower.
    static func cellXML(_ text: String) -> String {
        if text.utf8.count <= cellLimit, !text.utf8.contains(where: needsWork) { return text }
        return escaped(cellText(text))
    }

    /// A byte that starts something `cellText` or `escaped` changes: a control character (and
    /// CR), one of `& < > " '`, the underscore of an Excel escape, or the lead byte of U+FFFE and U+FFFF.
    static func needsWork(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09, 0x0A: return false
        case 0..<0x20, 0x22, 0x26, 0x27, 0x3C, 0x3E, 0x5F, 0xEF: return true
        default: return false
        }
    }

    /// A number as the XML has it: whole numbers without ".0", others in Swift's shortest
    /// round-tripping form (62.5, 3.3333333333333335).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    // MARK: Text

    /// The most a cell holds (Excel's limit, in UTF-16 units); a longer text is cut with "…".
    /// Nothing in a store comes near it; the JSON export has every text whole.
    static let cellLimit = 32_767

    /// A text as a cell holds it: only characters XML 1.0 allows, line breaks as Excel keeps
    /// them (LF: an XML reader turns a CR into LF anyway), at most `cellLimit` long, and an
    /// underscore that would start Excel's own escape `_x0041_` escaped as `_x005F_`, so the
    /// cell reads back as the same letters.
    static func cellText(_ text: String) -> String {
        var text = xmlSafe(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
        if text.utf16.count > cellLimit {
            var cut = ""
            var units = 0
            for character in text {
                units += character.utf16.count
                if units > cellLimit - 1 { break }
                cut.append(character)
            }
            text = cut + "…"
        }
        return escapingExcelEscapes(text)
    }

    /// Without the characters XML 1.0 forbids (C0 controls other than tab, LF and CR, and
    /// U+FFFE, U+FFFF): a part holding one is not XML, and Excel refuses the whole file.
    static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !allowedInXML($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter(allowedInXML))
        return String(scalars)
    }

    static func allowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    static func escapingExcelEscapes(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == "_", index + 6 < scalars.count, scalars[index + 1] == "x" || scalars[index + 1] == "X",
               scalars[(index + 2)...(index + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }), scalars[index + 6] == "_" {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The five characters XML gives a meaning, as entities.
    static func escaped(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    // MARK: Parts

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// "A1:R7": the header and the data.
    static func range(_ sheet: Sheet) -> String {
        "A1:" + columnName(max(sheet.header.count, 1) - 1) + String(sheet.rows.count + 1)
    }

    static func worksheet(_ sheet: Sheet) -> String {
        var xml = declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
        xml += "<dimension ref=\"\(range(sheet))\"/>"
        // The header row stays in view while the data scrolls under it.
        xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if !sheet.header.isEmpty {
            xml += "<cols>" + sheet.columnWidths.enumerated().map { index, width in
                "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }.joined() + "</cols>"
        }
        let letters = sheet.header.indices.map(columnName)
        xml += "<sheetData>"
        xml += "<row r=\"1\">" + zip(letters, sheet.header).map { cell(.text($1), at: $0 + "1", header: true) }.joined() + "</row>"
        for (index, row) in sheet.rows.enumerated() {
            let number = String(index + 2)
            xml += "<row r=\"\(number)\">" + zip(letters, row).map { cell($1, at: $0 + number) }.joined() + "</row>"
        }
        xml += "</sheetData>"
        if !sheet.header.isEmpty { xml += "<autoFilter ref=\"\(range(sheet))\"/>" }
        return xml + "</worksheet>"
    }

    static func workbookXML(_ workbook: Workbook) -> String {
        var xml = declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><bookViews><workbookView/></bookViews><sheets>"
        for (index, sheet) in workbook.sheets.enumerated() {
            xml += "<sheet name=\"\(escaped(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets>"
        // Excel keeps each autofilter's range under this hidden name as well, and repairs a file without it.
        let filtered = workbook.sheets.enumerated().filter { !$0.element.header.isEmpty }
        if !filtered.isEmpty {
            xml += "<definedNames>" + filtered.map { index, sheet in
                let absolute = range(sheet).split(separator: ":").map { reference in
                    let letters = reference.prefix { $0.isLetter }, digits = reference.drop { $0.isLetter }
                    return "$" + letters + "$" + digits
                }.joined(separator: ":")
                let name = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'!" + absolute
                return "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">\(escaped(name))</definedName>"
            }.joined() + "</definedNames>"
        }
        return xml + "</workbook>"
    }

    static func contentTypes(sheets: Int) -> String {
        declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + (0..<sheets).map {
                "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            }.joined()
            + "</Types>"
    }

    static let packageRelationships = declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"

    static func workbookRelationships(sheets: Int) -> String {
        declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + (0..<sheets).map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined()
            + "<Relationship Id=\"rId\(sheets + 1)\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/></Relationships>"
    }

    /// The custom format for dates: ISO, as Swedish authorities write them. Built-in format 14
    /// would follow the reader's locale (3/5/2026 in the US), so the code is spelt out.
    static let dateFormat = "yyyy-mm-dd"

    /// The cell formats, in `Style`'s order. The number formats are Excel's built-in ones, which
    /// every program localises: 1 `0`, 2 `0.00`, 3 `#,##0`.
    static let styles = declaration + "<styleSheet xmlns=\"\(main)\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"\(dateFormat)\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"6\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"2\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"
}
