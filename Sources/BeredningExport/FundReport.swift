import BeredningCore
import Foundation

/// The fund's yearly report to the board (kommunstyrelsen): the fund's money over the year,
/// the investments and how they are doing, effects measured against targets, realised against
/// forecast savings, and repayments. Every figure comes from the domain's own sums
/// (`FundBudget`, `IndicatorProgress`, `SavingsComparison`, `FollowUpsDue`, `RepaymentPlan`);
/// here they are only chosen for one year and put in words. A section with nothing to say for
/// the year is left out rather than shown empty.
public enum FundReport {
    /// The states of an application the board has said yes to.
    static let investmentStates: Set<ApplicationState> = [.approved, .feedbackSent, .running, .closed]

    /// `today`: when the report is made. Follow-ups count as overdue on the year's last day, or
    /// on `today` when the year is not over yet.
    public static func document(_ dossiers: [Dossier], config: FundConfig, year: Int, today: Day, catalog c: Catalog) -> Document {
        let yearEnd = Day(year: year, month: 12, day: 31)!
        let asOf = min(yearEnd, today)
        // What was known at the year's end: a follow-up recorded later belongs to a later report.
        let known = dossiers.sorted { $0.application.id < $1.application.id }.map { dossier in
            var dossier = dossier
            dossier.followUps = dossier.followUps.filter { $0.date <= yearEnd }
            return dossier
        }
        let investments = known.filter { dossier in
            investmentStates.contains(dossier.application.state) && (dossier.decision.map { $0.date <= yearEnd } ?? true)
        }
        let decided = known.compactMap(\.decision).filter { $0.date.year == year }
        let body = known.compactMap(\.decision).max { $0.date < $1.date }?.body ?? Decision.defaultBody

        var blocks: [Document.Block] = [.paragraph(c(.reportIntro, ["body": .text(body), "year": .text(String(year)), "date": .text(today.description)]))]
        blocks += money(FundBudget(economy: config.economy, dossiers: dossiers), year: year, c)
        blocks.append(.heading(c(.reportInvestmentsHeading)))
        if investments.isEmpty {
            blocks.append(.paragraph(c(.reportNoInvestments, ["year": .text(String(year))])))
        } else {
            blocks.append(investmentTable(investments, year: year, c))
        }
        if !decided.isEmpty || !investments.isEmpty {
            blocks.append(.paragraph(c(.reportDecisions, ["year": .text(String(year)),
                                                          "approved": .text(String(decided.filter { $0.outcome == .approve }.count)),
                                                          "rejected": .text(String(decided.filter { $0.outcome == .reject }.count))])))
        }
        guard !investments.isEmpty else { return document(config: config, year: year, blocks: blocks, c) }
        blocks += effects(investments, config: config, year: year, asOf: asOf, c)
        blocks += savings(investments, settings: config.calculation, year: year, c)
        blocks += repayments(investments, year: year, c)
        return document(config: config, year: year, blocks: blocks, c)
    }

    static func document(config: FundConfig, year: Int, blocks: [Document.Block], _ c: Catalog) -> Document {
        Document(title: c(.reportTitle, ["fund": .text(config.fund), "year": .text(String(year))]), blocks: blocks, language: c.language)
    }

    static func kronor(_ amount: Int, _ c: Catalog) -> String { c.kronor(Money(amount)) + " kr" }

    static func name(_ dossier: Dossier) -> String { dossier.application.id.description + " " + dossier.application.title }

