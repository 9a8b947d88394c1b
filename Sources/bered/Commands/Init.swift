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
        abstract: "Register a new application: a skeleton with every section present and explained.",
        discussion: "Registering is the coordinator's task: name yourself with --as or BERED_USER.")

    @Argument(help: "The store folder.") var store: String
    @Option(help: "The application's title.") var title: String
    @Flag(help: "Register an idea for screening instead: a short form (idea giver, the problem in brief, target group, rough cost and length, actors).") var idea = false
    @Option(name: .customLong("as"), help: "Your member id in the store (default: $BERED_USER).") var member: String?
    @OptionGroup var options: CommonOptions

    func run() throws {
        let context = try options.context()
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
