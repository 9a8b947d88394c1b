import BeredningCore
import BeredningStore
import Foundation

public enum TrustOutcome: Sendable {
    /// Verification is on from `commit`; `withoutKeys` are members whose changes will be
    /// refused until the coordinator adds their keys; `then` is the sync that shared it.
    case on(commit: String, withoutKeys: [MemberID], then: SyncOutcome)
    /// It was on already, from `commit`.
    case already(commit: String)
    case refused(Message)
    /// The sync before or after recording failed: nothing more was done.
    case syncFailed(SyncOutcome)
}

extension StoreSync {
    /// `bered trust`: the coordinator turns verification on for a store shared before members
    /// had keys. The store is synced, its newest commit recorded in `bered.toml` as trusted as
    /// it is, and that change shared, signed: from then on every member's sync checks every
    /// later commit, and `bered verify` starts there.
    public func trustFromHere() -> TrustOutcome {
        if let refusal = Permissions.check(member.role, .manageStore) { return .refused(refusal.reason) }
        let configFile = root.appendingPathComponent(FileStore.configFile)
        guard let text = try? String(contentsOf: configFile, encoding: .utf8),
              let config = FileStore(root: root, coreCriteria: coreCriteria).config(from: Data(text.utf8)) else {
            return .refused(Message(.signedTrustNoConfig))
        }
        if let named = config.trustedCommit {
            if localTrust == nil { trust(named) }
            return .already(commit: String(named.prefix(8)))
        }
        // The coordinator signs the change that turns it on, with the key bered.toml lists.
        guard let listed = member.signingKey, let file = signingKeyFile,
              let own = (try? String(contentsOf: URL(fileURLWithPath: file.path + ".pub"), encoding: .utf8))?
                .split(separator: "\n").first.flatMap({ SigningKey(String($0)) }), own == listed else {
            return .refused(Message(.signedTrustNeedsOwnKey, ["member": .text(member.id.rawValue)]))
        }
        let first = sync()
        guard case .synced = first.underlying else { return .syncFailed(first) }
        guard let head = git.value(["rev-parse", "--verify", "--quiet", "HEAD"]) else { return .syncFailed(first) }
        let recorded = Self.recording(head, in: text, catalog: catalog)
        guard FileStore(root: root, coreCriteria: coreCriteria).config(from: Data(recorded.utf8))?.trustedCommit == head else {
            return .refused(Message(.signedTrustNoConfig))
        }
        do { try AtomicFile.write(Data(recorded.utf8), to: configFile) } catch {
            return .refused(Message(.signedTrustNoConfig))
        }
        trust(head)
        let shared = sync()
        let withoutKeys = config.members.filter { $0.signingKey == nil }.map(\.id)
        return .on(commit: String(head.prefix(8)), withoutKeys: withoutKeys, then: shared)
    }

    /// `text` with `trusted_commit` set under `[sharing]`: a line added to the table where it
    /// exists, else the table appended, so the coordinator's comments and order stay as written.
    static func recording(_ commit: String, in text: String, catalog: Catalog) -> String {
        let line = "trusted_commit = \"\(commit)\""
        // By scalars: "\r\n" is one Character, so a CRLF file would not split at "\n".
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let header = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "[sharing]" }) {
            lines.insert(line, at: header + 1)
            return lines.joined(separator: "\n")
        }
        let separator = text.isEmpty || text.hasSuffix("\n") ? "" : "\n"
        return text + separator + "\n[sharing]\n# " + catalog(.signedTrustComment) + "\n" + line + "\n"
    }
}