    /// Budget, granted, repaid and left for the year; the capital and the balance at its end.
    /// Left out when the fund gives no budget or capital and no money moved that year.
    static func money(_ budget: FundBudget, year: Int, _ c: Catalog) -> [Document.Block] {
        let row = budget.year(year)
        let capital = budget.economy.capital
        guard row != nil || capital != nil else { return [] }
        let y: Message.Argument = .text(String(year))
        var rows: [[String]] = [
            [c(.reportBudget, ["year": y]), row?.budget.map { kronor($0, c) } ?? c(.reportNoBudget)],
            [c(.reportGranted, ["year": y]), kronor(row?.granted ?? 0, c)],
            [c(.reportRepaid, ["year": y]), kronor(row?.repaid ?? 0, c)],
        ]
        if let left = row?.left { rows.append([c(.reportLeft), kronor(left, c)]) }
        if let capital {
            rows.append([c(.reportCapital), kronor(capital, c)])
            // The balance runs over every year with money in it; a year without any keeps the last one's.
            let balance = budget.balance.last { $0.year <= year }?.balance ?? capital
            rows.append([c(.reportBalance), kronor(balance, c)])
        }
        return [.heading(c(.reportMoneyHeading, ["year": y])), .table(header: [c(.reportColItem), c(.reportColAmount)], rows: rows)]
    }

    /// Each investment with its decision, model, what it was granted and how it stands; a
    /// closed one says how it ended.
    static func investmentTable(_ investments: [Dossier], year: Int, _ c: Catalog) -> Document.Block {
        let header = [c(.reportColInvestment), c(.reportColDecision), c(.budgetColModel), c(.reportColGrantedYear, ["year": .text(String(year))]),
                      c(.reportColGrantedTotal), c(.exportState)]
        return .table(header: header, rows: investments.map { dossier in
            let grants = FundBudget.committed(dossier)
            let decision = dossier.decision.map { $0.date.description + ", " + $0.caseNumber } ?? "–"
            let state = dossier.application.state == .closed ? dossier.application.closing.map { c.label($0) } : nil
            return [name(dossier), decision, dossier.decision?.economicModel.map { c.label($0) } ?? "–",
                    kronor(Kronor.sum(grants.filter { $0.year == year }.map(\.amount)), c), kronor(Kronor.sum(grants.map(\.amount)), c),
                    state ?? c.label(dossier.application.state)]
        })
    }

    /// Per running or closed investment, each indicator from baseline to target with the latest
    /// value measured by the year's end; what the year's follow-ups learnt; and which follow-ups
    /// were made that year and which were overdue.
    static func effects(_ investments: [Dossier], config: FundConfig, year: Int, asOf: Day, _ c: Catalog) -> [Document.Block] {
        let started = investments.filter { [.running, .closed].contains($0.application.state) }
        let done = investments.flatMap { dossier in dossier.followUps.filter { $0.date.year == year }.map { (dossier, $0) } }
        let overdue = investments.flatMap { dossier in
            var then = dossier
            then.followUps = dossier.followUps.filter { $0.date <= asOf }
            return FollowUpsDue.open(then).filter { $0 < asOf }.map { (dossier.application.id, $0) }
        }
        guard !started.isEmpty || !done.isEmpty || !overdue.isEmpty else { return [] }
        let y: Message.Argument = .text(String(year))
        var blocks: [Document.Block] = [.heading(c(.reportEffectsHeading))]
        for dossier in started {
            blocks.append(.paragraph(name(dossier)))
            let progress = IndicatorProgress.of(dossier.application, followUps: dossier.followUps)
            if progress.isEmpty {
                blocks.append(.paragraph(c(.followUpViewNoIndicators)))
            } else {
                blocks.append(.table(header: [c(.reportColIndicator), c(.reportColBaseline), c(.reportColTarget), c(.reportColLatest), c(.reportColStatus)],
                                     rows: progress.map { indicatorRow($0, c) }))
            }
            for followUp in dossier.followUps where followUp.date.year == year {
                let member = config.member(followUp.recordedBy)?.name ?? followUp.recordedBy.rawValue
                blocks.append(.paragraph(c(.followUpViewOccasion, ["date": .text(followUp.date.description), "member": .text(member)])))
                if !followUp.worked.isBlank { blocks.append(.paragraph(c(.followUpViewWorked) + ": " + followUp.worked)) }
                if !followUp.didNotWork.isBlank { blocks.append(.paragraph(c(.followUpViewDidNotWork) + ": " + followUp.didNotWork)) }
            }
        }
        if done.isEmpty {
            blocks.append(.paragraph(c(.reportNoFollowUpsDone, ["year": y])))
        } else {
            let list = done.map { "\($0.0.application.id) (\($0.1.date))" }.joined(separator: ", ")
            blocks.append(.paragraph(c(.reportFollowUpsDone, ["year": y, "list": .text(list)])))
        }
        let on: Message.Argument = .text(asOf.description)
        if overdue.isEmpty {
            blocks.append(.paragraph(c(.reportNoneOverdue, ["date": on])))
        } else {
            let list = overdue.map { c(.reportOverdueItem, ["id": .text($0.0.description), "date": .text($0.1.description)]) }.joined(separator: ", ")
            blocks.append(.paragraph(c(.reportOverdue, ["date": on, "list": .text(list)])))
        }
        return blocks
    }

