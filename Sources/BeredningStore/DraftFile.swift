import BeredningCore
import Foundation

/// Where a member's recovery draft for one store is kept: on their own machine, never in the
/// shared folder, in the same format as the review or comment it would become.
/// `$XDG_STATE_HOME/bered/drafts` (else `~/.local/state/bered/drafts`), one file per store and
/// member, named by a fingerprint of the store's path.
public struct DraftFile: Sendable {
    let folder: URL
    let storeKey: String

    public init(store: URL, environment: [String: String]) {
        folder = LocalState.folder("drafts", environment: environment)
        storeKey = LocalState.key(of: store)
    }

    private func url(_ member: MemberID, _ kind: String) -> URL {
        folder.appendingPathComponent("\(storeKey)-\(member)-\(kind).toml")
    }

    public func write(_ draft: RecoveryDraft, criteria: CriteriaSet) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        switch draft {
        case .review(let review):
            try AtomicFile.write(Data(ReviewRecord.write(review, criteria: criteria).utf8), to: url(draft.member, "review"))
            try? FileManager.default.removeItem(at: url(draft.member, "comment"))
        case .comment(let comment):
            try AtomicFile.write(Data(CommentRecord.write(comment).utf8), to: url(draft.member, "comment"))
            try? FileManager.default.removeItem(at: url(draft.member, "review"))
        }
    }

    /// The member's draft, or nil when there is none or it cannot be read.
    public func read(_ member: MemberID, config: FundConfig) -> RecoveryDraft? {
        for kind in ["review", "comment"] {
            guard let data = FileManager.default.contents(atPath: url(member, kind).path),
                  let document = try? TOMLDocument(file: url(member, kind).lastPathComponent, data: data) else { continue }
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
        for kind in ["review", "comment"] { try? FileManager.default.removeItem(at: url(member, kind)) }
    }
}

/// The member's own machine's places for bered's files that must never be shared.
public enum LocalState {
    /// `$XDG_STATE_HOME/bered/<part>`, else `~/.local/state/bered/<part>`: drafts and kept-aside versions.
    public static func folder(_ part: String, environment: [String: String]) -> URL {
        base("XDG_STATE_HOME", else: ".local/state", environment).appendingPathComponent("bered/" + part)
    }

    /// `$XDG_CACHE_HOME/bered`, else `~/.cache/bered`: what may be thrown away at any time.
    public static func cacheFolder(environment: [String: String]) -> URL {
        base("XDG_CACHE_HOME", else: ".cache", environment).appendingPathComponent("bered")
    }

    private static func base(_ variable: String, else home: String, _ environment: [String: String]) -> URL {
        environment[variable].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSTemporaryDirectory()).appendingPathComponent(home)
    }

    /// A short name for a store folder, stable across runs: a fingerprint of its path.
    public static func key(of store: URL) -> String {
        String(FNV1a.hash(store.standardizedFileURL.path.utf8), radix: 16)
    }
}
