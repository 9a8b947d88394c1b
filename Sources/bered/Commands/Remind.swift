import ArgumentParser
import BeredningCore
import BeredningStore
import Foundation

struct Remind: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Coordinators: per member, what they still have to review and by when, ready to paste into an e-mail.",
        discussion: """
        An application in preparation gets a deadline with review_deadline = YYYY-MM-DD in its application.toml. \
        Every preparation-group member without a conflict whose review of it is not complete is listed, the late \
        ones first and marked. The list marks such applications with ! after the review count.
        """,
        aliases: ["paminn", "påminn"])

    @Argument(help: "The store folder.") var store: String
    @Option(help: "The day to count from, YYYY-MM-DD (default: today).") var today: String?
    @OptionGroup var options: MemberOptions

    func run() throws {
        let (context, snapshot, who) = try options.open(store)
        if let refusal = Permissions.check(who.role, .manageProcess) {
            printError(context.catalog(refusal.reason))
            throw ExitCode(ExitStatus.fails)
        }
        let day: Day
        if let today {
            guard let given = Day(today) else { throw context.badDate("--today", today) }
            day = given
        } else {
            day = WallTime(Date()).day
        }
        let due = Reminders.due(snapshot.dossiers, config: snapshot.config, today: day)
        guard !due.isEmpty else {
            output(context.text(.remindNone))
            return
        }
        var blocks: [String] = []
        for (member, items) in due {
            var lines = [context.text(.remindTo, ["name": .text(member.name)]),
                         context.text(.remindGreeting, ["first": .text(member.name.split(separator: " ").first.map(String.init) ?? member.name),
                                                        "count": .text(String(items.count)), "fund": .text(snapshot.config.fund)])]
            for item in items {
                lines.append("  - " + context.text(item.isLate ? .remindLateLine : .remindLine,
                                                   ["id": .text(item.applicationID.description), "title": .text(item.title), "deadline": .text(item.deadline.description)]))
            }
            lines.append(context.text(.remindHow, ["member": .text(member.id.rawValue)]))
            blocks.append(lines.joined(separator: "\n"))
        }
        output(blocks.joined(separator: "\n\n"))
    }
}
