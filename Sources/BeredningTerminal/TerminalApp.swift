import BeredningCore
import BeredningExport
import BeredningStore
import BeredningSync
import BeredningTUI
import CNcursesw
import Foundation

/// The event loop: draws the state, reads an event, updates the state and carries out the
/// commands it returns (saving, reloading, the external editor). All decisions are in
/// `AppState`; this only does the I/O.
public struct TerminalApp {
    let store: FileStore
    let environment: [String: String]

    public init(store: FileStore, environment: [String: String]) {
        self.store = store
        self.environment = environment
    }

    /// Runs until the member quits or a signal ends it; returns the exit status. The terminal
    /// is restored on every way out, and then `finished` is given the last state.
    public func run(_ initial: AppState, finished: (AppState) -> Void = { _ in }) throws -> Int32 {
        var state = initial
        let terminal = try Terminal(environment: environment)
        // After the screen is restored, so what it says stays on the terminal.
        defer { finished(state) }
        defer { terminal.close() }
        let (width, height) = terminal.size
        state.utcOffsetMinutes = TimeZone.current.secondsFromGMT() / 60
        state.now = Date()
        _ = state.update(.resize(width: width, height: height))
        // The first screen may show only the first applications; the rest are read meanwhile.
        let rest = state.snapshot.isComplete ? nil : BackgroundLoad(store, catalog: state.catalog)
        let watcher = StoreWatcher(store)
        defer { watcher.stop() }
        // A reading started because a colleague changed the store, and how many times the
        // interface had read the store itself when it started.
        var colleagues: (load: BackgroundLoad, reloads: Int)?
        var reloads = 0
        var drafts = DraftKeeper(file: DraftFile(store: store.root, environment: environment), criteria: state.snapshot.config.criteria)
        // Every way out keeps unsaved typing for next time: quit, Ctrl-C, SIGTERM, a closed terminal (SIGHUP).
        defer { drafts.keep(state.recoveryDraft, now: true) }
        var needsDraw = true
        while true {
            if let draft = drafts.offer(to: state.member, config: state.snapshot.config) {
                _ = state.update(.draftFound(draft))
                needsDraw = true
            }
            if drafts.keep(state.recoveryDraft, now: false) == .inMemoryOnly {
                _ = state.update(.failed([state.catalog(.draftInMemoryOnly)]))
                needsDraw = true
            }
            // Drawn after each event only: an idle interface costs nothing. Keys that arrive
            // faster than frames are drawn (a script, a long text typed by tmux) are all handled
            // first and drawn once: no key waits for a frame nobody will see.
            if needsDraw && !terminal.hasInputWaiting {
                terminal.draw(Frame.render(state))
                needsDraw = false
            }
            if let signal = terminal.pendingSignal { return 128 + signal }
            if terminal.isGone { return 128 + SIGHUP }
            // A reload after a save may have read everything already; then the older
            // background result is dropped rather than put over newer data.
            if let event = rest?.take(), !state.snapshot.isComplete {
                _ = state.update(event)
                needsDraw = true
            }
            if colleagues == nil, state.snapshot.isComplete, watcher.takeChange() {
                colleagues = (BackgroundLoad(store, catalog: state.catalog), reloads)
            }
            if let (load, started) = colleagues, let event = load.take() {
                colleagues = nil
                // Read again by the interface meanwhile (a save, `r`): that reading is newer.
                if started == reloads, case .reloaded(let snapshot) = event {
                    _ = state.update(.changedElsewhere(snapshot))
                    needsDraw = true
                }
            }
            guard let event = terminal.read() else { continue }
            needsDraw = true
            if case .key(.ctrl("l")) = event {
                terminal.invalidate()
                continue
            }
            state.now = Date()
            var queue = state.update(event)
            while !queue.isEmpty {
                let command = queue.removeFirst()
                switch command {
                case .quit:
                    return 0
                case .suspend:
                    terminal.suspendToShell()
                case .reload:
                    let stamp = store.watchStamp()
                    queue += state.update(reload())
                    watcher.rebase(to: stamp)
                    reloads += 1
                case .discardDraft(let draft):
                    drafts.discard(draft)
                case .saveReview(let review):
                    let result = save(review, state: state)
                    queue += state.update(result)
                    if case .saved = result, state.recoveryDraft == nil { drafts.discardWritten() }
                case .saveConflict(let conflict):
                    queue += state.update(save(conflict, state: state))
                case .withdrawConflict(let id):
                    queue += state.update(withdrawConflict(id, state: state))
                case .saveComment(let comment):
                    let result = save(comment, state: state)
                    queue += state.update(result)
                    if case .saved = result, state.recoveryDraft == nil { drafts.discardWritten() }
                case .move(let id, let transition, let reason, let override, let letter):
                    queue += state.update(move(id, transition, reason: reason, override: override, letter: letter, state: state))
                case .recordDecision(let id, let decision):
                    queue += state.update(record(decision, for: id, state: state))
                case .recordFollowUp(let followUp):
                    queue += state.update(record(followUp, state: state))
                case .saveApplication(let application, let basis):
                    let result = save(application, basis: basis, state: state)
                    queue += state.update(result)
                    if case .saved = result, state.recoveryDraft == nil { drafts.discardWritten() }
                case .export(let kind):
                    queue += state.update(export(kind, state: state))
                case .sync(let choices):
                    guard let member = state.member else { continue }
                    // git may take a while on a slow share: the status line says what is going on.
                    terminal.draw(Frame.render(state))
                    let sync = StoreSync(store: store.root, member: member, catalog: state.catalog, coreCriteria: store.coreCriteria, environment: environment)
                    queue += state.update(.synced(sync.sync(choices: choices)))
                case .loadHistory(let id):
                    queue += state.update(.historyLoaded(id, store.history(of: id).events))
                case .openEditor(let text):
                    var result: String?
                    terminal.suspendForProgram { result = ExternalEditor(environment: environment).edit(text) }
                    queue += state.update(.editorFinished(result))
                }
            }
        }
    }

