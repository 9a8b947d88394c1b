import ArgumentParser
import BeredningCore
import BeredningStore
import Foundation

struct LetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brev",
        abstract: "Show the decision letter to the idea giver and applicant: the one sent, checked against the history, or a preview.",
        discussion: """
        Once the feedback is sent (bered move STORE ID send_feedback), the letter is kept in the application's folder \
        as letter.md and letter.html, and the history records each file's SHA-256. This command prints the kept letter \
        and says whether it is still the letter that was sent. Before that, it prints a preview of the letter the move \
        would send, in the language of --lang.
        Exit status: 0 shown (and unchanged), 1 no decision yet or the kept letter has changed, 2 no such application or a broken store.
        """,
        aliases: ["letter"])

    @Argument(help: "The store folder.") var store: String
    @Argument(help: "The application id, e.g. 2026-003.") var id: String
    @Option(help: "md (Markdown, the default) or html (a printable page).") var format: String = "md"
    @OptionGroup var options: MemberOptions

    func run() throws {
        let (context, snapshot, sender) = try options.openOptional(store)
        guard format == "md" || format == "html" else { throw context.badChoice("--format", format, ["md", "html"]) }
        let dossier = try context.dossier(id, in: snapshot)
        let fileStore = context.store(store)
        let check = fileStore.checkLetter(of: dossier.application.id)
        func name(_ event: HistoryEvent) -> Message.Argument { .text(snapshot.config.member(event.member)?.name ?? event.member.rawValue) }
        func when(_ event: HistoryEvent) -> Message.Argument { .text(WallTime(event.time).minutes + " UTC") }
        switch check {
        case .notSent:
            guard let letter = DecisionLetter.document(dossier, config: snapshot.config, sender: sender, date: .today(), catalog: context.catalog) else {
                printError(context.text(.letterNoDecision, ["id": .text(dossier.application.id.description)]))
                throw ExitCode(ExitStatus.fails)
            }
            printError(context.text(.letterPreview, ["move": .message(Transition.sendFeedback.label)]))
            document(format == "html" ? letter.html : letter.markdown)
        case .intact(let event, let markdown, let html):
            // The texts just checked, not the files read again: what is shown is what passed.
            document(format == "html" ? html : markdown)
            let fingerprint = SentLetter.fingerprints(in: event.details)[FileStore.letterFile] ?? ""
            printError(context.text(.letterIntact, ["time": when(event), "member": name(event), "fingerprint": .text(fingerprint)]))
        case .changed(let file, let event):
            printError(context.text(.letterChanged, ["file": .text(file), "time": when(event)]))
            throw ExitCode(ExitStatus.fails)
        case .missing(let file, let event):
            printError(context.text(.letterMissingFile, ["file": .text(file), "time": when(event)]))
            throw ExitCode(ExitStatus.fails)
        }
    }
}

/// A document as it is, newline for newline, so the output can be saved as the file; only
/// what a terminal would act on is shown as text.
private func document(_ text: String) {
    FileHandle.standardOutput.write(Data(Printable.shown(text).utf8))
}
