/// A document for people: a title and blocks of headings, paragraphs and tables, written as
/// Markdown, as a self-contained printable HTML page, or as plain lines for a terminal. The
/// memo, the minutes and the decision letter are built as one; only these renderers know any
/// markup, so every text in a block is plain text (much of it typed by applicants and members).
public struct Document: Hashable, Sendable {
    public enum Block: Hashable, Sendable {
        case heading(String)
        case paragraph(String)
        case table(header: [String], rows: [[String]])
    }

    public var title: String
    public var blocks: [Block]
    public var language: Language

    public init(title: String, blocks: [Block], language: Language = .sv) {
        self.title = title
        self.blocks = blocks
        self.language = language
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
                out += "\n" + row(header) + "\n" + "|" + String(repeating: "---|", count: header.count) + "\n" + rows.map(row).joined(separator: "\n") + "\n"
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

    /// A page with its own styles and nothing fetched from elsewhere, fit to print.
    public var html: String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "\n", with: "<br>")
        }
        var body = "<h1>" + escape(title) + "</h1>\n"
        for block in blocks {
            switch block {
            case .heading(let text): body += "<h2>" + escape(text) + "</h2>\n"
            case .paragraph(let text): body += "<p>" + escape(text) + "</p>\n"
            case .table(let header, let rows):
                body += "<table>\n<tr>" + header.map { "<th>" + escape($0) + "</th>" }.joined() + "</tr>\n"
                body += rows.map { "<tr>" + $0.map { "<td>" + escape($0) + "</td>" }.joined() + "</tr>" }.joined(separator: "\n") + "\n</table>\n"
            }
        }
        return """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.45; color: #111; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
        th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eee; }
        @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
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
            }
        }
        return lines
    }
}
