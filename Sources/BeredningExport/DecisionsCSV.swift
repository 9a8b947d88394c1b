import BeredningCore
import BeredningStore

/// The decisions list as CSV that opens correctly in Swedish Excel and LibreOffice: semicolon
/// separated, UTF-8 with a byte-order mark, decimal comma, CRLF line ends, and quoting of every
/// field that holds a semicolon, a quote or a line break.
///
/// Every cell is one of three kinds. Numbers (amounts in whole kronor, one column a year so a
/// column sums; the mean score; the counts of reviews) are plain digits a spreadsheet reads as
/// numbers. The decision date is an ISO date it reads as a date. Everything else is text from
/// people, and passes `spreadsheetText` so that it stays exactly that text.
public enum DecisionsCSV {
    /// One decided application as the list shows it, before any word is translated: what a
    /// cache can keep, and what `render` puts in the user's language.
    public struct Row: Hashable, Sendable {
        public let id: String, title: String, applicant: String, state: String
        public let body: String, date: String, caseNumber: String, outcome: String
        public let granted: Int, grants: [Decision.Grant], conditions: String, rationale: String, followUps: String
        public let meanScore: Double?
        public let complete: Int, needed: Int

        /// Every field as it stands in `fields`, in declaration order: how the cache file keeps a row.
        init?(fields: [String]) {
            guard fields.count == 16, let granted = Int(fields[8]), let grants = Row.grants(fields[9]),
                  let complete = Int(fields[14]), let needed = Int(fields[15]) else { return nil }
            (id, title, applicant, state, body, date, caseNumber, outcome) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7])
            (self.granted, self.grants, conditions, rationale, followUps) = (granted, grants, fields[10], fields[11], fields[12])
            if fields[13].isEmpty {
                meanScore = nil
            } else {
                guard let bits = UInt64(fields[13], radix: 16) else { return nil }
                meanScore = Double(bitPattern: bits)
            }
            (self.complete, self.needed) = (complete, needed)
        }

        var fields: [String] {
            [id, title, applicant, state, body, date, caseNumber, outcome, String(granted),
             grants.map { "\($0.year)=\($0.amount)" }.joined(separator: ","), conditions, rationale, followUps,
             meanScore.map { String($0.bitPattern, radix: 16) } ?? "", String(complete), String(needed)]
        }

        /// "2027=450000,2028=500000" as the cache keeps the grants; nil for anything else.
        static func grants(_ text: String) -> [Decision.Grant]? {
            guard !text.isEmpty else { return [] }
            var grants: [Decision.Grant] = []
            for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
                let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
                guard parts.count == 2, let year = Int(parts[0]), let amount = Int(parts[1]) else { return nil }
                grants.append(Decision.Grant(year: year, amount: amount))
            }
            return grants
        }

        public init?(_ dossier: Dossier, config: FundConfig) {
            guard let decision = dossier.decision else { return nil }
            let application = dossier.application
            let scores = ScoreSummary(dossier: dossier, config: config)
            id = application.id.description
            title = application.title
            applicant = application.applicant
            state = application.state.rawValue
            body = decision.body
            date = decision.date.description
            caseNumber = decision.caseNumber
            outcome = decision.outcome.rawValue
            granted = decision.totalGranted
            grants = decision.grants
            conditions = decision.conditions
            rationale = decision.rationale
            followUps = decision.followUps.map(\.description).joined(separator: ", ")
            meanScore = scores.meanScore
            complete = scores.quorum.complete
            needed = scores.quorum.needed
        }

        /// Kronor granted for `year`, summed: a hand-edited file may name a year twice (it is
        /// reported, and still shown), and the year's column must still add up to the total.
        func granted(in year: Int) -> Int? {
            let amounts = grants.filter { $0.year == year }.map(\.amount)
            return amounts.isEmpty ? nil : amounts.reduce(0, +)
        }
    }

    enum Cell {
        case text(String), number(String), date(String)
    }

    public static func render(_ snapshot: StoreSnapshot, catalog: Catalog) -> String {
        render(rows(snapshot), catalog: catalog)
    }

    public static func render(_ rows: [Row], catalog: Catalog) -> String {
        // A column for every year any decision grants money in, so each sums in the spreadsheet.
        let years = Set(rows.flatMap { $0.grants.map(\.year) }).sorted()
        let header = [catalog(.exportID), catalog(.exportTitle), catalog(.exportApplicant), catalog(.exportState), catalog(.exportBody),
                      catalog(.exportDate), catalog(.exportCaseNumber), catalog(.exportOutcome), catalog(.exportGranted)]
            + years.map { catalog(.exportGrantedInYear, ["year": .text(String($0))]) }
            + [catalog(.exportConditions), catalog(.exportRationale), catalog(.exportFollowUps), catalog(.exportMeanScore),
               catalog(.exportReviews), catalog(.exportReviewsNeeded)]
        var lines = [header.map(Cell.text)]
        for row in rows {
            lines.append([
                .text(row.id), .text(row.title), .text(row.applicant), .text(ApplicationState(rawValue: row.state).map { catalog.label($0) } ?? row.state),
                .text(row.body), .date(row.date), .text(row.caseNumber),
                .text(Decision.Outcome(rawValue: row.outcome).map { catalog.label($0) } ?? row.outcome), .number(String(row.granted)),
            ] + years.map { year in .number(row.granted(in: year).map(String.init) ?? "") } + [
                .text(row.conditions), .text(row.rationale), .text(row.followUps), .number(row.meanScore.map { decimalComma($0) } ?? ""),
                .number(String(row.complete)), .number(String(row.needed)),
            ])
        }
        return "\u{FEFF}" + lines.map { $0.map(cell).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ cell: Cell) -> String {
        switch cell {
        case .number(let digits), .date(let digits): return digits
        case .text(let text):
            let safe = spreadsheetText(text)
            return field(safe, quoted: safe != text)
        }
    }

    /// A text as a spreadsheet must keep it: with an apostrophe in front when it would not.
    ///
    /// Two dangers, one remedy, applied here and nowhere else. A cell starting with `=`, `+`,
    /// `-`, `@`, tab or carriage return (or the full-width ＝ ＋ － ＠) is a live formula in
    /// Excel and LibreOffice: OWASP's advice on CSV injection is to put an apostrophe first
    /// and quote the field. A text that a Swedish spreadsheet reads as a number, date, time,
    /// percentage or truth value ("3/3", "1-2", "2026-03", "12,5", "1 200", "1e5", "50%",
    /// "3 mars", "SANT") is converted and loses its text; the same apostrophe stops that.
    /// Depending on the program the apostrophe is taken as the mark of a text or shown as its
    /// first character; either way nothing is run or converted, and the rest of the text is
    /// exactly what the store holds (the JSON export has it without the apostrophe).
    static func spreadsheetText(_ text: String) -> String {
        startsLikeAFormula(text) || readsAsAValue(text) ? "'" + text : text
    }

    /// Leading blanks are looked past: some programs trim them before they look at the text.
    static func startsLikeAFormula(_ text: String) -> Bool {
        guard let first = text.first(where: { formulaStarts.contains($0) || !blanks.contains($0) }) else { return false }
        return formulaStarts.contains(first)
    }

    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}", "\u{2212}"]

    static let blanks: Set<Character> = [" ", "\u{A0}", "\u{202F}", "\u{2007}", "\t", "\r", "\n", "\r\n"]

    /// On the safe side of what Swedish Excel and LibreOffice turn into a number or a date: a
    /// digit, and otherwise only the signs numbers, dates and times are written with, and the
    /// words they may hold (months, "kr", an exponent's e). A text that merely might be read
    /// as a value is protected too; one that is not protected is never converted.
    static func readsAsAValue(_ text: String) -> Bool {
        if text.utf8.count <= 40, truthValues.contains(text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()) { return true }
        // One pass that ends at the first word no number or date holds: prose costs a word.
        var word = "", sawDigit = false
        for character in text {
            if character.isLetter {
                word += character.lowercased()
                if word.utf8.count > longestValueWord { return false }
                continue
            }
            if !word.isEmpty {
                guard valueWords.contains(word) else { return false }
                word = ""
            }
            if isDigit(character) {
                sawDigit = true
            } else if !blanks.contains(character) && !valueSigns.contains(character) {
                return false
            }
        }
        return sawDigit && (word.isEmpty || valueWords.contains(word))
    }

    static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isWholeNumber }

    static let truthValues: Set<String> = ["sant", "falskt", "true", "false"]
    static let valueSigns: Set<Character> = [".", ",", ":", "/", "-", "+", "\u{2212}", "%", "(", ")", "$", "€", "£"]
    static let valueWords: Set<String> = {
        let months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december",
                      "january", "february", "march", "may", "june", "july", "august", "october"]
        return Set(months + months.map { String($0.prefix(3)) } + ["sept", "e", "kr", "sek", "am", "pm", "fm", "em"])
    }()
    static let longestValueWord = valueWords.map(\.utf8.count).max() ?? 0

    /// A field as Excel reads it back: quoted, with quotes doubled, when it must be or `quoted`.
    static func field(_ text: String, quoted: Bool = false) -> String {
        // Bytes, not characters: a decision's rationale is long, and the grapheme walk was a third of the export.
        let needsQuotes = quoted || text.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
            || text.utf8.first == UInt8(ascii: " ") || text.utf8.last == UInt8(ascii: " ")
        guard needsQuotes else { return text }
        // Line breaks inside a cell are CRLF too, as Excel writes them.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.joined(separator: "\r\n")
        return "\"" + lines.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// Two decimals at most, with a decimal comma: what Swedish Excel reads as a number.
    static func decimalComma(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100, rest = abs(hundredths % 100)
        if rest == 0 { return String(whole) }
        let digits = rest % 10 == 0 ? String(rest / 10) : (rest < 10 ? "0\(rest)" : String(rest))
        return "\(whole),\(digits)"
    }
}
