import BeredningCore
import BeredningStore
import Foundation

/// Everything in the store, for other systems: every criterion's scores and comments from
/// every reviewer, the youth panel's comments, the automatic verdicts, the history and the
/// decision. The schema is described in README.md ("Exports"); a field with no value is left out.
public struct FullJSON: Encodable {
    public static let schema = 1

    struct Verdict: Encodable {
        let verdict: String; let reasons: [String]
        /// The stable code of each reason (`check.target_group.ok`) and the rule behind it.
        let codes: [String]; let rules: [String]
    }
    struct Scores: Encodable {
        let count: Int; let cannot_judge: Int; let mean: Double?; let median: Double?; let min: Int?; let max: Int?
        let spread: Int?; let disagreement: Bool
    }
    struct Criterion: Encodable { let criterion: String; let name: String; let automatic: Verdict?; let outcome: String; let scores: Scores }
    struct Score: Encodable { let criterion: String; let score: Int?; let cannot_judge: Bool; let comment: String }
    struct Review: Encodable {
        let reviewer: String; let status: String; let recommendation: String?; let assessed_version: String; let outdated: Bool
        let updated: String?; let summary: String; let scores: [Score]
    }
    struct Comment: Encodable { let author: String; let time: String; let about: String; let text: String }
    struct Conflict: Encodable { let member: String; let reason: String; let declared: String? }
    struct Grant: Encodable { let year: Int; let amount: Int }
    struct Decision: Encodable {
        let body: String; let date: String; let case_number: String; let outcome: String; let grants: [Grant]; let granted_total: Int
        let conditions: String; let rationale: String; let follow_ups: [String]; let recorded_by: String
        let economic_model: String?; let budget_override: String?
    }
    struct Calculation: Encodable {
        let discount_rate: Decimal; let net_present_value: Decimal; let break_even_year: Int?; let break_even_within_mandate: Bool
        /// The mandate period break-even is measured against ("2022–2026"); nil when none is known.
        let mandate_period: String?
    }
    struct ProposalJSON: Encodable {
        let recommendation: String; let amounts: [Grant]; let proposed_total: Int; let conditions: String; let rationale: String
        let notes: [String: String]; let agreed_by: [String]; let recorded_by: String; let recorded: String?
    }
    struct Measurement: Encodable { let indicator: String; let value: Double; let unit: String?; let measured: String?; let source: String; let comment: String }
    struct Realised: Encodable { let actor: String; let year: Int; let cost: Int?; let avoided_cost: Int? }
    struct FollowUp: Encodable {
        let date: String; let recorded_by: String; let recorded: String?; let worked: String; let did_not_work: String
        let measurements: [Measurement]; let realised: [Realised]
    }
    /// Each indicator where the follow-ups leave it: the latest value and whether it is on track.
    struct IndicatorStatus: Encodable { let indicator: String; let baseline: Double?; let target: Double?; let latest: Double?; let status: String }
    struct Event: Encodable { let time: String; let member: String; let role: String; let action: String; let details: String }
    struct Application: Encodable {
        let id: String; let title: String; let state: String; let applicant: String; let idea_giver: String; let received: String?
        let economic_model: String?; let version: String; let passes: Bool
        let checklist: [Criterion]; let reviews: [Review]; let youth_comments: [Comment]; let conflicts: [Conflict]
        let decision: Decision?; let calculation: Calculation?; let history: [Event]
        let proposal: ProposalJSON?
        let repayments: RepaymentJSON?
        /// How a closed intervention ended; the follow-ups recorded, the planned dates not yet followed up.
        let closing: String?; let follow_ups: [FollowUp]; let follow_ups_open: [String]; let indicators: [IndicatorStatus]
    }

    let schema = FullJSON.schema
    let fund: String
    let applications: [Application]
    let budget: BudgetJSON
    /// Folders that could not be read, so a reader knows the export is not the whole store.
    let broken: [String]

