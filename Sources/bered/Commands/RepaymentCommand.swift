import ArgumentParser
import BeredningCore
import BeredningExport
import BeredningStore
import BeredningTUI
import Foundation

struct RepaymentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aterbetalning",
        abstract: "Show or record an approved application's repayment (or return) plan per gaining actor and year, and what came in against it.",
        discussion: """
        Without an action it shows the plan against what was received, per actor; everyone may read it. The actions are \
        the coordinator's, for an approving decision whose recorded model is repayment or return:
          --propose                                   a plan from the calculation's "who gains", replacing the plan lines
          --actor A --year Y --amount K               sets one plan line (0 takes it away)
          --receive --actor A --date D --amount K     records a repayment or frame cut received, with --note
        An actor is named in full or by the start of its name, and must gain something in the calculation.
        Example: bered aterbetalning ./fond 2026-006 --receive --actor "Sektor omsorg" --date 2028-12-15 --amount 120000 --as lars
        Exit status: 0 shown or recorded, 1 refused (with the reason), 2 no such application or a broken store.
        """,
        aliases: ["återbetalning", "repayment"])

    @Argument(help: "The store folder.") var store: String
    @Argument(help: "The application id, e.g. 2026-006.") var id: String
    @Flag(help: "Propose the plan from the calculation's gains per actor and year.") var propose = false
    @Flag(help: "Record a repayment or frame cut received (with --actor, --date, --amount).") var receive = false
    @Option(help: "The gaining actor, in full or by the start of its name.") var actor: String?
    @Option(help: "The plan year, YYYY.") var year: Int?
    @Option(help: "The date a payment came in, YYYY-MM-DD.") var date: String?
    @Option(help: "Whole kronor.") var amount: String?
    @Option(help: "A note on the payment.") var note: String = ""
    @Flag(help: "Print JSON for other systems instead of text.") var json = false
    @OptionGroup var options: MemberOptions

    func run() throws {
        let (context, snapshot, viewer) = try options.openOptional(store)
        let dossier = try context.dossier(id, in: snapshot)
        let config = snapshot.config
        let applicationID = dossier.application.id
        guard propose || receive || actor != nil || year != nil || amount != nil || date != nil else {
            return show(dossier, context: context, config: config)
        }
        let who = try viewer ?? context.member(nil, in: config)
        let gainers = RepaymentPlan.gainers(dossier.application.calculation, settings: config.calculation)
        let change: FileStore.RepaymentChange
        let done: Message
        if propose {
            let granted = FundBudget.committed(dossier).reduce(0) { Kronor.add($0, $1.amount) }
            let lines = RepaymentPlan.proposed(for: dossier.application, granted: granted, settings: config.calculation)
            guard !lines.isEmpty else { refuse(Message(.moneyNothingToPropose), context) }
            var plan = dossier.repayments ?? RepaymentPlan(applicationID: applicationID)
            plan.lines = lines
            change = .plan(plan)
            done = Message(.moneyProposed, ["id": .text(applicationID.description), "total": .kronor(plan.totalPlanned), "count": .text(String(lines.count))])
        } else {
            guard let actor else { throw ValidationError(context.text(.moneyNeedsWhat)) }
            let name: String
            switch Self.match(actor, among: gainers) {
            case .success(let found): name = found
            case .failure(let refusal): refuse(refusal.reason, context)
            }
            guard let raw = amount, let kronor = Int(raw.filter { !$0.isWhitespace }) else { throw ValidationError(context.text(.moneyNeedsWhat)) }
            if receive {
                guard let raw = date, let day = Day(raw) else { throw context.badDate("--date", date ?? "", example: "2028-12-15") }
                change = .payment(RepaymentPlan.Payment(actor: name, date: day, amount: kronor, note: note, recordedBy: who.id))
                done = Message(.moneyReceived, ["id": .text(applicationID.description), "amount": .kronor(kronor), "actor": .text(name), "date": .text(day.description)])
            } else {
                guard let year else { throw ValidationError(context.text(.moneyNeedsWhat)) }
                var plan = dossier.repayments ?? RepaymentPlan(applicationID: applicationID)
                plan.set(actor: name, year: year, amount: kronor)
                change = .plan(plan)
                done = Message(.moneyLineSet, ["id": .text(applicationID.description), "actor": .text(name), "year": .text(String(year)), "amount": .kronor(kronor)])
            }
        }
        do {
            try context.store(store).record(change, for: dossier, by: who, config: config, now: Date())
            output(context.catalog(done))
        } catch .refused(let message) {
            refuse(message, context)
        } catch {
            context.fail(error)
        }
    }

    private func refuse(_ message: Message, _ context: CLIContext) -> Never {
        printError(context.catalog(message))
        Foundation.exit(ExitStatus.fails)
    }

    /// The gaining actor `typed` names: its full name, or the one name it starts (case aside).
    static func match(_ typed: String, among gainers: [String]) -> Result<String, Refusal> {
        let known = gainers.isEmpty ? "–" : gainers.joined(separator: "; ")
        if gainers.contains(typed) { return .success(typed) }
        let matches = gainers.filter { $0.lowercased().hasPrefix(typed.lowercased()) }
        switch matches.count {
        case 1: return .success(matches[0])
        case 0: return .failure(Refusal(Message(.moneyUnknownActor, ["actor": .text(typed), "gainers": .text(known)])))
        default: return .failure(Refusal(Message(.moneyAmbiguousActor, ["actor": .text(typed), "matches": .text(matches.joined(separator: "; "))])))
        }
    }

    private func show(_ dossier: Dossier, context: CLIContext, config: FundConfig) {
        let model = dossier.decision?.economicModel
        if json {
            try? printJSON(RepaymentJSON(dossier.repayments ?? RepaymentPlan(applicationID: dossier.application.id), model: model))
            return
        }
        output(RepaymentText.lines(dossier, catalog: context.catalog).joined(separator: "\n"))
    }
}

