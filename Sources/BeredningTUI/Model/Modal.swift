import BeredningCore
import BeredningSync

/// What sits on top of a screen: the help, or a question before something is lost.
public enum Modal: Equatable, Sendable {
    /// The keys of the screen behind it, scrolled by `offset` lines.
    case help(offset: Int)
    /// Leaving a form with unsaved changes.
    case confirmLeave
    /// Quitting with unsaved changes somewhere.
    case confirmQuit
    /// The coordinator's export menu.
    case export(options: [ExportKind], selection: Int)
    /// Typing from an earlier session that was never saved: restore it or throw it away.
    case restoreDraft(RecoveryDraft)
    /// Files the member and a colleague both changed, one at a time: both versions, and a choice.
    case syncConflicts(SyncChoice)
    /// Withdrawing one's own declared conflict of interest: yes only on `j`/`y`.
    case confirmWithdrawConflict(ApplicationID)
    /// Something to read before going on (where a kept-aside version is, what git said).
    case notice(title: String, lines: [String], offset: Int)
    /// A move the member cannot take back: what will happen, made only with j (or y).
    case confirm(Confirmation)
    /// A save refused because a colleague changed the file first: why, and the offer to read
    /// the store again with the member's typing kept.
    case offerReload([String])
}

/// A move waiting for the member's yes: the command that makes it, and what it does. By the
/// process's table no member can take back a move of their own (the way back, where there is
/// one, needs another role), so every move asks; the window says who could bring the
/// application back, or that nobody can.
public struct Confirmation: Equatable, Sendable {
    public let applicationID: ApplicationID
    public let transition: Transition
    /// The state the application leaves.
    public let from: ApplicationState
    /// The board's decision recorded with the move (approve, reject from the decision form).
    public let decision: Decision.Outcome?
    public let command: Command

    static func move(_ dossier: Dossier, _ transition: Transition, reason: String, override: String, letter: SentLetter? = nil) -> Confirmation {
        let id = dossier.application.id
        return Confirmation(applicationID: id, transition: transition, from: dossier.application.state, decision: nil,
                            command: .move(id, transition, reason: reason, override: override, letter: letter))
    }

    static func decision(_ dossier: Dossier, _ decision: Decision) -> Confirmation {
        let id = dossier.application.id
        return Confirmation(applicationID: id, transition: decision.outcome.transition, from: dossier.application.state,
                            decision: decision.outcome, command: .recordDecision(id, decision))
    }

    /// The roles that would have to move the application for it to come back to `state`, in
    /// the fewest moves the process allows; nil when no way back exists for anyone.
    static func rolesBack(after transition: Transition, to state: ApplicationState) -> [Role]? {
        var paths: [ApplicationState: [Transition]] = [transition.to: []]
        var queue = [transition.to]
        while !queue.isEmpty {
            let here = queue.removeFirst()
            if here == state {
                let actions = Set(paths[here]!.map(\.action))
                return Role.allCases.filter { role in actions.contains { Permissions.allows(role, $0) } }
            }
            for next in Transition.allCases where next.from.contains(here) && paths[next.to] == nil {
                paths[next.to] = paths[here]! + [next]
                queue.append(next.to)
            }
        }
        return nil
    }
}

/// The member's way through a sync's conflicts. Nothing is decided until the last file is.
public struct SyncChoice: Equatable, Sendable {
    public let conflicts: [SyncConflict]
    public internal(set) var index = 0
    public internal(set) var choices: [String: SyncSide] = [:]
    public internal(set) var offset = 0

    public init(conflicts: [SyncConflict]) { self.conflicts = conflicts }

    public var current: SyncConflict { conflicts[index] }
}

