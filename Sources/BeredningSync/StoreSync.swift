import BeredningCore
import BeredningStore
import Foundation

/// Which version of a file a member keeps when a colleague changed it too.
public enum SyncSide: String, CaseIterable, Sendable {
    case mine, theirs
}

/// One file that the member and a colleague both changed: both versions, whole, and where
/// they differ field by field.
public struct SyncConflict: Hashable, Sendable {
    /// The path inside the store, `2026-003/application.toml`.
    public let path: String
    /// The member's version and the colleague's; nil where that side deleted the file.
    public let mine: String?
    public let theirs: String?

    public init(path: String, mine: String?, theirs: String?) {
        self.path = path
        self.mine = mine
        self.theirs = theirs
    }

    public var file: StoreFile { StoreFile(path: path) }

    /// The fields that differ, or nil when a side is deleted or not readable TOML (then the
    /// whole texts are what to compare).
    public var differences: [TOMLFieldDiff.Difference]? {
        guard let mine, let theirs else { return nil }
        return TOMLFieldDiff.differences(mine: mine, theirs: theirs)
    }
}

public enum SyncOutcome: Sendable {
    /// The store is not a git working tree, or has no remote to share with.
    case notShared(Message)
    /// Everything is on both sides. Counts are commits.
    case synced(committed: String?, received: Int, sent: Int)
    /// The remote could not be reached; the member's work is committed here.
    case offline(committed: String?, detail: String)
    /// Nothing was merged: the member chooses, then syncs again with the choices.
    case conflicts([SyncConflict], committed: String?)
    /// The member's unchosen versions were kept aside, here.
    indirect case resolved(keptAside: [URL], then: SyncOutcome)
    /// Colleagues changed git's rule files (`.gitattributes` and the like, by path), which bered
    /// does not follow but the member should hear of.
    indirect case ruleFilesChanged([String], then: SyncOutcome)
    /// Colleagues' changes were made by someone not allowed to: nothing was received. The
    /// member's own work is committed here.
    case refused([VerifyFinding], committed: String?)
    /// A coordinator put these refused files back as they last were (`--restore`).
    indirect case restored([String], then: SyncOutcome)
    case failed(Message, detail: String)

    /// The outcome itself, without what was kept aside or said on the way.
    public var underlying: SyncOutcome {
        switch self {
        case .resolved(_, let then), .ruleFilesChanged(_, let then), .restored(_, let then): return then.underlying
        default: return self
        }
    }
}

/// `bered sync`: commit the member's own changes, pull with rebase, push. Every writer owns
/// its files and history files merge as a union of lines, so almost every sync merges by
/// itself; where two people changed one file, it stops before anything is lost.
public struct StoreSync: Sendable {
    let git: Git
    let root: URL
    public let member: Member
    let catalog: Catalog
    let coreCriteria: [Criterion]
    /// The member's own signing key on this machine (`bered key`), when there is one.
    let signingKeyFile: URL?
    /// Where the version a member did not choose is kept: their own machine, never the store.
    let keptAsideFolder: URL
    let now: @Sendable () -> Date

    public init(store: URL, member: Member, catalog: Catalog, coreCriteria: [Criterion], environment: [String: String],
                now: @escaping @Sendable () -> Date = Date.init) {
        root = store.standardizedFileURL
        var git = Git(folder: root, environment: environment)
        // A laptop where git was never set up has no name to sign commits with (and a rebase
        // makes commits too): the member's is used.
        if (git.value(["config", "user.name"]) ?? "").isEmpty || (git.value(["config", "user.email"]) ?? "").isEmpty {
            git.settings = ["-c", "user.name=\(member.name)", "-c", "user.email=\(member.id)@beredning.invalid"]
        }
        // With a key of the member's own (`bered key`), every commit this sync makes is signed,
        // the rebase's replayed ones too, so colleagues' `bered verify` can tell who made it.
        signingKeyFile = MemberKey.existing(for: member.id, environment: environment)
        if let key = signingKeyFile {
            git.settings += ["-c", "gpg.format=ssh", "-c", "user.signingkey=" + key.path, "-c", "commit.gpgsign=true"]
        }
        self.git = git
        self.coreCriteria = coreCriteria
        self.member = member
        self.catalog = catalog
        // Without a state folder of the member's own, inside .git: on this machine, never shared.
        let root = self.root
        keptAsideFolder = LocalState.folder("sync", environment: environment).flatMap { LocalState.isInside($0, root) ? nil : $0 }?
            .appendingPathComponent(LocalState.key(of: root)) ?? root.appendingPathComponent(".git/bered-kept-aside")
        self.now = now
    }

