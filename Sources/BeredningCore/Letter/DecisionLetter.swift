/// The letter that tells the idea giver and the applicant what the board decided (issue 16):
/// the decision and its rationale, and for an approval the amounts, the conditions, and when
/// and what they must report at each follow-up; for a rejection, what would need to change,
/// criterion by criterion, from the checklist and the group's notes. It is written for people
/// outside the fund, so it names no reviewer and shows no single score.
public enum DecisionLetter {
    /// nil while the application has no decision: there is nothing to tell yet.
    public static func document(_ dossier: Dossier, config: FundConfig, sender: Member?, date: Day, catalog c: Catalog) -> Document? {
        guard let decision = dossier.decision else { return nil }
        let a = dossier.application
        var blocks: [Document.Block] = []
        var recipients: [String] = []
        for name in [a.ideaGiver, a.applicant] where !name.isBlank && !recipients.contains(name) { recipients.append(name) }
        var header = [c(.letterFrom, ["fund": .text(config.fund), "date": .text(date.description)])]
        if !recipients.isEmpty { header.insert(c(.letterTo, ["recipients": .text(recipients.joined(separator: ", "))]), at: 0) }
        if !decision.caseNumber.isBlank { header.append(c(.exportCaseNumber) + ": " + decision.caseNumber) }
        blocks.append(.paragraph(header.joined(separator: "\n")))

        let facts: [String: Message.Argument] = [
            "body": .text(decision.body), "date": .text(decision.date.description), "id": .text(a.id.description), "title": .text(a.title),
            "fund": .text(config.fund), "total": .text(c.kronor(Money(decision.totalGranted))),
        ]
        blocks.append(.heading(c(.letterDecisionHeading)))
        blocks.append(.paragraph(c(decision.outcome == .approve ? .letterApproved : .letterRejected, facts).capitalizedFirst))
        if !decision.rationale.isBlank {
            blocks.append(.heading(c(.exportRationale).capitalizedFirst))
            blocks.append(.paragraph(decision.rationale))
        }
        switch decision.outcome {
        case .approve:
            if !decision.grants.isEmpty {
                blocks.append(.heading(c(.letterAmountsHeading)))
                blocks.append(.table(header: [c(.calcYear), c(.letterAmountColumn)], rows: decision.grants.map {
                    [String($0.year), c.kronor(Money($0.amount)) + " kr"]
                }))
            }
            if !decision.conditions.isBlank {
                blocks.append(.heading(c(.exportConditions).capitalizedFirst))
                blocks.append(.paragraph(decision.conditions))
            }
            blocks += followUpBlocks(a, decision: decision, catalog: c)
        case .reject:
            blocks += changeBlocks(dossier, config: config, catalog: c)
        }
        let contact = sender.map { c(.letterContact, ["sender": .text($0.name), "fund": .text(config.fund)]) } ?? config.fund
        blocks.append(.paragraph(contact))
        return Document(title: c(.letterTitle, ["id": .text(a.id.description), "title": .text(a.title)]), blocks: blocks, language: c.language)
    }

    /// When the effects are followed up, and what the applicant reports each time: the
    /// application's own indicators, and the realised costs and savings per actor and year.
    static func followUpBlocks(_ a: Application, decision: Decision, catalog c: Catalog) -> [Document.Block] {
        var blocks: [Document.Block] = [.heading(c(.letterFollowUpHeading))]
        let dates = Message.list(decision.followUps.map { .text($0.description) })
        blocks.append(.paragraph(c(.letterFollowUpDates, ["dates": .message(dates)])))
        let indicators = a.measurability.indicators
        if indicators.isEmpty {
            blocks.append(.paragraph(c(.letterNoIndicators)))
        } else {
            blocks.append(.paragraph(c(.letterFollowUpIndicators)))
            func figure(_ value: Double?, _ unit: String) -> String {
                guard let value else { return "–" }
                return c.figure(value) + (unit.isBlank ? "" : " " + unit)
            }
            blocks.append(.table(header: [c(.letterIndicator), c(.letterBaseline), c(.letterTarget), c(.letterSource)], rows: indicators.map {
                [$0.name, figure($0.baseline, $0.unit), figure($0.target, $0.unit), $0.source.isBlank ? "–" : $0.source]
            }))
        }
        blocks.append(.paragraph(c(.letterFollowUpEconomy)))
        return blocks
    }

    /// For a rejection: each criterion the application did not meet, with what the automatic
    /// check found missing or thin and the group's note on it, so the applicant knows what a
    /// new application would need.
    static func changeBlocks(_ dossier: Dossier, config: FundConfig, catalog c: Catalog) -> [Document.Block] {
        let checklist = Checklist(dossier: dossier, config: config)
        let notes = dossier.proposal?.notes ?? [:]
        let rows: [[String]] = checklist.rows.compactMap { row in
            guard row.outcome != .pass && row.outcome != .pending else { return nil }
            var said: [String] = []
            if let automatic = row.automatic, automatic.verdict != .ok { said += automatic.reasons.map { c($0) } }
            if let note = notes[row.criterion.id], !note.isBlank { said.append(note) }
            if said.isEmpty { said.append(c.label(row.outcome).capitalizedFirst) }
            return [row.criterion.name.text(in: c.language), said.joined(separator: "\n")]
        }
        var blocks: [Document.Block] = [.heading(c(.letterChangesHeading))]
        if rows.isEmpty {
            blocks.append(.paragraph(c(.letterChangesNone)))
        } else {
            blocks.append(.paragraph(c(.letterChangesIntro)))
            blocks.append(.table(header: [c(.memoCriterion), c(.letterWhatToChange)], rows: rows))
        }
        blocks.append(.paragraph(c(.letterApplyAgain)))
        return blocks
    }
}

/// A letter as it is kept in the store and named in the history: the two files, and the
/// SHA-256 of each, which the history records so a letter changed after sending is seen.
public struct SentLetter: Hashable, Sendable {
    public let markdown: String
    public let html: String

    public init(_ document: Document) {
        markdown = document.markdown
        html = document.html
    }

    public init(markdown: String, html: String) {
        self.markdown = markdown
        self.html = html
    }

    /// What the history records of it: one line per file, `name sha256:hex`.
    public func fingerprints(markdownFile: String, htmlFile: String) -> String {
        "\(markdownFile) sha256:\(SHA256.hex(markdown))\n\(htmlFile) sha256:\(SHA256.hex(html))"
    }

    /// The fingerprints a history entry's details name, by file name.
    public static func fingerprints(in details: String) -> [String: String] {
        var found: [String: String] = [:]
        for line in details.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: " ")
            guard parts.count == 2, parts[1].hasPrefix("sha256:") else { continue }
            found[String(parts[0])] = String(parts[1].dropFirst(7))
        }
        return found
    }
}
