import BeredningCore
import BeredningStore
import Foundation

/// The whole interface as a value: what is shown and what is being typed. `update` is the one
/// place it changes; views are functions of it; side effects leave as `Command`s.
public struct AppState: Sendable {
    public let catalog: Catalog
    /// The other language's catalog, so `state:` filters match Swedish and English labels.
    public let otherCatalog: Catalog?
    public internal(set) var snapshot: StoreSnapshot
    /// nil until the member has been picked on the first screen.
    public internal(set) var member: Member?
    public internal(set) var width: Int
    public internal(set) var height: Int
    public internal(set) var list = ListState()
    public internal(set) var stack: [Screen] = []
    public internal(set) var modal: Modal?
    public internal(set) var status: Status?
    /// The wall clock, set by the runtime before each event: comments and "Sparat 14:02" need it.
    public var now = Date(timeIntervalSince1970: 0)
    /// Minutes east of UTC for showing times (the runtime's time zone).
    public var utcOffsetMinutes = 0
    public internal(set) var memberPicker = 0
    /// The list as shown. Kept up to date by `update` rather than computed per frame: at
    /// 10 000 applications that made every key press take most of a second.
    public internal(set) var listRows: [ListRow] = []
    /// Every row with its checklist as this member may see it, and the counts the status line
    /// shows: they change only when the store is read again or someone else sits down.
    var storeRows = StoreRows()
    /// Counts the times the store was read, so the caches know when they are out of date.
    private(set) var generation = 0
    var listInputsKey: ListInputs?
    /// The member pressed `r`: the reload that answers says so in the status line.
    var reloadAsked = false
    /// Opened on one form only (`bered new`, `bered edit`): closing it ends the program.
    public var quitsWithForm = false

    public init(snapshot: StoreSnapshot, member: Member?, catalog: Catalog, otherCatalog: Catalog? = nil, width: Int, height: Int) {
        self.snapshot = snapshot
        self.member = member
        self.catalog = catalog
        self.otherCatalog = otherCatalog
        self.width = width
        self.height = height
        refreshList()
    }

    public enum Screen: Equatable, Sendable {
        case application(ApplicationScreen)
        case scoring(ScoringForm)
        case comment(CommentForm)
        case calculation(CalculationScreen)
        case move(MoveScreen)
        case history(HistoryScreen)
        case decision(DecisionForm)
        case conflict(ConflictForm)
        case meeting(MeetingScreen)
        case budget(BudgetScreen)
        case followUp(FollowUpScreen)
        case followUpsDue(FollowUpsDueScreen)
        case followUpForm(FollowUpForm)
        case applicationForm(ApplicationFormScreen)
    }

    public struct Status: Equatable, Sendable {
        public enum Kind: Sendable { case info, success, error }
        public let text: String
        public let kind: Kind
    }

    public var current: Screen? { stack.last }
    public static let minimumWidth = 40
    public static let minimumHeight = 12
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Unsaved typing anywhere on the stack.
    public var hasUnsavedWork: Bool {
        stack.contains { screen in
            switch screen {
            case .scoring(let form): return form.isDirty
            case .comment(let form): return form.isDirty
            case .conflict(let form): return form.isDirty
            case .move(let screen): return screen.pending != nil && !screen.editor.isBlank
            case .decision(let form): return !form.text(.caseNumber).isBlank || !form.text(.rationale).isBlank
            case .followUpForm(let form): return form.isDirty
            case .applicationForm(let form): return form.isDirty
            case .application, .calculation, .history, .meeting, .budget, .followUp, .followUpsDue: return false
            }
        }
    }

    // MARK: The one place state changes

    public mutating func update(_ event: Event) -> [Command] {
        var commands = apply(event)
        refreshList()
        if quitsWithForm, stack.isEmpty, !commands.contains(.quit) { commands.append(.quit) }
        return commands
    }

