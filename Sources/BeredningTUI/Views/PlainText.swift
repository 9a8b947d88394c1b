import BeredningCore

/// The screens of the plain mode (`bered --plain`) as lines of text, for a screen reader that
/// reads a line at a time: a heading, then the content, tables as "label: value" lines, every
/// choice numbered. The same state and views as the full-screen interface, without a grid.
public enum PlainText {
    /// "1. Anna Lindqvist (anna) · beredningsgruppen", one line per member.
    public static func members(_ state: AppState) -> [String] {
        [state.catalog(.plainWhoAreYou)] + state.snapshot.config.members.enumerated().map { index, member in
            "\(index + 1). \(member.name) (\(member.id)) · \(state.catalog.label(member.role))"
        }
    }

    /// The list as the member sees it: per application its number to choose it by, then its
    /// state, applicant, checklist and review count as "label: value" lines.
    public static func list(_ state: AppState) -> [String] {
        let c = state.catalog
        var out = [c(.plainListHeading, ["count": .text(String(state.listRows.count))])]
        for (index, row) in state.listRows.enumerated() {
            guard let dossier = row.dossier, let checklist = row.checklist else {
                out.append("\(index + 1). \(row.id): " + c(row.entry.isPending ? .uiLoading : .uiBroken))
                continue
            }
            let application = dossier.application
            out.append("\(index + 1). \(application.id) \(application.title)")
            out.append("   " + c(.listState) + ": " + c.label(application.state))
            out.append("   " + c(.listApplicant) + ": " + application.applicant)
            out.append("   " + c(.listChecklist) + ": " + c.strip(checklist.rows.map(\.outcome)))
            out.append("   " + c(.checkQuorum, ["complete": .text(String(checklist.quorum.complete)), "needed": .text(String(checklist.quorum.needed)),
                                                "comments": .text(String(dossier.comments.count))]))
        }
        return out
    }

    /// An application as the full-screen interface shows it, line by line without styles or
    /// the rules drawn around headings, which a screen reader would read out dash by dash.
    public static func application(_ state: AppState, _ id: ApplicationID) -> [String] {
        ApplicationView.lines(state, id, width: state.width).map { line in
            line.map(\.text).joined().replacingOccurrences(of: "─", with: "").trimmingCharacters(in: .whitespaces)
        }
    }
}

extension PlainText {
    /// Every refusal the member meets: what their role may not do, from the role table, and a
    /// declared conflict of interest with the application in hand. For the plain mode's help.
    public static func refusals(_ state: AppState, _ dossier: Dossier?) -> [String] {
        guard let member = state.member else { return [] }
        var reasons = Action.allCases.compactMap { Permissions.check(member.role, $0)?.reason }
        if let dossier, let conflict = Permissions.checkConflict(of: member, in: dossier) { reasons.append(conflict.reason) }
        guard !reasons.isEmpty else { return [] }
        return [state.catalog(.plainRefusals, ["role": .message(member.role.label)])] + reasons.map { "- " + state.catalog($0) }
    }

    /// The question before a move, in the words of the full-screen interface's confirmation:
    /// what the move does and who, if anyone, could bring the application back.
    public static func confirmation(_ state: AppState, _ dossier: Dossier, _ transition: Transition, decision: Decision.Outcome? = nil) -> [String] {
        let c = state.catalog
        let from = dossier.application.state
        let title = c(.tuiConfirmTitle, ["move": .message(transition.label), "id": .text(dossier.application.id.description), "title": .text(dossier.application.title)])
        let back = Confirmation.rolesBack(after: transition, to: from).map { roles in
            c(.tuiConfirmOthersUndo, ["from": .message(from.label), "roles": .message(.list(roles.map { .message($0.label) }))])
        } ?? c(.tuiConfirmFinal, ["from": .message(from.label)])
        let states: [String: Message.Argument] = ["to": .message(transition.to.label), "from": .message(from.label)]
        let what = decision.map { c(.tuiConfirmDecision, states.merging(["outcome": .message($0.label)]) { a, _ in a }) } ?? c(.tuiConfirmMove, states)
        return [title.prefix(1).uppercased() + title.dropFirst(), what, back]
    }
}
