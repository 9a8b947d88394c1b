import ArgumentParser
import BeredningCore
import BeredningSync
import Foundation

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Make your key for signing what you share (once per machine) and show its public half for the coordinator.",
        discussion: """
        The key is made with ssh-keygen in $XDG_STATE_HOME/bered/keys/MEMBER (else ~/.local/state/bered/keys), \
        readable by you alone, and never leaves your machine. Send the line it prints to the coordinator, who \
        adds it as signing_key under your [[members]] entry in bered.toml. From then on bered sync signs \
        everything you share.
        """)

    @Option(name: .customLong("as"), help: "Your member id (default: $BERED_USER).") var member: String?
    @OptionGroup var common: CommonOptions

    func run() throws {
        let context = try common.context()
        let environment = ProcessInfo.processInfo.environment
        guard let raw = member ?? environment["BERED_USER"], !raw.isEmpty else {
            printError(context.text(.cliWhoAreYou))
            throw ExitCode(ExitStatus.broken)
        }
        guard let id = MemberID(raw) else {
            printError(context.text(.fileBadMemberID, ["field": "--as", "value": .text(raw)]))
            throw ExitCode(ExitStatus.broken)
        }
        switch MemberKey.ensure(for: id, environment: environment) {
        case .failure(let refusal):
            printError(context.catalog(refusal.reason))
            throw ExitCode(ExitStatus.broken)
        case .success(let made):
            print(context.text(made.created ? .signedKeyCreated : .signedKeyExists, ["path": .text(made.privateKey.path)]))
            print(context.text(.signedKeySend, ["member": .text(id.rawValue)]))
            print("")
            print(made.publicLine)
        }
    }
}
