import Foundation
import Testing

/// The decision memo checked the way its reader gets it: the HTML page printed to PDF by a
/// headless Chromium (installed by `.ci/run`), then read back with poppler's `pdfinfo` and
/// `pdftotext -layout`. One Chromium launch a test.
@Suite("The decision memo, printed")
struct MemoPrintTests {
    /// A memo exported by `bered`, printed, and read back page by page.
    struct Printed {
        let html: String
        let info: String
        /// `pdftotext -layout`, one string a page.
        let pages: [String]

        init(_ demo: DemoCopy, id: String, language: String = "sv") throws {
            let htmlFile = demo.url("memo.html"), pdfFile = demo.url("memo.pdf")
            let export = try Bered.run(["export", demo.path, "--format", "html", "--id", id, "--out", htmlFile.path, "--as", "lars", "--lang", language])
            try #require(export.status == 0, "\(export.stderr)")
            html = try String(contentsOf: htmlFile, encoding: .utf8)
            try MemoPrintTests.tool("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                         "--user-data-dir=" + demo.url("chromium").path, "--print-to-pdf=" + pdfFile.path, htmlFile.path])
            info = try MemoPrintTests.tool("/usr/bin/pdfinfo", [pdfFile.path])
            pages = try MemoPrintTests.tool("/usr/bin/pdftotext", ["-layout", pdfFile.path, "-"]).components(separatedBy: "\u{0C}")
                .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        }

        /// The page's width and height in points, from "Page size: 594.96 x 841.92 pts (A4)".
        var pageSize: (Double, Double)? {
            guard let line = info.split(separator: "\n").first(where: { $0.hasPrefix("Page size:") }) else { return nil }
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            return numbers.count >= 2 ? (numbers[0], numbers[1]) : nil
        }
    }

    @discardableResult
    static func tool(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(path) \(arguments)")
        return String(decoding: data, as: UTF8.self)
    }

    /// Text as compared: the print spaces as spaces, word joiners gone.
    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
            .replacingOccurrences(of: "\u{2060}", with: "")
    }

