import BeredningCore

/// One key of a screen: what to press and what it does. The same table feeds the footer and
/// the help, so the two can never disagree.
public struct Binding: Sendable {
    public let keys: String
    public let action: MessageKey
    /// Shown in the footer as well as in the help.
    public let footer: Bool
    /// Why the member's role cannot use this key, or nil when it can. A refused key is left out
    /// of the footer, and the help lists it apart with this reason.
    public let refusal: Refusal?

    init(_ keys: String, _ action: MessageKey, footer: Bool = false, refusal: Refusal? = nil) {
        self.keys = keys
        self.action = action
        self.footer = footer
        self.refusal = refusal
    }
}

public enum Keymap {
    public static func bindings(for state: AppState) -> [Binding] {
        let role = state.member?.role
        func refused(_ action: Action) -> Refusal? { role.flatMap { Permissions.check($0, action) } }
        let moves = role.flatMap(refusalOfEveryMove)
        if state.member == nil {
            return [Binding("↑↓", .keyMove, footer: true), Binding("Enter", .keyChooseMember, footer: true), Binding("q", .keyQuit, footer: true)]
        }
        switch state.current {
        case nil where state.list.filtering:
            return [Binding("Enter", .keyKeepFilter, footer: true), Binding("Esc", .keyClearFilter, footer: true), Binding("Ctrl-U", .keyClearFilter)]
        case nil:
            return [
                Binding("↑↓ j k", .keyMove, footer: true), Binding("Enter", .keyOpen, footer: true), Binding("/", .keyFilter, footer: true),
                Binding("p", .keyScore, footer: true, refusal: refused(.scoreReview)),
                Binding("c", .keyComment, footer: true, refusal: refused(.commentAsYouthPanel)), Binding("e", .keyCalculation),
                Binding("m", .keyMoveApplication, footer: true, refusal: moves),
                Binding("n", .keyNextReview, refusal: refused(.scoreReview)), Binding("x", .keyExport, refusal: refused(.exportDecisions)),
                Binding("M", .keyMeeting), Binding("B", .keyBudget), Binding("u", .keyFollowUpsDue),
                Binding("N", .keyNewApplication, refusal: refused(.registerApplication)), Binding("I", .keyNewIdea, refusal: refused(.registerApplication)),
                Binding("E", .keyEditApplication, refusal: refused(.editApplication)),
                Binding("s", .keySort, footer: true), Binding("S", .keyReverse), Binding("1–8", .keySortColumn), Binding("v", .keyGroup), Binding("PgUp PgDn g G", .keyPage), Binding("Esc", .keyClearFilter),
                Binding("r", .keyReload), Binding("y", .keySync), Binding("Ctrl-L", .keyRedraw), Binding("Ctrl-Z", .keySuspend),
                Binding("?", .keyHelp, footer: true), Binding("q", .keyQuit, footer: true),
            ]
        case .application(let screen) where screen.searchInput != nil:
            return [Binding("Enter", .keyRunSearch, footer: true), Binding("Esc", .keyCancelSearch, footer: true), Binding("Ctrl-U", .keyClearSearch)]
        case .application:
            return [
                Binding("↑↓ j k", .keyScroll, footer: true), Binding("PgUp PgDn g G", .keyPage), Binding("Ctrl-D Ctrl-U", .keyHalfPage),
                Binding("/", .keySearch, footer: true), Binding("n N", .keyNextMatch),
                Binding("p", .keyScore, footer: true, refusal: refused(.scoreReview)),
                Binding("c", .keyComment, footer: true, refusal: refused(.commentAsYouthPanel)), Binding("e", .keyCalculation, footer: true),
                Binding("m", .keyMoveApplication, footer: true, refusal: moves),
                Binding("H", .keyHistory), Binding("u", .keyFollowUp), Binding("d", .keyDecision, refusal: refused(.recordDecision)),
                Binding("E", .keyEditApplication, refusal: refused(.editApplication)),
                Binding("x", .keyExport, refusal: refused(.exportDecisions)),
                Binding("J", .conflictKeyDeclare, refusal: refused(.declareConflict)),
                Binding("?", .keyHelp, footer: true), Binding("Esc q", .keyBack, footer: true),
            ]
        case .decision(let form):
            var keys = [Binding("Tab Shift-Tab", .keyNextField, footer: true)]
            // ← → choose the outcome on the outcome only: in a text they move the cursor.
            if form.focus == .outcome { keys.append(Binding("← →", .keyChooseRecommendation)) }
            if [.conditions, .rationale, .budgetOverride].contains(form.focus) { keys.append(Binding("Ctrl-E F4", .keyEditor)) }
            return keys + [Binding("Ctrl-S", .keyDecision, footer: true), Binding("Esc", .keyBack, footer: true)]
        case .move(let screen):
            if screen.letter != nil {
                return [Binding("↑↓ j k", .keyScroll, footer: true), Binding("PgUp PgDn", .keyPage), Binding("Ctrl-S", .keySendLetter, footer: true),
                        Binding("?", .keyHelp), Binding("Esc", .keyBack, footer: true)]
            }
            if screen.pending != nil {
                return [Binding("Ctrl-S", .keyConfirmMove, footer: true), Binding("Ctrl-E F4", .keyEditor), Binding("Esc", .keyBack, footer: true)]
            }
            return [Binding("↑↓", .keyMove, footer: true), Binding("Enter", .keyChooseMove, footer: true), Binding("Esc", .keyBack, footer: true)]
        case .history:
            return [Binding("↑↓ j k", .keyScroll, footer: true), Binding("Esc q", .keyBack, footer: true)]
        case .meeting, .budget:
            return [Binding("↑↓ j k", .keyScroll, footer: true), Binding("PgUp PgDn g G", .keyPage), Binding("?", .keyHelp, footer: true),
                    Binding("Esc q", .keyBack, footer: true)]
        case .calculation:
            return [
                Binding("Tab 1–4", .keyScenario, footer: true), Binding("a A", .keyActor, footer: true), Binding("↑↓ j k", .keyScroll, footer: true),
                Binding("?", .keyHelp, footer: true), Binding("Esc q", .keyBack, footer: true),
            ]
        case .scoring(let form):
            var keys = [Binding("Tab Shift-Tab", .keyNextField, footer: true)]
            switch form.focused {
            case .score:
                keys += [Binding("1–4 ← →", .keySetScore, footer: true), Binding("x", .keyCannotJudge, footer: true), Binding("Backspace", .keyClearScore)]
            case .recommendation:
                keys += [Binding("← →", .keyChooseRecommendation, footer: true), Binding("b a k", .keyRecommendationLetters)]
            case .comment, .summary:
                keys += [Binding("Ctrl-E F4", .keyEditor, footer: true), Binding("Alt-B Alt-F", .keyWordMove), Binding("Ctrl-A Home End", .keyLineMove),
                         Binding("Ctrl-W Ctrl-U Ctrl-K", .keyDeleteKeys)]
            }
            keys += [Binding("Ctrl-S", .keySaveDraft, footer: true), Binding("Ctrl-O", .keyMarkComplete, footer: true),
                     Binding("Ctrl-N", .keySaveNext, footer: true), Binding("Esc", .keyBack, footer: true), Binding("F1", .keyHelp)]
            if state.scoringSideBySide { keys.append(Binding("PgUp PgDn", .keyScrollApplicationText)) }
            return keys
        case .followUp:
            return [Binding("↑↓ j k", .keyScroll, footer: true), Binding("PgUp PgDn g", .keyPage),
                    Binding("n", .keyNewFollowUp, footer: true, refusal: refused(.followUp)),
                    Binding("?", .keyHelp, footer: true), Binding("Esc q", .keyBack, footer: true)]
        case .followUpsDue:
            return [Binding("↑↓ j k", .keyMove, footer: true), Binding("Enter", .keyFollowUp, footer: true),
                    Binding("?", .keyHelp, footer: true), Binding("Esc q", .keyBack, footer: true)]
        case .followUpForm(let form):
            var keys = [Binding("Tab Shift-Tab", .keyNextField, footer: true)]
            if !FollowUpForm.isSingleLine(form.focus) { keys.append(Binding("Ctrl-E F4", .keyEditor, footer: true)) }
            return keys + [Binding("Ctrl-S", .keySaveFollowUp, footer: true), Binding("Esc", .keyBack, footer: true), Binding("F1", .keyHelp)]
        case .applicationForm(let form):
            var keys = [Binding("Tab Shift-Tab", .keyNextField, footer: true), Binding("PgUp PgDn", .keyNextSection)]
            switch form.focusedField?.kind {
            case .choice?: keys.append(Binding("← → Space", .keyChooseOption, footer: true))
            case .choices?: keys += [Binding("← →", .keyPickOption, footer: true), Binding("Space x", .keyToggleOption, footer: true)]
            case .paragraphs?: keys += [Binding("Ctrl-E F4", .keyEditor, footer: true), Binding("Alt-B Alt-F", .keyWordMove)]
            default: break
            }
            if form.focusedRow != nil {
                keys += [Binding("F5", .keyAddRow, footer: true), Binding("F6", .keyRemoveRow), Binding("F7 F8", .keyMoveRow)]
            } else if case .add = form.focus {
                keys.append(Binding("Enter F5", .keyAddRow, footer: true))
            }
            return keys + [Binding("Ctrl-S", .keySaveApplication, footer: true), Binding("Esc", .keyBack, footer: true), Binding("F1", .keyHelp)]
        case .conflict:
            return [Binding("Ctrl-S", .conflictKeyDeclare, footer: true), Binding("Ctrl-E F4", .keyEditor, footer: true),
                    Binding("Alt-B Alt-F", .keyWordMove), Binding("Esc", .keyBack, footer: true), Binding("F1", .keyHelp)]
        case .comment:
            return [Binding("Tab", .keyTopicOrText, footer: true), Binding("Ctrl-S", .keySaveComment, footer: true),
                    Binding("Ctrl-E F4", .keyEditor, footer: true), Binding("Alt-B Alt-F", .keyWordMove), Binding("Esc", .keyBack, footer: true),
                    Binding("F1", .keyHelp)]
        }
    }

    /// Why `role` can move no application at all, naming the roles that can; nil when it can
    /// make some move (which ones depends on the application's state: the move menu says).
    static func refusalOfEveryMove(_ role: Role) -> Refusal? {
        let movers = Role.allCases.filter { mover in Transition.allCases.contains { Permissions.allows(mover, $0.action) } }
        guard !movers.contains(role) else { return nil }
        return Refusal(Message(.tuiNoMovesForRole, ["role": .message(role.label), "roles": .message(.list(movers.map { .message($0.label) }))]))
    }
}
