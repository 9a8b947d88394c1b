import BeredningCore
import Foundation

/// Every write checks the member's role first, so no screen or command can go around it.
extension FileStore {
    /// Saves `member`'s review: their own file, `reviews/<member>.toml`, nobody else's.
    public func save(_ review: Review, by member: Member, in dossier: Dossier, config: FundConfig, now: Date) throws(StoreError) {
        if let refusal = Permissions.checkReview(by: member, conflicts: dossier.conflicts) { throw .refused(refusal.reason) }
        guard review.reviewer == member.id, review.applicationID == dossier.application.id else {
            throw .refused(Message(.storeNotYourFile))
        }
        let problems = ReviewRules.problemsSaving(review, criteria: config.criteria, scale: config.scale)
        if let first = problems.first { throw .refused(first) }
        if let refusal = PersonalData.refusal(in: review.freeTexts) { throw .refused(refusal) }
        try FileStore.refuseControls(review.freeTexts.map { ("comment", $0, true) })
        var saved = review
        saved.updated = now
        saved.assessedVersion = ApplicationVersion.of(dossier.application)
        try keepVersion(dossier.application)
        let event = HistoryEvent(time: now, member: member.id, role: member.role, kind: saved.status == .complete ? .reviewCompleted : .reviewSaved,
                                 details: saved.recommendation?.rawValue ?? "")
        let path = "\(review.applicationID)/reviews/\(member.id).toml"
        try RecordLock.holding(path, in: root, by: member.id) { () throws(StoreError) in
            // The member's own file, but maybe from another session of theirs (a second terminal,
            // a laptop synced since): the save builds on the review as `dossier` read it, or none.
            let seen = dossier.reviews.first { $0.reviewer == member.id }
            guard readReview(path, id: review.applicationID, member: member.id, config: config) == seen else {
                throw .refused(Message(.storeOwnFileChanged, ["file": .text(path)]))
            }
            try change(review.applicationID, history: [event]) { (files: inout StoreChange) throws(StoreError) in
                try files.write(ReviewRecord.write(saved, criteria: config.criteria), to: path)
            }
        }
    }

