import BeredningCore
import BeredningStore

/// The decisions list as CSV that opens correctly in Swedish Excel: semicolon separated,
/// UTF-8 with a byte-order mark, decimal comma, CRLF line ends, and quoting of every field
/// that holds a semicolon, a quote or a line break.
public enum DecisionsCSV {
    public static func render(_ snapshot: StoreSnapshot, catalog: Catalog) -> String {
        let header = [MessageKey.exportID, .exportTitle, .exportApplicant, .exportState, .exportBody, .exportDate, .exportCaseNumber,
                      .exportOutcome, .exportGranted, .exportGrants, .exportConditions, .exportRationale, .exportFollowUps,
                      .exportMeanScore, .exportReviews].map { catalog($0) }
        var rows = [header]
        for dossier in snapshot.dossiers {
            guard let decision = dossier.decision else { continue }
            let application = dossier.application
            let scores = ScoreSummary(dossier: dossier, config: snapshot.config)
            rows.append([
                application.id.description, application.title, application.applicant, catalog.label(application.state),
                decision.body, decision.date.description, decision.caseNumber, catalog.label(decision.outcome),
                String(decision.totalGranted), decision.grants.map { "\($0.year): \($0.amount)" }.joined(separator: ", "),
                decision.conditions, decision.rationale, decision.followUps.map(\.description).joined(separator: ", "),
                scores.meanScore.map { decimalComma($0) } ?? "",
                "\(scores.quorum.complete)/\(scores.quorum.needed)",
            ])
        }
        return "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
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
