/// A document for people: a title and blocks of headings, paragraphs and tables, written as
/// Markdown, as a self-contained printable HTML page, or as plain lines for a terminal. The
/// memo, the minutes and the decision letter are built as one; only these renderers know any
/// markup, so every text in a block is plain text (much of it typed by applicants and members).
public struct Document: Hashable, Sendable {
    public enum Block: Hashable, Sendable {
        case heading(String)
        case paragraph(String)
        case table(header: [String], rows: [[String]])
        /// A picture of figures that a table beside it also gives: drawn in the HTML page only,
        /// since Markdown and plain lines have the table.
        case chart(Chart)
    }

    /// What a printed page repeats in its margins: a line naming the document at the top and
    /// the page number at the bottom ("Sida 2 av 5").
    public struct PageMarks: Hashable, Sendable {
        public var header: String
        /// The page line with `PageMarks.page` and `PageMarks.pages` where the numbers go.
        public var pageLine: String

        public static let page = "\u{E000}"
        public static let pages = "\u{E001}"

        public init(header: String, pageLine: String) {
            self.header = header
            self.pageLine = pageLine
        }
    }

    public var title: String
    public var blocks: [Block]
    public var language: Language
    public var pageMarks: PageMarks?

    public init(title: String, blocks: [Block], language: Language = .sv, pageMarks: PageMarks? = nil) {
        self.title = title
        self.blocks = blocks
        self.language = language
        self.pageMarks = pageMarks
    }

    public var markdown: String {
        var out = "# " + Document.markdownLine(title) + "\n"
        for block in blocks {
            switch block {
            case .heading(let text): out += "\n## " + Document.markdownLine(text) + "\n"
            case .paragraph(let text): out += "\n" + Document.markdown(text).joined(separator: "\n") + "\n"
            case .table(let header, let rows):
                // A cell is one line: its text's line breaks become <br>, the one HTML bered writes.
                func row(_ cells: [String]) -> String { "| " + cells.map { Document.markdown($0).joined(separator: "<br>") }.joined(separator: " | ") + " |" }
                let numeric = Document.numericColumns(header: header, rows: rows)
                let rule = "|" + header.indices.map { numeric.contains($0) ? "---:|" : "---|" }.joined()
                out += "\n" + row(header) + "\n" + rule + "\n" + rows.map(row).joined(separator: "\n") + "\n"
            case .chart: break
            }
        }
        return out
    }

    /// A heading's text on its one line.
    static func markdownLine(_ text: String) -> String {
        markdown(text).joined(separator: " ")
    }