    /// Reads the whole store on another thread; the event loop picks the result up within
    /// its read timeout.
    final class BackgroundLoad: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Event?

        init(_ store: FileStore, catalog: Catalog) {
            let thread = Thread { [self] in
                let event: Event
                do throws(StoreError) { event = .reloaded(try store.load()) } catch { event = .failed(error.lines(catalog)) }
                lock.withLock { result = event }
            }
            thread.start()
        }

        func take() -> Event? {
            lock.withLock {
                defer { result = nil }
                return result
            }
        }
    }

    /// Keeps the member's unsaved typing in their draft file: written a second after it
    /// changes (so typing is never slowed by the disk) and at once on the way out.
    struct DraftKeeper {
        let file: DraftFile
        let criteria: CriteriaSet
        private var written: RecoveryDraft?
        private var lastWrite = Date.distantPast
        private var offered: MemberID?

        init(file: DraftFile, criteria: CriteriaSet) {
            self.file = file
            self.criteria = criteria
        }

        /// The member's draft from an earlier session, once, when they are known.
        mutating func offer(to member: Member?, config: FundConfig) -> RecoveryDraft? {
            guard let member, offered != member.id else { return nil }
            offered = member.id
            return file.read(member.id, config: config)
        }

        enum Kept { case unchanged, onDisk, inMemoryOnly }
        /// Said once, when the member first pauses: without a folder of their own, a draft
        /// lives only as long as the program (said mid-typing, the next key would hide it).
        private var toldInMemoryOnly = false
        private var changed = Date.distantPast

        @discardableResult
        mutating func keep(_ draft: RecoveryDraft?, now: Bool) -> Kept {
            guard file.folder != nil else {
                guard let draft, !toldInMemoryOnly else { return .unchanged }
                if draft != written {
                    written = draft
                    changed = Date()
                    return .unchanged
                }
                guard Date().timeIntervalSince(changed) >= 1 else { return .unchanged }
                toldInMemoryOnly = true
                return .inMemoryOnly
            }
            // No draft is not a reason to delete one: the form may not be reopened yet.
            guard let draft, draft != written, now || Date().timeIntervalSince(lastWrite) >= 1 else { return .unchanged }
            if (try? file.write(draft, criteria: criteria)) != nil {
                written = draft
                lastWrite = Date()
                return .onDisk
            }
            return .unchanged
        }

        /// Removes one draft's file; any other kept from earlier stays, to be offered next time.
        mutating func discard(_ draft: RecoveryDraft?) {
            guard let draft else { return }
            file.remove(draft)
            if let written, DraftFile.slot(written) == DraftFile.slot(draft) { self.written = nil }
        }

        /// Removes the draft this session last wrote: what it held has just been saved.
        mutating func discardWritten() {
            if let written { file.remove(written) }
            written = nil
        }
    }

    /// A refused write as the interface shows it; one refused because a colleague changed the
    /// file first comes with the offer to read it again.
    private func failure(_ error: StoreError, _ state: AppState) -> Event {
        error.isStale ? .stale(error.lines(state.catalog)) : .failed(error.lines(state.catalog))
    }

    private func reload() -> Event {
        do { return .reloaded(try store.load()) } catch { return .failed(["\(error)"]) }
    }

    /// The dossier as the state has it, or read now when the store is still being read in.
    private func dossier(_ id: ApplicationID, _ state: AppState) -> Dossier? {
        state.dossier(id) ?? store.loadEntry(id, config: state.snapshot.config).dossier
    }

    private func save(_ review: Review, state: AppState) -> Event {
        guard let member = state.member, let dossier = dossier(review.applicationID, state) else {
            return .failed([state.catalog(.uiStillLoading, ["id": .text(review.applicationID.description)])])
        }
        do {
            try store.save(review, by: member, in: dossier, config: state.snapshot.config, now: Date())
            return .saved(Message(review.status == .complete ? .uiSavedComplete : .uiSavedDraft))
        } catch {
            return failure(error, state)
        }
    }

    private func save(_ conflict: ConflictDeclaration, state: AppState) -> Event {
        guard let member = state.member else { return .failed([]) }
        do {
            try store.save(conflict, by: member, config: state.snapshot.config)
            return .saved(Message(.conflictDeclaredDone, ["application": .text(conflict.applicationID.description)]))
        } catch {
            return failure(error, state)
        }
    }

    private func withdrawConflict(_ id: ApplicationID, state: AppState) -> Event {
        guard let member = state.member else { return .failed([]) }
        do {
            try store.withdrawConflict(of: member.id, in: id, reason: "", by: member, now: Date())
            return .saved(Message(.conflictWithdrawnDone, ["member": .text(member.name), "application": .text(id.description)]))
        } catch {
            return failure(error, state)
        }
    }

    private func move(_ id: ApplicationID, _ transition: Transition, reason: String, override: String, letter: SentLetter?, state: AppState) -> Event {
        guard let member = state.member, let dossier = state.dossier(id) else { return .failed([]) }
        do {
            let moved = try store.move(dossier, transition, by: member, config: state.snapshot.config, reason: reason, override: override,
                                       letter: letter, now: Date())
            return .saved(Message(.workflowMoved, ["id": .text(moved.id.description), "state": .message(moved.state.label)]))
        } catch {
            return failure(error, state)
        }
    }

    /// Registers a new application (no `basis`) or saves an edit: the store's checks of role,
    /// personal data and a colleague's change first apply as they do to every write.
    private func save(_ application: Application, basis: Application?, state: AppState) -> Event {
        guard let member = state.member else { return .failed([]) }
        do {
            if let basis {
                try store.save(application, by: member, basis: basis, now: Date())
                let count = ApplicationDiff.changes(from: basis, to: application).count
                return .saved(Message(.appformSaved, ["id": .text(application.id.description), "count": .text(String(count))]))
            }
            let year = WallTime(Date(), offsetMinutes: state.utcOffsetMinutes).day.year
            let id = try store.register(application, year: year, by: member)
            return .saved(Message(application.state == .idea ? .appformIdeaRegistered : .appformRegistered, ["id": .text(id.description)]))
        } catch {
            return failure(error, state)
        }
    }

    private func record(_ followUp: FollowUp, state: AppState) -> Event {
        guard let member = state.member, let dossier = state.dossier(followUp.applicationID) else { return .failed([state.catalog(.storeMissingFile)]) }
        do {
            try store.record(followUp, for: dossier, by: member, now: Date())
            return .saved(Message(.followUpRecorded, ["id": .text(followUp.applicationID.description), "date": .text(followUp.date.description)]))
        } catch {
            return failure(error, state)
        }
    }

    private func record(_ decision: Decision, for id: ApplicationID, state: AppState) -> Event {
        guard let member = state.member, let dossier = state.dossier(id) else { return .failed([]) }
        do {
            _ = try store.record(decision, for: dossier, by: member, config: state.snapshot.config, now: Date())
            return .saved(Message(.decisionRecorded, ["id": .text(id.description), "outcome": .message(decision.outcome.label)]))
        } catch {
            return failure(error, state)
        }
    }

    private func export(_ kind: ExportKind, state: AppState) -> Event {
        do {
            let url = try ExportFile.write(kind, snapshot: state.snapshot, store: store, catalog: state.catalog, now: Date())
            return .saved(Message(.exportDone, ["path": .text(url.path)]))
        } catch {
            return failure(error, state)
        }
    }

    private func save(_ comment: YouthComment, state: AppState) -> Event {
        guard let member = state.member else { return .failed([]) }
        do {
            try store.save(comment, by: member)
            return .saved(Message(.uiSavedComment))
        } catch {
            return failure(error, state)
        }
    }
}

/// `$EDITOR` the way git runs it: VISUAL, else EDITOR, else vi, through the shell so the
/// variable may carry arguments, in the terminal's foreground with default signals (see
/// `bered_run_editor`). An unchanged file or a failed editor keeps the old text.
struct ExternalEditor {
    let environment: [String: String]

    var command: String {
        for name in ["VISUAL", "EDITOR"] { if let value = environment[name], !value.isEmpty { return value } }
        return "vi"
    }

    func edit(_ text: String) -> String? {
        // The text may be a review in progress: a folder only the member can read holds it.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bered-\(UUID().uuidString.prefix(8))")
        let file = folder.appendingPathComponent("text.txt")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else { return nil }
        } catch {
            return nil
        }
        guard bered_run_editor(command + " \"$@\"", command, file.path) == 0,
              let data = FileManager.default.contents(atPath: file.path) else { return nil }
        var edited = String(decoding: data, as: UTF8.self)
        // Editors add a final newline; the field did not have one.
        if edited.hasSuffix("\n") && !text.hasSuffix("\n") { edited.removeLast() }
        return edited == text ? nil : edited
    }
}
