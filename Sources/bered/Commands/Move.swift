import ArgumentParser
import BeredningCore
import BeredningStore
import BeredningTUI
import Foundation

struct Move: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move an application along the process: invite_application, decline_idea, start_preparation, to_steering_group, return_for_completion, resume_preparation, forward, approve, reject, send_feedback, start, close_implemented, close_ended, close_discontinued.",
        discussion: """
        Leaving preparation needs every criterion answered and the fund's number of complete reviews; otherwise \
        it lists exactly what is missing. A coordinator may move it anyway with --override "reason", which is \
        kept in the history. Returning for completion needs --reason (the steering group's request). Sending feedback writes \
        the decision letter (see bered brev) in the language of --lang and records its fingerprint in the history. Starting and closing an intervention (start, close_*) need --reason too. \
        An idea is screened with invite_application or decline_idea; declining needs --reason, which the idea letter sends.
        Exit status: 0 moved, 1 refused (with the reason), 2 no such application or a broken store.
        """)

    @Argument(help: "The store folder.") var store: String
    @Argument(help: "The application id, e.g. 2026-003.") var id: String
    @Argument(help: "The move to make.") var transition: String
    @Option(help: "Why: the steering group's request when returning for completion.") var reason: String = ""
    @Option(help: "A coordinator's written reason to leave preparation although something is missing.") var override: String = ""
    @OptionGroup var options: MemberOptions

    func run() throws {
        let (context, snapshot, who) = try options.open(store)
        guard let move = Transition(rawValue: transition) else {
            throw context.badChoice("<transition>", transition, Transition.allCases.map(\.rawValue))
        }
        let dossier = try context.dossier(id, in: snapshot)
        do {
            let letter = MoveLetter.document(move, dossier, reason: reason, config: snapshot.config, sender: who, date: .today(), catalog: context.catalog)
                .map(SentLetter.init)
            let moved = try context.store(store).move(dossier, move, by: who, config: snapshot.config, reason: reason, override: override,
                                                      letter: letter, now: Date())
            output(context.text(.workflowMoved, ["id": .text(moved.id.description), "state": .message(moved.state.label)]))
            if let letter {
                output(context.text(.letterSaved, ["markdown": .text("\(moved.id)/\(FileStore.letterFile)"), "html": .text("\(moved.id)/\(FileStore.letterPageFile)"),
                                                   "fingerprint": .text(SHA256.hex(letter.markdown))]))
            }
            if move == .toSteeringGroup && !Workflow.gaps(dossier, config: snapshot.config).isEmpty { output(context.text(.workflowOverridden)) }
        } catch .refused(let message) {
            printError(context.catalog(message))
            throw ExitCode(ExitStatus.fails)
        } catch .gaps(let gaps) {
            for line in StoreError.gaps(gaps).lines(context.catalog) { printError(line) }
            throw ExitCode(ExitStatus.fails)
        } catch {
            context.fail(error)
        }
    }
}

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show an application's history: every review, comment and move, oldest first.")

    @Argument(help: "The store folder.") var store: String
    @Argument(help: "The application id, e.g. 2026-003.") var id: String
    @OptionGroup var options: CommonOptions

    func run() throws {
        let context = try options.context()
        let snapshot = try context.snapshot(store)
        let entry = try context.entry(id, in: snapshot)
        let (events, problems) = context.store(store).history(of: ApplicationID(entry.folder)!)
        var table = TextTable(header: [context.text(.historyTime), context.text(.historyMember), context.text(.historyEvent), context.text(.historyDetails)])
        for event in events {
            let name = snapshot.config.member(event.member)?.name ?? event.member.rawValue
            table.rows.append([WallTime(event.time).minutes + " UTC", "\(name) (\(context.catalog.label(event.role)))",
                               context.catalog.label(event.kind),
                               HistoryText.details(event, config: snapshot.config, catalog: context.catalog).replacingOccurrences(of: "\n", with: " ")])
        }
        output(table.render(maxWidth: .max))  // the history is read in full, never cut
        for problem in problems { printError(problem.formatted(context.catalog)) }
        if !problems.isEmpty { throw ExitCode(ExitStatus.broken) }
    }
}
