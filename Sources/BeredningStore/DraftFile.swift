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

    private func url(_ member: MemberID, _ kind: String) -> URL? {
        folder?.appendingPathComponent("\(storeKey)-\(member)-\(kind).toml")
    }

    /// One draft per member and store: writing one kind removes the others.
    private static let kinds = ["review", "comment", "application"]

    public func write(_ draft: RecoveryDraft, criteria: CriteriaSet) throws {
        guard let folder else { throw NoFolder() }
        try LocalState.createPrivateFolder(folder)
        let (kind, text): (String, String)
        switch draft {
        case .review(let draft): (kind, text) = ("review", ReviewRecord.write(draft, criteria: criteria))
        case .comment(let draft): (kind, text) = ("comment", CommentRecord.write(draft))
        case .applicationForm(let draft): (kind, text) = ("application", Self.write(draft))
        }
        guard let target = url(draft.member, kind) else { throw NoFolder() }
        try AtomicFile.write(Data(text.utf8), to: target, permissions: 0o600)
        for other in Self.kinds where other != kind { if let url = url(draft.member, other) { try? FileManager.default.removeItem(at: url) } }
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

    /// The member's draft, or nil when there is none or it cannot be read.
    public func read(_ member: MemberID, config: FundConfig) -> RecoveryDraft? {
        for kind in Self.kinds {
            guard let url = url(member, kind), let data = FileManager.default.contents(atPath: url.path),
                  let document = try? TOMLDocument(file: url.lastPathComponent, data: data) else { continue }
            if kind == "application" {
                if let form = Self.readApplicationForm(document, member: member) { return .applicationForm(form) }
                continue
            }
            let raw = document.fields.string("application") ?? ""
            guard let id = ApplicationID(raw) else { continue }
            if kind == "review", let review = ReviewRecord.read(document, applicationID: id, fileMember: member, config: config) {
                return .review(review)
            }
            if kind == "comment", let comment = CommentRecord.read(document, applicationID: id, fileMember: member) {
                return .comment(comment)
            }
        }
        return nil
    }

    public func remove(_ member: MemberID) {
        for kind in Self.kinds { if let url = url(member, kind) { try? FileManager.default.removeItem(at: url) } }
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
