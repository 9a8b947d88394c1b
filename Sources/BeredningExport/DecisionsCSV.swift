import BeredningCore
import BeredningStore

/// The decisions list as CSV that opens correctly in Swedish Excel: semicolon separated,
/// UTF-8 with a byte-order mark, decimal comma, CRLF line ends, and quoting of every field
/// that holds a semicolon, a quote or a line break.
public enum DecisionsCSV {
    /// One decided application as the list shows it, before any word is translated: what a
    /// cache can keep, and what `render` puts in the user's language.
    public struct Row: Hashable, Sendable {
        public let id: String, title: String, applicant: String, state: String
        public let body: String, date: String, caseNumber: String, outcome: String
        public let granted: Int, grants: String, conditions: String, rationale: String, followUps: String
        public let meanScore: Double?
        public let complete: Int, needed: Int

        /// Every field as it stands in `fields`, in declaration order: how the cache file keeps a row.
        init?(fields: [String]) {
            guard fields.count == 16, let granted = Int(fields[8]), let complete = Int(fields[14]), let needed = Int(fields[15]) else { return nil }
            (id, title, applicant, state, body, date, caseNumber, outcome) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7])
            (self.granted, grants, conditions, rationale, followUps) = (granted, fields[9], fields[10], fields[11], fields[12])
            if fields[13].isEmpty {
                meanScore = nil
            } else {
                guard let bits = UInt64(fields[13], radix: 16) else { return nil }
                meanScore = Double(bitPattern: bits)
            }
            (self.complete, self.needed) = (complete, needed)
        }

        var fields: [String] {
            [id, title, applicant, state, body, date, caseNumber, outcome, String(granted), grants, conditions, rationale, followUps,
             meanScore.map { String($0.bitPattern, radix: 16) } ?? "", String(complete), String(needed)]
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
            grants = decision.grants.map { "\($0.year): \($0.amount)" }.joined(separator: ", ")
            conditions = decision.conditions
            rationale = decision.rationale
            followUps = decision.followUps.map(\.description).joined(separator: ", ")
            meanScore = scores.meanScore
            complete = scores.quorum.complete
            needed = scores.quorum.needed
        }
    }

    public static func render(_ snapshot: StoreSnapshot, catalog: Catalog) -> String {
        render(rows(snapshot), catalog: catalog)
    }

    public static func render(_ rows: [Row], catalog: Catalog) -> String {
        let header = [MessageKey.exportID, .exportTitle, .exportApplicant, .exportState, .exportBody, .exportDate, .exportCaseNumber,
                      .exportOutcome, .exportGranted, .exportGrants, .exportConditions, .exportRationale, .exportFollowUps,
                      .exportMeanScore, .exportReviews].map { catalog($0) }
        var lines = [header]
        for row in rows {
            lines.append([
                row.id, row.title, row.applicant, ApplicationState(rawValue: row.state).map { catalog.label($0) } ?? row.state,
                row.body, row.date, row.caseNumber, Decision.Outcome(rawValue: row.outcome).map { catalog.label($0) } ?? row.outcome,
                String(row.granted), row.grants, row.conditions, row.rationale, row.followUps,
                row.meanScore.map { decimalComma($0) } ?? "", "\(row.complete)/\(row.needed)",
            ])
        }
        return "\u{FEFF}" + lines.map { $0.map(field).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A field as Excel reads it back: quoted, with quotes doubled, when it must be.
    static func field(_ text: String) -> String {
        // Bytes, not characters: a decision's rationale is long, and the grapheme walk was a third of the export.
        let needsQuotes = text.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
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
