import BeredningCore

/// Moving an application along the process: the moves this member may make now, and the
/// reason a move needs (the steering group's request, or a coordinator's override).
public struct MoveScreen: Equatable, Sendable {
    public let applicationID: ApplicationID
    public let options: [Transition]
    public var selection = 0
    /// The move waiting for its written reason, if any.
    public var pending: Transition?
    /// What stops the application from leaving preparation, shown above an override.
    public var gaps: [Message] = []
    public var editor = TextEditor()
    /// The decision letter the feedback will send, shown in full before it is sent.
    public var letter: Document?
    public var letterScroll = 0
}

/// An application's history, loaded from the store when the screen opens.
public struct HistoryScreen: Equatable, Sendable {
    public let applicationID: ApplicationID
    public var events: [HistoryEvent]?
    public var scroll = 0
    /// The events as lines for the screen's width, worked out when the history arrives or the
    /// width changes, not on every frame: one event's text may be up to a megabyte.
    public var wrapped: HistoryLines?
}

/// Lines wrapped for one width; compared by identity, since they are only ever replaced whole.
public final class HistoryLines: Equatable, Sendable {
    public let width: Int
    public let lines: [StyledLine]

    init(width: Int, lines: [StyledLine]) {
        self.width = width
        self.lines = lines
    }

    public static func == (a: HistoryLines, b: HistoryLines) -> Bool { a === b }
}

extension AppState {
    /// The keys every read-only text screen scrolls with (the history, the meeting, the budget,
    /// the follow-ups): a line, a page, the top and the end. The view keeps the window inside the text.
    func scrolled(_ key: Key, _ scroll: inout Int) -> Bool {
        let page = max(1, height - 6)
        switch key {
        case .down, .char("j"): scroll += 1
        case .up, .char("k"): scroll = max(0, scroll - 1)
        case .pageDown, .char(" "), .ctrl("f"): scroll += page
        case .pageUp, .char("b"), .ctrl("b"): scroll = max(0, scroll - page)
        case .home, .char("g"): scroll = 0
        case .end, .char("G"): scroll = Int.max / 2
        default: return false
        }
        return true
    }

    /// A read-only text screen's keys (the meeting, the budget): scrolling within `lines`,
    /// the help, and Esc or q back. false when the screen was left.
    mutating func readOnlyKey(_ key: Key, _ scroll: inout Int, lines: Int) -> Bool {
        switch key {
        case _ where scrolled(key, &scroll): break
        case .escape, .char("q"):
            stack.removeLast()
            return false
        case .char("?"), .function(1): modal = .help(offset: 0)
        default: break
        }
        scroll = max(0, min(scroll, lines - max(1, height - 6)))
        return true
    }

    mutating func openMove(_ dossier: Dossier) -> [Command] {
        guard let member else { return [] }
        let options = Workflow.available(for: member, dossier: dossier, config: snapshot.config)
        guard !options.isEmpty else {
            show(catalog(Workflow.noMoves(for: member, dossier: dossier, config: snapshot.config)), .error)
            return []
        }
        stack.append(.move(MoveScreen(applicationID: dossier.application.id, options: options)))
        return []
    }

    mutating func handleMove(_ key: Key, _ screen: MoveScreen) -> [Command] {
        var screen = screen
        defer { if case .move = current { stack[stack.count - 1] = .move(screen) } }
        if let letter = screen.letter, let pending = screen.pending {
            let page = max(1, height - 8)
            switch key {
            case .escape:
                // Back to the reason the letter was written from, or out of a letter with none.
                screen.letter = nil
                if !pending.needsReason { screen.pending = nil }
            case .down, .char("j"): screen.letterScroll += 1
            case .up, .char("k"): screen.letterScroll = max(0, screen.letterScroll - 1)
            case .pageDown, .char(" "): screen.letterScroll += page
            case .pageUp: screen.letterScroll = max(0, screen.letterScroll - page)
            case .char("?"), .function(1): modal = .help(offset: 0)
            case .ctrl("s"):
                guard let dossier = dossier(screen.applicationID) else { return [] }
                modal = .confirm(.move(dossier, pending, reason: pending.needsReason ? screen.editor.text : "", override: "", letter: SentLetter(letter)))
            default: break
            }
            return []
        }
        if let pending = screen.pending {
            switch key {
            case .escape:
                screen.pending = nil
                screen.gaps = []
            case .ctrl("s"):
                let text = screen.editor.text
                guard !text.isBlank else { show(catalog(.uiReasonNeeded), .error); return [] }
                guard let dossier = dossier(screen.applicationID) else { return [] }
                if pending.sendsLetter {
                    // The letter says the reasons: it is written from them, and read before it is sent.
                    screen.letter = MoveLetter.document(pending, dossier, reason: text, config: snapshot.config, sender: member,
                                                        date: WallTime(now, offsetMinutes: utcOffsetMinutes).day, catalog: catalog)
                    screen.letterScroll = 0
                    return []
                }
                let isOverride = !screen.gaps.isEmpty
                modal = .confirm(.move(dossier, pending, reason: isOverride ? "" : text, override: isOverride ? text : ""))
                return []
            case .ctrl("e"), .function(4):
                return [.openEditor(text: screen.editor.text)]
            default:
                _ = screen.editor.handle(key, width: formTextWidth)
                screen.editor.scrollToCursor(width: formTextWidth, height: AppState.formTextHeight)
            }
            return []
        }
        switch key {
        case .up, .char("k"): screen.selection = max(0, screen.selection - 1)
        case .down, .char("j"): screen.selection = min(screen.options.count - 1, screen.selection + 1)
        case .escape, .char("q"): stack.removeLast()
        case .char("?"), .function(1): modal = .help(offset: 0)
        case .enter:
            let transition = screen.options[screen.selection]
            guard let dossier = dossier(screen.applicationID) else { return [] }
            if transition.sendsLetter && !transition.needsReason {
                let today = WallTime(now, offsetMinutes: utcOffsetMinutes).day
                guard let letter = MoveLetter.document(transition, dossier, reason: "", config: snapshot.config, sender: member, date: today, catalog: catalog) else {
                    show(catalog(.letterNoDecision, ["id": .text(dossier.application.id.description)]), .error)
                    return []
                }
                screen.pending = transition
                screen.letter = letter
                screen.letterScroll = 0
                return []
            }
            let gaps = transition == .toSteeringGroup ? Workflow.gaps(dossier, config: snapshot.config) : []
            if transition.needsReason || !gaps.isEmpty {
                if !gaps.isEmpty, let member, let refusal = Permissions.check(member.role, .overrideGate) {
                    refuse(refusal)
                    return []
                }
                screen.pending = transition
                screen.gaps = gaps.map { $0.message(snapshot.config) }
                screen.editor = TextEditor()
                return []
            }
            modal = .confirm(.move(dossier, transition, reason: "", override: ""))
            return []
        default: break
        }
        return []
    }

    /// Wraps the open history for the current width, once.
    mutating func rewrapHistory() {
        guard case .history(var screen) = current, let events = screen.events, screen.wrapped?.width != width else { return }
        screen.wrapped = HistoryLines(width: width, lines: HistoryView.lines(events, self))
        stack[stack.count - 1] = .history(screen)
    }

    mutating func handleHistory(_ key: Key, _ screen: HistoryScreen) -> [Command] {
        var screen = screen
        switch key {
        case _ where scrolled(key, &screen.scroll): break
        case .escape, .char("q"):
            stack.removeLast()
            return []
        case .char("?"), .function(1): modal = .help(offset: 0)
        default: break
        }
        stack[stack.count - 1] = .history(screen)
        return []
    }
}
