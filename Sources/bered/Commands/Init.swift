import ArgumentParser
import BeredningCore
import BeredningResources
import BeredningStore
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new, empty store from the template (bered.toml with every setting explained).")

    @Argument(help: "The folder to create.") var folder: String
    @OptionGroup var options: CommonOptions

    func run() throws {
        let context = try options.context()
        let template = try String(contentsOf: BundledResources.configTemplate, encoding: .utf8)
        let root = URL(fileURLWithPath: folder)
        do { try FileStore.create(at: root, configText: template) } catch { context.fail(error) }
        output(context.text(.initDone, ["folder": .text(root.path)]))
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Register a new application: in a terminal, in the application form; otherwise a skeleton with every section present and explained.",
        discussion: "Registering is the coordinator's task: name yourself with --as or BERED_USER.")

    @Argument(help: "The store folder.") var store: String
    @Option(help: "The application's title (needed without a terminal).") var title: String?
    @Flag(help: "Register an idea for screening instead: a short form (idea giver, the problem in brief, target group, rough cost and length, actors).") var idea = false
    @Flag(help: "Write the skeleton file to fill in by hand, even in a terminal.") var skeleton = false
    @Option(name: .customLong("as"), help: "Your member id in the store (default: $BERED_USER).") var member: String?
    @OptionGroup var options: CommonOptions

    func run() throws {
        let context = try options.context()
        if !skeleton, Interface.hasTerminal {
            let snapshot = try context.snapshot(store)
            let who = try context.member(member, in: snapshot.config)
            if let refusal = Permissions.check(who.role, .registerApplication) {
                printError(context.catalog(refusal.reason))
                throw ExitCode(ExitStatus.fails)
            }
            try Interface.openForm(edit: nil, idea: idea, title: title ?? "", snapshot: snapshot, store: context.store(store), member: who, context: context)
            return
        }
        guard let title else {
            printError(context.text(.cliNewTitleNeeded))
            throw ExitCode(ExitStatus.broken)
        }
        let fileStore = context.store(store)
        let config: FundConfig
        do { config = try fileStore.loadConfig() } catch { context.fail(error) }
        let who = try context.member(member, in: config)
        let today = Day.today()
        do {
            let id = try fileStore.register(title: title, year: today.year, skeleton: { id in
                (try? BundledResources.applicationSkeleton(id: id, title: title, received: today, idea: idea)) ?? ""
            }, by: who)
            let path = fileStore.root.appendingPathComponent("\(id)/\(FileStore.applicationFile)").path
            output(context.text(.newDone, ["id": .text(id.description), "path": .text(path)]))
        } catch {
            context.fail(error)
        }
    }
}

struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Edit an application in the application form (needs a terminal; without one, says which file to edit by hand).",
        discussion: "Editing is the coordinator's task: name yourself with --as or BERED_USER.")

    @Argument(help: "The store folder.") var store: String
    @Argument(help: "The application's id, e.g. 2026-003.") var id: String
    @Option(name: .customLong("as"), help: "Your member id in the store (default: $BERED_USER).") var member: String?
    @OptionGroup var options: CommonOptions

    func run() throws {
        let context = try options.context()
        let snapshot = try context.snapshot(store)
        let dossier = try context.dossier(id, in: snapshot)
        let who = try context.member(member, in: snapshot.config)
        if let refusal = Permissions.check(who.role, .editApplication) {
            printError(context.catalog(refusal.reason))
            throw ExitCode(ExitStatus.fails)
        }
        guard Interface.hasTerminal else {
            let path = context.store(store).root.appendingPathComponent("\(dossier.application.id)/\(FileStore.applicationFile)").path
            printError(context.text(.cliEditNoTerminal, ["path": .text(path), "store": .text(store)]))
            throw ExitCode(ExitStatus.broken)
        }
        try Interface.openForm(edit: dossier.application.id, idea: false, title: "", snapshot: snapshot, store: context.store(store), member: who, context: context)
    }
}

extension CLIContext {
    /// The member named by `--as` or `BERED_USER`, if any; a name that is not a member is refused.
    func optionalMember(_ flag: String?, in config: FundConfig) throws -> Member? {
        let raw = flag ?? ProcessInfo.processInfo.environment["BERED_USER"]
        guard let raw, !raw.isEmpty else { return nil }
        return try member(raw, in: config)
    }

    /// The member at the keyboard: `--as`, else `BERED_USER`; refuses plainly when unknown.
    func member(_ flag: String?, in config: FundConfig) throws -> Member {
        let raw = flag ?? ProcessInfo.processInfo.environment["BERED_USER"]
        guard let raw, !raw.isEmpty else {
            printError(text(.cliWhoAreYou))
            throw ExitCode(ExitStatus.broken)
        }
        guard let id = MemberID(raw), let member = config.member(id) else {
            printError(text(.cliUnknownMember, ["member": .text(raw), "members": .text(config.members.map(\.id.rawValue).joined(separator: ", "))]))
            throw ExitCode(ExitStatus.broken)
        }
        return member
    }
}

extension Day {
    /// Today's date in UTC.
    static func today() -> Day {
        WallTime(Date()).day
    }
}
