import BeredningCore
import Foundation

/// Where a member's recovery draft for one store is kept: on their own machine, never in the
/// shared folder, in the same format as the review or comment it would become.
/// `$XDG_STATE_HOME/bered/drafts` (else `~/.local/state/bered/drafts`), one file per store and
/// member, named by a fingerprint of the store's path, readable by the member alone (a draft
/// may be a frank review). Without a usable folder outside the store there is no file: the
/// interface keeps the draft in memory and says so.
public struct DraftFile: Sendable {
    /// Nil when no folder outside the store can be had.
    public let folder: URL?
    let storeKey: String

    public struct NoFolder: Error {}

    public init(store: URL, environment: [String: String]) {
        let folder = LocalState.folder("drafts", environment: environment)
        self.folder = folder.flatMap { LocalState.isInside($0, store) ? nil : $0 }
        storeKey = LocalState.key(of: store)
    }

    /// A file per draft, named by its member, kind and application (`…-lars-review-2026-003.toml`,
    /// `…-lars-application-new.toml`): a draft put off for later is not replaced by the next
    /// thing the member types.
    public static func slot(_ draft: RecoveryDraft) -> String {
        let kind: String
        switch draft {
        case .review: kind = "review"
        case .comment: kind = "comment"
        case .applicationForm: kind = "application"
        }
        return kind + "-" + (draft.applicationID?.description ?? "new")
    }

    private func url(_ draft: RecoveryDraft) -> URL? {
        folder?.appendingPathComponent("\(storeKey)-\(draft.member)-\(Self.slot(draft)).toml")
    }

    private func prefix(_ member: MemberID) -> String { "\(storeKey)-\(member)-" }

    private static let kinds = ["review", "comment", "application"]

    public func write(_ draft: RecoveryDraft, criteria: CriteriaSet) throws {
        guard let folder, let target = url(draft) else { throw NoFolder() }
        try LocalState.createPrivateFolder(folder)
        let text: String
        switch draft {
        case .review(let draft): text = ReviewRecord.write(draft, criteria: criteria)
        case .comment(let draft): text = CommentRecord.write(draft)
        case .applicationForm(let draft): text = Self.write(draft)
        }
        try AtomicFile.write(Data(text.utf8), to: target, permissions: 0o600)
    }

    /// The member's draft files, newest first (an earlier release's `…-lars-review.toml` too).
    private func files(_ member: MemberID) -> [URL] {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        let urls = names.filter { $0.hasPrefix(prefix(member)) && $0.hasSuffix(".toml") }.map { folder.appendingPathComponent($0) }
        func modified(_ url: URL) -> Date {
            ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
        }
        return urls.map { ($0, modified($0)) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.lastPathComponent < $1.0.lastPathComponent }.map(\.0)
    }

    private func read(_ url: URL, member: MemberID, config: FundConfig) -> RecoveryDraft? {
        let rest = url.lastPathComponent.dropFirst(prefix(member).count)
        guard let kind = Self.kinds.first(where: { rest.hasPrefix($0) }), let data = FileManager.default.contents(atPath: url.path),
              let document = try? TOMLDocument(file: url.lastPathComponent, data: data) else { return nil }
        if kind == "application" { return Self.readApplicationForm(document, member: member).map(RecoveryDraft.applicationForm) }
        guard let id = ApplicationID(document.fields.string("application") ?? "") else { return nil }
        if kind == "review" { return ReviewRecord.read(document, applicationID: id, fileMember: member, config: config).map(RecoveryDraft.review) }
        return CommentRecord.read(document, applicationID: id, fileMember: member).map(RecoveryDraft.comment)
    }

    /// The member's newest draft that reads, or nil when there is none.
    public func read(_ member: MemberID, config: FundConfig) -> RecoveryDraft? {
        files(member).lazy.compactMap { read($0, member: member, config: config) }.first
    }

    /// Removes one draft: its file, and an earlier release's file of its kind
    /// (`…-lars-review.toml`) when that holds the same application's.
    public func remove(_ draft: RecoveryDraft) {
        guard let folder, let url = url(draft) else { return }
        try? FileManager.default.removeItem(at: url)
        let kind = String(Self.slot(draft).prefix { $0 != "-" })
        let legacy = folder.appendingPathComponent(prefix(draft.member) + kind + ".toml")
        if let data = FileManager.default.contents(atPath: legacy.path), let document = try? TOMLDocument(file: legacy.lastPathComponent, data: data),
           document.fields.string("application") == draft.applicationID?.description {
            try? FileManager.default.removeItem(at: legacy)
        }
    }

