import BeredningCore
import BeredningResources
import Foundation
import Testing

/// Numbers set for print: one formatter for every amount, with a style that a printed
/// document asks for and everything else leaves plain.
@Suite("Numbers set for print")
struct PrintNumberTests {
    let sv = try! BundledResources.catalog(.sv)
    let en = try! BundledResources.catalog(.en)
    var svPrint: Catalog { var c = sv; c.numbers = .print; return c }
    var enPrint: Catalog { var c = en; c.numbers = .print; return c }

    @Test func amountsHoldTheirGroupsTogetherAndCarryARealMinusSign() {
        #expect(svPrint.kronor(Money(-1_652_039)) == "\u{2212}1\u{202F}652\u{202F}039")
        #expect(svPrint.kronor(Money(999)) == "999")
        #expect(enPrint.kronor(Money(-1_652_039)) == "\u{2212}1,652,039")
        // Terminals, CSV files and command output stay as they were.
        #expect(sv.kronor(Money(-1_652_039)) == "-1 652 039")
        #expect(svPrint.decimal(-2.25) == "\u{2212}2,3" && sv.decimal(-2.25) == "-2,3")
        #expect(svPrint.percent(Decimal(string: "0.03")!) == "3\u{00A0}%" && sv.percent(Decimal(string: "0.03")!) == "3 %")
    }

    @Test func rangesAreJoinedSoALineCannotBreakInside() {
        let style = NumberStyle.print
        #expect(style.keepingRangesWhole("mandatperioden 2022–2026.") == "mandatperioden 2022\u{2060}–\u{2060}2026.")
        #expect(style.keepingRangesWhole("(2022-10-15 – 2026-10-14)") == "(2022-10-15\u{00A0}–\u{00A0}2026-10-14)")
        // A dash between words, or a dash standing for "none", is no range.
        #expect(style.keepingRangesWhole("Lägst–högst, – och 3 – x") == "Lägst–högst, – och 3 – x")
        #expect(NumberStyle.plain.keepingRangesWhole("2022–2026") == "2022–2026")
        #expect(svPrint.range("3", "4") == "3\u{2060}–\u{2060}4" && svPrint.range("4", "4") == "4")
    }
}

@Suite("A document printed on A4")
struct PrintedDocumentTests {
    @Test func figuresAreRecognisedAndTheirColumnsRightAligned() {
        for figure in ["1\u{202F}450\u{202F}000", "\u{2212}720\u{202F}000", "-3", "3,5", "2026", "12\u{00A0}%", "1 083", "0", "3–4", "2028\u{2060}–\u{2060}2035"] {
            #expect(Document.isFigure(figure), "\(figure)")
        }
        for text in ["", "–", "KS 2026/112", "2026-06-16", "år 7 (2032)", "3–", "1–2–3", "1 450 000 kr", "%"] {
            #expect(!Document.isFigure(text), "\(text)")
        }
        let columns = Document.numericColumns(header: ["År", "Kostnad (kr)", "Not"], rows: [["2026", "720\u{202F}000", "x"], ["2027", "–", "5"]])
        #expect(columns == [0, 1])
        let document = Document(title: "T", blocks: [.table(header: ["År", "Not"], rows: [["2026", "x"]])])
        #expect(document.html.contains("<thead><tr><th class=\"num\">År</th><th>Not</th></tr></thead>\n<tbody>\n<tr><td class=\"num\">2026</td><td>x</td></tr>\n</tbody>"))
        #expect(document.markdown.contains("| År | Not |\n|---:|---|\n| 2026 | x |"))
    }

    @Test func thePageIsA4WithRepeatedHeadersAndUnsplitRows() {
        let html = Document(title: "T", blocks: []).html
        for rule in ["size: A4;", "thead { display: table-header-group; }", "tr, figure { break-inside: avoid; }", "td.num { white-space: nowrap;"] {
            #expect(html.contains(rule), "\(rule)")
        }
        #expect(!html.contains("@top-left"))  // no page marks asked for, none printed
    }

