import ArgumentParser
import BeredningCore
import BeredningStore
import Foundation

struct Conflict: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jav",
        abstract: "Declare a conflict of interest (jäv) on an application, or withdraw it.",
        discussion: """
        A member with a declared conflict takes no part in the application's handling (kommunallagen 6 kap. \
        28–32 §§): they cannot review, move or decide it, do not see the group's reviews of it, and are left \
        out of the quorum. A coordinator may declare or withdraw one on a member's behalf with --for; the file \
        and the history say who recorded it. Both declaring and withdrawing are kept in the history.
        Exit status: 0 done, 1 refused (with the reason), 2 no such application or a broken store.
        """,
        aliases: ["jäv", "conflict"])

    @Argument(help: "The store folder.") var store: String
    @Argument(help: "The application id, e.g. 2026-003.") var id: String
    @Option(help: "Why: the relation that makes you (or the member) disqualified; when withdrawing, why it no longer applies.") var reason: String = ""
    @Option(name: .customLong("for"), help: ArgumentHelp("Coordinators: the member it is declared or withdrawn for.", valueName: "member")) var forMember: String?
    @Flag(help: "Withdraw the declaration instead of making one.") var withdraw = false
    @OptionGroup var options: MemberOptions

    func run() throws {
        let (context, snapshot, who) = try options.open(store)
        let dossier = try context.dossier(id, in: snapshot)
        let applicationID = dossier.application.id
        var conflicted = who.id
        if let raw = forMember {
            guard let id = MemberID(raw) else {
                printError(context.text(.fileBadMemberID, ["field": "--for", "value": .text(raw)]))
                throw ExitCode(ExitStatus.broken)
            }
            conflicted = id
        }
        let store = context.store(self.store)
        do {
            if withdraw {
                try store.withdrawConflict(of: conflicted, in: applicationID, reason: reason, by: who, now: Date())
                output(context.text(.conflictWithdrawnDone, ["member": .text(conflicted.rawValue), "application": .text(applicationID.description)]))
            } else {
                let declaration = ConflictDeclaration(applicationID: applicationID, member: conflicted, reason: reason, declared: Date())
                try store.save(declaration, by: who, config: snapshot.config)
                output(conflicted == who.id ? context.text(.conflictDeclaredDone, ["application": .text(applicationID.description)])
                    : context.text(.conflictDeclaredFor, ["member": .text(conflicted.rawValue), "application": .text(applicationID.description)]))
            }
        } catch .refused(let message) {
            printError(context.catalog(message))
            throw ExitCode(ExitStatus.fails)
        } catch {
            context.fail(error)
        }
    }
}
