import BeredningCore
import BeredningStore
import Foundation

/// The decision memo (beslutsunderlag) for one application: a document of headings,
/// paragraphs and tables, rendered as Markdown or as a self-contained printable HTML page.
public struct Memo {
    typealias Block = Document.Block

    let title: String
    let blocks: [Block]
    let language: Language

    init(title: String, blocks: [Block], language: Language) {
        self.title = title
        self.blocks = blocks
        self.language = language
    }

    /// The group's proposal: what it recommends, the amounts, why, and who agreed.
    static func proposalBlocks(_ proposal: Proposal, config: FundConfig, catalog c: Catalog) -> [Block] {
        var blocks: [Block] = [.paragraph(c.label(proposal.recommendation).capitalizedFirst + ". " + proposal.rationale)]
        if !proposal.amounts.isEmpty {
            let amounts = proposal.amounts.map { "\($0.year): \(c.kronor(Money($0.amount))) kr" }.joined(separator: ", ")
            blocks.append(.paragraph(c(.proposalAmounts, ["amounts": .text(amounts)])))
        }
        if !proposal.conditions.isBlank { blocks.append(.paragraph(c(.exportConditions) + ": " + proposal.conditions)) }
        for id in proposal.notes.keys.sorted() {
            let name = config.criteria.criterion(id)?.name.text(in: c.language) ?? id.rawValue
            blocks.append(.paragraph(c(.proposalNote, ["criterion": .text(name), "text": .text(proposal.notes[id]!)])))
        }
        if !proposal.agreedBy.isEmpty {
            let names = proposal.agreedBy.map { config.member($0)?.name ?? $0.rawValue }.joined(separator: ", ")
            blocks.append(.paragraph(c(.proposalAgreedBy, ["members": .text(names)])))
        }
        return blocks
    }

