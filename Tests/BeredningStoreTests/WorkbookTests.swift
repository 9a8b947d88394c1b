import BeredningCore
@testable import BeredningExport
import BeredningResources
import BeredningStore
import Foundation
import Testing

/// The workbook as values, and the XML it is spelt in, without unzipping anything.
@Suite("The Excel workbook's model")
struct WorkbookTests {
    @Test func columnsAreNamedAsExcelNamesThem() {
        #expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(XLSXWriter.columnName) == ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"])
    }

    @Test func daysAreExcelSerialsFromMarch1900AndTextBefore() {
        // The serials as Python counts them from 1899-12-30: (date(2026, 6, 16) - date(1899, 12, 30)).days.
        #expect(XLSXWriter.serial(Day("2026-06-16")!) == 46_189)
        #expect(XLSXWriter.serial(Day("2000-02-29")!) == 36_585)
        #expect(XLSXWriter.serial(Day("1970-01-01")!) == 25_569)
        #expect(XLSXWriter.serial(Day("1900-03-01")!) == 61)
        #expect(XLSXWriter.serial(Day("1900-02-28")!) == nil)
        #expect(XLSXWriter.cell(.date(Day("1900-01-05")!), at: "A2").contains("t=\"inlineStr\""))
        #expect(XLSXWriter.cell(.date(Day("2026-06-16")!), at: "A2") == "<c r=\"A2\" s=\"5\"><v>46189</v></c>")
    }

    @Test func aTextThatLooksLikeAFormulaIsStillText() {
        for text in ["=SUMMA(A1:A9)", "+46 31 00 00", "-1", "@IMPORT", "=1+1"] {
            let xml = XLSXWriter.cell(.text(text), at: "B2")
            #expect(xml.hasPrefix("<c r=\"B2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"), "\(text)")
            #expect(!xml.contains("<f>") && !xml.contains("<f "), "\(text)")
        }
        let sheet = XLSXWriter.worksheet(Sheet(name: "S", header: ["a"], rows: [[.text("=HYPERLINK(\"http://x\")")]]))
        #expect(!sheet.contains("<f"))
        #expect(sheet.contains("=HYPERLINK(&quot;http://x&quot;)"))
    }

    @Test func textIsEscapedAndRidOfWhatXMLForbids() {
        #expect(XLSXWriter.escaped("a & b < c > d \"e\" 'f'") == "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;")
        #expect(XLSXWriter.cellText("Rubrik\u{01}\u{08}\u{0B}\u{0C}\u{1F}\u{FFFE}\u{FFFF} slut") == "Rubrik slut")
        #expect(XLSXWriter.cellText("tab\there") == "tab\there")
        #expect(XLSXWriter.cellText("rad 1\r\nrad 2\rrad 3") == "rad 1\nrad 2\nrad 3")
        #expect(XLSXWriter.cellText("🙂 åäö") == "🙂 åäö")
        // Excel reads _x0041_ as "A"; its own escape for the underscore keeps the letters as written.
        #expect(XLSXWriter.cellText("kod _x0041_ och _X00e5_ men inte _x00G1_ eller _x41_") == "kod _x005F_x0041_ och _x005F_X00e5_ men inte _x00G1_ eller _x41_")
    }

    @Test func theShortcutForPlainTextsGivesWhatTheWholeWorkGives() {
        let texts = ["Utökade hembesök", "", "a & b", "<b>", "\"citat\" och 'enkla'", "_x0041_", "under_streck", "rad\r\nrad", "rad\nrad",
                     "tab\there", "\u{01}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{EF}\u{FFEF}", "🙂", String(repeating: "a", count: 40_000)]
        for text in texts {
            #expect(XLSXWriter.cellXML(text) == XLSXWriter.escaped(XLSXWriter.cellText(text)), "\(text.prefix(20).debugDescription)")
        }
    }

    @Test func aTextLongerThanACellHoldsIsCutWithAnEllipsis() {
        let long = String(repeating: "å", count: 40_000)
        let cut = XLSXWriter.cellText(long)
        #expect(cut.utf16.count == XLSXWriter.cellLimit)
        #expect(cut.hasSuffix("…"))
        // An emoji is two UTF-16 units and is never split in half.
        let emoji = XLSXWriter.cellText(String(repeating: "🙂", count: 20_000))
        #expect(emoji.utf16.count <= XLSXWriter.cellLimit && emoji.hasSuffix("🙂…"))
    }

