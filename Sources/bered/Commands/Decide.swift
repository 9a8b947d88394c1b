import ArgumentParser
import BeredningCore
import BeredningStore
import Foundation

struct Decide: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record the board's decision on a forwarded application; it moves to approved or rejected.",
        discussion: """
        Coordinators only. Follow-up dates default to one and four years after the decision.
        Example: bered decide ./fond 2026-001 --outcome approve --date 2026-11-20 --case-number "KS 2026/88" \
        --grant 2027=450000 --grant 2028=500000 --as lars
        Exit status: 0 recorded, 1 refused (with the reason), 2 no such application or a broken store.
        """)

    @Argument(help: "The store folder.") var store: String
    @Argument(help: "The application id, e.g. 2026-001.") var id: String
    @Option(help: "approve or reject.") var outcome: String
    @Option(help: "The date of the decision, YYYY-MM-DD.") var date: String
    @Option(help: "The case number (diarienummer).") var caseNumber: String
    @Option(help: "The deciding body.") var body: String = Decision.defaultBody
    @Option(help: "An amount granted for a year, as YEAR=KRONOR; repeat for each year.") var grant: [String] = []
    @Option(help: "Conditions of the decision.") var conditions: String = ""
    @Option(help: "The rationale.") var rationale: String = ""
    @Option(help: "Why the decision stands although it goes past the fund's budget or caps.") var overrideReason: String = ""
    @Option(help: "The economic model decided: grant, repayment or return (default: the application's, else the fund's).") var model: String?
    @OptionGroup var options: MemberOptions

    func run() throws {
        let (context, snapshot, who) = try options.open(store)
        guard let outcome = Decision.Outcome(rawValue: outcome) else { throw context.badChoice("--outcome", self.outcome, Decision.Outcome.allCases.map(\.rawValue)) }
        guard let day = Day(date) else { throw context.badDate("--date", date) }
        let grants = try grant.flatMap { text -> [Decision.Grant] in
            switch Decision.Grant.parse(text) {
            case .success(let grants): return grants
            case .failure(let refusal): throw ValidationError(context.catalog(refusal.reason))
            }
        }
        let chosen = try model.map { raw -> EconomicModel in
            guard let model = EconomicModel(rawValue: raw) else {
                throw context.badChoice("--model", raw, EconomicModel.allCases.map(\.rawValue))
            }
            return model
        }
        let dossier = try context.dossier(id, in: snapshot)
        let applicationID = dossier.application.id
        let decision = Decision(body: body, date: day, caseNumber: caseNumber, outcome: outcome, grants: grants,
                                conditions: conditions, rationale: rationale, recordedBy: who.id, economicModel: chosen,
                                budgetOverride: overrideReason)
        do {
            _ = try context.store(store).record(decision, for: dossier, by: who, config: snapshot.config, now: Date())
            output(context.text(.decisionRecorded, ["id": .text(applicationID.description), "outcome": .message(outcome.label)]))
        } catch .refused(let message) {
            printError(context.catalog(message))
            throw ExitCode(ExitStatus.fails)
        } catch {
            context.fail(error)
        }
    }
}
