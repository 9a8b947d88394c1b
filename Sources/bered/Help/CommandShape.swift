import ArgumentParser
import Foundation

/// A command as the parser knows it, read from ArgumentParser's own description of the command
/// tree, so the help we print in Swedish lists exactly the arguments the parser accepts.
struct CommandShape: Decodable {
    let commandName: String
    let aliases: [String]?
    let abstract: String?
    let shouldDisplay: Bool
    let defaultSubcommand: String?
    let subcommands: [CommandShape]?
    let arguments: [ArgumentShape]?

    /// bered's whole tree, bered itself at the root.
    static func tree() -> CommandShape {
        struct Dump: Decodable { let command: CommandShape }
        // The description is generated from the command types themselves; failing to read it
        // is a programming error that every help test would show at once.
        return try! JSONDecoder().decode(Dump.self, from: Data(Bered._dumpHelp().utf8)).command
    }

    var children: [CommandShape] { subcommands ?? [] }
    var shownArguments: [ArgumentShape] { (arguments ?? []).filter(\.shouldDisplay) }

    /// The command at `path` under this one (names or aliases, as the parser takes them).
    func command(at path: [String]) -> CommandShape? {
        guard let first = path.first else { return self }
        return children.first { $0.commandName == first || ($0.aliases ?? []).contains(first) }?.command(at: Array(path.dropFirst()))
    }

    /// The longest run of leading words that name commands, in their canonical names:
    /// `bench generate --count 5` → ["bench", "generate"].
    func commandPath(in words: [String]) -> [String] {
        guard let first = words.first,
              let child = children.first(where: { $0.commandName == first || ($0.aliases ?? []).contains(first) }) else { return [] }
        return [child.commandName] + child.commandPath(in: Array(words.dropFirst()))
    }

    /// Every command under this one with its path, depth first; this one is `[]`.
    func all(from path: [String] = []) -> [(path: [String], command: CommandShape)] {
        [(path, self)] + children.flatMap { $0.all(from: path + [$0.commandName]) }
    }

    /// Hidden commands and ArgumentParser's own `help` are not listed among the commands.
    var isListed: Bool { shouldDisplay && commandName != "help" }

    enum CodingKeys: String, CodingKey {
        case commandName, aliases, abstract, shouldDisplay, defaultSubcommand, subcommands, arguments
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        commandName = try container.decode(String.self, forKey: .commandName)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases)
        abstract = try container.decodeIfPresent(String.self, forKey: .abstract)
        shouldDisplay = try container.decodeIfPresent(Bool.self, forKey: .shouldDisplay) ?? true
        defaultSubcommand = try container.decodeIfPresent(String.self, forKey: .defaultSubcommand)
        subcommands = try container.decodeIfPresent([CommandShape].self, forKey: .subcommands)
        arguments = try container.decodeIfPresent([ArgumentShape].self, forKey: .arguments)
    }
}

/// One argument, option or flag of a command, as the parser knows it.
struct ArgumentShape: Decodable {
    enum Kind: String, Decodable { case positional, option, flag }
    struct Name: Decodable {
        let kind: String
        let name: String

        var spelled: String {
            switch kind {
            case "short": return "-" + name
            case "longWithSingleDash": return "-" + name
            default: return "--" + name
            }
        }
    }

    let kind: Kind
    let shouldDisplay: Bool
    let isOptional: Bool
    let isRepeating: Bool
    let names: [Name]?
    let preferredName: Name?
    let valueName: String?
    let defaultValue: String?
    /// The parser's own (English) help text.
    let abstract: String?

    /// The name its help text is filed under: a positional's value name, an option's long name.
    var key: String { kind == .positional ? (valueName ?? "") : (preferredName?.name ?? valueName ?? "") }

    /// As in the help's left column: `<store>`, `<ids> ...`, `-h, --help`, `--as <as>`.
    var label: String {
        switch kind {
        case .positional:
            return "<\(valueName ?? key)>" + (isRepeating ? " ..." : "")
        case .flag:
            return spelledNames
        case .option:
            return spelledNames + " <\(valueName ?? key)>"
        }
    }

    /// As in the usage line: `[--json]`, `<store>`, `[<ids> ...]`, `--outcome <outcome>`.
    var usage: String {
        let bare: String
        switch kind {
        case .positional: bare = label
        case .flag: bare = preferredName?.spelled ?? spelledNames
        case .option: bare = (preferredName?.spelled ?? spelledNames) + " <\(valueName ?? key)>" + (isRepeating ? " ..." : "")
        }
        return isOptional ? "[\(bare)]" : bare
    }

    /// Short names first, as ArgumentParser lists them.
    private var spelledNames: String {
        (names ?? []).sorted { ($0.kind == "short" ? 0 : 1) < ($1.kind == "short" ? 0 : 1) }.map(\.spelled).joined(separator: ", ")
    }

    /// `--help` and `--version` are on every command; the usage line leaves them out.
    var isBuiltIn: Bool { kind == .flag && (key == "help" || key == "version") }
}