    @Test func numbersAreWrittenExactlyAndShownInTheirFormat() {
        #expect(XLSXWriter.number(1_450_000) == "1450000")
        #expect(XLSXWriter.number(62.5) == "62.5")
        #expect(XLSXWriter.number(-3) == "-3")
        #expect(XLSXWriter.cell(.kronor(400_000), at: "K2") == "<c r=\"K2\" s=\"3\"><v>400000</v></c>")
        #expect(XLSXWriter.cell(.integer(2026), at: "C2") == "<c r=\"C2\" s=\"2\"><v>2026</v></c>")
        #expect(XLSXWriter.cell(.number(3.25, .decimal), at: "P2") == "<c r=\"P2\" s=\"4\"><v>3.25</v></c>")
        #expect(XLSXWriter.cell(.number(62.5, .general), at: "E2") == "<c r=\"E2\"><v>62.5</v></c>")
        #expect(XLSXWriter.cell(.number(.nan, .general), at: "E2") == "")
        #expect(XLSXWriter.cell(.empty, at: "E2") == "")
        #expect(Sheet.shown(1_450_000, .kronor) == "1 450 000")
        #expect(Sheet.shown(-1_652_039, .kronor) == "-1 652 039")
        #expect(Sheet.shown(999, .kronor) == "999")
        #expect(Sheet.shown(3.0 + 1.0 / 3.0, .decimal) == "3,33")
        #expect(Sheet.shown(3.05, .decimal) == "3,05")
        #expect(Sheet.shown(2026, .integer) == "2026")
    }

    @Test func theStylesNameTheFormatsTheCellsUse() {
        #expect(XLSXWriter.styles.contains("<numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"))
        // cellXfs in Style's order: plain, bold header, 0, #,##0, 0.00, the date.
        let formats = XLSXWriter.styles.components(separatedBy: "<cellXfs")[1].components(separatedBy: "<xf ").dropFirst()
            .map { $0.components(separatedBy: "numFmtId=\"")[1].prefix { $0 != "\"" } }
        #expect(formats == ["0", "0", "1", "3", "2", "164"])
        #expect(XLSXWriter.Style.date.rawValue == 5 && XLSXWriter.Style.header.rawValue == 1)
    }

    @Test func columnsAreAsWideAsTheirWidestCellAndNoWider() {
        let sheet = Sheet(name: "Beslut", header: ["Nr", "Beviljat totalt (kr)", "Motivering", "Datum"], rows: [
            [.text("2026-001"), .kronor(1_450_000), .text(String(repeating: "x", count: 500)), .date(Day("2026-06-16")!)],
            [.text("2026-002"), .kronor(12), .text("kort\nen mycket längre andra rad"), .empty],
        ])
        // Header + filter button + 1, the longest cell + 1, capped.
        #expect(sheet.columnWidths == [max(2 + 3, 8) + 1, 20 + 3 + 1, Sheet.maximumWidth, max(5 + 3, 10) + 1])
        let lines = Sheet(name: "S", header: ["a"], rows: [[.text("kort\nen mycket längre andra rad")]])
        #expect(lines.columnWidths == ["en mycket längre andra rad".count + 1])
        #expect(Sheet(name: "S", header: ["a"], rows: [[.text("🙂🙂")]]).columnWidths == [5])
    }

    @Test func everyRowIsAsLongAsTheHeader() {
        let sheet = Sheet(name: "S", header: ["a", "b", "c"], rows: [[.text("1")], [.text("1"), .text("2"), .text("3"), .text("4")]])
        #expect(sheet.rows == [[.text("1"), .empty, .empty], [.text("1"), .text("2"), .text("3")]])
    }