    /// Removes every draft of the member's.
    public func remove(_ member: MemberID) {
        for url in files(member) { try? FileManager.default.removeItem(at: url) }
    }

    /// The form's draft: its fields by their paths, quoted as TOML keys (`"actors[0].name"`).
    static func write(_ draft: ApplicationFormDraft) -> String {
        var w = TOMLWriter()
        w.field("application", draft.applicationID?.description ?? "")
        w.field("member", draft.member.rawValue)
        w.field("idea", .bool(draft.idea))
        w.table("rows")
        for (group, count) in draft.rows.sorted(by: { $0.key < $1.key }) { w.field(TOMLWriter.quoted(group), count) }
        w.table("changes")
        for (path, text) in draft.changes.sorted(by: { $0.key < $1.key }) { w.field(TOMLWriter.quoted(path), text) }
        return w.text
    }

    static func readApplicationForm(_ document: TOMLDocument, member: MemberID) -> ApplicationFormDraft? {
        let fields = document.fields
        guard fields.string("member") == member.rawValue else { return nil }
        let raw = fields.string("application") ?? ""
        let id = ApplicationID(raw)
        guard raw.isEmpty || id != nil else { return nil }
        var rows: [String: Int] = [:]
        for group in ApplicationForm.groups { if let count = fields.section("rows").int(group), (0...10_000).contains(count) { rows[group] = count } }
        var changes: [String: String] = [:]
        let section = fields.section("changes")
        for key in section.keys where ApplicationForm.field(key) != nil { changes[key] = section.string(key) }
        return ApplicationFormDraft(member: member, applicationID: id, idea: fields.bool("idea") ?? false, rows: rows, changes: changes)
    }
}

/// The member's own machine's places for bered's files that must never be shared.
public enum LocalState {
    /// `$XDG_STATE_HOME/bered/<part>`, else `~/.local/state/bered/<part>`: drafts and kept-aside
    /// versions. Nil without either.
    public static func folder(_ part: String, environment: [String: String]) -> URL? {
        base("XDG_STATE_HOME", else: ".local/state", environment)?.appendingPathComponent("bered/" + part)
    }

    /// `$XDG_CACHE_HOME/bered`, else `~/.cache/bered`: what may be thrown away at any time.
    public static func cacheFolder(environment: [String: String]) -> URL? {
        base("XDG_CACHE_HOME", else: ".cache", environment)?.appendingPathComponent("bered")
    }

    /// The XDG base directory spec: a variable that is unset, empty or not an absolute path
    /// is ignored. (An empty one read as a path is the current folder, often the store.)
    private static func base(_ variable: String, else home: String, _ environment: [String: String]) -> URL? {
        if let value = environment[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value) }
        guard let folder = environment["HOME"], folder.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: folder).appendingPathComponent(home)
    }

    /// Whether `folder` is `store` or inside it, after symbolic links are resolved: what is
    /// kept for one member must never be shared with the group.
    public static func isInside(_ folder: URL, _ store: URL) -> Bool {
        let inner = real(folder).pathComponents
        let outer = real(store).pathComponents
        return inner.count >= outer.count && Array(inner.prefix(outer.count)) == outer
    }

    /// The path with every symbolic link resolved, for a folder that may not exist yet: its
    /// nearest existing ancestor is resolved and the rest appended.
    static func real(_ url: URL) -> URL {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        var resolved = realpath(existing.path, nil).map { pointer in
            defer { free(pointer) }
            return URL(fileURLWithPath: String(cString: pointer))
        } ?? existing
        for part in rest { resolved.appendPathComponent(part) }
        return resolved
    }

    /// Creates `folder` (and its parents) readable by the member alone.
    public static func createPrivateFolder(_ folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
    }

    /// A short name for a store folder, stable across runs: a fingerprint of its path.
    public static func key(of store: URL) -> String {
        String(FNV1a.hash(store.standardizedFileURL.path.utf8), radix: 16)
    }
}
