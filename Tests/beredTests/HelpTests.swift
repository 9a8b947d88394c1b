import BeredningCore
import BeredningResources
import Foundation
import Testing

/// `bered --help` and `bered man` in Swedish and English, from the catalog's help.* texts, for
/// exactly the commands and arguments the parser knows.
@Suite("The command line's help and manual page")
struct HelpTests {
    /// A command of the parser's tree with its path under bered.
    struct Command {
        let path: [String]
        let json: [String: Any]
        var arguments: [[String: Any]] { (json["arguments"] as? [[String: Any]] ?? []).filter { $0["shouldDisplay"] as? Bool ?? true } }
        var prefix: String { "help." + (path.isEmpty ? "bered" : path.joined(separator: ".")) }
    }

    /// The parser's own description of every command, hidden ones included.
    static func commands() throws -> [Command] {
        let dump = try Bered.run(["--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        func walk(_ json: [String: Any], _ path: [String]) -> [Command] {
            let children = json["subcommands"] as? [[String: Any]] ?? []
            return [Command(path: path, json: json)] + children.flatMap { walk($0, path + [$0["commandName"] as? String ?? ""]) }
        }
        return walk(try #require(root["command"] as? [String: Any]), [])
    }

    /// The name an argument's text is filed under, and how the help's left column shows it.
    static func key(_ argument: [String: Any]) -> String {
        if argument["kind"] as? String == "positional" { return argument["valueName"] as? String ?? "" }
        return (argument["preferredName"] as? [String: Any])?["name"] as? String ?? ""
    }

    static func label(_ argument: [String: Any]) -> String {
        argument["kind"] as? String == "positional" ? "<\(key(argument))>" : "--" + key(argument)
    }

    static func text(_ argument: [String: Any], of command: Command, in catalog: Catalog) -> String? {
        catalog.strings[command.prefix + ".arg." + key(argument)] ?? catalog.strings["help.common.arg." + key(argument)]
    }

    /// Wrapping and the label column only change the spaces.
    static func flattened(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    @Test(arguments: Language.allCases)
    func everyCommandsHelpHasItsTextsAndListsEveryArgumentTheParserKnows(language: Language) throws {
        let catalog = try BundledResources.catalog(language)
        let commands = try Self.commands()
        #expect(commands.count > 25)
        for command in commands {
            // `bered help help`, as `help --help` would be bered's own help.
            let asked = command.path == ["help"] ? ["help", "help"] : command.path + ["--help"]
            let result = try Bered.run(asked + ["--lang", language.rawValue])
            let shown = Self.flattened(result.stdout)
            let name = "bered " + command.path.joined(separator: " ")
            #expect(result.status == 0, "\(name)")
            #expect(result.stdout.contains(catalog(.cliHelpUsage) + " " + (["bered"] + command.path).joined(separator: " ")), "\(name)")
            let abstract = try #require(catalog.strings[command.prefix + ".abstract"], "\(name) has no abstract in \(language)")
            #expect(shown.contains(Self.flattened(abstract)), "\(name)")
            if let discussion = catalog.strings[command.prefix + ".discussion"] {
                #expect(shown.contains(Self.flattened(discussion)), "\(name)")
            }
            for argument in command.arguments {
                let text = Self.text(argument, of: command, in: catalog)
                #expect(text != nil, "\(name) \(Self.label(argument)) has no text in \(language)")
                #expect(shown.contains(Self.label(argument)), "\(name) does not list \(Self.label(argument))")
                if let text { #expect(shown.contains(Self.flattened(text)), "\(name) \(Self.label(argument))") }
            }
        }
    }

    /// The parser's English (which shell completions show) and the catalog's must agree, so a
    /// changed help text in the code cannot leave the Swedish describing the old one.
    @Test func theEnglishTextsAreTheParsersOwn() throws {
        let english = try BundledResources.catalog(.en)
        for command in try Self.commands() {
            for field in ["abstract", "discussion"] {
                guard let parser = command.json[field] as? String, !parser.isEmpty else { continue }
                #expect(english.strings[command.prefix + "." + field] == parser, "\(command.prefix).\(field)")
            }
            for argument in command.arguments {
                guard let parser = argument["abstract"] as? String, !parser.isEmpty else { continue }
                #expect(Self.text(argument, of: command, in: english) == parser, "\(command.prefix) \(Self.label(argument))")
            }
        }
    }

    @Test func noHelpTextIsLeftOverAndBothLanguagesHaveTheSame() throws {
        var used = Set<String>()
        for command in try Self.commands() {
            used.formUnion([command.prefix + ".abstract", command.prefix + ".discussion"])
            for argument in command.arguments {
                used.formUnion([command.prefix + ".arg." + Self.key(argument), "help.common.arg." + Self.key(argument)])
            }
        }
        let sv = Set(try BundledResources.catalog(.sv).strings.keys.filter { $0.hasPrefix("help.") })
        let en = Set(try BundledResources.catalog(.en).strings.keys.filter { $0.hasPrefix("help.") })
        #expect(sv == en)
        #expect(sv.subtracting(used).sorted() == [])
    }

    @Test func swedishByDefaultAndEnglishOnRequest() throws {
        let swedish = try Bered.run(["--help"])
        #expect(swedish.status == 0)
        #expect(swedish.stdout.hasPrefix("ÖVERSIKT: Beredning: bered ansökningar till en social investeringsfond."))
        #expect(swedish.stdout.contains("KOMMANDON:\n  open (standard)"))
        let english = try Bered.run(["--help"], environment: ["LANG": "en_GB.UTF-8"])
        #expect(english.stdout.hasPrefix("OVERVIEW: Beredning: review applications to a social investment fund."))
        #expect(try Bered.run(["check", "-h", "--lang=en"]).stdout.contains("USAGE: bered check <store> [<ids> ...] [--json] [--explain] [--as <as>] [--lang <lang>]"))
        // --lang wins over LANG, and `help <command>`, `-h` and `--help` say the same.
        let check = try Bered.run(["check", "--help", "--lang", "sv"], environment: ["LANG": "en_US.UTF-8"])
        #expect(check.stdout.contains("ALTERNATIV:\n  --json                  Skriv JSON för skript i stället för text."))
        #expect(try Bered.run(["help", "check"]).stdout == check.stdout)
        #expect(try Bered.run(["check", "-h"]).stdout == check.stdout)
        // An alias finds its command's help; a default shown in words is not repeated as a value.
        #expect(try Bered.run(["jäv", "--help"]).stdout == (try Bered.run(["jav", "--help"]).stdout))
        let open = try Bered.run(["open", "--help"]).stdout
        #expect(open.contains("Ansökningsmappen (standard: mappen du står i).\n"))
        #expect(try Bered.run(["bench", "generate", "--help"]).stdout.contains("Hur många ansökningar. (standard: 1000)"))
    }

    @Test func theREADMEsHelpIsTheRealOne() throws {
        let help = try Bered.run(["--help"])
        #expect(help.stdout == (try CalcCommandTests.readmeBlock(startingWith: "ÖVERSIKT: Beredning: bered ansökningar till en social investeringsfond.")) + "\n")
    }

    @Test func shellCompletionsAndTheVersionStillWork() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try Bered.run(["--generate-completion-script", shell])
            #expect(script.status == 0, "\(shell)")
            #expect(script.stdout.contains("check") && script.stdout.contains("unit-costs"), "\(shell)")
        }
        let version = try Bered.run(["--version"])
        #expect(version.stdout == BeredningVersion.current + "\n")
    }

    /// The macros the page uses; anything else at the start of a line would be a roff request
    /// made by accident from the text.
    static let macros: Set<String> = [".TH", ".nh", ".ad", ".SH", ".SS", ".TP", ".B", ".PP"]

    @Test(arguments: Language.allCases)
    func theManualPageIsValidRoffWithEveryCommand(language: Language) throws {
        let catalog = try BundledResources.catalog(language)
        let page = try Bered.run(["man", "--lang", language.rawValue])
        #expect(page.status == 0)
        let lines = page.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first?.hasPrefix(".TH BERED 1 \"\" \"bered \(BeredningVersion.current)\"") == true)
        for line in lines {
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "not ASCII: \(line)")
            #expect(!line.hasPrefix("'") && !line.isEmpty, "\(line)")
            if line.hasPrefix(".") { #expect(Self.macros.contains(String(line.split(separator: " ").first ?? "")), "\(line)") }
        }
        for command in try Self.commands() where command.path.count == 1 && command.json["shouldDisplay"] as? Bool ?? true && command.path != ["help"] {
            #expect(lines.contains { $0.hasPrefix(".SS \"" + command.path[0].replacingOccurrences(of: "-", with: "\\-")) }, "\(command.path)")
        }
        #expect(!lines.contains(".SS \"bench\""))
        // groff, where installed, reads the page without a single warning and shows it in the
        // user's language.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/groff") else { return }
        let groff = Process()
        groff.executableURL = URL(fileURLWithPath: "/usr/bin/groff")
        groff.arguments = ["-man", "-Tutf8", "-ww"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        groff.standardInput = input
        groff.standardOutput = output
        groff.standardError = errors
        try groff.run()
        input.fileHandleForWriting.write(Data(page.stdout.utf8))
        try input.fileHandleForWriting.close()
        let shown = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let warnings = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        groff.waitUntilExit()
        #expect(groff.terminationStatus == 0)
        #expect(warnings == "")
        // groff marks bold by overstriking; the words are what matter here.
        var unstruck: [Character] = []
        for character in shown {
            if character == "\u{8}" { _ = unstruck.popLast() } else { unstruck.append(character) }
        }
        let plain = Self.flattened(String(unstruck))
        #expect(plain.contains(catalog(.cliManCommands)))
        #expect(plain.contains(Self.flattened(catalog.strings["help.validate.abstract"] ?? "-")))
    }
}