    /// The unit stands once, after the indicator's name: "23 antal" reads worse than "23".
    static func indicatorRow(_ progress: IndicatorProgress, _ c: Catalog) -> [String] {
        let indicator = progress.indicator
        func value(_ number: Double?) -> String { number.map(c.figure) ?? "–" }
        let latest = progress.latest.map { value($0.value) + " (" + $0.day.description + ")" } ?? "–"
        return [indicator.name + (indicator.unit.isBlank ? "" : " (" + indicator.unit + ")"), value(indicator.baseline), value(indicator.target),
                latest, c.label(progress.status)]
    }

    /// Per investment whose follow-ups up to the year's end report figures: the calculation's
    /// forecast against what was realised, in total.
    static func savings(_ investments: [Dossier], settings: CalculationSettings, year: Int, _ c: Catalog) -> [Document.Block] {
        let rows: [[String]] = investments.compactMap { dossier in
            let comparison = SavingsComparison(application: dossier.application, followUps: dossier.followUps, settings: settings)
            let t = comparison.total
            guard t.reported else { return nil }
            return [name(dossier)] + [t.forecastCost, t.realisedCost, t.forecastAvoided, t.realisedAvoided, t.forecastNet, t.realisedNet].map { c.kronor($0) + " kr" }
                + [comparison.reportedYears.map(String.init).joined(separator: ", ")]
        }
        guard !rows.isEmpty else { return [] }
        let header = [c(.reportColInvestment), c(.reportColCostForecast), c(.reportColCostRealised), c(.reportColAvoidedForecast),
                      c(.reportColAvoidedRealised), c(.reportColNetForecast), c(.reportColNetRealised), c(.reportColYears)]
        return [.heading(c(.reportSavingsHeading)), .paragraph(c(.reportSavingsNote, ["year": .text(String(year))])), .table(header: header, rows: rows)]
    }

    /// Per investment with a repayment or return plan, planned against received for the year
    /// and up to its end. Left out while no plan has reached the year.
    static func repayments(_ investments: [Dossier], year: Int, _ c: Catalog) -> [Document.Block] {
        let rows: [[String]] = investments.compactMap { dossier in
            guard let plan = dossier.repayments else { return nil }
            let figures = [
                plan.lines.filter { $0.year == year }.map(\.amount), plan.payments.filter { $0.date.year == year }.map(\.amount),
                plan.lines.filter { $0.year <= year }.map(\.amount), plan.payments.filter { $0.date.year <= year }.map(\.amount),
            ].map(Kronor.sum)
            guard figures.contains(where: { $0 != 0 }) else { return nil }
            return [name(dossier)] + (figures + [plan.totalPlanned]).map { kronor($0, c) }
        }
        guard !rows.isEmpty else { return [] }
        let y: Message.Argument = .text(String(year))
        let header = [c(.reportColInvestment), c(.reportColPlannedYear, ["year": y]), c(.reportColReceivedYear, ["year": y]),
                      c(.reportColPlannedTo, ["year": y]), c(.reportColReceivedTo, ["year": y]), c(.reportColWholePlan)]
        return [.heading(c(.reportRepaymentsHeading, ["year": y])), .table(header: header, rows: rows)]
    }
}
