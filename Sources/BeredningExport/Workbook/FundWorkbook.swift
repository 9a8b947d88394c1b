import BeredningCore
import BeredningStore

/// The fund as an Excel workbook for the coordinator and the board: one sheet each for the
/// applications and their decisions, every reviewer's score on every criterion, the grants year
/// by year, the follow-ups' measurements and the costs they report, and the repayments, each a
/// table to filter and sum.
///
/// It holds what the decisions CSV and the JSON export hold and no more: reviewers by their
/// member id, as the JSON names them; nothing of the youth panel (its comments are in the memo
/// and the JSON); none of the "recorded by" fields.
public enum FundWorkbook {
    public static func workbook(_ snapshot: StoreSnapshot, catalog: Catalog) -> Workbook {
        workbook(snapshot.dossiers, config: snapshot.config, catalog: catalog)
    }

    public static func workbook(_ dossiers: [Dossier], config: FundConfig, catalog: Catalog) -> Workbook {
        Workbook(sheets: [
            decisions(dossiers, config: config, catalog: catalog),
            scores(dossiers, config: config, catalog: catalog),
            grants(dossiers, catalog: catalog),
            followUps(dossiers, catalog: catalog),
            realised(dossiers, catalog: catalog),
            repayments(dossiers, catalog: catalog),
        ])
    }

    static func text(_ value: String) -> Cell { value.isEmpty ? .empty : .text(value) }

    /// The two columns every sheet starts with, so a row can be filtered by application.
    static func application(_ a: Application) -> [Cell] { [.text(a.id.description), text(a.title)] }

    /// Every application, the undecided ones too, so the sheet also shows what is still on its
    /// way; the decision's columns are empty until there is one. The columns are the decisions
    /// CSV's, with the requested total and the day the application came in beside them.
    static func decisions(_ dossiers: [Dossier], config: FundConfig, catalog c: Catalog) -> Sheet {
        let header = [c(.exportID), c(.exportTitle), c(.exportApplicant), c(.exportState), c(.workbookReceived), c(.workbookRequested),
                      c(.exportBody), c(.exportDate), c(.exportCaseNumber), c(.exportOutcome), c(.exportGranted), c(.memoEconomicModel),
                      c(.exportConditions), c(.exportRationale), c(.exportFollowUps), c(.exportMeanScore), c(.exportReviews), c(.exportReviewsNeeded)]
        let rows = dossiers.map { dossier -> [Cell] in
            let a = dossier.application, d = dossier.decision
            let scores = ScoreSummary(dossier: dossier, config: config)
            let requested: Cell = a.budget.years.isEmpty ? .empty : .kronor(Kronor.sum(a.budget.years.map(\.requested)))
            return application(a) + [
                text(a.applicant), .text(c.label(a.state)), a.received.map(Cell.date) ?? .empty, requested,
                text(d?.body ?? ""), d.map { .date($0.date) } ?? .empty, text(d?.caseNumber ?? ""), d.map { .text(c.label($0.outcome)) } ?? .empty,
                d.map { .kronor($0.totalGranted) } ?? .empty, d?.economicModel.map { .text(c.label($0)) } ?? .empty,
                text(d?.conditions ?? ""), text(d?.rationale ?? ""), text(d?.followUps.map(\.description).joined(separator: ", ") ?? ""),
                scores.meanScore.map { .number($0, .decimal) } ?? .empty, .integer(scores.quorum.complete), .integer(scores.quorum.needed),
            ]
        }
        return Sheet(name: c(.workbookSheetDecisions), header: header, rows: rows)
    }

    /// One row per review and criterion of the fund, drafts included (the status says which):
    /// a score as a number, "cannot be judged" in words (a sum or mean in the spreadsheet passes
    /// over it, as the fund's mean does), nothing when the reviewer has not scored it yet.
    static func scores(_ dossiers: [Dossier], config: FundConfig, catalog c: Catalog) -> Sheet {
        let header = [c(.exportID), c(.exportTitle), c(.memoReviewer), c(.workbookReviewStatus), c(.memoRecommendation),
                      c(.memoCriterion), c(.workbookScore), c(.workbookComment)]
        var rows: [[Cell]] = []
        for dossier in dossiers {
            for review in dossier.reviews {
                for criterion in config.criteria.all {
                    let assessment = review.assessments[criterion.id]
                    let score: Cell
                    switch assessment?.score {
                    case .points(let points): score = .integer(points)
                    case .cannotJudge: score = .text(c(.scoreCannotJudge))
                    case nil: score = .empty
                    }
                    rows.append(application(dossier.application) + [
                        .text(review.reviewer.rawValue), .text(c.label(review.status)), review.recommendation.map { .text(c.label($0)) } ?? .empty,
                        .text(criterion.name.text(in: c.language)), score, text(assessment?.comment ?? ""),
                    ])
                }
            }
        }
        return Sheet(name: c(.workbookSheetScores), header: header, rows: rows)
    }

