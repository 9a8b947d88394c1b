import BeredningCore
import BeredningStore
import Foundation

/// One file whose last change was not made by someone allowed to make it.
public struct VerifyFinding: Hashable, Sendable {
    public let path: String
    /// The short hash of the commit that made the change.
    public let commit: String
    /// The whole line, path first: "2026-003/decision.toml: ändrad av sara (ungdomspanelen) i …".
    public let message: Message
    /// The file's text after the last change that was allowed (nil: it did not exist then):
    /// what a coordinator puts back (`bered sync --restore`).
    public let trusted: String?

    public init(path: String, commit: String, message: Message, trusted: String? = nil) {
        self.path = path
        self.commit = commit
        self.message = message
        self.trusted = trusted
    }
}

public enum VerifyOutcome: Sendable {
    /// Every commit after `anchor` checked; `findings` are the files whose last change was refused.
    case checked(anchor: String, commits: Int, findings: [VerifyFinding])
    case failed(Message, detail: String)
}

/// `bered verify`: walks the shared history from a trusted commit (the first, unless one is
/// given) and checks every later commit with git's own SSH signature check and `ChangeRule`.
/// Who is a member, with which role and key, comes from the last `bered.toml` a trusted
/// coordinator signed: a refused change to it (someone making herself coordinator) never
/// changes whom later commits are checked against.
public struct HistoryVerifier: Sendable {
    let git: Git
    let store: FileStore

    public init(store: URL, coreCriteria: [Criterion], environment: [String: String]) {
        let root = store.standardizedFileURL
        git = Git(folder: root, environment: environment)
        self.store = FileStore(root: root, coreCriteria: coreCriteria)
    }

    /// How git judged one commit's signature against the members' keys.
    enum Signer: Equatable {
        case member(MemberID)
        case unsigned
        case unknownKey
        case badSignature
    }