extension AppState {
    mutating func handleModal(_ key: Key) -> [Command] {
        guard let modal else { return [] }
        switch modal {
        case .confirmWithdrawConflict(let id):
            self.modal = nil
            guard key == .char("j") || key == .char("J") || key == .char("y") || key == .char("Y") else { return [] }
            return [.withdrawConflict(id)]
        case .help(let offset):
            // Scroll keys scroll; any other key closes the help. Esc never quits from a modal.
            self.modal = scrolled(offset, by: key, in: modal).map { .help(offset: $0) }
            return []
        case .confirmLeave:
            switch key {
            case .char("s"), .char("S"):
                self.modal = nil
                return saveDraftAndLeave()
            case .char("l"), .char("L"), .char("d"):
                self.modal = nil
                // The draft of what is left, and only that one: another kept from earlier stays.
                let left = recoveryDraft
                stack.removeLast()
                show(catalog(.uiChangesDiscarded))
                return [.discardDraft(left)]
            default:
                // Enter, Esc, n and anything else: stay. No is the default.
                self.modal = nil
            }
            return []
        case .export(let options, let selection):
            switch key {
            case .up, .char("k"): self.modal = .export(options: options, selection: max(0, selection - 1))
            case .down, .char("j"): self.modal = .export(options: options, selection: min(options.count - 1, selection + 1))
            case .enter:
                self.modal = nil
                return [.export(options[selection])]
            default: self.modal = nil
            }
            return []
        case .restoreDraft(let draft):
            switch key {
            case .enter, .char("å"), .char("Å"), .char("r"):
                self.modal = nil
                restore(draft)
                return []
            case .char("d"), .char("D"), .char("s"):
                self.modal = nil
                show(catalog(.uiDraftDiscarded))
                return [.discardDraft(draft)]
            default:
                // Esc and anything else keep the draft for later: nothing is thrown away by accident.
                self.modal = nil
                return []
            }
        case .confirmQuit:
            switch key {
            case .char("a"), .char("A"), .char("y"):
                return [.quit]
            default:
                self.modal = nil
                return []
            }
        case .syncConflicts(var choice):
            switch key {
            case .down, .char("j"), .char(" "), .pageDown: choice.offset += key == .down || key == .char("j") ? 1 : 5
            case .up, .char("k"), .pageUp: choice.offset = max(0, choice.offset - (key == .up || key == .char("k") ? 1 : 5))
            case .char("m"), .char("M"), .char("t"), .char("T"):
                choice.choices[choice.current.path] = key == .char("m") || key == .char("M") ? .mine : .theirs
                choice.index += 1
                choice.offset = 0
                if choice.index == choice.conflicts.count {
                    self.modal = nil
                    show(catalog(.syncWorking))
                    return [.sync(choices: choice.choices)]
                }
            case .escape:
                self.modal = nil
                show(catalog(.syncChosenLater))
                return []
            default:
                // A stray key must not settle which text survives.
                break
            }
            self.modal = .syncConflicts(choice)
            return []
        case .notice(let title, let lines, let offset):
            self.modal = scrolled(offset, by: key, in: modal).map { .notice(title: title, lines: lines, offset: $0) }
            return []
        case .offerReload(let lines):
            self.modal = nil
            switch key {
            case .enter, .char("j"), .char("J"), .char("y"), .char("Y"), .char("r"):
                reloadAsked = true
                return [.reload]
            default:
                // Not now: the refusal stays in view, and r in the list reads the store later.
                status = Status(text: lines.joined(separator: " "), kind: .error)
                return []
            }
        case .confirm(let confirmation):
            switch key {
            case .char("j"), .char("J"), .char("y"), .char("Y"):
                self.modal = nil
                return [confirmation.command]
            case .escape, .char("n"), .char("N"), .ctrl("c"):
                self.modal = nil
                show(catalog(.tuiConfirmCancelled))
            default:
                // Enter, or any other key, never makes a move that cannot be taken back.
                show(catalog(.tuiConfirmKeys))
            }
            return []
        }
    }

    /// A reading window's offset after a scroll key, held between the top and the last line;
    /// nil for any other key, which closes the window. The same keys scroll as in the list and
    /// the application, so G or PgDn never throws the help away.
    func scrolled(_ offset: Int, by key: Key, in modal: Modal) -> Int? {
        let content = ModalView.content(modal, self)
        let last = content.lastOffset, page = max(1, content.height - 3)
        let offset = min(offset, last)
        switch key {
        case .down, .char("j"): return min(last, offset + 1)
        case .up, .char("k"): return max(0, offset - 1)
        case .pageDown, .char(" "), .ctrl("f"): return min(last, offset + page)
        case .pageUp, .ctrl("b"), .char("b"): return max(0, offset - page)
        case .home, .char("g"): return 0
        case .end, .char("G"): return last
        default: return nil
        }
    }

    /// A finished sync: its conflicts to choose between, or its outcome in words. Where a
    /// version was kept aside, or git explains a failure, it is a notice to read, not a status
    /// line that the next key clears.
    mutating func synced(_ outcome: SyncOutcome) -> [Command] {
        let lines = SyncReport.lines(outcome, catalog: catalog)
        switch outcome {
        case .conflicts(let conflicts, _) where !conflicts.isEmpty:
            modal = .syncConflicts(SyncChoice(conflicts: conflicts))
            show(catalog(.syncConflicts, ["count": .text(String(conflicts.count))]))
        case .synced:
            show(lines.joined(separator: " "), .success)
        case .offline(let committed, _):
            show(SyncReport.lines(.offline(committed: committed, detail: ""), catalog: catalog).joined(separator: " "), .error)
        case .conflicts, .resolved, .ruleFilesChanged, .refused, .restored, .notShared, .failed:
            modal = .notice(title: catalog(.syncTitle), lines: lines, offset: 0)
        }
        return [.reload]
    }