    @Test func sheetNamesAreOnesExcelAccepts() {
        #expect(Sheet.validName("Poäng per granskare") == "Poäng per granskare")
        #expect(Sheet.validName("a/b: [c]*?\\") == "a b   c")
        #expect(Sheet.validName("'citat'") == "citat")
        #expect(Sheet.validName("   ") == "Sheet")
        #expect(Sheet.validName("\u{01}x") == "x")
        #expect(Sheet.validName(String(repeating: "å", count: 40)).count == 31)
        let book = Workbook(sheets: [Sheet(name: "Beslut", header: ["a"], rows: []), Sheet(name: "beslut", header: ["a"], rows: []),
                                     Sheet(name: "Beslut", header: ["a"], rows: [])])
        #expect(book.sheets.map(\.name) == ["Beslut", "beslut (2)", "Beslut (3)"])
    }

    @Test func theWorksheetFreezesTheHeaderAndFiltersTheData() {
        let xml = XLSXWriter.worksheet(Sheet(name: "S", header: ["a", "b", "c"], rows: [[.text("1")], [.text("2")]]))
        #expect(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(xml.contains("<autoFilter ref=\"A1:C3\"/>"))
        #expect(xml.contains("<dimension ref=\"A1:C3\"/>"))
        #expect(xml.contains("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\" s=\"1\">"))
        // The parts' order within a worksheet is fixed by the schema; Excel refuses any other.
        let order = ["<dimension", "<sheetViews", "<sheetFormatPr", "<cols", "<sheetData", "<autoFilter"].map { xml.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
        let workbook = XLSXWriter.workbookXML(Workbook(sheets: [Sheet(name: "Ann's", header: ["a", "b"], rows: [[.empty]])]))
        #expect(workbook.contains("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">&apos;Ann&apos;&apos;s&apos;!$A$1:$B$2</definedName>"))
    }

    @Test func thePackageHasEveryPartItNames() throws {
        let book = Workbook(sheets: [Sheet(name: "A", header: ["x"], rows: []), Sheet(name: "B", header: ["y"], rows: [])])
        let parts = XLSXWriter.parts(book)
        #expect(parts.map(\.path) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                                      "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
        let types = parts[0].xml, relationships = parts[3].xml
        for path in parts.map(\.path) where path.hasPrefix("xl/") && !path.contains("_rels") {
            #expect(types.contains("PartName=\"/\(path)\""), "\(path)")
        }
        #expect(relationships.contains("Target=\"worksheets/sheet2.xml\"") && relationships.contains("Id=\"rId3\""))
        // The same workbook gives the same bytes, whatever the clock says.
        #expect(try XLSXWriter.data(book) == (try XLSXWriter.data(book)))
    }

    @Test(arguments: [Language.sv, .en])
    func theDemoHasItsSixSheetsInTheUsersLanguage(language: Language) throws {
        let book = FundWorkbook.workbook(try demoSnapshot(), catalog: try BundledResources.catalog(language))
        let names = language == .sv ? ["Beslut", "Poäng per granskare", "Beviljat per år", "Uppföljningar", "Utfall per aktör och år", "Återbetalningar"]
            : ["Decisions", "Scores by reviewer", "Grants by year", "Follow-ups", "Realised by actor and year", "Repayments"]
        #expect(book.sheets.map(\.name) == names)
        // Six applications; three reviewers × 7 criteria on four of them, and on the others fewer.
        #expect(book.sheets[0].rows.count == 6)
        #expect(book.sheets[1].rows.count == 12 * 7)
        #expect(book.sheets[2].rows.count == 3)
        #expect(book.sheets[3].rows.count == 3)
        #expect(book.sheets[4].rows.count == 3)
        #expect(book.sheets[5].rows.count == 5)
    }

    @Test func theWorkbookHoldsNothingOfTheYouthPanel() throws {
        let snapshot = try demoSnapshot()
        let youth = snapshot.config.members.filter { $0.role == .youthPanel }
        #expect(!youth.isEmpty)
        let book = FundWorkbook.workbook(snapshot, catalog: catalog)
        let texts = book.sheets.flatMap { $0.rows.flatMap { $0 } }.compactMap { cell -> String? in
            if case .text(let text) = cell { return text }
            return nil
        }
        for member in youth {
            #expect(!texts.contains { $0.localizedCaseInsensitiveContains(member.name) || $0 == member.id.rawValue }, "\(member.id)")
        }
        for comment in snapshot.dossiers.flatMap(\.comments) {
            #expect(!texts.contains(comment.text))
        }
    }
}
