import ArgumentParser
import BeredningCore
import BeredningResources
import BeredningStore
import BeredningSync
import Foundation

@main
struct Bered: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bered",
        abstract: "Beredning: review applications to a social investment fund.",
        discussion: "Swedish by default; --lang en or an English LANG for English.",
        version: BeredningVersion.current,
        subcommands: [Open.self, Demo.self, Init.self, New.self, Edit.self, Template.self, Import.self, List.self, Check.self, Calc.self, Move.self, Decide.self, ProposalCommand.self, FollowUpCommand.self, MeetingCommand.self, BudgetCommand.self, RepaymentCommand.self, Remind.self, LetterCommand.self, Conflict.self, History.self, Export.self, Validate.self, Sync.self, Share.self, Trust.self, Verify.self, KeyCommand.self, Man.self, Bench.self],
        defaultSubcommand: Open.self
    )

    /// As ArgumentParser's own, except that its messages pass through `Printable`: an error
    /// quotes what was typed ("Unexpected argument '…'"), and a value pasted from a file or a
    /// web page may hold escape codes the terminal would act on.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let request = HelpRequest(arguments, root: CommandShape.tree, environment: ProcessInfo.processInfo.environment) {
            printHelp(request)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            var message = Printable.shown(fullMessage(for: error))
            if code != .success, !message.isEmpty, let said = parseError(message, arguments: arguments) { message = said }
            if code == .success {
                if !message.isEmpty { print(message) }
            } else if !message.isEmpty {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// The parser's complaint in the user's language (`ParseErrorText`); nil if the strings
/// cannot be read, when the parser's English is better than nothing.
private func parseError(_ message: String, arguments: [String]) -> String? {
    let language = Language.resolve(flag: HelpRequest.langFlag(arguments), environment: ProcessInfo.processInfo.environment) ?? .sv
    guard let catalog = try? BundledResources.catalog(language) else { return nil }
    return Printable.shown(ParseErrorText(help: HelpText(catalog: catalog, root: CommandShape.tree()), arguments: arguments).render(message))
}

/// Our own help in the user's language, instead of the parser's English.
private func printHelp(_ request: HelpRequest) -> Never {
    do {
        let help = HelpText(catalog: try BundledResources.catalog(request.language), root: CommandShape.tree())
        print(help.render(request.path) ?? "")
        Foundation.exit(ExitStatus.ok)
    } catch {
        printError(String(describing: error))
        Foundation.exit(ExitStatus.broken)
    }
}

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Language of the output: sv or en (default: sv, or en from an English LANG).")
    var lang: String?
    @Flag(name: .long, help: "Marks in words instead of symbols (ok, missing, warning, not judged instead of ✓ ✗ ! ?), for screen readers and braille; also with BERED_ASCII=1.")
    var ascii = false

    func context() throws -> CLIContext {
        let environment = ProcessInfo.processInfo.environment
        guard let language = Language.resolve(flag: lang, environment: environment) else {
            // Said in the language the environment asks for, there being none on the line.
            let catalog = try BundledResources.catalog(Language.resolve(flag: nil, environment: environment) ?? .sv)
            throw ValidationError(CLIContext.badChoice("--lang", lang ?? "", ["sv", "en"], catalog))
        }
        return try CLIContext(language: language, marks: MarkStyle.resolve(flag: ascii, environment: environment))
    }
}

/// `--as` and the common options, for commands that act as a member of the store.
struct MemberOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "Your member id in the store (default: $BERED_USER).") var member: String?
    @OptionGroup var common: CommonOptions

    /// The strings, the store as read now, and the member at the keyboard (who must be named).
    func open(_ store: String, reading part: StorePart = .all) throws -> (CLIContext, StoreSnapshot, Member) {
        let context = try common.context()
        let snapshot = try context.snapshot(store, reading: part)
        return (context, snapshot, try context.member(member, in: snapshot.config))
    }

    /// As `open`, where the member may be left unnamed (the interface then asks).
    func openOptional(_ store: String, reading part: StorePart = .all) throws -> (CLIContext, StoreSnapshot, Member?) {
        let context = try common.context()
        let snapshot = try context.snapshot(store, reading: part)
        return (context, snapshot, try context.optionalMember(member, in: snapshot.config))
    }
}

