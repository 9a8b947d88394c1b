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
}

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Share your work with the group through git: commit your changes, fetch your colleagues', send yours.",
        discussion: """
        The store must be a git clone of the group's shared repository (see bered share). Reviews, comments and \
        moves merge by themselves; history files merge line by line. When you and a colleague changed the same \
        file (an application's text, a decision), nothing is merged: both versions are shown field by field, \
        and you choose with --keep. The version you did not choose is kept in a file on your machine.
        Exit status: 0 synced, 2 not shared or git failed, 3 the shared repository could not be reached (your \
        work is committed here), 4 a choice is needed.
        """)

    @Argument(help: "The store folder.") var store: String
    @Option(help: ArgumentHelp("After a conflict: mine or theirs for every file, or FILE=mine / FILE=theirs for one (repeatable).",
                               valueName: "choice")) var keep: [String] = []
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
        report(sync.sync(choices: choices, otherwise: everything), context)
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
        let fileStore = context.store(store)
        let config: FundConfig
        do { config = try fileStore.loadConfig() } catch { context.fail(error) }
        return (context, try context.member(member, in: config), fileStore)
    }

    /// The strings and a sync for the member at the keyboard: only the fund's settings are read,
    /// so syncing a store of thousands of applications starts at once.
    func syncing(_ store: String) throws -> (CLIContext, StoreSync) {
        StoreSync.applyOwnRules(store: URL(fileURLWithPath: store), environment: ProcessInfo.processInfo.environment)
        let (context, who, _) = try self.member(in: store)
        return (context, StoreSync(store: URL(fileURLWithPath: store), member: who, catalog: context.catalog,
                                   environment: ProcessInfo.processInfo.environment))
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
    case .notShared, .failed, .resolved, .ruleFilesChanged: status = ExitStatus.broken
    }
    if status == ExitStatus.broken {
        for line in lines { printError(line) }
    } else {
        for line in lines { output(line) }
        if case .conflicts = final { output("\n" + context.text(.syncChooseCLI)) }
    }
    if status != ExitStatus.ok { Foundation.exit(status) }
}