    /// The header line is text from the store (a fund's name, a case number): inside the style
    /// element it may neither end the CSS string nor the element.
    @Test func pageMarksGoInTheMarginsAndCannotEscapeTheStyle() {
        let marks = Document.PageMarks(header: "Fond \"x\" \\ </style><script>alert(1)</script>\nny rad",
                                       pageLine: "Sida \(Document.PageMarks.page) av \(Document.PageMarks.pages)")
        let html = Document(title: "T", blocks: [], pageMarks: marks).html
        #expect(html.contains("@bottom-right { content: \"Sida \" counter(page) \" av \" counter(pages);"))
        #expect(html.contains("@top-left { content: \"Fond \\22 x\\22  \\5C  \\3C /style\\3E \\3C script\\3E alert(1)\\3C /script\\3E  ny rad\";"), "\(html)")
        #expect(!html.contains("<script") && html.components(separatedBy: "</style>").count == 2)
    }
}

@Suite("The investment hump as an inline SVG chart")
struct ChartTests {
    let chart = Chart(title: "Puckeln <b>", categories: ["2026", "2027", "2028", "2029"], bars: [Money(-720_000), Money(-960_000), Money(200_000), Money(900_000)],
                      line: [Money(-720_000), Money(-1_652_039), Money(-1_470_000), Money(-650_000)], barLegend: "Netto per år", lineLegend: "Ack. nuvärde",
                      unit: "kr", language: .sv)

    /// The numbers of an attribute in each element of `tag`.
    func attribute(_ name: String, of tag: String, in svg: String) -> [Double] {
        svg.components(separatedBy: "<" + tag + " ").dropFirst().compactMap { element in
            guard let start = element.range(of: name + "=\"") else { return nil }
            return Double(element[start.upperBound...].prefix { $0 != "\"" })
        }
    }

    @Test func barsHangBelowZeroOrStandOnItAndTheLineHasAPointAYear() throws {
        let svg = chart.svg
        #expect(svg.hasPrefix("<svg viewBox=\"0 0 680 280\" role=\"img\""))
        #expect(svg.contains("<title>Puckeln &lt;b&gt;</title>"))
        // The zero line is the dark one; negative bars start on it and go down, positive ones end on it.
        let zeroLine = try #require(svg.components(separatedBy: "<line ").first { $0.contains("stroke=\"#333\"") })
        let zero = try #require(Double(zeroLine.split(separator: "\"")[3]))
        let ys = attribute("y", of: "rect class=\"bar\"", in: svg), heights = attribute("height", of: "rect class=\"bar\"", in: svg)
        #expect(ys.count == 4 && heights.count == 4)
        #expect(ys[0] == zero && ys[1] == zero && heights[1] > heights[0])
        #expect(abs(ys[3] + heights[3] - zero) < 0.11 && ys[3] < zero)
        let points = try #require(svg.components(separatedBy: "points=\"").dropFirst().first?.prefix { $0 != "\"" })
        #expect(points.split(separator: " ").count == 4)
        // The lowest point of the line is the hump's bottom, 2027.
        let pointYs = points.split(separator: " ").map { Double($0.split(separator: ",")[1])! }
        #expect(pointYs.firstIndex(of: pointYs.max()!) == 1)
        // Ticks are round amounts set for print, zero among them, the unit once.
        #expect(svg.contains(">\u{2212}1\u{202F}000\u{202F}000</text>") && svg.contains(">0</text>") && svg.contains(">1\u{202F}000\u{202F}000</text>"))
        #expect(svg.components(separatedBy: ">kr</text>").count == 2)
        #expect(!svg.contains("<script") && !svg.contains("href"))
    }

    @Test func ticksAreRoundAndSpanTheFigures() {
        #expect(Chart.ticks(low: -1_652_039, high: 900_000) == [-2_000_000, -1_000_000, 0, 1_000_000])
        #expect(Chart.ticks(low: 0, high: 0) == [0])
        #expect(Chart.ticks(low: 3, high: 7) == [0, 2, 4, 6, 8])
        // A calculation of zeros still draws: flat bars on the zero line, no NaN in the geometry.
        let flat = Chart(title: "0", categories: ["2026", "2027"], bars: [.zero, .zero], line: [.zero, .zero], barLegend: "", lineLegend: "",
                         unit: "kr", language: .sv).svg
        #expect(!flat.contains("nan") && !flat.contains("inf") && flat.contains("height=\"0.0\""))
    }

    @Test func theChartIsDrawnOnlyInHTMLTheTableCarriesItsFigures() {
        let document = Document(title: "T", blocks: [.chart(chart), .paragraph("p")])
        #expect(document.html.contains("<figure>\n<svg ") && document.html.contains("<figcaption>Puckeln &lt;b&gt;</figcaption>"))
        #expect(document.markdown == "# T\n\np\n")
        #expect(document.plainLines == ["T", "", "p"])
    }
}