/// How much of the store a command reads.
enum StorePart {
    case all
    /// The first applications in id order, the rest listed as pending (the interface's first screen).
    case first(Int)
    /// Decided applications without youth comments (the decisions list).
    case decided
    /// Every application without youth comments or the texts outdated reviews assessed (the workbook).
    case withoutExtras
}

/// What every command needs: the strings in the user's language and the core criteria.
struct CLIContext {
    let catalog: Catalog
    let coreCriteria: [Criterion]

    init(language: Language, marks: MarkStyle = .symbols) throws {
        var catalog = try BundledResources.catalog(language)
        catalog.marks = marks
        self.catalog = catalog
        coreCriteria = try BundledResources.coreCriteria()
    }

    func store(_ path: String) -> FileStore {
        FileStore(root: URL(fileURLWithPath: path), coreCriteria: coreCriteria)
    }

    /// Loads the store or prints why it cannot be used and exits with 2.
    func snapshot(_ path: String, reading part: StorePart = .all) throws -> StoreSnapshot {
        Self.applyGitRules(path)
        do {
            switch part {
            case .all: return try store(path).load()
            case .first(let count): return try store(path).loadFirst(count)
            case .decided: return try store(path).loadDecided()
            case .withoutExtras: return try store(path).loadFirst(Int.max, reading: [])
            }
        } catch {
            fail(error)
        }
    }

    /// bered's git rules, before a store a member joined with `git clone` is read: the tree's
    /// `.gitattributes` may have checked its files out as UTF-16 or CRLF, and the first
    /// command is often `bered open`, not `bered sync`. Only a folder with its own `.git` asks git.
    static func applyGitRules(_ path: String) {
        let store = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: store.appendingPathComponent(".git").path) else { return }
        StoreSync.applyOwnRules(store: store, environment: ProcessInfo.processInfo.environment)
    }

    func fail(_ error: StoreError) -> Never {
        for line in error.lines(catalog) { printError(line) }
        Foundation.exit(ExitStatus.broken)
    }

    func text(_ key: MessageKey, _ arguments: [String: Message.Argument] = [:]) -> String { catalog(key, arguments) }

    /// `--date takes a date like 2026-11-20, not …`, in the user's language.
    func badDate(_ option: String, _ value: String, example: String = "2026-11-20") -> ValidationError {
        ValidationError(text(.cliBadDate, ["option": .text(option), "example": .text(example), "value": .text(value)]))
    }

    /// `--outcome takes approve or reject, not …`, in the user's language.
    func badChoice(_ option: String, _ value: String, _ choices: [String]) -> ValidationError {
        ValidationError(CLIContext.badChoice(option, value, choices, catalog))
    }

    static func badChoice(_ option: String, _ value: String, _ choices: [String], _ catalog: Catalog) -> String {
        catalog(.cliBadChoice, ["option": .text(option), "choices": .message(.alternatives(choices.map { .text($0) })), "value": .text(value)])
    }

    /// The store's entry for an id typed on the command line, or a plain "no such application" and exit 2.
    func entry(_ raw: String, in snapshot: StoreSnapshot) throws -> StoreEntry {
        guard let id = ApplicationID(raw), let entry = snapshot.entry(id) else {
            printError(text(.cliNoSuchApplication, ["id": .text(raw)]))
            throw ExitCode(ExitStatus.broken)
        }
        return entry
    }

    /// Like `entry`, for commands that need the application itself: a broken one prints its problems.
    func dossier(_ raw: String, in snapshot: StoreSnapshot) throws -> Dossier {
        let entry = try entry(raw, in: snapshot)
        guard let dossier = entry.dossier else {
            for problem in entry.problems { printError(problem.formatted(catalog)) }
            throw ExitCode(ExitStatus.broken)
        }
        return dossier
    }
}

/// The exit codes scripts can rely on.
enum ExitStatus {
    static let ok: Int32 = 0
    /// A criterion fails or is missing.
    static let fails: Int32 = 1
    /// A file is broken or the store cannot be read.
    static let broken: Int32 = 2
}

/// Standard error's counterpart of `output`.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((Printable.shown(line) + "\n").utf8))
}