    /// Plain text as lines of Markdown that show exactly that text, in a paragraph or a table
    /// cell, to CommonMark and to pandoc (whose extensions add ~, ^, $, @ and lettered lists).
    /// HTML is written as entities, so no tag or comment from a file is live after conversion;
    /// inline markup and pipes are backslash-escaped; and what makes a block at the start of
    /// a line (headings, quotes, lists, setext underlines, rules, indented code) is escaped
    /// there.
    static func markdown(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line in
            var out = ""
            var atStart = true
            for character in line {
                switch character {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                // Indentation would make code: kept as spaces a renderer shows, not as layout.
                case " " where atStart: out += "&#32;"
                case "\t" where atStart: out += "&#9;"
                case "\\", "`", "*", "_", "[", "]", "|", "~", "^", "$", "@", "#": out += "\\" + String(character)
                case let sign where atStart && "-+=:(".contains(sign): out += "\\" + String(sign)
                default: out.append(character)
                }
                if character != " " && character != "\t" { atStart = false }
            }
            return escapingListNumber(out)
        }
    }

    /// "1. " "2) " "a. " "iv) " starting a line is an ordered list to pandoc: the mark is escaped.
    static func escapingListNumber(_ line: String) -> String {
        let marker = line.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard (1...9).contains(marker.count), let mark = line.dropFirst(marker.count).first, mark == "." || mark == ")" else { return line }
        let rest = line.dropFirst(marker.count + 1)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return line }
        return marker + "\\" + String(mark) + rest
    }

    /// A page with its own styles and nothing fetched from elsewhere, fit to print on A4: the
    /// margins leave room for a binder's holes, a table's header row repeats on every page it
    /// runs onto, no row is split between pages, and figures stand right-aligned in their
    /// columns. Page marks go in the page's margin boxes, which Chromium prints from version
    /// 131; a browser without them prints the pages without.
    public var html: String {
        var body = "<h1>" + Document.escape(title) + "</h1>\n"
        for block in blocks {
            switch block {
            case .heading(let text): body += "<h2>" + Document.escape(text) + "</h2>\n"
            case .paragraph(let text): body += "<p>" + Document.escape(text) + "</p>\n"
            case .table(let header, let rows):
                let numeric = Document.numericColumns(header: header, rows: rows)
                func cell(_ tag: String, _ index: Int, _ text: String) -> String {
                    "<\(tag)\(numeric.contains(index) ? " class=\"num\"" : "")>" + Document.escape(text) + "</\(tag)>"
                }
                body += "<table>\n<thead><tr>" + header.enumerated().map { cell("th", $0, $1) }.joined() + "</tr></thead>\n<tbody>\n"
                body += rows.map { "<tr>" + $0.enumerated().map { cell("td", $0, $1) }.joined() + "</tr>" }.joined(separator: "\n") + "\n</tbody>\n</table>\n"
            case .chart(let chart):
                body += "<figure>\n" + chart.svg + "\n<figcaption>" + Document.escape(chart.title) + "</figcaption>\n</figure>\n"
            }
        }
        var marks = ""
        if let pageMarks {
            marks = """
              @top-left { content: \(Document.cssString(pageMarks.header)); font: 8pt system-ui, sans-serif; color: #444; }
              @bottom-right { content: \(Document.cssPageLine(pageMarks.pageLine)); font: 8pt system-ui, sans-serif; color: #444; }

            """
        }
        return """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <title>\(Document.escape(title))</title>
        <style>
        @page {
          size: A4;
          margin: 20mm 18mm 20mm 25mm;
        \(marks)}
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.45; color: #111; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
        thead { display: table-header-group; }
        th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eee; }
        /* A figure never wraps; its header may, so a long header cannot push the table past the margin. */
        .num { text-align: right; }
        td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
        figure { margin: 1rem 0; }
        figure svg { width: 100%; height: auto; }
        figcaption { font-size: .9em; color: #333; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; }
          h1, h2 { break-after: avoid; }
          p:has(+ table) { break-after: avoid; }
          tr, figure { break-inside: avoid; }
          th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "\n", with: "<br>")
    }

    /// Text as a quoted CSS string inside the page's style element: quotes, backslashes and
    /// "<" are written as escapes, so no text can end the string or the element, and line
    /// breaks and controls become spaces.
    static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "&": out += "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
            case _ where Printable.isControl(scalar) || scalar == "\u{2028}" || scalar == "\u{2029}": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The page line as CSS content: its text around the page counters.
    static func cssPageLine(_ line: String) -> String {
        var parts: [String] = []
        var text = ""
        for character in line {
            let counter = String(character) == PageMarks.page ? "counter(page)" : String(character) == PageMarks.pages ? "counter(pages)" : nil
            if let counter {
                if !text.isEmpty { parts.append(cssString(text)) }
                text = ""
                parts.append(counter)
            } else {
                text.append(character)
            }
        }
        if !text.isEmpty { parts.append(cssString(text)) }
        return parts.isEmpty ? "none" : parts.joined(separator: " ")
    }

    /// The columns that hold figures: every cell a number (amounts, years, scores, shares) or
    /// "–" for none, and at least one a number. They are right-aligned, so digits line up.
    public static func numericColumns(header: [String], rows: [[String]]) -> Set<Int> {
        Set(header.indices.filter { column in
            let cells = rows.compactMap { column < $0.count ? $0[column] : nil }
            return cells.contains(where: isFigure) && cells.allSatisfy { isFigure($0) || $0 == "–" || $0.isEmpty }
        })
    }

    /// "1 450 000", "−1 652 039", "3,5", "12 %", "2026": digits with their signs, group and
    /// decimal separators, and a per cent sign; or a range of two ("3–4", "2028–2035").
    public static func isFigure(_ text: String) -> Bool {
        let ends = text.replacingOccurrences(of: "\u{2060}", with: "").split(separator: "–", omittingEmptySubsequences: false)
        if ends.count == 2 { return isSingleFigure(String(ends[0])) && isSingleFigure(String(ends[1])) }
        return isSingleFigure(text)
    }

    static func isSingleFigure(_ text: String) -> Bool {
        var body = Substring(text)
        if body.hasSuffix("%") { body = body.dropLast() }
        while let last = body.last, last == " " || last == "\u{00A0}" || last == "\u{202F}" { body = body.dropLast() }
        if let first = body.first, first == "-" || first == "\u{2212}" { body = body.dropFirst() }
        guard let first = body.first, let last = body.last, first.isASCII && first.isNumber, last.isASCII && last.isNumber else { return false }
        return body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "," || $0 == "." || $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" }
    }

    /// The document as lines of text, read top to bottom: the title, each heading, each
    /// paragraph's lines, and each table row as "header: value" lines, which a screen reader
    /// reads in order and which fit any width once wrapped.
    public var plainLines: [String] {
        var lines = [title]
        for block in blocks {
            switch block {
            case .heading(let text):
                lines += ["", text]
            case .paragraph(let text):
                lines.append("")
                lines += text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
            case .table(let header, let rows):
                for row in rows {
                    lines.append("")
                    for (index, cell) in row.enumerated() where !cell.isEmpty {
                        let label = index < header.count ? header[index] + ": " : ""
                        let cellLines = cell.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
                        lines.append(label + cellLines[0])
                        lines += cellLines.dropFirst().map { "  " + $0 }
                    }
                }
            case .chart: break
            }
        }
        return lines
    }
}
