import ArgumentParser
import BeredningCore
import BeredningStore
import BeredningSync
import Foundation

/// Exit codes of `sync` and `share` beyond the common ones.
extension ExitStatus {
    /// The remote could not be reached; the work is committed locally.
    static let offline: Int32 = 3
    /// A colleague changed the same file: nothing merged, the member chooses with --keep.
    static let conflicts: Int32 = 4
    /// Colleagues' changes were made by someone not allowed to: nothing was received.
    static let refused: Int32 = 5
}

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Share your work with the group through git: commit your changes, fetch your colleagues', send yours.",
        discussion: """
        The store must be a git clone of the group's shared repository (see bered share). Reviews, comments and \
        moves merge by themselves; history files merge line by line. When you and a colleague changed the same \
        file (an application's text, a decision), nothing is merged: both versions are shown field by field, \
        and you choose with --keep. The version you did not choose is kept in a file on your machine.
        Once the coordinator has turned checking on (bered trust), every change received must be signed by a member \
        allowed to make it; otherwise nothing is received, and you are told whose change was refused and why. A \
        coordinator then runs bered sync --restore, which puts each refused file back as it was last accepted.
        Exit status: 0 synced, 2 not shared or git failed, 3 the shared repository could not be reached (your \
        work is committed here), 4 a choice is needed, 5 colleagues' changes were refused.
        """)

    @Argument(help: "The store folder.") var store: String
    @Option(help: ArgumentHelp("After a conflict: mine or theirs for every file, or FILE=mine / FILE=theirs for one (repeatable).",
                               valueName: "choice")) var keep: [String] = []
    @Flag(help: "Coordinators: take in refused changes and put each refused file back as it was last accepted, signed.") var restore = false
    @OptionGroup var options: MemberOptions

    func run() throws {
        let (context, sync) = try options.syncing(store)
        var choices: [String: SyncSide] = [:]
        var everything: SyncSide?
        for value in keep {
            let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 1, let side = SyncSide(rawValue: parts[0]) {
                everything = side
            } else if parts.count == 2, let side = SyncSide(rawValue: parts[1]), !parts[0].isEmpty {
                choices[parts[0]] = side
            } else {
                throw ValidationError(context.text(.syncBadChoice, ["value": .text(value)]))
            }
        }
        report(sync.sync(choices: choices, otherwise: everything, restore: restore), context)
    }
}

struct Share: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Coordinators: share a store with the group through a git repository (a bare repository on a file share, or a git server).",
        discussion: """
        Makes the store folder a git repository if it is not one, connects it to REMOTE and sends everything there. \
        Make the shared repository first, e.g. git init --bare /mnt/delat/fond.git. Members then get their own \
        copy with git clone REMOTE FOLDER and share their work with bered sync FOLDER.
        """)

    @Argument(help: "The store folder.") var store: String
    @Argument(help: "The shared repository: a path on a file share or a git URL.") var remote: String
    @OptionGroup var options: MemberOptions

    func run() throws {
        let (context, sync) = try options.syncing(store)
        if let refusal = Permissions.check(sync.member.role, .manageStore) {
            printError(context.catalog(refusal.reason))
            throw ExitCode(ExitStatus.fails)
        }
        let outcome = sync.share(remote: remote)
        if case .synced = outcome { output(context.text(.syncShared, ["remote": .text(remote)])) }
        report(outcome, context)
    }
}

extension MemberOptions {
    /// The strings, the member at the keyboard and the store, from the fund's settings alone:
    /// for commands that need not read every application before they start.
    func member(in store: String) throws -> (CLIContext, Member, FileStore) {
        let context = try common.context()
        CLIContext.applyGitRules(store)
        let fileStore = context.store(store)
        let config: FundConfig
        do { config = try fileStore.loadConfig() } catch { context.fail(error) }
        return (context, try context.member(member, in: config), fileStore)
    }

    /// The strings and a sync for the member at the keyboard: only the fund's settings are read,
    /// so syncing a store of thousands of applications starts at once.
    func syncing(_ store: String) throws -> (CLIContext, StoreSync) {
        let (context, who, _) = try self.member(in: store)
        return (context, StoreSync(store: URL(fileURLWithPath: store), member: who, catalog: context.catalog, coreCriteria: context.coreCriteria,
                                   environment: ProcessInfo.processInfo.environment))
    }
}

struct Trust: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Coordinators: turn checking of signed changes on for a shared store, trusting it as it is now.",
        discussion: """
        For a store shared before its members had keys. Syncs, records the newest commit in bered.toml as \
        [sharing] trusted_commit, and shares that change signed with your key (which bered.toml must list). From \
        then on every member's bered sync accepts only changes signed by a member allowed to make them, and bered \
        verify checks from that commit. Members without a signing_key in bered.toml are listed: their changes are \
        refused until you add their keys.
        """)

    @Argument(help: "The store folder.") var store: String
    @OptionGroup var options: MemberOptions

    func run() throws {
        let (context, sync) = try options.syncing(store)
        switch sync.trustFromHere() {
        case .already(let commit):
            output(context.text(.signedTrustAlready, ["commit": .text(commit)]))
        case .refused(let message):
            printError(context.catalog(message))
            throw ExitCode(ExitStatus.fails)
        case .syncFailed(let outcome):
            report(outcome, context)
        case .on(let commit, let withoutKeys, let then):
            output(context.text(.signedTrustOn, ["commit": .text(commit)]))
            if !withoutKeys.isEmpty {
                output(context.text(.signedTrustWithoutKeys, ["members": .text(withoutKeys.map(\.rawValue).joined(separator: ", "))]))
            }
            report(then, context)
        }
    }
}

/// Prints the outcome in words and exits with its status.
private func report(_ outcome: SyncOutcome, _ context: CLIContext) {
    let lines = SyncReport.lines(outcome, catalog: context.catalog)
    var status = ExitStatus.ok
    let final = outcome.underlying
    switch final {
    case .synced: status = ExitStatus.ok
    case .offline: status = ExitStatus.offline
    case .conflicts: status = ExitStatus.conflicts
    case .refused: status = ExitStatus.refused
    case .notShared, .failed, .resolved, .ruleFilesChanged, .restored: status = ExitStatus.broken
    }
    if status == ExitStatus.broken {
        for line in lines { printError(line) }
    } else {
        for line in lines { output(line) }
        if case .conflicts = final { output("\n" + context.text(.syncChooseCLI)) }
    }
    if status != ExitStatus.ok { Foundation.exit(status) }
}
