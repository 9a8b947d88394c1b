import ArgumentParser
import BeredningCore
import BeredningStore
import BeredningTUI
import Foundation

struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uppfoljning",
        abstract: "Follow up a running investment: the follow-ups due across the fund, an application's follow-ups, or record one.",
        discussion: """
        Without an application (or with --due): every planned follow-up not yet recorded, overdue first.
        With an application: each indicator from baseline to target with what was measured, and realised against \
        forecast costs and savings per actor.
        To record one, a coordinator writes it in a file: --template prints one to fill in for the next planned \
        date (or --date), and --file records it. Every problem is named with the file and line; nothing is saved \
        until all of it is right.
        Example: bered uppfoljning STORE 2026-006 --template > uppf.toml; $EDITOR uppf.toml; \
        bered uppfoljning STORE 2026-006 --file uppf.toml --as lars
        Exit status: 0 shown or recorded, 1 refused (with the reason), 2 no such application, a broken store or file.
        """,
        aliases: ["uppföljning", "followup"])

    @Argument(help: "The store folder.") var store: String
    @Argument(help: "The application id, e.g. 2026-006.") var id: String?
    @Flag(help: "List the follow-ups due across the fund (the default without an application).") var due = false
    @Flag(help: "Print a follow-up file to fill in for the application.") var template = false
    @Option(help: "Record the follow-up written in this TOML file (coordinator).") var file: String?
    @Option(help: "The occasion, YYYY-MM-DD (default: the next planned date not yet followed up).") var date: String?
    @OptionGroup var options: MemberOptions

    func run() throws {
        let context = try options.common.context()
        let snapshot = try context.snapshot(store)
        let today = WallTime(Date()).day
        guard let id, !due else {
            if template || file != nil { throw ValidationError(context.text(.cliNeedsID, ["options": "--template, --file"])) }
            let rows = FollowUpText.dueRows(snapshot.dossiers, today: today, catalog: context.catalog)
            guard !rows.isEmpty else {
                output(context.text(.followUpNoneDue))
                return
            }
            let c = context.catalog
            output(TextTable(header: [c(.followUpDueId), c(.followUpDueName), c(.followUpDueDate), c(.followUpDueUrgency)], rows: rows, flexible: [1]).render())
            return
        }
        let dossier = try context.dossier(id, in: snapshot)
        var day: Day?
        if let date {
            guard let parsed = Day(date) else { throw context.badDate("--date", date) }
            day = parsed
        }
        if template {
            let occasion = day ?? FollowUpsDue.open(dossier).first ?? today
            output(FileStore.followUpTemplate(for: dossier, date: occasion, settings: snapshot.config.calculation))
            return
        }
        guard let file else {
            output(FollowUpText.report(dossier, settings: snapshot.config.calculation, today: today, width: 100, catalog: context.catalog).joined(separator: "\n"))
            return
        }
        let who = try context.member(options.member, in: snapshot.config)
        // Refused before the file is read: a colleague of another role learns why at once.
        if let refusal = Permissions.check(who.role, .followUp) {
            printError(context.catalog(refusal.reason))
            throw ExitCode(ExitStatus.fails)
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            printError(context.text(.storeMissingFile) + " (\(file))")
            throw ExitCode(ExitStatus.broken)
        }
        let (followUp, problems) = FileStore.followUp(fromFile: data, named: file, for: dossier, date: day, by: who)
        guard let followUp else {
            for problem in problems { printError(problem.formatted(context.catalog)) }
            throw ExitCode(ExitStatus.broken)
        }
        do {
            try context.store(store).record(followUp, for: dossier, by: who, now: Date())
            output(context.text(.followUpRecorded, ["id": .text(dossier.application.id.description), "date": .text(followUp.date.description)]))
        } catch .refused(let message) {
            printError(context.catalog(message))
            throw ExitCode(ExitStatus.fails)
        } catch {
            context.fail(error)
        }
    }
}
