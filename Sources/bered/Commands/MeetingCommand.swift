import ArgumentParser
import BeredningCore
import BeredningStore
import BeredningTUI
import Foundation

struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting",
        abstract: "The preparation group's meeting: each application on the agenda with the reviewers' scores side by side, most disagreement first.",
        discussion: """
        The agenda is every application in preparation whose reviews are complete, unless --agenda names them. \
        For each: criteria as rows and reviewers as columns ("?" cannot be judged), the spread, the mean and the \
        calibrated mean, the automatic verdict, the recommendations, the youth panel's comments and the group's \
        proposal. Members with a conflict of interest are named as not taking part. Who sees the scores follows \
        the fund's rule: a preparation-group member whose own review is not complete sees none.
        """,
        aliases: ["mote", "möte"])

    @Argument(help: "The store folder.") var store: String
    @Option(help: ArgumentHelp("The applications to discuss, comma-separated (default: those ready).", valueName: "ids")) var agenda: String?
    @OptionGroup var options: MemberOptions

    func run() throws {
        let context = try options.common.context()
        let snapshot = try context.snapshot(store)
        let viewer = try context.optionalMember(options.member, in: snapshot.config)
        let ids = try agenda.map { text in
            try text.split(separator: ",").map { raw in try context.entry(raw.trimmingCharacters(in: .whitespaces), in: snapshot) }
                .compactMap { ApplicationID($0.folder) }
        }
        let meeting = Meeting(dossiers: snapshot.dossiers, config: snapshot.config, viewer: viewer, unnamed: viewer == nil, agenda: ids)
        let shown = MeetingText.calibrationShown(snapshot.dossiers, config: snapshot.config, viewer: viewer, unnamed: viewer == nil)
        let lines = MeetingText.lines(meeting, config: snapshot.config, catalog: context.catalog, width: 100, calibrationShown: shown)
        output(([context.text(.meetingTitle) + " — " + snapshot.config.fund, ""] + lines.map(\.text)).joined(separator: "\n"))
    }
}