    public init(_ snapshot: StoreSnapshot, histories: [ApplicationID: [HistoryEvent]], catalog: Catalog) {
        func time(_ date: Date) -> String { WallTime(date).iso }
        fund = snapshot.config.fund
        broken = snapshot.entries.filter(\.isBroken).map(\.folder)
        budget = BudgetJSON(FundBudget(economy: snapshot.config.economy, dossiers: snapshot.dossiers))
        applications = snapshot.dossiers.map { dossier in
            let a = dossier.application
            let checklist = Checklist(dossier: dossier, config: snapshot.config)
            let version = ApplicationVersion.of(a)
            let calculation = a.calculation.map { SocioEconomicCalculation.project($0, settings: snapshot.config.calculation) }
            return Application(
                id: a.id.description, title: a.title, state: a.state.rawValue, applicant: a.applicant, idea_giver: a.ideaGiver,
                received: a.received?.description, economic_model: a.economicModel?.rawValue, version: version, passes: checklist.passes,
                checklist: checklist.rows.map { row in
                    let s = row.aggregate
                    return Criterion(criterion: row.criterion.id.rawValue, name: row.criterion.name.text(in: catalog.language),
                                     automatic: row.automatic.map {
                                         Verdict(verdict: $0.verdict.rawValue, reasons: $0.reasons.map { catalog($0) }, codes: $0.findings.map(\.code),
                                                 rules: $0.findings.map(\.rule.rawValue))
                                     },
                                     outcome: row.outcome.rawValue,
                                     scores: Scores(count: s.count, cannot_judge: s.cannotJudge, mean: s.mean, median: s.median, min: s.min, max: s.max,
                                                    spread: s.spread, disagreement: s.disagreement))
                },
                reviews: dossier.reviews.map { r in
                    Review(reviewer: r.reviewer.rawValue, status: r.status.rawValue, recommendation: r.recommendation?.rawValue,
                           assessed_version: r.assessedVersion, outdated: !r.assessedVersion.isEmpty && r.assessedVersion != version,
                           updated: r.updated.map(time), summary: r.summary,
                           scores: snapshot.config.criteria.ids.compactMap { id in
                               r.assessments[id].map { Score(criterion: id.rawValue, score: $0.score?.points, cannot_judge: $0.score == .cannotJudge, comment: $0.comment) }
                           })
                },
                youth_comments: dossier.comments.map { Comment(author: $0.author.rawValue, time: time($0.time), about: $0.about.rawValue, text: $0.text) },
                conflicts: dossier.conflicts.map { Conflict(member: $0.member.rawValue, reason: $0.reason, declared: $0.declared.map(time)) },
                decision: dossier.decision.map { d in
                    Decision(body: d.body, date: d.date.description, case_number: d.caseNumber, outcome: d.outcome.rawValue,
                             grants: d.grants.map { Grant(year: $0.year, amount: $0.amount) }, granted_total: d.totalGranted,
                             conditions: d.conditions, rationale: d.rationale, follow_ups: d.followUps.map(\.description), recorded_by: d.recordedBy.rawValue,
                             economic_model: d.economicModel?.rawValue, budget_override: d.budgetOverride.isEmpty ? nil : d.budgetOverride)
                },
                calculation: calculation.map { Calculation(discount_rate: $0.rate, net_present_value: $0.netPresentValue.rounded(scale: 2).kronor,
                                                           break_even_year: $0.breakEven?.year, break_even_within_mandate: $0.breaksEvenWithinMandate,
                                                           mandate_period: $0.mandate?.name) },
                history: (histories[a.id] ?? []).map { Event(time: time($0.time), member: $0.member.rawValue, role: $0.role.rawValue, action: $0.kind.rawValue, details: $0.details) },
                proposal: dossier.proposal.map { p in
                    ProposalJSON(recommendation: p.recommendation.rawValue, amounts: p.amounts.map { Grant(year: $0.year, amount: $0.amount) },
                                 proposed_total: p.totalProposed, conditions: p.conditions, rationale: p.rationale,
                                 notes: Dictionary(uniqueKeysWithValues: p.notes.map { ($0.key.rawValue, $0.value) }),
                                 agreed_by: p.agreedBy.map(\.rawValue), recorded_by: p.recordedBy.rawValue, recorded: p.recorded.map(time))
                },
                repayments: dossier.repayments.map { RepaymentJSON($0, model: dossier.decision?.economicModel) },
                closing: a.closing?.rawValue,
                follow_ups: dossier.followUps.map { f in
                    FollowUp(date: f.date.description, recorded_by: f.recordedBy.rawValue, recorded: f.recorded.map(time), worked: f.worked, did_not_work: f.didNotWork,
                             measurements: f.measurements.map { Measurement(indicator: $0.indicator, value: $0.value, unit: $0.unit.isEmpty ? nil : $0.unit,
                                                                            measured: $0.measured?.description, source: $0.source, comment: $0.comment) },
                             realised: f.realised.map { Realised(actor: $0.actor, year: $0.year, cost: $0.cost, avoided_cost: $0.avoidedCost) })
                },
                follow_ups_open: FollowUpsDue.open(dossier).map(\.description),
                indicators: dossier.followUps.isEmpty ? [] : IndicatorProgress.of(a, followUps: dossier.followUps).map {
                    IndicatorStatus(indicator: $0.indicator.name, baseline: $0.indicator.baseline, target: $0.indicator.target, latest: $0.latest?.value,
                                    status: $0.status.rawValue)
                })
        }
    }

    public func rendered() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
