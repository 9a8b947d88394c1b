import BeredningCore
import BeredningSync
import BeredningStore

/// A key press, as the backend decodes it.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case alt(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case ctrlLeft, ctrlRight
    case function(Int)
}

/// What reaches the interface: keys, a new terminal size, and the answers of side effects.
public enum Event: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// A paste or anything typed faster than keys: inserted as text where text is edited.
    case text(String)
    case saved(Message)
    case failed([String])
    /// A write refused because a colleague changed the file after it was read.
    case stale([String])
    case reloaded(StoreSnapshot)
    /// The store changed under the interface (a colleague's sync, a shared folder) and was
    /// read again: shown like a reload, with a word that it happened.
    case changedElsewhere(StoreSnapshot)
    /// The external editor returned: the new text, or nil when nothing changed or it failed.
    case editorFinished(String?)
    /// An application's history, read from the store.
    case historyLoaded(ApplicationID, [HistoryEvent])
    /// Unsaved typing kept from an earlier session, to be offered back.
    case draftFound(RecoveryDraft)
    /// `bered sync` run from the list has finished.
    case synced(SyncOutcome)
}

/// Side effects the interface asks for; the runtime performs them and answers with an `Event`.
public enum Command: Sendable, Equatable {
    case saveReview(Review)
    case saveComment(YouthComment)
    case saveConflict(ConflictDeclaration)
    case withdrawConflict(ApplicationID)
    case openEditor(text: String)
    /// `letter`: the decision letter the feedback sends, exactly as the member was shown it.
    case move(ApplicationID, Transition, reason: String, override: String, letter: SentLetter? = nil)
    case loadHistory(ApplicationID)
    case recordDecision(ApplicationID, Decision)
    case recordFollowUp(FollowUp)
    /// Registers a new application (`basis` nil) or saves an edit of the one `basis` was read as.
    case saveApplication(Application, basis: Application?)
    /// Writes an export into the store's `exports` folder.
    case export(ExportKind)
    /// Shares the member's work through git; `choices` settle the conflicts of the last sync.
    case sync(choices: [String: SyncSide])
    case reload
    /// The member threw away a recovery draft: one offered back, or the one of the form they
    /// left without saving (nil when it had none).
    case discardDraft(RecoveryDraft?)
    case quit
    case suspend
}

/// What the export menu can write.
public enum ExportKind: Equatable, Sendable {
    case decisionsCSV
    case everythingJSON
    /// The fund as an Excel workbook.
    case workbook
    case memoMarkdown(ApplicationID)
    case memoHTML(ApplicationID)

    /// What the export is, as the menus name it.
    public func text(_ c: Catalog) -> String {
        switch self {
        case .decisionsCSV: c(.uiExportCSV)
        case .everythingJSON: c(.uiExportJSON)
        case .workbook: c(.uiExportWorkbook)
        case .memoMarkdown(let id): c(.uiExportMarkdown, ["id": .text(id.description)])
        case .memoHTML(let id): c(.uiExportHTML, ["id": .text(id.description)])
        }
    }
}