    /// Makes `store` a git repository shared through `remote` (a bare repository's path or
    /// URL) and sends it there: the coordinator's one-time setup.
    public func share(remote given: String) -> SyncOutcome {
        if let missing = gitMissing { return missing }
        // A path on a file share is typed relative to where the coordinator stands, not to the store.
        let remote = FileManager.default.fileExists(atPath: given) ? URL(fileURLWithPath: given).standardizedFileURL.path : given
        if !isOwnRepository(git.value(["rev-parse", "--show-toplevel"])) {
            let initialised = git.run(["init", "--quiet", "--initial-branch=main"])
            guard initialised.succeeded else { return .failed(Message(.syncGitFailed), detail: initialised.errors) }
        }
        if let existing = git.value(["remote", "get-url", "origin"]), existing != remote {
            return .failed(Message(.syncOtherRemote, ["remote": .text(existing)]), detail: "")
        }
        if git.value(["remote", "get-url", "origin"]) == nil {
            let added = git.run(["remote", "add", "origin", remote])
            guard added.succeeded else { return .failed(Message(.syncGitFailed), detail: added.errors) }
        }
        let outcome = sync()
        pointRemoteHead(remote)
        return outcome
    }

    /// The outcome when the machine has no git, else nil.
    private var gitMissing: SyncOutcome? {
        let version = git.run(["--version"])
        return version.succeeded ? nil : .failed(Message(.syncNoGit), detail: version.errors)
    }