    mutating func openExport(memoFor id: ApplicationID?) -> [Command] {
        switch exportOptions(memoFor: id) {
        case .success(let options): modal = .export(options: options, selection: 0)
        case .failure(let refusal): show(catalog(refusal.reason), .error)
        }
        return []
    }

    /// The exports the member may make now (a memo only of the application in hand), or why none.
    public func exportOptions(memoFor id: ApplicationID?) -> Result<[ExportKind], Refusal> {
        guard let member else { return .failure(Refusal(Message(.uiExportWaits))) }
        if let refusal = Permissions.check(member.role, .exportDecisions) { return .failure(refusal) }
        // An export of part of the store would look complete and not be.
        guard snapshot.isComplete else { return .failure(Refusal(Message(.uiExportWaits))) }
        var options: [ExportKind] = [.decisionsCSV, .everythingJSON, .workbook]
        if let id { options += [.memoMarkdown(id), .memoHTML(id)] }
        return .success(options)
    }

    /// Saves the open form as a draft (a comment as it is); it closes once the save is confirmed.
    private mutating func saveDraftAndLeave() -> [Command] {
        switch current {
        case .scoring(var form):
            var candidate = form.current
            candidate.status = .draft
            if let problem = ReviewRules.problemsSaving(candidate, criteria: snapshot.config.criteria, scale: snapshot.config.scale).first {
                show(catalog(problem), .error)
                return []
            }
            let review = form.prepareSave(status: .draft)
            form.afterSave = .leave
            stack[stack.count - 1] = .scoring(form)
            return [.saveReview(review)]
        case .conflict(let form):
            return saveConflict(form)
        case .applicationForm(var form):
            let commands = saveApplication(&form)
            stack[stack.count - 1] = .applicationForm(form)
            return commands
        case .comment(let form):
            guard let member else { return [] }
            return [.saveComment(YouthComment(applicationID: form.applicationID, author: member.id, time: now, about: form.topic, text: form.editor.text))]
        default:
            return []
        }
    }

    /// Reopens the form the draft came from, with its text typed in and not yet saved.
    mutating func restore(_ draft: RecoveryDraft) {
        switch draft {
        case .review(let review):
            let saved = dossier(review.applicationID)?.review(by: review.reviewer) ?? Review(applicationID: review.applicationID, reviewer: review.reviewer)
            stack = [.scoring(ScoringForm(review: review, saved: saved, criteria: snapshot.config.criteria))]
        case .comment(let comment):
            var form = CommentForm(applicationID: comment.applicationID)
            form.topic = comment.about
            form.editor = TextEditor(comment.text)
            stack = [.comment(form)]
        case .applicationForm(let draft):
            // Over the application as the store has it now: a colleague's change since stays
            // in every field the member had not typed in.
            if let id = draft.applicationID {
                guard let dossier = dossier(id) else {
                    show(catalog(.cliNoSuchApplication, ["id": .text(id.description)]), .error)
                    return
                }
                stack = [.applicationForm(.edit(dossier.application, config: snapshot.config))]
            } else {
                stack = []
                _ = openNewApplication(idea: draft.idea)
            }
            guard case .applicationForm(var form) = current else { return }
            form.restore(rows: draft.rows, changes: draft.changes)
            stack[stack.count - 1] = .applicationForm(form)
        }
        show(catalog(.uiDraftRestored))
    }

    /// The first form on the stack with unsaved typing, as a draft to keep aside.
    public var recoveryDraft: RecoveryDraft? {
        guard let member else { return nil }
        for screen in stack.reversed() {
            switch screen {
            case .scoring(let form) where form.isDirty:
                var review = form.current
                // Kept as a draft: a review marked complete is checked again when it is saved.
                review.status = .draft
                return .review(review)
            case .comment(let form) where form.isDirty:
                return .comment(YouthComment(applicationID: form.applicationID, author: member.id, time: now, about: form.topic, text: form.editor.text))
            case .applicationForm(let form) where form.isDirty:
                return .applicationForm(ApplicationFormDraft(member: member.id, applicationID: form.basis?.id, idea: form.idea, rows: form.rows,
                                                             changes: form.changes))
            default: continue
            }
        }
        return nil
    }
}