    public init(_ dossier: Dossier, config: FundConfig, catalog c: Catalog) {
        let a = dossier.application
        title = c(.memoTitle) + ": " + a.id.description + " " + a.title
        language = c.language
        var blocks: [Block] = []
        blocks.append(.paragraph([
            c(.exportApplicant) + ": " + a.applicant, c(.exportState) + ": " + c.label(a.state), config.fund,
        ].joined(separator: " · ")))

        if let request = dossier.steeringRequest { blocks.append(.paragraph(c(request.message(config: config)))) }
        blocks.append(.heading(c(.memoSummary)))
        blocks.append(.paragraph(a.problem.description.isBlank ? c(.uiNotAnswered) : a.problem.description))
        blocks.append(.paragraph(a.intervention.description))

        let checklist = Checklist(dossier: dossier, config: config)
        blocks.append(.heading(c(.uiChecklist)))
        blocks.append(.table(header: [c(.memoCriterion), c(.memoAutomatic), c(.memoScores), c(.memoOutcome)], rows: checklist.rows.map { row in
            let s = row.aggregate
            let scores = s.count == 0 ? "–" : c(.checkScores, ["mean": .text(c.decimal(s.mean)), "median": .text(c.decimal(s.median)),
                                                              "min": .text(String(s.min!)), "max": .text(String(s.max!)), "count": .text(String(s.count))])
                + (s.disagreement ? " – " + c(.uiDisagreement) : "")
            let automatic = row.automatic.map { c.label($0.verdict) + ": " + $0.reasons.map { c($0) }.joined(separator: " ") } ?? c(.checkNotAutomatic)
            return [row.criterion.name.text(in: c.language), automatic, scores, row.outcome.symbol + " " + c.label(row.outcome)]
        }))
        blocks.append(.paragraph(c(.checkQuorum, ["complete": .text(String(checklist.quorum.complete)), "needed": .text(String(checklist.quorum.needed)),
                                                  "comments": .text(String(dossier.comments.count))])))

        if let proposal = dossier.proposal {
            blocks.append(.heading(c(.proposalTitle)))
            blocks += Memo.proposalBlocks(proposal, config: config, catalog: c)
        }
        if !dossier.reviews.isEmpty {
            blocks.append(.heading(c(.memoRecommendations)))
            blocks.append(.table(header: [c(.memoReviewer), c(.memoRecommendation)], rows: dossier.reviews.filter { $0.status == .complete }.map { review in
                [config.member(review.reviewer)?.name ?? review.reviewer.rawValue, review.recommendation.map { c.label($0) } ?? "–"]
            }))
        }

        blocks.append(.heading(c(.uiYouthComments)))
        if dossier.comments.isEmpty { blocks.append(.paragraph(c(.uiNoComments))) }
        for comment in dossier.comments {
            let author = config.member(comment.author)?.name ?? comment.author.rawValue
            blocks.append(.paragraph(author + " (" + c.label(comment.about) + "): " + comment.text))
        }

        blocks.append(.heading(c(.calcTitle).capitalizedFirst))
        if let input = a.calculation {
            let report = SocioEconomicCalculation.project(input, settings: config.calculation)
            blocks.append(.table(header: [c(.calcYear), c(.calcCost), c(.calcGain), c(.calcNet), c(.calcCumulativePresent)], rows: report.years.map {
                [String($0.year), c.kronor($0.cost), c.kronor($0.gain), c.kronor($0.net), c.kronor($0.cumulativePresentNet)]
            }))
            blocks.append(.table(header: [c(.calcScenario), c(.calcNPVAt, ["rate": .text(c.percent(config.calculation.discountRate))]), c(.calcBreakEven)],
                                 rows: Scenario.allCases.map { scenario in
                let p = SocioEconomicCalculation.project(input, settings: config.calculation, scenario: scenario)
                return [c.label(scenario), c.kronor(p.netPresentValue), CalculationSummary.breakEven(p, c)]
            }))
            blocks.append(.paragraph(CalculationSummary.peopleNeeded(SocioEconomicCalculation.peopleNeeded(input, settings: config.calculation),
                                                                     settings: config.calculation, c)))
            let assumptions = CalculationAssumptions(input, settings: config.calculation, catalog: c)
            blocks.append(.paragraph(assumptions.mandateParagraph))
            blocks.append(.paragraph(c(.calcEffects)))
            blocks.append(.table(header: [c(.calcColumnEffect), c(.calcActor), c(.calcColumnPeople), c(.calcColumnValue), c(.calcColumnPriceYear),
                                          c(.calcColumnYears), c(.calcColumnSource)],
                                 rows: assumptions.lines.map { line in
                [line.title, line.effect.actor, String(line.effect.people), line.price.map { c.kronor($0.used) } ?? "–",
                 ([line.basis] + [line.converted].compactMap { $0 }).joined(separator: "\n"),
                 line.span.period, line.effect.source]
            }))
            for note in assumptions.horizonNotes + assumptions.priceNotes { blocks.append(.paragraph(note)) }
        } else {
            blocks.append(.paragraph(c(.calcSummaryNone)))
        }

        blocks.append(.heading(c(.exportOutcome)))
        if let d = dossier.decision {
            var rows: [[String]] = [
                [c(.exportBody), d.body], [c(.exportDate), d.date.description], [c(.exportCaseNumber), d.caseNumber],
                [c(.exportOutcome), c.label(d.outcome)], [c(.exportGranted), c.kronor(Money(d.totalGranted)) + " kr"],
                [c(.exportGrants), d.grants.map { "\($0.year): " + c.kronor(Money($0.amount)) + " kr" }.joined(separator: ", ")],
                [c(.exportConditions), d.conditions], [c(.exportRationale), d.rationale],
                [c(.exportFollowUps), d.followUps.map(\.description).joined(separator: ", ")],
            ]
            if let model = d.economicModel { rows.append([c(.memoEconomicModel), c.label(model)]) }
            if !d.budgetOverride.isEmpty { rows.append([c(.memoBudgetOverride), d.budgetOverride]) }
            blocks.append(.table(header: [c(.memoField), c(.memoValue)], rows: rows))
        } else {
            blocks.append(.paragraph(c(.memoNoDecision)))
        }
        self.blocks = blocks
    }

    /// Markdown: see `Document`.
    public var markdown: String { document.markdown }
    /// A self-contained printable page: see `Document`.
    public var html: String { document.html }
    public var document: Document { Document(title: title, blocks: blocks, language: language) }
}