    /// The page's text as a reader sees it, entities undone and markup gone.
    static func shownText(_ html: String) -> String {
        let body = html.components(separatedBy: "<body>").last ?? html
        return body.replacing(/<[^>]*>/, with: " ").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Every amount of several groups ("1 652 039", "−720 000", "1,652,039") and every range ("2028–2035",
    /// "2022-10-15 – 2026-10-14") in the page, as often as the page has it, stands whole on
    /// one line of the PDF: a figure split over two lines is in neither line whole.
    static func expectNoFigureSplit(_ printed: Printed) {
        let shown = shownText(printed.html)
        let figure = /−?\d{1,3}(?:[\x{202F},]\d{3})+|\d{4}-\d\d-\d\d(?:\x{00A0}–\x{00A0}|\x{2060}–\x{2060})\d{4}-\d\d-\d\d|\d+\x{2060}–\x{2060}\d+/
        var wanted: [String: Int] = [:]
        for match in shown.matches(of: figure) { wanted[normalised(String(match.output)), default: 0] += 1 }
        #expect(wanted.count > 10, "\(wanted)")
        let lines = printed.pages.flatMap { $0.components(separatedBy: "\n") }.map(normalised)
        for (text, count) in wanted {
            let found = lines.reduce(0) { $0 + $1.components(separatedBy: text).count - 1 }
            #expect(found >= count, "\(text.debugDescription): \(count) in the page, \(found) whole on a line of the PDF")
        }
    }

    /// Every word of the page is in the PDF, so nothing ran past the margin and was cut off
    /// (a wide table did, before its headers could wrap). Words are compared in pieces split at
    /// hyphens and dashes, where a line may rightly break.
    static func expectNothingCutOff(_ printed: Printed) {
        func pieces(_ text: String) -> Set<String> {
            Set(normalised(text).split { $0.isWhitespace || $0 == "-" || $0 == "–" }.map(String.init))
        }
        let inPDF = pieces(printed.pages.joined(separator: "\n"))
        let missing = pieces(shownText(printed.html)).subtracting(inPDF)
        #expect(missing.isEmpty, "not in the PDF: \(missing.sorted().prefix(20))")
    }

    /// Each table: its header's cells, and each row's first two cells' first words, by which
    /// its lines are known in the PDF ("2027" and "960": a year row; the chart's year labels
    /// have no cost beside them).
    static func tables(_ html: String) -> [(header: [String], rows: [(String, String)])] {
        func firstWord(_ cell: Substring) -> String { normalised(shownText(String(cell))).split(separator: " ").first.map(String.init) ?? "" }
        return html.components(separatedBy: "<table>").dropFirst().map { table in
            let parts = table.components(separatedBy: "</thead>")
            let header = parts[0].matches(of: /<th[^>]*>([^<]*)<\/th>/).map { normalised(shownText(String($0.output.1))) }
            let body = parts.last!.components(separatedBy: "</table>")[0]
            let rows = body.matches(of: /<tr><td[^>]*>([^<]*)<\/td><td[^>]*>([^<]*)<\/td>/).map { (firstWord($0.output.1), firstWord($0.output.2)) }
            return (header, rows)
        }
    }

    /// A table that runs onto several pages has its header row on every one: on each page
    /// where one of its rows begins a line, a line holds the first word of every header cell,
    /// in order. Returns how many pages each table spans.
    @discardableResult
    static func expectHeadersRepeat(_ printed: Printed) -> [[String]: Int] {
        var spans: [[String]: Int] = [:]
        let tables = tables(printed.html)
        let firsts = tables.flatMap { $0.rows.map(\.0) }
        let lines = printed.pages.map { $0.components(separatedBy: "\n").map { normalised($0).split(separator: " ").map(String.init) } }
        for table in tables {
            // Rows known by a first word no other row has, so a page is the table's for sure.
            let markers = table.rows.filter { row in !row.0.isEmpty && !row.1.isEmpty && firsts.filter { $0 == row.0 }.count == 1 }
            let pages = lines.indices.filter { page in
                lines[page].contains { words in markers.contains { words.first == $0.0 && words.dropFirst().contains($0.1) } }
            }
            spans[table.header] = pages.count
            // A header cell may wrap, after a space or a dash: its first word is on the row's first line.
            let heads = table.header.compactMap { $0.split(whereSeparator: { $0 == " " || $0 == "–" }).first.map(String.init) }
            for page in pages {
                let found = lines[page].contains { words in
                    var rest = words[...]
                    return heads.allSatisfy { head in
                        guard let index = rest.firstIndex(where: { $0 == head || $0.hasPrefix(head + "–") }) else { return false }
                        rest = rest[(index + 1)...]
                        return true
                    }
                }
                #expect(found, "page \(page + 1): no header \(heads) for the table of \(markers.prefix(2))")
            }
        }
        return spans
    }

    @Test func theDemoMemoInEnglishIsA4WithPageMarksAndNoFigureOrRangeSplit() throws {
        let demo = try DemoCopy()
        let printed = try Printed(demo, id: "2026-006", language: "en")
        let (width, height) = try #require(printed.pageSize)
        #expect(abs(width - 595) < 1 && abs(height - 842) < 1, "\(printed.info)")
        #expect(printed.pages.count >= 3)
        for (index, page) in printed.pages.enumerated() {
            #expect(page.contains("Ale kommuns sociala investeringsfond · application 2026-006 · case number KS 2026/112"), "page \(index + 1)")
            #expect(page.contains("Page \(index + 1) of \(printed.pages.count)"), "page \(index + 1)")
        }
        Self.expectNoFigureSplit(printed)
        Self.expectHeadersRepeat(printed)
        Self.expectNothingCutOff(printed)
        // The hump is drawn: its year labels and axis figures are in the PDF as text.
        let text = Self.normalised(printed.pages.joined())
        #expect(text.contains("Net per year") && text.contains("Cumulative present value"))
    }

    /// 2026-006 with 40 years and 40 more effect lines: the year table and the effect table run
    /// over several pages each, and its many amounts and ranges sit in narrow columns. (With
    /// breakable thin spaces and no word joiners, 23 of its 157 figures split; without the
    /// `thead`, the year table's header stood on one of its two pages.)
    @Test func aLongMemosTablesRepeatTheirHeadersOnEveryPage() throws {
        let demo = try DemoCopy()
        let config = demo.url("bered.toml")
        try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "\nhorizon = 10\n", with: "\nhorizon = 40\n")
            .write(to: config, atomically: true, encoding: .utf8)
        let file = demo.url("2026-006/application.toml")
        var text = try String(contentsOf: file, encoding: .utf8)
        for number in 1...40 {
            text += """

            [[calculation.effects]]
            actor = "Sektor barn och utbildning, Grästorps kommun"
            description = "Effect line \(number) with a description long enough to wrap in its cell"
            people = \(number)
            value_per_person = \(1_000_000 + number * 12_345)
            source = "Source \(number), 2024, 1 234 567 kr per year"
            from_year = \(2028 + number % 10)
            years = \(3 + number % 20)

            """
        }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let printed = try Printed(demo, id: "2026-006")
        let (width, height) = try #require(printed.pageSize)
        #expect(abs(width - 595) < 1 && abs(height - 842) < 1)
        for (index, page) in printed.pages.enumerated() {
            #expect(page.contains("Ale kommuns sociala investeringsfond · ansökan 2026-006 · diarienummer KS 2026/112"), "page \(index + 1)")
            #expect(page.contains("Sida \(index + 1) av \(printed.pages.count)"), "page \(index + 1)")
        }
        let spans = Self.expectHeadersRepeat(printed)
        // The test has teeth only if the long tables do run onto further pages.
        #expect(spans.first { $0.key.first == "År" && $0.key.count == 5 }?.value ?? 0 >= 2, "\(spans)")
        #expect(spans.first { $0.key.first == "Effekt" }?.value ?? 0 >= 2, "\(spans)")
        Self.expectNoFigureSplit(printed)
        Self.expectNothingCutOff(printed)
    }
}

@Suite("The decision memo from the command line")
struct MemoCommandTests {
    /// An application moved past the review gate by override carries the override into the
    /// memo, from its history, all the way to the decision.
    @Test func anOverrideOfTheReviewGateIsInTheMemo() throws {
        let demo = try DemoCopy()
        let move = try Bered.run(["move", demo.path, "2026-004", "to_steering_group", "--override", "Styrgruppen behöver ärendet före sommaren.",
                                  "--as", "lars"])
        try #require(move.status == 0, "\(move.stderr)")
        let memo = try Bered.run(["export", demo.path, "--format", "md", "--id", "2026-004", "--as", "lars"]).stdout
        #expect(memo.contains("Ansökan lämnade beredningen genom ett avsteg; se Avsteg."), "\(memo)")
        #expect(memo.contains("flyttade Lars Bergström ansökan från beredningen till styrgruppen trots att beredningen inte var klar. "
            + "Motivering: Styrgruppen behöver ärendet före sommaren."), "\(memo)")
        let untouched = try Bered.run(["export", demo.path, "--format", "md", "--id", "2026-006", "--as", "lars"]).stdout
        #expect(!untouched.contains("## Avsteg"))
    }
}
