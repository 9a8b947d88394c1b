import BeredningCore

/// One key of a screen: what to press and what it does. The same table feeds the footer and
/// the help, so the two can never disagree.
public struct Binding: Sendable {
    public let keys: String
    public let action: MessageKey
    /// Shown in the footer as well as in the help.
    public let footer: Bool

    init(_ keys: String, _ action: MessageKey, footer: Bool = false) {
        self.keys = keys
        self.action = action
        self.footer = footer
    }
}

public enum Keymap {
    public static func bindings(for state: AppState) -> [Binding] {
        if state.member == nil {
            return [Binding("↑↓", .keyMove, footer: true), Binding("Enter", .keyChooseMember, footer: true), Binding("q", .keyQuit, footer: true)]
        }
        switch state.current {
        case nil where state.list.filtering:
            return [Binding("Enter", .keyKeepFilter, footer: true), Binding("Esc", .keyClearFilter, footer: true), Binding("Ctrl-U", .keyClearFilter)]
        case nil:
            return [
                Binding("↑↓ j k", .keyMove, footer: true), Binding("Enter", .keyOpen, footer: true), Binding("/", .keyFilter, footer: true),
                Binding("p", .keyScore, footer: true), Binding("c", .keyComment, footer: true), Binding("e", .keyCalculation),
                Binding("n", .keyNextReview), Binding("x", .keyExport), Binding("M", .keyMeeting),
                Binding("s", .keySort, footer: true), Binding("S", .keyReverse), Binding("1–8", .keySortColumn), Binding("v", .keyGroup), Binding("PgUp PgDn g G", .keyPage), Binding("Esc", .keyClearFilter),
                Binding("r", .keyReload), Binding("y", .keySync), Binding("Ctrl-L", .keyRedraw), Binding("Ctrl-Z", .keySuspend),
                Binding("?", .keyHelp, footer: true), Binding("q", .keyQuit, footer: true),
            ]
        case .application:
            return [
                Binding("↑↓ j k", .keyScroll, footer: true), Binding("PgUp PgDn g G", .keyPage), Binding("p", .keyScore, footer: true),
                Binding("c", .keyComment, footer: true), Binding("e", .keyCalculation, footer: true), Binding("m", .keyMoveApplication, footer: true),
                Binding("H", .keyHistory), Binding("d", .keyDecision), Binding("x", .keyExport), Binding("J", .conflictKeyDeclare),
                Binding("?", .keyHelp, footer: true), Binding("Esc q", .keyBack, footer: true),
            ]
        case .decision(let form):
            var keys = [Binding("Tab Shift-Tab", .keyNextField, footer: true)]
            // ← → choose the outcome on the outcome only: in a text they move the cursor.
            if form.focus == .outcome { keys.append(Binding("← →", .keyChooseRecommendation)) }
            if form.focus == .conditions || form.focus == .rationale { keys.append(Binding("Ctrl-E F4", .keyEditor)) }
            return keys + [Binding("Ctrl-S", .keyDecision, footer: true), Binding("Esc", .keyBack, footer: true)]
        case .move(let screen):
            if screen.pending != nil {
                return [Binding("Ctrl-S", .keyConfirmMove, footer: true), Binding("Ctrl-E F4", .keyEditor), Binding("Esc", .keyBack, footer: true)]
            }
            return [Binding("↑↓", .keyMove, footer: true), Binding("Enter", .keyChooseMove, footer: true), Binding("Esc", .keyBack, footer: true)]
        case .history:
            return [Binding("↑↓ j k", .keyScroll, footer: true), Binding("Esc q", .keyBack, footer: true)]
        case .meeting:
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
            return keys
        case .conflict:
            return [Binding("Ctrl-S", .conflictKeyDeclare, footer: true), Binding("Ctrl-E F4", .keyEditor, footer: true),
                    Binding("Alt-B Alt-F", .keyWordMove), Binding("Esc", .keyBack, footer: true), Binding("F1", .keyHelp)]
        case .comment:
            return [Binding("Tab", .keyTopicOrText, footer: true), Binding("Ctrl-S", .keySaveComment, footer: true),
                    Binding("Ctrl-E F4", .keyEditor, footer: true), Binding("Alt-B Alt-F", .keyWordMove), Binding("Esc", .keyBack, footer: true),
                    Binding("F1", .keyHelp)]
        }
    }
}