    /// The review `path` holds now, read as the store reads it; nil when there is none or it does not read.
    func readReview(_ path: String, id: ApplicationID, member: MemberID, config: FundConfig) -> Review? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { return nil }
        return (try? TOMLDocument(file: path, data: data)).flatMap { ReviewRecord.read($0, applicationID: id, fileMember: member, config: config) }
    }

    /// Keeps the text a review assesses, `versions/<fingerprint>.toml`, so that after a return
    /// for completion the reviewer can see what changed. Written once; never replaced.
    func keepVersion(_ application: Application) throws(StoreError) {
        let path = "\(application.id)/\(FileStore.versionsFolder)/\(ApplicationVersion.of(application)).toml"
        guard !FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) else { return }
        try refusePersonalNumbers(inFileOf: application)
        do {
            try write(ApplicationRecord.write(application), to: path, replacing: false)
        } catch .writeFailed(let error) where error.step == "exists" {
            return  // a colleague kept the same version a moment ago
        }
    }

    /// A youth-panel comment gets a file of its own, named by time and author, so two
    /// comments never share a file.
    public func save(_ comment: YouthComment, by member: Member) throws(StoreError) {
        if let refusal = Permissions.check(member.role, .commentAsYouthPanel) { throw .refused(refusal.reason) }
        guard comment.author == member.id else { throw .refused(Message(.storeNotYourFile)) }
        guard !comment.text.isBlank else { throw .refused(Message(.storeEmptyComment)) }
        if let refusal = PersonalData.refusal(in: comment.freeTexts) { throw .refused(refusal) }
        try FileStore.refuseControls([("text", comment.text, true)])
        let stamp = TOMLTime.text(comment.time).filter { $0 != "-" && $0 != ":" }
        let text = CommentRecord.write(comment)
        // Two comments in one second, even from two processes, get two names: the name is
        // claimed atomically and the next number tried when it is taken.
        for counter in 1...1000 {
            let name = counter == 1 ? "\(stamp)-\(member.id).toml" : "\(stamp)_\(counter)-\(member.id).toml"
            let event = HistoryEvent(time: comment.time, member: member.id, role: member.role, kind: .commentAdded, details: comment.about.rawValue)
            do {
                try change(comment.applicationID, history: [event]) { (files: inout StoreChange) throws(StoreError) in
                    try files.write(text, to: "\(comment.applicationID)/comments/\(name)", replacing: false)
                }
                return
            } catch .writeFailed(let error) where error.step == "exists" {
                continue
            }
        }
        throw .refused(Message(.storeIDTaken, ["id": .text(stamp)]))
    }

    /// A member declares a conflict of interest; a coordinator may record one on a member's
    /// behalf, and the file and the history say so.
    public func save(_ conflict: ConflictDeclaration, by member: Member, config: FundConfig? = nil) throws(StoreError) {
        var conflict = conflict
        if conflict.member == member.id {
            if let refusal = Permissions.check(member.role, .declareConflict) { throw .refused(refusal.reason) }
            conflict.recordedBy = nil
        } else {
            guard member.role == .coordinator else { throw .refused(Message(.storeNotYourFile)) }
            // Only for someone who takes part: a name that is no member would block no one.
            if let config, config.member(conflict.member) == nil { throw .refused(Message(.conflictNoSuchMember, ["member": .text(conflict.member.rawValue)])) }
            conflict.recordedBy = member.id
        }
        guard !conflict.reason.isBlank else { throw .refused(Message(.storeConflictNeedsReason)) }
        if let refusal = PersonalData.refusal(in: conflict.freeTexts) { throw .refused(refusal) }
        try FileStore.refuseControls([("reason", conflict.reason, true)])
        let details = conflict.recordedBy == nil ? conflict.reason : "\(conflict.member): \(conflict.reason)"
        let event = HistoryEvent(time: conflict.declared ?? Date(), member: member.id, role: member.role, kind: .conflictDeclared, details: details)
        try change(conflict.applicationID, history: [event]) { (files: inout StoreChange) throws(StoreError) in
            try files.write(ConflictRecord.write(conflict), to: "\(conflict.applicationID)/conflicts/\(conflict.member).toml")
        }
    }

    /// Withdraws `conflicted`'s declaration on an application: by the member, or by a coordinator.
    public func withdrawConflict(of conflicted: MemberID, in id: ApplicationID, reason: String, by member: Member, now: Date) throws(StoreError) {
        guard conflicted == member.id || member.role == .coordinator else { throw .refused(Message(.storeNotYourFile)) }
        let path = "\(id)/conflicts/\(conflicted).toml"
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) else {
            throw .refused(Message(.conflictNoneToWithdraw, ["member": .text(conflicted.rawValue), "application": .text(id.description)]))
        }
        if let refusal = PersonalData.refusal(in: [reason]) { throw .refused(refusal) }
        try FileStore.refuseControls([("reason", reason, true)])
        let details = (conflicted == member.id ? "" : "\(conflicted): ") + reason
        let event = HistoryEvent(time: now, member: member.id, role: member.role, kind: .conflictWithdrawn, details: details)
        try change(id, history: [event]) { (files: inout StoreChange) throws(StoreError) in
            try files.delete(path)
        }
    }

    /// Registers a new application under the next free id of `year`, from the skeleton text
    /// that the caller fills in (the template explains every section to the applicant).
    public func register(title: String, year: Int, skeleton: (ApplicationID) -> String, by member: Member?) throws(StoreError) -> ApplicationID {
        if let member, let refusal = Permissions.check(member.role, .registerApplication) { throw .refused(refusal.reason) }
        guard !title.isBlank else { throw .refused(Message(.storeEmptyTitle)) }
        if let refusal = PersonalData.refusal(in: [title]) { throw .refused(refusal) }
        try FileStore.refuseControls([("title", title, false)])
        let taken = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).compactMap(ApplicationID.init)
        let id = ApplicationID.next(in: year, after: taken)
        let folder = root.appendingPathComponent(id.description)
        do {
            // Without intermediate folders and failing if it exists: two coordinators registering
            // at once cannot both get the same id.
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        } catch {
            throw .refused(Message(.storeIDTaken, ["id": .text(id.description)]))
        }
        try write(skeleton(id), to: "\(id)/\(FileStore.applicationFile)")
        if let member { try append(HistoryEvent(time: Date(), member: member.id, role: member.role, kind: .registered, details: title), to: id) }
        return id
    }

    /// Registers a whole application, read from a filled-in form, under the next free id of
    /// `year`: checked as an edit is (role, personal data, one-line fields), then given its id
    /// as `register(title:)` gives one. `application.id` is replaced.
    public func register(_ application: Application, year: Int, by member: Member) throws(StoreError) -> ApplicationID {
        if let refusal = Permissions.check(member.role, .registerApplication) { throw .refused(refusal.reason) }
        if let refusal = PersonalData.refusal(in: application.freeTexts) { throw .refused(refusal) }
        try FileStore.refuseControls([("title", application.title, false), ("applicant", application.applicant, false)])
        return try register(title: application.title, year: year, skeleton: { id in
            var registered = application
            registered.id = id
            return ApplicationRecord.write(registered)
        }, by: member)
    }

    /// Moves an application along the process. Only the `state` line of application.toml is
    /// rewritten, so what people wrote in the file, comments included, stays as it was.
    /// The feedback writes the decision letter beside it, and the history names each of its
    /// files' SHA-256 with the move, so what was sent can be checked later (`bered brev`).
    public func move(_ dossier: Dossier, _ transition: Transition, by member: Member, config: FundConfig,
                     reason: String = "", override: String = "", letter: SentLetter? = nil, now: Date) throws(StoreError) -> Application {
        let application: Application
        do {
            application = try Workflow.apply(transition, to: dossier, by: member, config: config, reason: reason, override: override, letter: letter)
        } catch {
            switch error {
            case .notAllowed(let refusal): throw .refused(refusal.reason)
            case .wrongState(let message), .reasonNeeded(let message): throw .refused(message)
            case .gaps(let gaps): throw .gaps(gaps.map { $0.message(config) })
            }
        }
        if let refusal = PersonalData.refusal(in: [reason, override]) { throw .refused(refusal) }
        try FileStore.refuseControls([("reason", reason, true), ("override", override, true)])
        let path = "\(application.id)/\(FileStore.applicationFile)"
        let overridden = transition == .toSteeringGroup && !Workflow.gaps(dossier, config: config).isEmpty
        let event = HistoryEvent(time: now, member: member.id, role: member.role, kind: overridden ? .overridden : .moved,
                                 details: FileStore.moveDetails(from: dossier.application.state, to: application.state, closing: application.closing,
                                                                reason: reason, override: overridden ? override : nil))
        let letterFiles = (markdown: "\(application.id)/\(FileStore.letterFile)", html: "\(application.id)/\(FileStore.letterPageFile)")
        let sent = letter.map {
            HistoryEvent(time: now, member: member.id, role: member.role, kind: .letterSent,
                         details: $0.fingerprints(markdownFile: FileStore.letterFile, htmlFile: FileStore.letterPageFile))
        }
        try RecordLock.holding(path, in: root, by: member.id) { () throws(StoreError) in
            let text = try movedText(path, from: dossier.application, to: application.state, closing: application.closing, settings: config.calculation)
            try change(application.id, history: [event] + (sent.map { [$0] } ?? [])) { (files: inout StoreChange) throws(StoreError) in
                try files.write(text, to: path, inPlace: true)
                if let letter {
                    try files.write(letter.markdown, to: letterFiles.markdown)
                    try files.write(letter.html, to: letterFiles.html)
                }
                // The steering group's request stands until it next decides: a return writes it,
                // a forward takes it away; both with the move, or neither.
                let requestPath = "\(application.id)/\(FileStore.requestFile)"
                if transition == .returnForCompletion {
                    let request = SteeringRequest(applicationID: application.id, text: reason, requestedBy: member.id, requested: now)
                    try files.write(RequestRecord.write(request), to: requestPath)
                } else if transition == .forward, FileManager.default.fileExists(atPath: root.appendingPathComponent(requestPath).path) {
                    try files.delete(requestPath)
                }
            }
        }
        return application
    }

    /// What the history says of a move: `from → to`, the reason, and an override's reason.
    static func moveDetails(from: ApplicationState, to: ApplicationState, closing: ClosingOutcome? = nil, reason: String, override: String?) -> String {
        "\(from.rawValue) → \(to.rawValue)" + (closing.map { " (\($0.rawValue))" } ?? "") + (reason.isBlank ? "" : ": " + reason) + (override.map { " (" + $0 + ")" } ?? "")
    }

    /// application.toml with only its state line changed, after checking that the file still
    /// holds `seen`. Read under the file's lock; nothing is written.
    func movedText(_ path: String, from seen: Application, to state: ApplicationState, closing: ClosingOutcome? = nil,
                   settings: CalculationSettings) throws(StoreError) -> String {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
            throw .refused(Message(.storeMissingFile))
        }
        try refuseIfChanged(path, current: readApplication(path, data: data, id: seen.id, settings: settings), from: seen)
        try refusePersonalNumbers(in: data, file: path, texts: seen.freeTexts)
        return ApplicationRecord.replacingState(in: String(decoding: data, as: UTF8.self), with: state, closing: closing)
    }

    /// Writes a whole application file: a coordinator's edit, recorded in the history with the
    /// fields that changed.
    /// `basis`: the application as the editor opened it; when the file no longer holds it,
    /// the save is refused rather than overwriting a colleague's change.
    public func save(_ application: Application, by member: Member, basis: Application? = nil, now: Date = Date()) throws(StoreError) {
        if let refusal = Permissions.check(member.role, .editApplication) { throw .refused(refusal.reason) }
        if let refusal = PersonalData.refusal(in: application.freeTexts) { throw .refused(refusal) }
        try FileStore.refuseControls([("title", application.title, false), ("applicant", application.applicant, false)])
        let path = "\(application.id)/\(FileStore.applicationFile)"
        try RecordLock.holding(path, in: root, by: member.id) { () throws(StoreError) in
            // Read once: what changed for the history, and what the editor must have seen.
            var before: Application?
            if let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) {
                let settings = (try? loadConfig())?.calculation ?? CalculationSettings()
                before = readApplication(path, data: data, id: application.id, settings: settings)
                if let basis { try refuseIfChanged(path, current: before, from: basis) }
            }
            // The text being replaced is kept, so a reviewer of it is shown what the edit changed.
            // An aid, not the edit: a version that cannot be kept (a personal identity number
            // the edit removes) does not stop it.
            if let before, before != application { try? keepVersion(before) }
            let changed = before.map { ApplicationDiff.changes(from: $0, to: application).map(\.field) } ?? []
            let event = HistoryEvent(time: now, member: member.id, role: member.role, kind: .edited, details: changed.joined(separator: ", "))
            try change(application.id, history: [event]) { (files: inout StoreChange) throws(StoreError) in
                try files.write(ApplicationRecord.write(application), to: path)
            }
        }
    }

    /// The application as `data` (the file now) holds it, or nil when it cannot be read.
    func readApplication(_ path: String, data: Data, id: ApplicationID, settings: CalculationSettings) -> Application? {
        (try? TOMLDocument(file: path, data: data)).flatMap { ApplicationRecord.read($0, folderID: id, settings: settings) }
    }

    /// Refuses a write based on `seen` when the file now (`current`; nil when it no longer reads)
    /// says something else, naming what changed.
    func refuseIfChanged(_ path: String, current: Application?, from seen: Application) throws(StoreError) {
        guard let current else {
            throw .refused(Message(.storeChangedOnDisk, ["file": .text(path), "changes": .text("?")]))
        }
        guard current != seen else { return }
        // In words: the fields by their names on the form, the state by its label.
        var changes = ApplicationDiff.changes(from: seen, to: current).map { Message.Argument.message($0.label) }
        if current.state != seen.state {
            changes.insert(.message(Message(.storeChangedState, ["from": .message(seen.state.label), "to": .message(current.state.label)])), at: 0)
        }
        throw .refused(Message(.storeChangedOnDisk, ["file": .text(path), "changes": .message(.list(changes))]))
    }

    /// Creates a new store folder from a `bered.toml` text; refuses to touch an existing store.
    public static func create(at root: URL, configText: String) throws(StoreError) {
        let config = root.appendingPathComponent(configFile)
        guard !FileManager.default.fileExists(atPath: config.path) else {
            throw .refused(Message(.storeExists, ["folder": .text(root.path)]))
        }
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw .refused(Message(.storeCannotCreate, ["folder": .text(root.path), "detail": .text(error.localizedDescription)]))
        }
        do { try AtomicFile.write(Data(configText.utf8), to: config) } catch { throw .writeFailed(error) }
    }

    func write(_ text: String, to path: String, replacing: Bool = true) throws(StoreError) {
        let url = root.appendingPathComponent(path)
        try NoFollow.checkFolders(of: path, in: root)
        do { try AtomicFile.write(Data(text.utf8), to: url, replacing: replacing) } catch { throw .writeFailed(error) }
    }

    /// Where an export named `name` is written: `exports/` in the store, made when missing,
    /// and refused when it (or a file of that name) is a link that would carry it elsewhere.
    public func exportURL(_ name: String) throws(StoreError) -> URL {
        let path = FileStore.exportsFolder + "/" + name
        try NoFollow.checkFolders(of: path, in: root)
        return root.appendingPathComponent(path)
    }
}

