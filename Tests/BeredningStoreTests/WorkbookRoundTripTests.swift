import BeredningCore
import BeredningExport
import BeredningResources
import BeredningStore
import Foundation
import Testing
import TOMLKit

/// The demo store's workbook read back by an independent reader (Python's openpyxl), every cell
/// compared, value and type, with what this test works out from the store's TOML files itself
/// (TOMLKit, not the store's parser; the words from the strings files, not the catalog).
@Suite("The Excel workbook read back")
struct WorkbookRoundTripTests {
    /// A cell as openpyxl reads it: text, a number with its format, a date with its format.
    enum Read: Equatable, CustomStringConvertible {
        case empty, text(String), number(Double, format: String), date(String)
        var description: String {
            switch self {
            case .empty: return "–"
            case .text(let text): return "text \(text.debugDescription)"
            case .number(let value, let format): return "number \(value) [\(format)]"
            case .date(let day): return "date \(day)"
            }
        }
    }

    struct ReadSheet {
        let name: String, freeze: String?, filter: String?, widths: [String: Double], boldHeader: Bool
        let rows: [[Read]]
    }

    // MARK: Reading the file

    /// openpyxl's view of every sheet as JSON. It leaves Excel's `_xHHHH_` escapes in a text as
    /// they are; Excel and LibreOffice undo them, so the script does as they do.
    static let reader = #"""
    import json, re, sys, datetime, openpyxl
    unescape = lambda s: re.sub('_x([0-9A-Fa-f]{4})_', lambda m: chr(int(m.group(1), 16)), s)
    book = openpyxl.load_workbook(sys.argv[1])
    sheets = []
    for ws in book.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                if c.value is None: cells.append(None)
                elif c.data_type == 's': cells.append({'t': 's', 'v': unescape(c.value)})
                elif c.data_type == 'd' and isinstance(c.value, datetime.datetime) and c.number_format == 'yyyy-mm-dd':
                    cells.append({'t': 'd', 'v': c.value.date().isoformat()})
                elif c.data_type == 'n': cells.append({'t': 'n', 'v': c.value, 'f': c.number_format})
                else: cells.append({'t': 'other ' + c.data_type + ' ' + c.number_format, 'v': str(c.value)})
            rows.append(cells)
        sheets.append({'name': ws.title, 'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref, 'rows': rows,
                       'widths': {k: v.width for k, v in ws.column_dimensions.items()}, 'bold': all(c.font.b for c in ws[1])})
    print(json.dumps(sheets))
    """#

    static func read(_ data: Data) throws -> [ReadSheet] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bered-workbook-\(UUID().uuidString).xlsx")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", reader, file.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(String(decoding: errors, as: UTF8.self))")
        let sheets = try #require(try JSONSerialization.jsonObject(with: output) as? [[String: Any]])
        return sheets.map { sheet in
            let rows = (sheet["rows"] as? [[Any]] ?? []).map { row in
                row.map { cell -> Read in
                    guard let cell = cell as? [String: Any], let type = cell["t"] as? String else { return .empty }
                    switch type {
                    case "s": return .text(cell["v"] as? String ?? "")
                    case "d": return .date(cell["v"] as? String ?? "")
                    case "n": return .number((cell["v"] as? NSNumber)?.doubleValue ?? .nan, format: cell["f"] as? String ?? "")
                    default: return .text("unexpected \(type): \(cell["v"] ?? "")")
                    }
                }
            }
            return ReadSheet(name: sheet["name"] as? String ?? "", freeze: sheet["freeze"] as? String, filter: sheet["filter"] as? String,
                             widths: sheet["widths"] as? [String: Double] ?? [:], boldHeader: sheet["bold"] as? Bool ?? false, rows: rows)
        }
    }

    // MARK: What the files say

    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources")

    static func toml(_ url: URL) throws -> TOMLTable { try TOMLTable(string: String(contentsOf: url, encoding: .utf8)) }

    static func files(_ folder: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "toml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func day(_ value: TOMLValueConvertible?) -> String? {
        guard let date = value?.date else { return nil }
        return String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
    }

    static func array(_ value: TOMLValueConvertible?) -> [TOMLValueConvertible] { value?.array.map { Array($0) } ?? [] }

    static func number(_ value: TOMLValueConvertible?) -> Double? { value?.double ?? value?.int.map(Double.init) }

    /// The words the strings file gives `dotted` ("export.xlsx.year").
    struct Words {
        let table: TOMLTable
        func callAsFunction(_ dotted: String) -> String {
            var current: TOMLTable? = table
            let parts = dotted.split(separator: ".").map(String.init)
            for part in parts.dropLast() { current = current?[part]?.table }
            return current?[parts.last!]?.string ?? "missing \(dotted)"
        }
    }

    static func text(_ value: String?) -> Read { (value ?? "").isEmpty ? .empty : .text(value!) }
    static func kronor(_ value: Int) -> Read { .number(Double(value), format: "#,##0") }
    static func integer(_ value: Int) -> Read { .number(Double(value), format: "0") }

    /// Every sheet's header and rows as the store's files say they must be.
    static func expected(store: URL, language: String) throws -> [(name: String, rows: [[Read]])] {
        let w = Words(table: try toml(resources.appendingPathComponent("strings/\(language).toml")))
        let config = try toml(store.appendingPathComponent("bered.toml"))
        let criteria = (array(try toml(resources.appendingPathComponent("criteria.toml"))["criteria"]) + array(config["criteria"])).map { criterion in
            (id: criterion.table?["id"]?.string ?? "", name: criterion.table?["name_\(language)"]?.string ?? "")
        }
        let preparationGroup = Set(array(config["members"]).compactMap { member in
            member.table?["role"]?.string == "preparation_group" ? member.table?["id"]?.string : nil
        })
        let needed = try #require(config["rules"]?.table?["reviews_needed"]?.int)
        let folders = try FileManager.default.contentsOfDirectory(atPath: store.path)
            .filter { $0.range(of: #"^\d{4}-\d{3}$"#, options: .regularExpression) != nil }.sorted()

        var decisions: [[Read]] = [["export.i_d", "export.title", "export.applicant", "export.state", "export.xlsx.received", "export.xlsx.requested",
                                    "export.body", "export.date", "export.case_number", "export.outcome", "export.granted", "memo.economic_model",
                                    "export.conditions", "export.rationale", "export.follow_ups", "export.mean_score", "export.reviews",
                                    "export.csv.reviews_needed"].map { .text(w($0)) }]
        var scores: [[Read]] = [["export.i_d", "export.title", "memo.reviewer", "export.xlsx.review_status", "memo.recommendation", "memo.criterion",
                                 "export.xlsx.score", "export.xlsx.comment"].map { .text(w($0)) }]
        var grants: [[Read]] = [["export.i_d", "export.title", "export.xlsx.year", "export.xlsx.granted_in_year"].map { .text(w($0)) }]
        var followUps: [[Read]] = [["export.i_d", "export.title", "export.xlsx.occasion", "export.xlsx.indicator", "export.xlsx.value", "export.xlsx.unit",
                                    "export.xlsx.measured", "export.xlsx.baseline", "export.xlsx.target", "export.xlsx.source",
                                    "export.xlsx.comment"].map { .text(w($0)) }]
        var realised: [[Read]] = [["export.i_d", "export.title", "export.xlsx.occasion", "export.xlsx.actor", "export.xlsx.year", "export.xlsx.cost",
                                   "export.xlsx.avoided"].map { .text(w($0)) }]
        var repayments: [[Read]] = [["export.i_d", "export.title", "export.xlsx.actor", "export.xlsx.year", "export.xlsx.planned",
                                     "export.xlsx.repaid"].map { .text(w($0)) }]

        for folder in folders {
            let root = store.appendingPathComponent(folder)
            let a = try toml(root.appendingPathComponent("application.toml"))
            let start: [Read] = [.text(folder), text(a["title"]?.string)]
            let conflicted = Set(files(root.appendingPathComponent("conflicts")).compactMap { try? toml($0)["member"]?.string })
            let reviews = try files(root.appendingPathComponent("reviews")).compactMap { file -> TOMLTable? in
                let review = try toml(file)
                let reviewer = review["reviewer"]?.string ?? ""
                return reviewer == file.deletingPathExtension().lastPathComponent && preparationGroup.contains(reviewer) ? review : nil
            }
            let counting = reviews.filter { $0["status"]?.string == "complete" && !conflicted.contains($0["reviewer"]?.string ?? "") }
            let points = counting.flatMap { review in criteria.compactMap { review["scores"]?.table?[$0.id]?.table?["score"]?.int } }
            let requested = array(a["budget"]?.table?["years"]).compactMap { $0.table?["requested"]?.int }
            let decisionFile = root.appendingPathComponent("decision.toml")
            let d = FileManager.default.fileExists(atPath: decisionFile.path) ? try toml(decisionFile) : nil
            let granted = array(d?["grants"]).map { (year: $0.table?["year"]?.int ?? 0, amount: $0.table?["amount"]?.int ?? 0) }
            decisions.append(start + [
                text(a["applicant"]?.string), .text(w("state." + (a["state"]?.string ?? ""))), day(a["received"]).map(Read.date) ?? .empty,
                requested.isEmpty ? .empty : kronor(requested.reduce(0, +)),
                text(d?["body"]?.string), day(d?["date"]).map(Read.date) ?? .empty, text(d?["case_number"]?.string),
                d.map { .text(w("decision_outcome." + ($0["outcome"]?.string ?? ""))) } ?? .empty,
                d == nil ? .empty : kronor(granted.map(\.amount).reduce(0, +)),
                d?["economic_model"]?.string.map { .text(w("economic_model." + $0)) } ?? .empty,
                text(d?["conditions"]?.string), text(d?["rationale"]?.string),
                // The file writes the follow-up days as quoted text.
                text(array(d?["follow_ups"]).compactMap { $0.string ?? day($0) }.joined(separator: ", ")),
                points.isEmpty ? .empty : .number(Double(points.reduce(0, +)) / Double(points.count), format: "0.00"),
                integer(counting.count), integer(needed),
            ])
            for review in reviews {
                for criterion in criteria {
                    let assessment = review["scores"]?.table?[criterion.id]?.table
                    let score: Read = assessment?["score"]?.int.map(integer) ?? (assessment?["score"]?.string == "cannot_judge" ? .text(w("score.cannot_judge")) : .empty)
                    scores.append(start + [
                        .text(review["reviewer"]?.string ?? ""), .text(w("review_status." + (review["status"]?.string ?? ""))),
                        review["recommendation"]?.string.map { .text(w("recommendation." + $0)) } ?? .empty,
                        .text(criterion.name), score, text(assessment?["comment"]?.string),
                    ])
                }
            }
            grants += granted.map { start + [integer($0.year), kronor($0.amount)] }

            let indicators = array(a["measurability"]?.table?["indicators"]).compactMap(\.table)
            for file in files(root.appendingPathComponent("followups")) {
                let followUp = try toml(file)
                let occasion: [Read] = start + [try #require(day(followUp["date"]).map(Read.date))]
                let measurements = array(followUp["measurements"]).compactMap(\.table)
                if measurements.isEmpty { followUps.append(occasion + Array(repeating: .empty, count: 8)) }
                for m in measurements {
                    let name = m["indicator"]?.string ?? ""
                    let indicator = indicators.first { $0["name"]?.string == name }
                    let unit = (m["unit"]?.string ?? "").isEmpty ? indicator?["unit"]?.string : m["unit"]?.string
                    followUps.append(occasion + [
                        .text(name), number(m["value"]).map { .number($0, format: "General") } ?? .empty, text(unit),
                        day(m["measured"]).map(Read.date) ?? .empty,
                        number(indicator?["baseline"]).map { .number($0, format: "General") } ?? .empty,
                        number(indicator?["target"]).map { .number($0, format: "General") } ?? .empty,
                        text(m["source"]?.string), text(m["comment"]?.string),
                    ])
                }
                for line in array(followUp["realised"]).compactMap(\.table) {
                    realised.append(occasion + [text(line["actor"]?.string), line["year"]?.int.map(integer) ?? .empty,
                                                line["cost"]?.int.map(kronor) ?? .empty, line["avoided_cost"]?.int.map(kronor) ?? .empty])
                }
            }

            let repaymentsFile = root.appendingPathComponent("repayments.toml")
            if FileManager.default.fileExists(atPath: repaymentsFile.path) {
                let plan = try toml(repaymentsFile)
                let lines = array(plan["plan"]).compactMap(\.table).map { ($0["actor"]?.string ?? "", $0["year"]?.int ?? 0, $0["amount"]?.int ?? 0) }
                let paid = array(plan["received"]).compactMap(\.table).map { ($0["actor"]?.string ?? "", Int(day($0["date"])?.prefix(4) ?? "") ?? 0, $0["amount"]?.int ?? 0) }
                // Years in order; within a year, actors in the order the plan (then the payments) first names them.
                var actors: [String] = []
                for line in lines + paid where !actors.contains(line.0) { actors.append(line.0) }
                var keys: [(String, Int)] = []
                for line in lines + paid where !keys.contains(where: { $0 == (line.0, line.1) }) { keys.append((line.0, line.1)) }
                keys.sort { ($0.1, actors.firstIndex(of: $0.0)!) < ($1.1, actors.firstIndex(of: $1.0)!) }
                for (actor, year) in keys {
                    repayments.append(start + [.text(actor), integer(year),
                                               kronor(lines.filter { $0.0 == actor && $0.1 == year }.map(\.2).reduce(0, +)),
                                               kronor(paid.filter { $0.0 == actor && $0.1 == year }.map(\.2).reduce(0, +))])
                }
            }
        }
        return [(w("export.xlsx.sheet_decisions"), decisions), (w("export.xlsx.sheet_scores"), scores), (w("export.xlsx.sheet_grants"), grants),
                (w("export.xlsx.sheet_follow_ups"), followUps), (w("export.xlsx.sheet_realised"), realised),
                (w("export.xlsx.sheet_repayments"), repayments)]
    }

    // MARK: Layout

    static func column(_ index: Int) -> String {
        index < 26 ? String(UnicodeScalar(UInt8(65 + index))) : column(index / 26 - 1) + column(index % 26)
    }

    /// The characters a cell takes as shown: the longest line, grouped thousands, two decimals, a date's ten.
    static func shownWidth(_ cell: Read) -> Int {
        switch cell {
        case .empty: return 0
        case .text(let text): return text.split(separator: "\n", omittingEmptySubsequences: false).map(\.unicodeScalars.count).max() ?? 0
        case .date: return 10
        case .number(let value, let format):
            switch format {
            case "#,##0":
                let digits = String(Int(abs(value)))
                return digits.count + (digits.count - 1) / 3 + (value < 0 ? 1 : 0)
            case "0.00": return String(format: "%.2f", value).count
            default: return value == value.rounded() ? String(Int(value)).count : String(value).count
            }
        }
    }

    // MARK: The tests

    @Test(arguments: [Language.sv, .en])
    func everyCellOfTheDemoIsWhatItsFilesSay(language: Language) throws {
        let store = BundledResources.demoStore
        let snapshot = try FileStore(root: store, coreCriteria: BundledResources.coreCriteria()).load()
        let data = try XLSXWriter.data(FundWorkbook.workbook(snapshot, catalog: try BundledResources.catalog(language)))
        let read = try Self.read(data)
        let expected = try Self.expected(store: store, language: language.rawValue)

        #expect(read.map(\.name) == expected.map(\.name))
        for (sheet, want) in zip(read, expected) {
            #expect(sheet.rows.count == want.rows.count, "\(sheet.name): rows")
            for (index, (got, wanted)) in zip(sheet.rows, want.rows).enumerated() {
                #expect(got.count == wanted.count, "\(sheet.name) row \(index + 1): columns")
                for (column, (cell, wantedCell)) in zip(got, wanted).enumerated() where cell != wantedCell {
                    Issue.record("\(sheet.name)!\(Self.column(column))\(index + 1): \(cell), expected \(wantedCell)")
                }
            }
            let columns = want.rows[0].count
            let last = Self.column(columns - 1)
            #expect(sheet.freeze == "A2", "\(sheet.name)")
            #expect(sheet.filter == "A1:\(last)\(want.rows.count)", "\(sheet.name)")
            #expect(sheet.boldHeader, "\(sheet.name)")
            for column in 0..<columns {
                let header = Self.shownWidth(want.rows[0][column]) + 3
                let widest = want.rows.dropFirst().map { Self.shownWidth($0[column]) }.max() ?? 0
                #expect(sheet.widths[Self.column(column)] == Double(min(max(header, widest) + 1, 60)), "\(sheet.name) column \(Self.column(column))")
            }
        }
        // Something of every kind is compared: the demo has a decision, a follow-up with costs and one without an
        // avoided cost, a repayment and a "cannot be judged".
        for (index, minimum) in [6, 12 * 7, 3, 3, 3, 5].enumerated() { #expect(expected[index].rows.count - 1 == minimum) }
        #expect(expected[4].rows.contains { $0[6] == .empty })
        #expect(expected[1].rows.contains { $0[6] == .text(language == .sv ? "kan ej bedömas" : "cannot be judged") })
    }

    @Test func hostileTextsComeBackAsTheSameTextNeverAFormula() throws {
        var dossiers = try demoSnapshot().dossiers
        let config = try demoSnapshot().config
        let hostile = [
            "=HYPERLINK(\"http://evil.example\";\"klicka\")", "+46 31 00 00", "-2+3", "@SUMMA(A1)", "\t=1+1", "＝1+1",
            "Rubrik\u{01}med\u{08}styr\u{1F}tecken\u{FFFE}", "a & b < c > d \"e\" 'f'", "_x0041_ kod", "rad 1\r\nrad 2", "🙂 ÅÄÖ",
        ]
        for (index, title) in hostile.enumerated() where index < dossiers.count {
            dossiers[index].application.title = title
        }
        dossiers[0].reviews[0].assessments[config.criteria.all[0].id]?.comment = hostile[6...].joined(separator: " | ")
        let read = try Self.read(try XLSXWriter.data(FundWorkbook.workbook(dossiers, config: config, catalog: catalog)))
        let cleaned = hostile.map { $0.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" } }
            .map { String(String.UnicodeScalarView($0)).replacingOccurrences(of: "\u{FFFE}", with: "") }
        for index in 0..<min(hostile.count, dossiers.count) {
            #expect(read[0].rows[index + 1][1] == .text(cleaned[index]), "\(hostile[index].debugDescription)")
        }
        #expect(read[1].rows[1][7] == .text(cleaned[6...].joined(separator: " | ")))
    }
}