    /// Whether `top` (git's top folder for the store) is the store itself.
    private func isOwnRepository(_ top: String?) -> Bool {
        top.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path == root.resolvingSymlinksInPath().path } ?? false
    }

    /// A bare repository made with plain `git init --bare` may name a default branch that this
    /// store does not have, and then `git clone` gives colleagues an empty folder. On a file
    /// share the remote is a folder, so its default is set to the branch just sent.
    private func pointRemoteHead(_ remote: String) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: remote, isDirectory: &isFolder), isFolder.boolValue,
              let branch = git.value(["symbolic-ref", "--short", "HEAD"]) else { return }
        let bare = Git(folder: URL(fileURLWithPath: remote), environment: git.environment)
        guard let head = bare.value(["symbolic-ref", "HEAD"]), bare.value(["rev-parse", "--verify", "--quiet", head]) == nil else { return }
        bare.run(["symbolic-ref", "HEAD", "refs/heads/" + branch])
    }

    /// One sync; `choices` settle the conflicts a previous sync reported, by path, and
    /// `otherwise` any other (the version not chosen is kept aside either way). With `restore`,
    /// a coordinator takes in refused changes and puts each refused file back as it last was.
    public func sync(choices: [String: SyncSide] = [:], otherwise: SyncSide? = nil, restore: Bool = false) -> SyncOutcome {
        if let missing = gitMissing { return missing }
        guard let top = git.value(["rev-parse", "--show-toplevel"]) else {
            return .notShared(Message(.syncNotARepository, ["folder": .text(root.path)]))
        }
        // A store inside some other repository (a home folder kept in git) is not shared:
        // committing "everything" there would take the member's other files along.
        guard isOwnRepository(top) else {
            return .notShared(Message(.syncInsideOtherRepository, ["folder": .text(root.path), "repository": .text(top)]))
        }
        // A sync killed halfway leaves a rebase open; the member's commit is still whole.
        if FileManager.default.fileExists(atPath: top + "/.git/rebase-merge") || FileManager.default.fileExists(atPath: top + "/.git/rebase-apply") {
            git.run(["rebase", "--abort"])
        }
        StoreSync.applyOwnRules(git)
        if let refusal = signingRefusal() { return .failed(refusal, detail: "") }
        if restore, let refusal = Permissions.check(member.role, .manageStore) { return .failed(refusal.reason, detail: "") }
        let committed: String?
        switch commitOwnChanges() {
        case .success(let hash): committed = hash
        case .failure(let failure): return failure.outcome
        }
        guard git.value(["remote", "get-url", "origin"]) != nil else {
            return .notShared(Message(.syncNoRemote))
        }
        var keptAside: [URL] = []
        var ruleFiles: Set<String> = []
        var restored: [String] = []
        // A colleague may push between our pull and our push: then pull again.
        for _ in 0..<3 {
            let fetched = git.run(["fetch", "--quiet", "origin"])
            guard fetched.succeeded else { return wrap(Self.remoteFailure(fetched.errors, committed: committed), keptAside, ruleFiles, restored) }
            let branch = git.value(["symbolic-ref", "--short", "HEAD"]) ?? "main"
            let upstream = "origin/" + branch
            guard git.value(["rev-parse", "--verify", "--quiet", upstream]) != nil else {
                // The remote is empty, or has not seen this branch: this sync creates it.
                let sent = count("HEAD")
                let pushed = git.run(["push", "--quiet", "--set-upstream", "origin", branch])
                guard pushed.succeeded else { return wrap(Self.remoteFailure(pushed.errors, committed: committed), keptAside, ruleFiles, restored) }
                return wrap(.synced(committed: committed, received: 0, sent: sent), keptAside, ruleFiles, restored)
            }
            var refused: [VerifyFinding] = []
            switch check(incoming: upstream) {
            case .unverified: break
            case .clean(let tip): trust(tip)
            case .failed(let message, let detail): return wrap(.failed(message, detail: detail), keptAside, ruleFiles, restored)
            case .refused(let findings):
                guard restore else { return wrap(.refused(findings, committed: committed), keptAside, ruleFiles, restored) }
                refused = findings
            }
            let received = count("HEAD..\(upstream)")
            if received > 0 {
                let incomingRules = git.paths(["diff", "--name-only", "-z", "--no-renames", "HEAD..." + upstream]).filter(StoreSync.isRuleFile)
                switch rebase(onto: upstream, choices: choices, otherwise: otherwise) {
                case .done(let kept):
                    keptAside += kept
                    ruleFiles.formUnion(incomingRules)
                case .stopped(let conflicts): return wrap(.conflicts(conflicts, committed: committed), keptAside, ruleFiles, restored)
                case .failed(let detail): return wrap(.failed(Message(.syncGitFailed), detail: detail), keptAside, ruleFiles, restored)
                }
            }
            if !refused.isEmpty {
                switch self.restore(refused) {
                case .success(let paths): restored = Array(Set(restored + paths)).sorted()
                case .failure(let failure): return wrap(failure.outcome, keptAside, ruleFiles, restored)
                }
                // What is sent must pass the same check colleagues will make. It is trusted only
                // once shared: the next sync checks from the last shared commit found clean.
                switch check(incoming: "HEAD") {
                case .clean: break
                case .refused(let findings): return wrap(.refused(findings, committed: committed), keptAside, ruleFiles, restored)
                case .failed(let message, let detail): return wrap(.failed(message, detail: detail), keptAside, ruleFiles, restored)
                case .unverified: break
                }
            }
            let sent = count("\(upstream)..HEAD")
            guard sent > 0 else { return wrap(.synced(committed: committed, received: received, sent: 0), keptAside, ruleFiles, restored) }
            let pushed = git.run(["push", "--quiet", "origin", "HEAD:" + branch])
            if pushed.succeeded { return wrap(.synced(committed: committed, received: received, sent: sent), keptAside, ruleFiles, restored) }
            if !Self.wasOvertaken(pushed) { return wrap(Self.remoteFailure(pushed.errors, committed: committed), keptAside, ruleFiles, restored) }
        }
        return wrap(.failed(Message(.syncKeptMoving), detail: ""), keptAside, ruleFiles, restored)
    }

    private func wrap(_ outcome: SyncOutcome, _ keptAside: [URL], _ ruleFiles: Set<String>, _ restored: [String]) -> SyncOutcome {
        let put = restored.isEmpty ? outcome : .restored(restored, then: outcome)
        let told = ruleFiles.isEmpty ? put : .ruleFilesChanged(ruleFiles.sorted(), then: put)
        return keptAside.isEmpty ? told : .resolved(keptAside: keptAside, then: told)
    }

    /// Whether a path is one of git's rule files, or any other hidden file, which the store
    /// never holds: `.gitattributes`, `.gitignore`, `.gitmodules`, `2026-001/.gitattributes`.
    static func isRuleFile(_ path: String) -> Bool {
        path.split(separator: "/").contains { $0.hasPrefix(".") }
    }

    /// Whether sync adds an untracked file: the store's own files, never a hidden one (locks,
    /// temporary files, `.bered/`), an export, or a link (it would share what it points at's
    /// name, and a colleague's bered would refuse it anyway).
    static func isShared(_ path: String, in root: URL) -> Bool {
        guard !isRuleFile(path), path != FileStore.exportsFolder, !path.hasPrefix(FileStore.exportsFolder + "/") else { return false }
        var info = stat()
        return lstat(root.path + "/" + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    private func count(_ range: String) -> Int { Int(git.value(["rev-list", "--count", range]) ?? "") ?? 0 }

    /// A push refused because the remote moved on, as opposed to one that never arrived.
    static func wasOvertaken(_ result: Git.Result) -> Bool {
        ["rejected", "fetch first", "non-fast-forward"].contains { result.errors.contains($0) }
    }

    /// Why the shared repository did not answer as hoped, in the member's terms: asked for a
    /// login, refused the member, or could not be reached at all (the usual reason: no network).
    static func remoteFailure(_ said: String, committed: String?) -> SyncOutcome {
        if ["could not read Username", "Authentication failed", "terminal prompts disabled", "Host key verification failed"].contains(where: said.contains) {
            return .failed(Message(.syncNeedsLogin), detail: said)
        }
        if ["Permission denied", "permission denied", "read-only", "Read-only"].contains(where: said.contains) {
            return .failed(Message(.syncPushDenied), detail: said)
        }
        return .offline(committed: committed, detail: said)
    }

    // MARK: Committing

    struct SyncFailure: Error {
        let outcome: SyncOutcome
    }

    /// Commits everything changed in the store; returns the short hash, or nil when nothing was.
    /// Changed and deleted files are staged as git tracks them, and new ones by name, forced:
    /// a `.gitignore` in the tree (`reviews/`, say) cannot keep a member's work from being shared.
    private func commitOwnChanges() -> Result<String?, SyncFailure> {
        let updated = git.run(["add", "--update", "--", "."])
        guard updated.succeeded else { return .failure(SyncFailure(outcome: .failed(Message(.syncGitFailed), detail: updated.errors))) }
        let new = git.paths(["ls-files", "--others", "-z", "--", "."]).filter { StoreSync.isShared($0, in: root) }
        if !new.isEmpty {
            let added = git.run(["add", "--force", "--pathspec-from-file=-", "--pathspec-file-nul"], input: new.joined(separator: "\0"))
            guard added.succeeded else { return .failure(SyncFailure(outcome: .failed(Message(.syncGitFailed), detail: added.errors))) }
        }
        let paths = git.paths(["diff", "--cached", "--name-only", "-z", "--no-renames"])
        guard !paths.isEmpty else { return .success(nil) }
        let committed = git.run(["commit", "--quiet", "--no-verify", "--file", "-"], input: CommitMessage.of(paths: paths, member: member, catalog: catalog))
        guard committed.succeeded else { return .failure(SyncFailure(outcome: .failed(Message(.syncGitFailed), detail: committed.errors + committed.output))) }
        return .success(git.value(["rev-parse", "--short", "HEAD"]))
    }

    // MARK: Rebasing

    private enum RebaseResult {
        case done([URL])
        case stopped([SyncConflict])
        case failed(String)
    }

    /// Replays the member's commits on the colleagues'. At each stop, files with a choice are
    /// settled (the other version kept aside first); any file without one aborts the whole
    /// rebase, which puts the member's commits back exactly as they were.
    private func rebase(onto upstream: String, choices: [String: SyncSide], otherwise: SyncSide?) -> RebaseResult {
        var keptAside: [URL] = []
        var step = git.run(["rebase", "--quiet", upstream])
        while !step.succeeded {
            let conflicted = git.paths(["diff", "--name-only", "--diff-filter=U", "-z"])
            guard !conflicted.isEmpty else {
                git.run(["rebase", "--abort"])
                return .failed(step.errors + step.output)
            }
            // During a rebase, stage 2 is the colleagues' side (the base being built on) and
            // stage 3 the member's commit being replayed.
            let conflicts = conflicted.map { path in
                SyncConflict(path: path, mine: stage(3, path), theirs: stage(2, path))
            }
            let open = conflicts.filter { (choices[$0.path] ?? otherwise) == nil }
            guard open.isEmpty else {
                git.run(["rebase", "--abort"])
                return .stopped(open)
            }
            for conflict in conflicts {
                let side = (choices[conflict.path] ?? otherwise)!
                let (kept, dropped) = side == .mine ? (conflict.mine, conflict.theirs) : (conflict.theirs, conflict.mine)
                if let dropped, let url = keepAside(dropped, path: conflict.path, side: side == .mine ? .theirs : .mine) { keptAside.append(url) }
                let file = root.appendingPathComponent(conflict.path)
                if let kept {
                    try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try? AtomicFile.write(Data(kept.utf8), to: file)
                    git.run(["add", "--", conflict.path])
                } else {
                    git.run(["rm", "--quiet", "--force", "--", conflict.path])
                }
            }
            step = git.run(["rebase", "--continue"])
            // Keeping the colleague's version can leave the member's commit with nothing in it.
            if !step.succeeded, git.run(["diff", "--cached", "--quiet"]).succeeded, git.paths(["diff", "--name-only", "--diff-filter=U", "-z"]).isEmpty {
                step = git.run(["rebase", "--skip"])
            }
        }
        return .done(keptAside)
    }

    /// A conflicted file's text at a stage, exactly as stored; nil where that side deleted it.
    private func stage(_ number: Int, _ path: String) -> String? {
        let shown = git.run(["show", ":\(number):" + path])
        return shown.succeeded ? shown.output : nil
    }

    /// Writes the version not chosen to the member's own machine, named by time and file.
    private func keepAside(_ text: String, path: String, side: SyncSide) -> URL? {
        let stamp = WallTime(now(), offsetMinutes: 0).compact
        let name = "\(stamp)-\(side.rawValue)-" + path.replacingOccurrences(of: "/", with: "-")
        let url = keptAsideFolder.appendingPathComponent(name)
        do {
            try LocalState.createPrivateFolder(keptAsideFolder)
            try AtomicFile.write(Data(text.utf8), to: url)
            return url
        } catch {
            return nil
        }
    }
}
