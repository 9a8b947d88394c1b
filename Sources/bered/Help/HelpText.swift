import BeredningCore
import BeredningTUI

/// The help of bered and its commands in the catalog's language. The texts are the catalog's
/// `help.*` entries; which commands and arguments there are comes from the parser itself
/// (`CommandShape`), so the help can neither miss an option nor describe one that is gone.
struct HelpText {
    let catalog: Catalog
    let root: CommandShape

    static let width = 80
    /// Where an argument's text starts, as in ArgumentParser's help.
    static let labelColumn = 26

    /// The catalog key prefix of the command at `path`: `help.bered`, `help.check`, `help.bench.generate`.
    static func prefix(_ path: [String]) -> String { "help." + (path.isEmpty ? "bered" : path.joined(separator: ".")) }

    func abstract(_ path: [String]) -> String? { catalog.strings[Self.prefix(path) + ".abstract"] }
    func discussion(_ path: [String]) -> String? { catalog.strings[Self.prefix(path) + ".discussion"] }

    /// A command's own text for the argument, else the one every command shares.
    func text(_ argument: ArgumentShape, of path: [String]) -> String? {
        catalog.strings[Self.prefix(path) + ".arg." + argument.key] ?? catalog.strings["help.common.arg." + argument.key]
    }

    /// The text shown beside an argument: its catalog text and its default, unless the text
    /// already says it in words ("(standard: mappen du står i)" rather than "(standard: .)");
    /// the parser's own English only if the catalog has none (a test keeps that from happening).
    func description(_ argument: ArgumentShape, of path: [String]) -> String {
        let text = self.text(argument, of: path) ?? argument.abstract ?? ""
        let saysDefault = catalog(.cliHelpDefaultValue, ["value": ""]).dropLast()
        guard let value = argument.defaultValue, !value.isEmpty, !text.contains(saysDefault) else { return text }
        return text + " " + catalog(.cliHelpDefaultValue, ["value": .text(value)])
    }

    func usage(_ path: [String], _ command: CommandShape) -> String {
        var parts = ["bered"] + path
        parts += command.shownArguments.filter { !$0.isBuiltIn }.map(\.usage)
        if command.children.contains(where: \.isListed) { parts.append(catalog(.cliHelpSubcommandPlaceholder)) }
        return parts.joined(separator: " ")
    }

    /// The listed subcommands of a command with their abstracts, the default one marked.
    func subcommandRows(_ path: [String], _ command: CommandShape) -> [(label: String, text: String)] {
        command.children.filter(\.isListed).map { child in
            let names = ([child.commandName] + (child.aliases ?? [])).joined(separator: ", ")
            let marked = child.commandName == command.defaultSubcommand ? names + " " + catalog(.cliHelpDefaultCommand) : names
            return (marked, abstract(path + [child.commandName]) ?? child.abstract ?? "")
        }
    }

    /// The help of the command at `path`, as `bered … --help` prints it.
    func render(_ path: [String]) -> String? {
        guard let command = root.command(at: path) else { return nil }
        var out: [String] = []
        if let abstract = abstract(path) {
            out += Wrap.lines(catalog(.cliHelpOverview) + " " + abstract, width: Self.width)
            out.append("")
        }
        if let discussion = discussion(path) {
            out += Wrap.lines(discussion, width: Self.width)
            out.append("")
        }
        out.append(catalog(.cliHelpUsage) + " " + usage(path, command))
        out.append("")
        let arguments = command.shownArguments
        let positionals = arguments.filter { $0.kind == .positional }.map { ($0.label, description($0, of: path)) }
        let options = arguments.filter { $0.kind != .positional }.map { ($0.label, description($0, of: path)) }
        let subcommands = subcommandRows(path, command)
        for (heading, rows) in [(MessageKey.cliHelpArguments, positionals), (.cliHelpOptions, options), (.cliHelpSubcommands, subcommands)] where !rows.isEmpty {
            out.append(catalog(heading))
            for (label, text) in rows { out += Self.row(label, text) }
            out.append("")
        }
        if !subcommands.isEmpty {
            out.append("  " + catalog(.cliHelpSeeMore))
            out.append("")
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n")
    }

    /// `  --json                  Print JSON …`, the text wrapped under itself; a label too long
    /// for the column puts the text on the next line.
    static func row(_ label: String, _ text: String) -> [String] {
        let indent = String(repeating: " ", count: labelColumn)
        let lines = Wrap.lines(text, width: width - labelColumn)
        let head = "  " + label
        guard head.cellWidth <= labelColumn - 2 else {
            return [head] + lines.map { indent + $0 }
        }
        let first = head + String(repeating: " ", count: labelColumn - head.cellWidth) + (lines.first ?? "")
        return [first] + lines.dropFirst().map { indent + $0 }
    }
}

/// What the command line asks when it asks for help: `-h` or `--help` anywhere before `--`,
/// or `help` as the first word. Found before the parser runs, since the parser's own help is
/// English only.
struct HelpRequest {
    let path: [String]
    let language: Language

    init?(_ arguments: [String], root: () -> CommandShape, environment: [String: String]) {
        let words = Array(arguments.prefix { $0 != "--" })
        let asksHelp = words.first == "help" || words.contains("-h") || words.contains("--help")
        guard asksHelp else { return nil }
        let tree = root()
        path = tree.commandPath(in: words.first == "help" ? Array(words.dropFirst()) : words)
        language = Language.resolve(flag: Self.langFlag(words), environment: environment) ?? .sv
    }

    /// The value of `--lang x` or `--lang=x`, if given.
    static func langFlag(_ words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word == "--lang", index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix("--lang=") { return String(word.dropFirst("--lang=".count)) }
        }
        return nil
    }
}
