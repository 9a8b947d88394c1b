import BeredningCore
import Foundation

/// bered's manual page in roff (man(7) macros), from the same catalog texts and parser tree as
/// `--help`: it is printed by `bered man`, never kept as a file, so it cannot fall behind.
struct ManPage {
    let help: HelpText
    let version: String

    var catalog: Catalog { help.catalog }

    func render() -> String {
        let root = help.root
        var out: [String] = []
        out.append(".TH BERED 1 \"\" \(Self.quoted("bered " + version)) \"Beredning\"")
        // No hyphenation (roff's patterns are English and would split Swedish words wrongly) and
        // ragged right (no stretched spaces for a braille display or screen reader to read out).
        out += [".nh", ".ad l"]
        out.append(".SH " + Self.quoted(catalog(.cliManName)))
        out.append("bered \\- " + Self.escaped(help.abstract([]) ?? ""))
        out.append(".SH " + Self.quoted(catalog(.cliManSynopsis)))
        out.append(Self.escaped(help.usage([], root)))
        out.append(".SH " + Self.quoted(catalog(.cliManDescription)))
        out += paragraphs(help.discussion([]))
        out.append(".SH " + Self.quoted(catalog(.cliManOptions)))
        out += arguments(of: [], root)
        out.append(".SH " + Self.quoted(catalog(.cliManCommands)))
        for (path, command) in root.all() where !path.isEmpty && isListed(path) {
            out.append(".SS " + Self.quoted(path.joined(separator: " ") + aliases(command)))
            out.append(".B " + Self.quoted(help.usage(path, command)))
            out.append(".PP")
            out += paragraphs(help.abstract(path))
            out += paragraphs(help.discussion(path))
            out += arguments(of: path, command)
        }
        out.append(".SH " + Self.quoted(catalog(.cliManEnvironment)))
        for (name, key) in [("BERED_USER", MessageKey.cliManEnvUser), ("LC_ALL, LC_MESSAGES, LANG", .cliManEnvLang), ("BERED_ASCII", .cliManEnvAscii)] {
            out.append(".TP")
            out.append(".B " + Self.quoted(name))
            out.append(Self.escaped(catalog(key)))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A command is in the manual when it and every command above it are listed in the help.
    private func isListed(_ path: [String]) -> Bool {
        (1...path.count).allSatisfy { help.root.command(at: Array(path.prefix($0)))?.isListed ?? false }
    }

    private func aliases(_ command: CommandShape) -> String {
        guard let aliases = command.aliases, !aliases.isEmpty else { return "" }
        return " (" + aliases.joined(separator: ", ") + ")"
    }

    private func paragraphs(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(separator: "\n").flatMap { [Self.escaped(String($0)), ".PP"] }
    }

    /// Each argument as a tagged paragraph: its label in bold, its text below.
    private func arguments(of path: [String], _ command: CommandShape) -> [String] {
        command.shownArguments.flatMap { argument in
            [".TP", ".B " + Self.quoted(argument.label), Self.escaped(help.description(argument, of: path))]
        }
    }

    /// Text safe as a roff line: backslashes written as `\e`, and a leading `.` or `'` (which
    /// roff would read as a request) made plain with `\&`. Hyphens are `\-`, so options keep
    /// their minus signs when copied from the page; å, ä, ö and every other non-ASCII character
    /// are `\[u00E5]`, which every roff reads whatever encoding it assumes.
    static func escaped(_ text: String) -> String {
        var body = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": body += "\\e"
            case "-": body += "\\-"
            case _ where scalar.value > 0x7E:
                body += "\\[u" + String(format: "%04X", scalar.value) + "]"
            default: body.unicodeScalars.append(scalar)
            }
        }
        return body.hasPrefix(".") || body.hasPrefix("'") ? "\\&" + body : body
    }

    /// A macro argument: escaped, in double quotes (written `\(dq` inside).
    static func quoted(_ text: String) -> String {
        "\"" + escaped(text).replacingOccurrences(of: "\"", with: "\\(dq") + "\""
    }
}