    private mutating func apply(_ event: Event) -> [Command] {
        switch event {
        case .resize(let width, let height):
            self.width = width
            self.height = height
            rewrapHistory()
            return []
        case .saved(let message):
            return saved(message)
        case .failed(let lines):
            // Whatever failed, a later reload (after a save) must not claim to answer `r`.
            reloadAsked = false
            status = Status(text: lines.joined(separator: " "), kind: .error)
            return []
        case .stale(let lines):
            reloadAsked = false
            modal = .offerReload(lines)
            return []
        case .reloaded(let snapshot):
            self.snapshot = snapshot
            generation += 1
            refreshList()
            if reloadAsked, case .applicationForm(var form) = current, let basis = form.basis, let now = dossier(basis.id)?.application, now != basis {
                // The colleague's change comes in where the member has not typed.
                form.rebase(onto: now)
                stack[stack.count - 1] = .applicationForm(form)
            }
            if reloadAsked {
                // `r` says it was done, or a reload that changed nothing would look like a dead key.
                reloadAsked = false
                // After a refused save the form is still open with the typing in it: say so.
                show(hasUnsavedWork ? catalog(.tuiReloadedKeepTyping, ["time": .text(clock)])
                     : catalog(.tuiReloaded, ["time": .text(clock), "count": .text(String(snapshot.entries.count))]), .success)
            }
            return []
        case .changedElsewhere(let snapshot):
            // What the member is typing and where they are stay; only what is shown is newer.
            self.snapshot = snapshot
            generation += 1
            refreshList()
            if status?.kind != .error { show(catalog(.tuiChangedElsewhere, ["time": .text(clock)]), .info) }
            return []
        case .synced(let outcome):
            return synced(outcome)
        case .draftFound(let draft):
            // Offered to its writer only, and not over a form already open, except the form the
            // program was started on (`bered new`, `bered edit`) before anything is typed in it:
            // typing there would otherwise replace the draft unseen.
            if draft.member == member?.id, modal == nil, stack.isEmpty || (quitsWithForm && !hasUnsavedWork) { modal = .restoreDraft(draft) }
            return []
        case .historyLoaded(let id, let events):
            if case .history(var screen) = current, screen.applicationID == id {
                screen.events = events
                stack[stack.count - 1] = .history(screen)
                rewrapHistory()
            }
            return []
        case .editorFinished(let text):
            if let text { editFocusedText { $0.replaceAll(with: text) } }
            return []
        case .text(let text):
            paste(text)
            return []
        case .key(let key):
            return handle(key)
        }
    }

    mutating func handle(_ key: Key) -> [Command] {
        status = nil
        if key == .ctrl("z") { return [.suspend] }
        if isTooSmall { return key == .ctrl("c") || key == .char("q") ? [.quit] : [] }
        if modal != nil { return handleModal(key) }
        if member == nil { return handleMemberPicker(key) }
        if key == .ctrl("c") {
            if hasUnsavedWork {
                modal = .confirmQuit
                return []
            }
            return [.quit]
        }
        switch current {
        case nil: return handleList(key)
        case .application(let screen): return handleApplication(key, screen)
        case .scoring(let form): return handleScoring(key, form)
        case .comment(let form): return handleComment(key, form)
        case .calculation(let screen): return handleCalculation(key, screen)
        case .move(let screen): return handleMove(key, screen)
        case .history(let screen): return handleHistory(key, screen)
        case .decision(let form): return handleDecision(key, form)
        case .conflict(let form): return handleConflict(key, form)
        case .meeting(let screen): return handleMeeting(key, screen)
        case .budget(let screen): return handleBudget(key, screen)
        case .followUp(let screen): return handleFollowUp(key, screen)
        case .followUpsDue(let screen): return handleFollowUpsDue(key, screen)
        case .followUpForm(let form): return handleFollowUpForm(key, form)
        case .applicationForm(let form): return handleApplicationForm(key, form)
        }
    }

    mutating func show(_ text: String, _ kind: Status.Kind = .info) {
        status = Status(text: text, kind: kind)
    }

    mutating func refuse(_ refusal: Refusal) { show(catalog(refusal.reason), .error) }

    /// "14:02" in the runtime's time zone.
    var clock: String { WallTime(now, offsetMinutes: utcOffsetMinutes).clock }

    private mutating func saved(_ message: Message) -> [Command] {
        // The reload that follows a save leaves the save's message in place.
        reloadAsked = false
        show(catalog(message) + " " + clock, .success)
        switch current {
        case .scoring(var form):
            form.markSaved()
            switch form.afterSave {
            case .next:
                stack.removeLast()
                return [.reload] + openNextReview(after: form.applicationID)
            case .leave:
                stack.removeLast()
            case .stay:
                stack[stack.count - 1] = .scoring(form)
            }
        case .comment, .move, .decision, .conflict, .followUpForm, .applicationForm:
            stack.removeLast()
        default: break
        }
        return [.reload]
    }

    // MARK: Data the screens share

    public func dossier(_ id: ApplicationID) -> Dossier? { snapshot.entry(id)?.dossier }

