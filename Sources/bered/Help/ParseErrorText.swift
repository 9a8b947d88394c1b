import BeredningCore
import Foundation

/// The parser's complaint about a command line, in the user's language: what is wrong, the
/// usage of the command that was meant (not the root's, which the parser shows for an error
/// found while running) and where its help is. The parser says a handful of things in fixed
/// English (its version is pinned, and `ParseErrorTests` fails when its wording moves); those
/// are read and said again from the catalog. Anything else passes through, marked as an error.
struct ParseErrorText {
    let help: HelpText
    /// The command the words name: `["export"]` for `bered export …`.
    let path: [String]

    init(help: HelpText, arguments: [String]) {
        self.help = help
        path = help.root.commandPath(in: Array(arguments.prefix { $0 != "--" }))
    }

    func render(_ parserMessage: String) -> String {
        let c = help.catalog
        var out: [String] = []
        for line in parserMessage.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("Error: ") {
                out.append(said(String(line.dropFirst("Error: ".count))))
            } else if line.hasPrefix("Help: ") || line.hasPrefix("Usage: ") || line.hasPrefix("  See '") {
                // The parser's English help line, and its usage and pointer, come again below.
                continue
            } else if !line.isEmpty {
                out.append(line)
            }
        }
        if let command = help.root.command(at: path) {
            out.append(c(.cliHelpUsage) + " " + help.usage(path, command))
        }
        out.append("  " + c(.cliParseSeeHelp, ["command": .text((["bered"] + path).joined(separator: " "))]))
        return out.joined(separator: "\n")
    }

    /// One complaint in the catalog's words, or the text as it is after "Fel:".
    func said(_ complaint: String) -> String {
        let c = help.catalog
        for (pattern, key) in Self.patterns {
            guard let values = Self.match(complaint, pattern) else { continue }
            var arguments: [String: Message.Argument] = [:]
            for (index, value) in values.enumerated() { arguments[String(index)] = .text(value) }
            return c(key, arguments)
        }
        return c(.cliParseError, ["detail": .text(complaint)])
    }

    /// ArgumentParser 1.8's wording, with `'…'` for what it quotes.
    static let patterns: [(String, MessageKey)] = [
        ("Missing expected argument '…'", .cliParseMissingArgument),
        ("Unknown option '…'", .cliParseUnknownOption),
        ("Unexpected argument '…'", .cliParseUnexpectedArgument),
        ("Missing value for '…'", .cliParseMissingValue),
        ("The value '…' is invalid for '…'. Please provide one of the following:", .cliParseInvalidChoice),
        ("The value '…' is invalid for '…'", .cliParseInvalidValue),
    ]

    /// The quoted parts of `text` when it has the pattern's shape exactly, else nil.
    static func match(_ text: String, _ pattern: String) -> [String]? {
        let pieces = pattern.components(separatedBy: "…")
        guard text.hasPrefix(pieces[0]) else { return nil }
        var rest = text.dropFirst(pieces[0].count)
        var values: [String] = []
        for piece in pieces.dropFirst() {
            // The last piece ends the text; any other is the next literal after a quoted value.
            if piece == pieces.last {
                guard rest.hasSuffix(piece) else { return nil }
                values.append(String(rest.dropLast(piece.count)))
                rest = ""
            } else {
                guard let range = rest.range(of: piece) else { return nil }
                values.append(String(rest[..<range.lowerBound]))
                rest = rest[range.upperBound...]
            }
        }
        return rest.isEmpty ? values : nil
    }
}
