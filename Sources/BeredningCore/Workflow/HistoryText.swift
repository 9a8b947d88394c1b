/// A history line's details as a person reads them. The store keeps ids (`in_preparation →
/// with_steering_group`, `approve, 1910000 kr`, `anna`), so the file reads the same on every
/// machine and in either language; the screen and `bered history` put the reader's words in
/// their place: states and recommendations by their labels, amounts as kronor, members by
/// name. Only what is recognised whole is replaced; anything else is shown as written.
public enum HistoryText {
    public static func details(_ event: HistoryEvent, config: FundConfig, catalog c: Catalog) -> String {
        let text = event.details
        func name(_ raw: Substring) -> String? { MemberID(String(raw)).flatMap { config.member($0)?.name } }
        switch event.kind {
        case .moved, .overridden:
            return move(text, c)
        case .decided:
            // "kommunstyrelsen 2026-06-16 KS 2026/112: approve, 1450000 kr", or a move (see above).
            if let arrow = moveOrNil(text, c) { return arrow }
            guard let colon = text.range(of: ": ", options: .backwards) else { return text }
            return text[..<colon.upperBound] + outcomeAndAmount(text[colon.upperBound...], c)
        case .reviewSaved, .reviewCompleted:
            return Recommendation(rawValue: text).map { c.label($0) } ?? text
        case .commentAdded:
            return CommentTopic(rawValue: text).map { c.label($0) } ?? text
        case .proposalRecorded:
            // "approve, 1320000 kr (anna, bengt, cecilia)"
            var head = Substring(text), agreed = ""
            if text.hasSuffix(")"), let open = text.range(of: " (", options: .backwards) {
                let ids = text[open.upperBound..<text.index(before: text.endIndex)].split(separator: ", ")
                let names = ids.map { name($0) }
                if !ids.isEmpty, names.allSatisfy({ $0 != nil }) {
                    head = text[..<open.lowerBound]
                    agreed = " (" + names.map { $0! }.joined(separator: ", ") + ")"
                } else {
                    return text
                }
            }
            let parts = head.split(separator: ", ", maxSplits: 1)
            guard let first = parts.first, let recommendation = Recommendation(rawValue: String(first)) else { return text }
            let amount = parts.count > 1 ? ", " + kronor(parts[1], c) : ""
            return c.label(recommendation) + amount + agreed
        case .conflictDeclared, .conflictWithdrawn:
            // "cecilia: reason" when a coordinator recorded it for the member.
            guard let colon = text.range(of: ": "), let member = name(text[..<colon.lowerBound]) else { return text }
            return member + text[colon.lowerBound...]
        case .edited:
            return text.split(separator: ", ").map { field in
                let label = c(Message(rawKey: "application_field." + field))
                return label.hasPrefix("application_field.") || label.isEmpty ? String(field) : label
            }.joined(separator: ", ")
        case .registered, .letterSent, .repaymentPlanned, .repaymentReceived, .followUpRecorded:
            return text
        }
    }

    /// "in_preparation → with_steering_group: reason (override)" with the states' labels.
    static func move(_ text: String, _ c: Catalog) -> String { moveOrNil(text, c) ?? text }

    static func moveOrNil(_ text: String, _ c: Catalog) -> String? {
        guard let arrow = text.range(of: " → ") else { return nil }
        guard let from = ApplicationState(rawValue: String(text[..<arrow.lowerBound])) else { return nil }
        let rest = text[arrow.upperBound...]
        let raw = rest.prefix { $0.isLetter || $0 == "_" }
        guard let to = ApplicationState(rawValue: String(raw)) else { return nil }
        var after = rest.dropFirst(raw.count)
        var closing = ""
        // "running → closed (implemented)": how it ended.
        if after.hasPrefix(" ("), let close = after.firstIndex(of: ")"),
           let outcome = ClosingOutcome(rawValue: String(after[after.index(after.startIndex, offsetBy: 2)..<close])) {
            closing = " (" + c.label(outcome) + ")"
            after = after[after.index(after: close)...]
        }
        return c.label(from) + " → " + c.label(to) + closing + after
    }

    /// "approve, 1450000 kr" with the outcome's label and the amount as kronor.
    static func outcomeAndAmount(_ text: Substring, _ c: Catalog) -> String {
        let parts = text.split(separator: ", ", maxSplits: 1)
        guard let first = parts.first, let outcome = Decision.Outcome(rawValue: String(first)) else { return String(text) }
        return c.label(outcome) + (parts.count > 1 ? ", " + kronor(parts[1], c) : "")
    }

    /// "1450000 kr" as "1 450 000 kr"; anything else as it is.
    static func kronor(_ text: Substring, _ c: Catalog) -> String {
        guard text.hasSuffix(" kr"), let amount = Int(text.dropLast(3)) else { return String(text) }
        return c.kronor(Money(amount)) + " kr"
    }
}
