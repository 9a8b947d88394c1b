import BeredningCore
import BeredningStore
import Foundation

/// What a sync receives, checked before it is applied (issue 14): once the coordinator has
/// turned verification on (`bered trust`), every commit a colleague shares must be signed by a
/// member allowed to change each file it changes, or none of it reaches the member's folder.
extension StoreSync {
    /// The last shared commit this member found clean, in the repository's own `.git/config`,
    /// which no pull can change: the next sync checks from there.
    static let trustSetting = "bered.trusted"

    enum Incoming {
        /// Nobody turned verification on for this store.
        case unverified
        /// Every change up to `tip` was made by someone allowed to: `tip` is trusted from now.
        case clean(tip: String)
        case refused([VerifyFinding])
        case failed(Message, detail: String)
    }

    var verifier: HistoryVerifier { HistoryVerifier(store: root, coreCriteria: coreCriteria, environment: git.environment) }

    var localTrust: String? {
        git.value(["config", "--local", "--get", Self.trustSetting]).flatMap { $0.isEmpty ? nil : $0 }
    }

    func trust(_ commit: String) {
        git.run(["config", "--local", Self.trustSetting, commit])
    }

    /// Whether this member's shares must be signed: they checked a history before, or the
    /// store's settings say it is verified.
    var verifying: Bool {
        localTrust != nil || verifier.trustedCommit(at: "HEAD") != nil
    }

    /// Checks what `upstream` brings. From the member's last trusted commit; on a first sync,
    /// from the commit the store's settings name (trusted on first use, as ssh trusts a host).
    func check(incoming upstream: String) -> Incoming {
        guard let tip = git.value(["rev-parse", "--verify", "--quiet", upstream + "^{commit}"]) else {
            return .failed(Message(.syncGitFailed), detail: upstream)
        }
        let anchor: String
        if let local = localTrust {
            // A history rewritten under the member (a forced push) could hide any change.
            guard git.run(["merge-base", "--is-ancestor", local, tip]).succeeded else {
                return .failed(Message(.signedSyncRewritten, ["commit": .text(String(local.prefix(8)))]), detail: "")
            }
            anchor = local
        } else if let named = verifier.trustedCommit(at: tip) {
            guard git.run(["merge-base", "--is-ancestor", named, tip]).succeeded else {
                return .failed(Message(.signedSyncNoAnchor, ["commit": .text(String(named.prefix(8)))]), detail: "")
            }
            anchor = named
        } else {
            return .unverified
        }
        guard anchor != tip else { return .clean(tip: tip) }
        switch verifier.verify(from: anchor, to: tip) {
        case .failed(let message, let detail): return .failed(message, detail: detail)
        case .checked(_, _, let findings): return findings.isEmpty ? .clean(tip: tip) : .refused(findings)
        }
    }

    /// Why this member cannot share while the store is verified, or nil: without their key here,
    /// or with a key other than the one `bered.toml` lists for them, colleagues would refuse
    /// every change they send. Asked before anything is committed, so nothing unsigned is made.
    func signingRefusal() -> Message? {
        guard verifying else { return nil }
        guard let file = signingKeyFile,
              let text = try? String(contentsOf: URL(fileURLWithPath: file.path + ".pub"), encoding: .utf8),
              let own = text.split(separator: "\n").first.flatMap({ SigningKey(String($0)) }) else {
            return Message(.signedSyncNeedsKey, ["member": .text(member.id.rawValue)])
        }
        guard member.signingKey == own else { return Message(.signedSyncKeyNotListed, ["member": .text(member.id.rawValue)]) }
        return nil
    }

    /// A coordinator's answer to refused changes: each refused file put back as it was after
    /// its last allowed change, in one signed commit on top of the colleagues' history.
    /// Returns the paths put back, or why it could not.
    func restore(_ findings: [VerifyFinding]) -> Result<[String], SyncFailure> {
        for finding in findings {
            let file = root.appendingPathComponent(finding.path)
            if let text = finding.trusted {
                do {
                    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try AtomicFile.write(Data(text.utf8), to: file)
                } catch {
                    return .failure(SyncFailure(outcome: .failed(Message(.syncGitFailed), detail: error.localizedDescription)))
                }
                git.run(["add", "--force", "--", finding.path])
            } else {
                git.run(["rm", "--quiet", "--force", "--ignore-unmatch", "--", finding.path])
            }
        }
        let paths = findings.map(\.path).sorted()
        // Put back once already, by a sync whose send was overtaken: nothing more to commit.
        if git.run(["diff", "--cached", "--quiet"]).succeeded { return .success(paths) }
        let message = catalog(.signedRestoreCommit, ["member": .text(member.name)]) + "\n\n" + paths.joined(separator: "\n") + "\n"
        let committed = git.run(["commit", "--quiet", "--no-verify", "--file", "-"], input: message)
        guard committed.succeeded else { return .failure(SyncFailure(outcome: .failed(Message(.syncGitFailed), detail: committed.errors))) }
        return .success(paths)
    }
}
