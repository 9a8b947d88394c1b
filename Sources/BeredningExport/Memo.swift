import BeredningCore
import BeredningStore
import Foundation

/// The decision memo (beslutsunderlag) for one application: what the steering group and the
/// board read before they decide, printed or filed as a PDF. A document of headings,
/// paragraphs, tables and a chart, rendered as Markdown or as a self-contained page for A4.
/// Its sections come in the order a board reads them, and a section that does not apply to
/// the application is left out rather than left empty. Numbers are set for print
/// (`NumberStyle.print`): no amount or range breaks at a line's end.
public struct Memo {
    typealias Block = Document.Block

    let title: String
    let blocks: [Block]
    let language: Language
    let pageMarks: Document.PageMarks?

    init(title: String, blocks: [Block], language: Language, pageMarks: Document.PageMarks? = nil) {
        self.title = title
        self.blocks = blocks
        self.language = language
        self.pageMarks = pageMarks
    }

    /// The group's proposal: what it recommends, the amounts, why, and who agreed.
    static func proposalBlocks(_ proposal: Proposal, config: FundConfig, catalog c: Catalog) -> [Block] {
        var blocks: [Block] = [.paragraph(c.label(proposal.recommendation).capitalizedFirst + ". " + proposal.rationale)]
        if !proposal.amounts.isEmpty {
            let amounts = proposal.amounts.map { "\($0.year): \(c.kronor($0.amount)) kr" }.joined(separator: ", ")
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

    /// `history`: the application's history, where a move past the review gate by override is
    /// recorded; the memo names every such move.
    public init(_ dossier: Dossier, config: FundConfig, catalog: Catalog, history: [HistoryEvent] = []) {
        var c = catalog
        c.numbers = .print
        let a = dossier.application
        title = c(.memoTitle) + ": " + a.id.description + " " + a.title
        language = c.language
        let overrides = history.filter { $0.kind == .overridden }
        var header = c(.memoRunning, ["fund": .text(config.fund), "id": .text(a.id.description)])
        if let caseNumber = dossier.decision?.caseNumber, !caseNumber.isBlank {
            header += " · " + c(.memoRunningCase, ["case": .text(caseNumber)])
        }
        pageMarks = Document.PageMarks(header: header, pageLine: c(.memoPage, ["page": .text(Document.PageMarks.page),
                                                                              "pages": .text(Document.PageMarks.pages)]))

        var blocks: [Block] = []
        blocks += Memo.summary(dossier, config: config, overridden: !overrides.isEmpty, c)
        blocks += Memo.criteria(dossier, config: config, c)
        blocks += Memo.proposalAndRecommendations(dossier, config: config, c)
        blocks += Memo.youthPanel(dossier, config: config, c)
        if let input = a.calculation { blocks += Memo.calculation(input, settings: config.calculation, c) }
        if let request = dossier.steeringRequest {
            blocks += [.heading(c(.memoSteering)), .paragraph(c(request.message(config: config)))]
        }
        blocks += Memo.overrides(overrides, decision: dossier.decision, config: config, c)
        if let decision = dossier.decision { blocks += Memo.decision(decision, c) }
        self.blocks = blocks.map { Memo.keepingRangesWhole($0, c.numbers) }
    }

    /// Who applies, the state, the period, the amounts asked, proposed and granted, the
    /// outcome; then the problem and the intervention in the applicant's words.
    static func summary(_ dossier: Dossier, config: FundConfig, overridden: Bool, _ c: Catalog) -> [Block] {
        let a = dossier.application
        var rows: [[String]] = [[c(.exportApplicant), a.applicant], [c(.exportState), c.label(a.state).capitalizedFirst]]
        if a.intervention.start != nil || a.intervention.end != nil {
            rows.append([c(.memoPeriod), c.range(a.intervention.start?.description ?? "…", a.intervention.end?.description ?? "…")])
        }
        func perYear(_ total: Int, _ years: [(Int, Int)]) -> String {
            ([c.kronor(total)] + years.map { c(.memoYearAmount, ["year": .text(String($0.0)), "amount": .text(c.kronor($0.1))]) }).joined(separator: "\n")
        }
        if !a.budget.years.isEmpty {
            rows.append([c(.memoRequested), perYear(a.budget.totalRequested, a.budget.years.map { ($0.year, $0.requested) })])
        }
        if let proposal = dossier.proposal {
            let total = Kronor.sum(proposal.amounts.map(\.amount))
            rows.append([c(.proposalTitle), c.label(proposal.recommendation).capitalizedFirst
                + (proposal.amounts.isEmpty ? "" : ": " + c.kronor(total) + " kr")])
        }
        if let decision = dossier.decision {
            rows.append([c(.exportOutcome), c.label(decision.outcome).capitalizedFirst + ", " + decision.date.description])
            if decision.outcome == .approve {
                rows.append([c(.memoGranted), perYear(decision.totalGranted, decision.grants.map { ($0.year, $0.amount) })])
            }
        }
        var blocks: [Block] = [.heading(c(.memoSummary)), .table(header: [c(.memoField), c(.memoValue)], rows: rows)]
        if overridden { blocks.append(.paragraph(c(.memoOverriddenNote))) }
        blocks.append(.paragraph(a.problem.description.isBlank ? c(.uiNotAnswered) : a.problem.description))
        if !a.intervention.description.isBlank { blocks.append(.paragraph(a.intervention.description)) }
        return blocks
    }

    /// The scale and the outcomes explained, then the table, then how many reviews are in.
    static func criteria(_ dossier: Dossier, config: FundConfig, _ c: Catalog) -> [Block] {
        let scale = config.scale
        let labels = scale.points.map { "\($0) = \(scale.label($0)?.text(in: c.language) ?? "")" }.joined(separator: ", ")
        let checklist = Checklist(dossier: dossier, config: config)
        let meanings: [Outcome: MessageKey] = [.pass: .memoMeaningPass, .warning: .memoMeaningWarning, .fail: .memoMeaningFail,
                                               .missing: .memoMeaningMissing, .pending: .memoMeaningPending, .notJudged: .memoMeaningNotJudged]
        return [
            .heading(c(.uiChecklist)),
            .paragraph(c(.memoScaleLegend, ["min": .text(String(scale.min)), "max": .text(String(scale.max)), "labels": .text(labels),
                                            "pass": .text(String(scale.passMark))])),
            .table(header: [c(.memoCriterion), c(.memoAutomatic), c(.memoMean), c(.memoMedian), c(.memoSpread), c(.memoReviewers), c(.memoOutcome)],
                   rows: checklist.rows.map { row in
                let s = row.aggregate
                let automatic = row.automatic.map { c.label($0.verdict) + ": " + $0.reasons.map { c($0) }.joined(separator: " ") } ?? c(.checkNotAutomatic)
                let spread = s.min.map { c.range(String($0), String(s.max!)) } ?? "–"
                return [row.criterion.name.text(in: c.language), automatic, c.decimal(s.mean), c.decimal(s.median), spread, String(s.count),
                        row.outcome.symbol + "\u{00A0}" + c.label(row.outcome) + (s.disagreement ? " – " + c(.uiDisagreement) : "")]
            }),
            .paragraph(c(.memoVerdictLegend)),
            .table(header: [c(.memoMark), c(.memoOutcome), c(.memoMeaning)], rows: Outcome.allCases.map { outcome in
                [outcome.symbol, c.label(outcome), c(meanings[outcome]!)]
            }),
            .paragraph(c(.checkQuorum, ["complete": .text(String(checklist.quorum.complete)), "needed": .text(String(checklist.quorum.needed)),
                                        "comments": .text(String(dossier.comments.count))])),
        ]
    }

    static func proposalAndRecommendations(_ dossier: Dossier, config: FundConfig, _ c: Catalog) -> [Block] {
        var blocks: [Block] = []
        if let proposal = dossier.proposal {
            blocks.append(.heading(c(.proposalTitle)))
            blocks += proposalBlocks(proposal, config: config, catalog: c)
        }
        let complete = dossier.reviews.filter { $0.status == .complete }
        if !complete.isEmpty {
            blocks.append(.heading(c(.memoRecommendations)))
            blocks.append(.table(header: [c(.memoReviewer), c(.memoRecommendation)], rows: complete.map { review in
                [config.member(review.reviewer)?.name ?? review.reviewer.rawValue, review.recommendation.map { c.label($0) } ?? "–"]
            }))
        }
        return blocks
    }

    /// The panel's comments, each under the panel's name unless the fund names its members
    /// (`[memo] name_youth_panel`): the memo is a public document.
    static func youthPanel(_ dossier: Dossier, config: FundConfig, _ c: Catalog) -> [Block] {
        guard !dossier.comments.isEmpty else { return [] }
        return [.heading(c(.uiYouthComments))] + dossier.comments.map { comment in
            let author = config.nameYouthPanelInMemo ? config.member(comment.author)?.name ?? comment.author.rawValue : c(.memoYouthPanel)
            return .paragraph(author + " (" + c.label(comment.about) + "): " + comment.text)
        }
    }

    /// The verdict, the hump, the year table, who pays and who gains, the scenarios and the
    /// effect lines with their unit costs and sources, as `bered calc` gives them.
    static func calculation(_ input: CalculationInput, settings: CalculationSettings, _ c: Catalog) -> [Block] {
        let full = SocioEconomicCalculation.project(input, settings: settings)
        let rate = c.percent(settings.discountRate)
        func kr(_ key: MessageKey, _ arguments: [String: Message.Argument] = [:]) -> String {
            c(.memoInKronor, ["label": .text(c(key, arguments))])
        }
        var blocks: [Block] = [
            .heading(c(.calcTitle).capitalizedFirst),
            .paragraph(c(.calcSummary, ["npv": .text(c.kronor(full.netPresentValue)), "rate": .text(c.percent(full.rate)),
                                        "verdict": .text(CalculationSummary.breakEven(full, c))])),
            .chart(Chart(title: c(.memoChartTitle), categories: full.years.map { String($0.year) }, bars: full.years.map(\.net),
                         line: full.years.map(\.cumulativePresentNet), barLegend: c(.memoChartBars), lineLegend: c(.memoChartLine),
                         unit: "kr", language: c.language)),
            .table(header: [c(.calcYear), kr(.calcCost), kr(.calcGain), kr(.calcNet), kr(.calcCumulativePresent)], rows: full.years.map {
                [String($0.year), c.kronor($0.cost), c.kronor($0.gain), c.kronor($0.net), c.kronor($0.cumulativePresentNet)]
            }),
        ]
        if !full.balances.isEmpty {
            blocks.append(.heading(c(.memoWhoPays)))
            blocks.append(.paragraph(c(.memoWhoPaysNote, ["rate": .text(rate)])))
            blocks.append(.table(header: [c(.calcActor), kr(.calcCost), kr(.calcGain), kr(.calcNet), c(.memoBalance)], rows: full.balances.map {
                [$0.actor, c.kronor($0.cost), c.kronor($0.gain), c.kronor($0.net), c($0.paysMoreThanItGains ? .calcPaysMore : .calcGainsMore)]
            }))
        }
        blocks.append(.heading(c(.memoScenarios)))
        blocks.append(.table(header: [c(.calcScenario), kr(.calcNPVAt, ["rate": .text(rate)]), c(.calcBreakEven)], rows: Scenario.allCases.map { scenario in
            let p = SocioEconomicCalculation.project(input, settings: settings, scenario: scenario)
            return [c.label(scenario), c.kronor(p.netPresentValue), CalculationSummary.breakEven(p, c)]
        }))
        blocks.append(.paragraph(CalculationSummary.peopleNeeded(SocioEconomicCalculation.peopleNeeded(input, settings: settings), settings: settings, c)))
        let assumptions = CalculationAssumptions(input, settings: settings, catalog: c)
        blocks.append(.paragraph(assumptions.mandateParagraph))
        if !assumptions.lines.isEmpty {
            blocks.append(.heading(c(.memoEffects)))
            blocks.append(.paragraph(c(.calcEffects)))
            blocks.append(.table(header: [c(.calcColumnEffect), c(.calcActor), c(.calcColumnPeople), c(.calcColumnValue), c(.calcColumnPriceYear),
                                          c(.calcColumnYears), c(.calcColumnSource)],
                                 rows: assumptions.lines.map { line in
                [line.title, line.effect.actor, String(line.effect.people), line.price.map { c.kronor($0.used) } ?? "–",
                 ([line.basis] + [line.converted].compactMap { $0 }).joined(separator: "\n"),
                 c.range(String(line.span.first), String(line.span.last)), line.effect.source]
            }))
        }
        for note in assumptions.horizonNotes + assumptions.priceNotes { blocks.append(.paragraph(note)) }
        return blocks
    }

    /// Every move past the review gate, and a decision that stands past the fund's budget or caps.
    static func overrides(_ events: [HistoryEvent], decision: Decision?, config: FundConfig, _ c: Catalog) -> [Block] {
        var lines: [Block] = events.map { event in
            .paragraph(c(.memoGateOverridden, ["date": .text(WallTime(event.time).day.description),
                                               "member": .text(config.member(event.member)?.name ?? event.member.rawValue),
                                               "reason": .text(overrideReason(event.details))]))
        }
        if let decision, !decision.budgetOverride.isBlank {
            lines.append(.paragraph(c(.memoBudgetOverride) + ": " + decision.budgetOverride))
        }
        return lines.isEmpty ? [] : [.heading(c(.memoOverrides))] + lines
    }

    /// The coordinator's reason in an override's history line, "in_preparation →
    /// with_steering_group (reason)"; the whole line when it is not of that form.
    static func overrideReason(_ details: String) -> String {
        guard let arrow = details.range(of: " → ") else { return details }
        let rest = details[arrow.upperBound...].drop { $0.isLetter || $0 == "_" }
        guard rest.hasPrefix(" ("), rest.hasSuffix(")") else { return details }
        return String(rest.dropFirst(2).dropLast())
    }

    /// The board's decision. Follow-up dates only for an approval: a rejection has nothing to follow up.
    static func decision(_ d: Decision, _ c: Catalog) -> [Block] {
        var rows: [[String]] = [[c(.exportBody), d.body], [c(.exportDate), d.date.description], [c(.exportCaseNumber), d.caseNumber],
                                [c(.exportOutcome), c.label(d.outcome)]]
        if d.outcome == .approve { rows.append([c(.exportGranted), c.kronor(d.totalGranted)]) }
        if !d.conditions.isBlank { rows.append([c(.exportConditions), d.conditions]) }
        if !d.rationale.isBlank { rows.append([c(.exportRationale), d.rationale]) }
        if d.outcome == .approve && !d.followUps.isEmpty { rows.append([c(.exportFollowUps), d.followUps.map(\.description).joined(separator: ", ")]) }
        if let model = d.economicModel { rows.append([c(.memoEconomicModel), c.label(model)]) }
        return [.heading(c(.exportOutcome)), .table(header: [c(.memoField), c(.memoValue)], rows: rows)]
    }

    static func keepingRangesWhole(_ block: Block, _ style: NumberStyle) -> Block {
        let whole = style.keepingRangesWhole
        switch block {
        case .heading(let text): return .heading(whole(text))
        case .paragraph(let text): return .paragraph(whole(text))
        case .table(let header, let rows): return .table(header: header.map(whole), rows: rows.map { $0.map(whole) })
        case .chart: return block
        }
    }

    /// Markdown: see `Document`.
    public var markdown: String { document.markdown }
    /// A self-contained page for A4: see `Document`.
    public var html: String { document.html }
    public var document: Document { Document(title: title, blocks: blocks, language: language, pageMarks: pageMarks) }
}