extension FileStore {
    /// Refuses the first field holding a control character: in a one-line field (a title, a
    /// case number) a line break too, which would forge a row where the field is listed.
    /// Checked at write, so the files only hold what the interface and the command line can show.
    static func refuseControls(_ fields: [(name: String, text: String, multiLine: Bool)]) throws(StoreError) {
        for field in fields where Printable.refusedCharacter(in: field.text, multiLine: field.multiLine) != nil {
            throw .refused(Message(.storeControlCharacter, [
                "field": .text(field.name), "lines": field.multiLine ? .text("") : .message(Message(.storeControlCharacterLines)),
            ]))
        }
    }
}

extension StoreError {
    /// A write refused because the file changed after it was read: reading again is the way on.
    public var isStale: Bool {
        if case .refused(let message) = self { return message.key == MessageKey.storeChangedOnDisk.rawValue }
        return false
    }

    /// The error in the user's words.
    public func lines(_ catalog: Catalog) -> [String] {
        switch self {
        case .unusable(let problems): return problems.map { $0.formatted(catalog) }
        case .refused(let message): return [catalog(message)]
        case .writeFailed(let error): return [catalog(Message(.storeWriteFailed, ["detail": .text(error.description)]))]
        case .gaps(let gaps):
            return [catalog(Message(.workflowGapsIntro))] + gaps.map { "  • " + catalog($0) } + [catalog(Message(.workflowOverrideHint))]
        }
    }
}