    public func checklist(for dossier: Dossier) -> Checklist {
        Checklist(dossier: dossier, config: snapshot.config, viewer: member)
    }

    /// Applies `change` to the text field in focus; false when no text field has focus.
    @discardableResult
    mutating func editFocusedText(_ change: (inout TextEditor) -> Void) -> Bool {
        switch current {
        case .scoring(var form):
            guard form.editFocused(change) else { return false }
            stack[stack.count - 1] = .scoring(form)
            return true
        case .comment(var form):
            change(&form.editor)
            stack[stack.count - 1] = .comment(form)
            return true
        case .conflict(var form):
            change(&form.editor)
            stack[stack.count - 1] = .conflict(form)
            return true
        case .move(var screen) where screen.pending != nil:
            change(&screen.editor)
            stack[stack.count - 1] = .move(screen)
            return true
        case .decision(var form) where form.focus != .outcome:
            var editor = form.editors[form.focus] ?? TextEditor()
            change(&editor)
            form.editors[form.focus] = editor
            stack[stack.count - 1] = .decision(form)
            return true
        case .followUpForm(var form):
            var editor = form.editors[form.focus] ?? TextEditor()
            change(&editor)
            form.editors[form.focus] = editor
            stack[stack.count - 1] = .followUpForm(form)
            return true
        case .applicationForm(var form):
            guard let field = form.focusedField, field.kind.isText else { return false }
            form.edit(field.path, change)
            stack[stack.count - 1] = .applicationForm(form)
            return true
        default:
            return false
        }
    }

    /// The text field the cursor is in: whether it takes one line only, and the width and
    /// rows it is shown in. nil on a score, a choice, the list, or with a window open.
    var focusedTextField: (singleLine: Bool, width: Int, rows: Int)? {
        guard modal == nil else { return nil }
        switch current {
        case .scoring(let form) where form.focusedEditor != nil: return (false, scoringTextWidth, AppState.formTextHeight)
        case .comment(let form) where !form.onTopic: return (false, formTextWidth, commentTextHeight)
        case .conflict: return (false, formTextWidth, commentTextHeight)
        case .move(let screen) where screen.pending != nil: return (false, formTextWidth, AppState.formTextHeight)
        case .decision(let form) where form.focus != .outcome:
            return (DecisionForm.isSingleLine(form.focus), decisionTextWidth, DecisionForm.rows(form.focus))
        case .followUpForm(let form):
            return (FollowUpForm.isSingleLine(form.focus), decisionTextWidth, FollowUpForm.rows(form.focus))
        case .applicationForm(let form):
            guard let field = form.focusedField, field.kind.isText else { return nil }
            return field.kind == .paragraphs ? (false, applicationFormTextWidth, ApplicationFormView.boxRows(height: height))
                : (true, applicationFormTextWidth, 1)
        default: return nil
        }
    }

    /// A paste arrives as one piece of text. It is only ever text: in a text field it is
    /// inserted (its line breaks and tabs too, as spaces where the field takes one line), in
    /// the list's filter it is filter text, and anywhere else it is refused, so that a pasted
    /// "4", "q" or Tab can never set a score, quit or move the focus.
    mutating func paste(_ text: String) {
        if let field = focusedTextField {
            editFocusedText { editor in
                editor.insert(text, singleLine: field.singleLine)
                editor.scrollToCursor(width: field.width, height: field.rows)
            }
            return
        }
        let oneLine = String(text.map { $0.isWhitespace ? " " : $0 }.filter { !$0.isControl })
        if modal == nil, member != nil, stack.isEmpty, list.filtering {
            list.filter += oneLine
            refreshList()
            return
        }
        if modal == nil, case .application(var screen) = current, let input = screen.searchInput {
            screen.searchInput = input + oneLine
            stack[stack.count - 1] = .application(screen)
            return
        }
        show(catalog(.tuiPasteNotHere), .error)
    }

    /// The text in focus, for the external editor.
    var focusedText: String? {
        switch current {
        case .scoring(let form): return form.focusedEditor?.text
        case .comment(let form): return form.editor.text
        case .conflict(let form): return form.editor.text
        case .move(let screen) where screen.pending != nil: return screen.editor.text
        case .decision(let form) where form.focus != .outcome: return form.text(form.focus)
        case .followUpForm(let form): return form.text(form.focus)
        case .applicationForm(let form): return form.focusedField.map { form.text($0.path) }
        default: return nil
        }
    }
}
