/// The short letter to an idea giver whose idea was declined at screening (idéprövning):
/// that it was declined, the reasons the screener wrote, what the fund read in the idea, and
/// an open door. Sent like the decision letter: kept with its fingerprints in the history.
public enum IdeaLetter {
    public static func document(_ dossier: Dossier, reasons: String, config: FundConfig, sender: Member?, date: Day, catalog c: Catalog) -> Document {
        let a = dossier.application
        var blocks: [Document.Block] = []
        var header = [c(.letterFrom, ["fund": .text(config.fund), "date": .text(date.description)])]
        let recipients = [a.ideaGiver, a.applicant].filter { !$0.isBlank }
        if !recipients.isEmpty { header.insert(c(.letterTo, ["recipients": .text(Array(Set(recipients)).sorted().joined(separator: ", "))]), at: 0) }
        blocks.append(.paragraph(header.joined(separator: "\n")))
        blocks.append(.paragraph(c(.ideaLetterDeclined, ["fund": .text(config.fund), "id": .text(a.id.description), "title": .text(a.title)])))
        blocks.append(.heading(c(.ideaLetterReasonsHeading)))
        blocks.append(.paragraph(reasons))
        // What the screener had in front of them, so the idea giver sees what was read.
        var seen: [[String]] = []
        if !a.problem.description.isBlank { seen.append([c(Message(rawKey: "application_field.problem.description")), a.problem.description]) }
        if !a.targetGroup.description.isBlank { seen.append([c(Message(rawKey: "application_field.target_group")), a.targetGroup.description]) }
        if let cost = a.idea.roughCost { seen.append([c(.ideaRoughCost), c.kronor(Money(cost)) + " kr"]) }
        if let months = a.idea.months { seen.append([c(.ideaMonths), String(months)]) }
        if !a.actors.isEmpty { seen.append([c(Message(rawKey: "application_field.actors")), a.actors.map(\.name).joined(separator: ", ")]) }
        if !seen.isEmpty {
            blocks.append(.paragraph(c(.ideaLetterWhatWasSeen)))
            blocks.append(.paragraph(seen.map { $0[0] + ": " + $0[1] }.joined(separator: "\n")))
        }
        blocks.append(.paragraph(c(.ideaLetterWelcome)))
        blocks.append(.paragraph(sender.map { c(.ideaLetterContact, ["sender": .text($0.name), "fund": .text(config.fund)]) } ?? config.fund))
        return Document(title: c(.ideaLetterTitle, ["id": .text(a.id.description), "title": .text(a.title)]), blocks: blocks, language: c.language)
    }
}

/// The letter a move sends, for any move that sends one: the decision letter with the
/// feedback, the idea letter with a declined idea (its reasons being the move's reason).
/// nil when the move sends none, or the feedback has no decision to tell.
public enum MoveLetter {
    public static func document(_ transition: Transition, _ dossier: Dossier, reason: String, config: FundConfig, sender: Member?,
                                date: Day, catalog: Catalog) -> Document? {
        switch transition {
        case .sendFeedback: return DecisionLetter.document(dossier, config: config, sender: sender, date: date, catalog: catalog)
        case .declineIdea: return IdeaLetter.document(dossier, reasons: reason, config: config, sender: sender, date: date, catalog: catalog)
        default: return nil
        }
    }
}
