import BeredningCore
import Foundation

/// The minutes of the preparation group's meeting (minnesanteckningar): who took part, who
/// declared a conflict and left for that item, and each application discussed with the scores,
/// the recommendations and the group's proposal. Rendered by the memo's Markdown and HTML.
public enum Minutes {
    public static func document(_ meeting: Meeting, date: Day, config: FundConfig, catalog c: Catalog) -> Memo {
        var blocks: [Memo.Block] = [.paragraph(config.fund + " · " + c(.minutesDate, ["date": .text(date.description)]))]
        let present = config.reviewers.map(\.name).joined(separator: ", ")
        blocks.append(.paragraph(c(.minutesPresent, ["members": .text(present)])))
        let conflicts = meeting.items.flatMap { item in item.absent.map { (item.dossier.application.id, $0) } }
        if !conflicts.isEmpty {
            blocks.append(.heading(c(.minutesConflicts)))
            for (id, member) in conflicts {
                blocks.append(.paragraph(c(.minutesConflictLine, ["member": .text(config.member(member)?.name ?? member.rawValue), "id": .text(id.description)])))
            }
        }
        if meeting.items.isEmpty { blocks.append(.paragraph(c(.meetingAgendaEmpty))) }
        for (number, item) in meeting.items.enumerated() {
            let a = item.dossier.application
            blocks.append(.heading("§ \(number + 1) \(a.id) \(a.title)"))
            let names = item.reviewers.map { config.member($0)?.name ?? $0.rawValue }
            blocks.append(.table(header: [c(.memoCriterion)] + names + [c(.meetingMean), c(.meetingCalibrated)], rows: item.rows.map { row in
                [row.criterion.name.text(in: c.language)] + row.scores.map { score -> String in
                    switch score {
                    case .points(let points)?: return String(points)
                    case .cannotJudge?: return c(.minutesCannotJudge)
                    case nil: return "–"
                    }
                } + [c.decimal(row.aggregate.mean), c.decimal(row.calibratedMean)]
            }))
            if !item.tally.isEmpty {
                blocks.append(.paragraph(c(.meetingTally, ["tally": .text(item.tally.map { "\($0.1) \(c.label($0.0))" }.joined(separator: ", "))])))
            }
            if let proposal = item.dossier.proposal {
                blocks += Memo.proposalBlocks(proposal, config: config, catalog: c)
            } else {
                blocks.append(.paragraph(c(.minutesNoProposal)))
            }
        }
        return Memo(title: c(.minutesTitle, ["date": .text(date.description)]), blocks: blocks, language: c.language)
    }
}