    /// Checks every commit after `anchor` up to `tip`. Without an anchor: the commit `tip`'s
    /// `bered.toml` names as trusted (`bered trust`), else the store's first.
    public func verify(from anchor: String? = nil, to tip: String = "HEAD") -> VerifyOutcome {
        // A store inside some other repository (a home folder kept in git) has no history of its own.
        let top = git.value(["rev-parse", "--show-toplevel"]).map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        guard top == store.root.resolvingSymlinksInPath().path, let head = git.value(["rev-parse", "--verify", "--quiet", tip + "^{commit}"]) else {
            return .failed(Message(.signedNoHistory, ["folder": .text(store.root.path)]), detail: "")
        }
        let start = anchor ?? trustedCommit(at: head)
            ?? git.value(["rev-list", "--max-parents=0", head]).flatMap { $0.split(separator: "\n").last.map(String.init) }
        guard let start, let startCommit = git.value(["rev-parse", "--verify", "--quiet", start + "^{commit}"]) else {
            return .failed(Message(.signedNoHistory, ["folder": .text(store.root.path)]), detail: anchor ?? "")
        }
        // A starting point off the branch would leave the commits between unchecked.
        guard git.run(["merge-base", "--is-ancestor", startCommit, head]).succeeded else {
            return .failed(Message(.signedNoHistory, ["folder": .text(store.root.path)]), detail: start)
        }
        guard var trusted = show(startCommit, FileStore.configFile).flatMap({ store.config(from: Data($0.utf8)) }) else {
            return .failed(Message(.signedNoAnchorConfig, ["commit": .text(short(startCommit))]), detail: "")
        }
        let signersFile = FileManager.default.temporaryDirectory.appendingPathComponent("bered-signers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: signersFile) }

        let commits = (git.value(["rev-list", "--reverse", "--topo-order", "\(startCommit)..\(head)"]) ?? "").split(separator: "\n").map(String.init)
        var last: [String: VerifyFinding?] = [:]
        // A path's text after its last allowed change, kept from its first refused one on.
        var trustedTexts: [String: String?] = [:]
        for commit in commits {
            do { try Data(AllowedSigners.text(trusted.members).utf8).write(to: signersFile) } catch {
                return .failed(Message(.signedNoHistory, ["folder": .text(store.root.path)]), detail: error.localizedDescription)
            }
            let signer = self.signer(of: commit, signers: signersFile)
            // A merge is checked against its first parent, as the merger's own change: bered
            // itself never merges (it rebases), so a merge is someone's hand at work.
            let parent = git.value(["rev-parse", "--verify", "--quiet", commit + "^1"])
            for (status, path) in changedPaths(commit, parent: parent) {
                let change = fileChange(path, status: status, parent: parent, commit: commit, settings: trusted.calculation)
                var finding = Self.finding(change, signer: signer, config: trusted, commit: short(commit))
                // A coordinator putting back what was last allowed undoes a refused change, even
                // where the rule would not let them write the file (a forged review).
                if finding != nil, let kept = trustedTexts[path], kept == change.newText, case .member(let id) = signer,
                   trusted.member(id)?.role == .coordinator {
                    finding = nil
                }
                if let refused = finding {
                    if trustedTexts[path] == nil { trustedTexts[path] = .some(change.oldText) }
                    finding = VerifyFinding(path: refused.path, commit: refused.commit, message: refused.message, trusted: trustedTexts[path]!)
                } else {
                    trustedTexts[path] = nil
                }
                last[path] = .some(finding)
                if finding == nil, path == FileStore.configFile, let text = change.newText, let next = store.config(from: Data(text.utf8)) {
                    trusted = next
                }
            }
        }
        let findings = last.values.compactMap { $0 }.sorted { $0.path < $1.path }
        return .checked(anchor: short(startCommit), commits: commits.count, findings: findings)
    }

    /// What is wrong with one change, or nil when its signer was allowed to make it.
    static func finding(_ change: FileChange, signer: Signer, config: FundConfig, commit: String) -> VerifyFinding? {
        let path = change.path
        let message: Message
        switch signer {
        case .unsigned: message = Message(.signedUnsigned, ["path": .text(path), "commit": .text(commit)])
        case .unknownKey: message = Message(.signedUnknownKey, ["path": .text(path), "commit": .text(commit)])
        case .badSignature: message = Message(.signedBadSignature, ["path": .text(path), "commit": .text(commit)])
        case .member(let id):
            // The principal comes from the signers file made from `config`, so the member is there.
            guard let member = config.member(id) else {
                return VerifyFinding(path: path, commit: commit, message: Message(.signedUnknownKey, ["path": .text(path), "commit": .text(commit)]))
            }
            guard let refusal = ChangeRule.check(change, by: member) else { return nil }
            message = Message(.signedRefused, ["path": .text(path), "member": .text(id.rawValue), "role": .message(member.role.label),
                                               "commit": .text(commit), "reason": .message(refusal.reason)])
        }
        return VerifyFinding(path: path, commit: commit, message: message)
    }

    /// git's verdict with the members' keys as the only allowed signers: G is a good signature
    /// by a listed principal; U (or E) a good signature by a key nobody listed has; N none.
    func signer(of commit: String, signers: URL) -> Signer {
        let result = git.run(["-c", "gpg.ssh.allowedSignersFile=" + signers.path, "log", "-1", "--format=%G?|%GS", commit])
        let parts = result.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        switch parts.first {
        case "G": return parts.count == 2 ? MemberID(String(parts[1])).map(Signer.member) ?? .unknownKey : .unknownKey
        case "N": return .unsigned
        case "U", "E", "X", "Y", "R": return .unknownKey
        default: return .badSignature
        }
    }

    /// The paths a commit added (A), changed (M) or deleted (D), renames as a delete and an add.
    func changedPaths(_ commit: String, parent: String?) -> [(Character, String)] {
        let range = parent.map { [$0, commit] } ?? ["--root", commit]
        let fields = git.paths(["diff-tree", "--no-commit-id", "-r", "-z", "--no-renames", "--name-status"] + range)
        return stride(from: 0, to: fields.count - 1, by: 2).compactMap { index in
            fields[index].first.map { ($0, fields[index + 1]) }
        }
    }

    func fileChange(_ path: String, status: Character, parent: String?, commit: String, settings: CalculationSettings) -> FileChange {
        let old = status == "A" ? nil : parent.flatMap { show($0, path) }
        let new = status == "D" ? nil : show(commit, path)
        var change = FileChange(path: path, oldText: old, newText: new)
        if case .application = StorePath(path) {
            change.oldApplication = old.flatMap { store.application(from: Data($0.utf8), path: path, settings: settings) }
            change.newApplication = new.flatMap { store.application(from: Data($0.utf8), path: path, settings: settings) }
        }
        return change
    }

    /// The full name of the commit `bered trust` recorded in `commit`'s `bered.toml`, when there is one.
    func trustedCommit(at commit: String) -> String? {
        show(commit, FileStore.configFile).flatMap { store.config(from: Data($0.utf8)) }?.trustedCommit
    }

    private func show(_ commit: String, _ path: String) -> String? {
        let shown = git.run(["show", "\(commit):\(path)"])
        return shown.succeeded ? shown.output : nil
    }

    private func short(_ commit: String) -> String { String(commit.prefix(8)) }
}
