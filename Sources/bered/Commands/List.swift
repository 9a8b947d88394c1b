import ArgumentParser
import BeredningCore
import BeredningStore
import Foundation

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the store's applications with their checklist strip and review progress.")

    @Argument(help: "The store folder.") var store: String
    @Flag(help: "Print JSON for scripts instead of a table.") var json = false
    @Option(name: .customLong("as"), help: "Your member id: colleagues' scores stay hidden until your own review is complete (default: $BERED_USER).")
    var member: String?
    @OptionGroup var options: CommonOptions

    func run() throws {
        let context = try options.context()
        let snapshot = try context.snapshot(store)
        let viewer = try context.optionalMember(member, in: snapshot.config)
        let rows = snapshot.entries.map { ListRow(entry: $0, config: snapshot.config, viewer: viewer, unnamed: viewer == nil) }
        if json {
            try printJSON(rows.map { ListRowJSON($0, context.catalog) })
        } else {
            output(ListTable.render(rows, snapshot: snapshot, catalog: context.catalog))
        }
    }
}

/// One line of the list, computed once for the table and the JSON.
struct ListRow {
    let entry: StoreEntry
    let checklist: Checklist?

    init(entry: StoreEntry, config: FundConfig, viewer: Member? = nil, unnamed: Bool = false) {
        self.entry = entry
        checklist = entry.dossier.map { Checklist(dossier: $0, config: config, viewer: viewer, unnamed: unnamed) }
    }
}

enum ListTable {
    static func render(_ rows: [ListRow], snapshot: StoreSnapshot, catalog: Catalog, today: Day = WallTime(Date()).day) -> String {
        var table = TextTable(header: [
            catalog(.listID), catalog(.listTitle), catalog(.listApplicant), catalog(.listState),
            catalog(.listChecklist), catalog(.listMean), catalog(.listReviews), catalog(.listComments),
        ])
        table.flexible = [2, 1]
        for row in rows {
            guard let dossier = row.entry.dossier, let checklist = row.checklist else {
                table.rows.append([row.entry.folder, catalog(.listBroken), "", "", "", "", "", ""])
                continue
            }
            let application = dossier.application
            let warning = row.entry.problems.isEmpty ? "" : " ⚠"
            table.rows.append([
                application.id.description + warning, application.title, application.applicant, catalog.label(application.state),
                catalog.strip(checklist.rows.map(\.outcome)), checklist.scoresHidden ? "·" : catalog.decimal(checklist.meanScore),
                "\(checklist.quorum.complete)/\(checklist.quorum.needed)" + (Reminders.isLate(dossier, config: snapshot.config, today: today) ? "!" : ""),
                String(dossier.comments.count),
            ])
        }
        var lines = [table.render()]
        lines.append("")
        lines.append(catalog(catalog.marks == .words ? .listLegendWords : .listLegend))
        if rows.contains(where: { $0.checklist?.scoresHidden == true }) && !rows.contains(where: { $0.checklist?.scoresHidden == false }) {
            lines.append(catalog(.countScoresHiddenWithoutMember))
        }
        let broken = snapshot.allProblems.count
        if broken > 0 { lines.append(catalog(.listProblemsHint, ["count": .text(String(broken))])) }
        return lines.joined(separator: "\n")
    }
}

struct ListRowJSON: Encodable {
    let id: String
    let title: String?
    let applicant: String?
    let state: String?
    /// The content fingerprint that reviews record as `assessed_version`.
    let version: String?
    let checklist: String?
    let mean_score: Double?
    let reviews_complete: Int?
    let reviews_needed: Int?
    let youth_comments: Int?
    /// True when the preparation group's scores are left out for this viewer.
    let scores_hidden: Bool
    let broken: Bool
    let problems: [ProblemJSON]

    init(_ row: ListRow, _ catalog: Catalog) {
        let application = row.entry.dossier?.application
        id = row.entry.folder
        title = application?.title
        applicant = application?.applicant
        state = application?.state.rawValue
        version = application.map(ApplicationVersion.of)
        checklist = row.checklist?.strip
        mean_score = row.checklist?.meanScore.map { ($0 * 100).rounded() / 100 }
        reviews_complete = row.checklist?.quorum.complete
        reviews_needed = row.checklist?.quorum.needed
        youth_comments = row.entry.dossier?.comments.count
        scores_hidden = row.checklist?.scoresHidden ?? false
        broken = row.entry.isBroken
        problems = row.entry.problems.map { ProblemJSON($0, catalog) }
    }
}