    /// Each decision's grants, a row per year as the decision lists them.
    static func grants(_ dossiers: [Dossier], catalog c: Catalog) -> Sheet {
        let header = [c(.exportID), c(.exportTitle), c(.workbookYear), c(.workbookGrantedInYear)]
        let rows = dossiers.flatMap { dossier in
            (dossier.decision?.grants ?? []).map { application(dossier.application) + [.integer($0.year), .kronor($0.amount)] }
        }
        return Sheet(name: c(.workbookSheetGrants), header: header, rows: rows)
    }

    /// A row per measurement, with the indicator's baseline and target from the application
    /// beside it; an occasion that measured nothing still has its row, so none goes missing.
    static func followUps(_ dossiers: [Dossier], catalog c: Catalog) -> Sheet {
        let header = [c(.exportID), c(.exportTitle), c(.workbookOccasion), c(.workbookIndicator), c(.workbookValue), c(.workbookUnit),
                      c(.workbookMeasured), c(.workbookBaseline), c(.workbookTarget), c(.workbookSource), c(.workbookComment)]
        var rows: [[Cell]] = []
        for dossier in dossiers {
            let a = dossier.application
            for followUp in dossier.followUps {
                let start = application(a) + [.date(followUp.date)]
                if followUp.measurements.isEmpty { rows.append(start) }
                for m in followUp.measurements {
                    let indicator = a.measurability.indicators.first { $0.name == m.indicator }
                    rows.append(start + [
                        .text(m.indicator), .number(m.value, .general), text(m.unit.isBlank ? indicator?.unit ?? "" : m.unit),
                        m.measured.map(Cell.date) ?? .empty, indicator?.baseline.map { .number($0, .general) } ?? .empty,
                        indicator?.target.map { .number($0, .general) } ?? .empty, text(m.source), text(m.comment),
                    ])
                }
            }
        }
        return Sheet(name: c(.workbookSheetFollowUps), header: header, rows: rows)
    }

    /// What each follow-up reports an actor really paid and avoided in a year, to set beside the
    /// calculation. A figure the follow-up does not know stays empty: it is not a zero.
    static func realised(_ dossiers: [Dossier], catalog c: Catalog) -> Sheet {
        let header = [c(.exportID), c(.exportTitle), c(.workbookOccasion), c(.workbookActor), c(.workbookYear), c(.workbookCost), c(.workbookAvoided)]
        let rows = dossiers.flatMap { dossier in
            dossier.followUps.flatMap { followUp in
                followUp.realised.map { line -> [Cell] in
                    application(dossier.application) + [.date(followUp.date), text(line.actor), .integer(line.year),
                                                        line.cost.map(Cell.kronor) ?? .empty, line.avoidedCost.map(Cell.kronor) ?? .empty]
                }
            }
        }
        return Sheet(name: c(.workbookSheetRealised), header: header, rows: rows)
    }

    /// Planned against received per actor and year: a payment counts in the year of its date.
    /// Both are written as numbers, 0 included, so each column sums to the plan and to what came in.
    static func repayments(_ dossiers: [Dossier], catalog c: Catalog) -> Sheet {
        let header = [c(.exportID), c(.exportTitle), c(.workbookActor), c(.workbookYear), c(.workbookPlanned), c(.workbookRepaid)]
        var rows: [[Cell]] = []
        for dossier in dossiers {
            guard let plan = dossier.repayments else { continue }
            let actors = plan.balances.map(\.actor)
            var pairs: [(actor: String, year: Int)] = []
            for pair in plan.lines.map({ ($0.actor, $0.year) }) + plan.payments.map({ ($0.actor, $0.date.year) })
            where !pairs.contains(where: { $0 == pair }) {
                pairs.append(pair)
            }
            pairs.sort { ($0.year, actors.firstIndex(of: $0.actor) ?? 0) < ($1.year, actors.firstIndex(of: $1.actor) ?? 0) }
            for (actor, year) in pairs {
                let planned = Kronor.sum(plan.lines.filter { $0.actor == actor && $0.year == year }.map(\.amount))
                let received = Kronor.sum(plan.payments.filter { $0.actor == actor && $0.date.year == year }.map(\.amount))
                rows.append(application(dossier.application) + [text(actor), .integer(year), .kronor(planned), .kronor(received)])
            }
        }
        return Sheet(name: c(.workbookSheetRepayments), header: header, rows: rows)
    }
}
