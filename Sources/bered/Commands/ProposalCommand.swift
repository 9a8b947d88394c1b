import ArgumentParser
import BeredningCore
import BeredningStore
import Foundation

struct ProposalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forslag",
        abstract: "Record the preparation group's proposal (beredningens förslag) on an application, agreed at its meeting.",
        discussion: """
        One proposal per application, written by a member of the preparation group or the coordinator; recording \
        it again replaces it, and both are in the history. With the fund's proposal_required (on by default), an \
        application leaves preparation only with a proposal. Members with a conflict of interest neither write \
        nor agree to it.
        Example: bered forslag STORE 2026-001 --recommend approve --amount 2026=420000 --amount 2027=980000 \
        --rationale "Väl underbyggd; samverkan tydlig." --agreed anna,bengt,cecilia --note evidence="Pilotens resultat vägde tungt." --as anna
        Exit status: 0 recorded, 1 refused (with the reason), 2 no such application or a broken store.
        """,
        aliases: ["förslag", "proposal"])

    @Argument(help: "The store folder.") var store: String
    @Argument(help: "The application id, e.g. 2026-003.") var id: String
    @Option(help: "approve, reject or needs_completion.") var recommend: String
    @Option(help: "An amount proposed for a year, as YEAR=KRONOR; repeat for each year (approval only).") var amount: [String] = []
    @Option(help: "Conditions the group proposes.") var conditions: String = ""
    @Option(help: "Why the group proposes this.") var rationale: String = ""
    @Option(help: ArgumentHelp("The preparation-group members who agreed, comma-separated.", valueName: "members")) var agreed: String = ""
    @Option(help: ArgumentHelp("A note on a criterion where the discussion changed the picture, as CRITERION=TEXT; repeatable.", valueName: "note")) var note: [String] = []
    @OptionGroup var options: MemberOptions

    func run() throws {
        let (context, snapshot, who) = try options.open(store)
        let dossier = try context.dossier(id, in: snapshot)
        guard let recommendation = Recommendation(rawValue: recommend) else {
            throw context.badChoice("--recommend", recommend, Recommendation.allCases.map(\.rawValue))
        }
        let amounts = try amount.flatMap { text -> [Decision.Grant] in
            switch Decision.Grant.parse(text) {
            case .success(let grants): return grants
            case .failure(let refusal): throw ValidationError(context.catalog(refusal.reason))
            }
        }
        var notes: [CriterionID: String] = [:]
        for text in note {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let criterion = CriterionID(parts[0]) else {
                throw ValidationError(context.text(.cliBadPair, ["option": "--note", "form": "KRITERIUM=TEXT", "example": "evidence=\"…\"", "value": .text(text)]))
            }
            notes[criterion] = parts[1]
        }
        let agreedBy = try agreed.split(separator: ",").map { raw -> MemberID in
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            guard let id = MemberID(trimmed) else {
                printError(context.text(.fileBadMemberID, ["field": "--agreed", "value": .text(trimmed)]))
                throw ExitCode(ExitStatus.broken)
            }
            return id
        }
        let proposal = Proposal(applicationID: dossier.application.id, recommendation: recommendation, amounts: amounts, conditions: conditions,
                                rationale: rationale, notes: notes, agreedBy: agreedBy, recordedBy: who.id)
        do {
            try context.store(store).record(proposal, for: dossier, by: who, config: snapshot.config, now: Date())
            output(context.text(.proposalRecorded, ["id": .text(dossier.application.id.description), "recommendation": .message(recommendation.label)]))
        } catch .refused(let message) {
            printError(context.catalog(message))
            throw ExitCode(ExitStatus.fails)
        } catch {
            context.fail(error)
        }
    }
}