/// An application's repayment plan as text: the plan, planned against received per actor, what came in.
enum RepaymentText {
    static func lines(_ dossier: Dossier, catalog c: Catalog) -> [String] {
        let a = dossier.application
        let model = dossier.decision?.economicModel.map { c.label($0) } ?? "–"
        var out = [c(.repayTitle, ["id": .text(a.id.description), "title": .text(a.title), "model": .text(model)])]
        guard let plan = dossier.repayments else { return out + [c(.repayNoPlan, ["id": .text(a.id.description)])] }
        func kr(_ amount: Int) -> String { c.kronor(Money(amount)) }
        out += ["", c(.repayPlan)]
        out += BudgetText.table([c(.repayColYear), c(.repayColActor), c(.repayColAmount)],
                                plan.lines.map { [String($0.year), $0.actor, kr($0.amount)] }, alignLeft: [0, 1]).map(\.text)
        out += ["", c(.repayAgainst)]
        out += BudgetText.table([c(.repayColActor), c(.repayColPlanned), c(.repayColReceived), c(.repayColOutstanding)],
                                plan.balances.map { [$0.actor, kr($0.planned), kr($0.received), kr($0.outstanding)] }
                                    + [[c(.repayTotal), kr(plan.totalPlanned), kr(plan.totalReceived), kr(Kronor.subtract(plan.totalPlanned, plan.totalReceived))]],
                                flexible: [(0, 20)]).map(\.text)
        if !plan.payments.isEmpty {
            out += ["", c(.repayPayments)]
            out += plan.payments.map {
                c(.repayPayment, ["date": .text($0.date.description), "actor": .text($0.actor), "amount": .text(kr($0.amount)),
                                  "note": .text($0.note), "member": .text($0.recordedBy.rawValue)])
            }
        }
        return out
    }
}
