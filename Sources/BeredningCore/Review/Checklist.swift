/// A criterion's standing in the checklist, from the automatic check and the complete reviews.
public enum Outcome: String, CaseIterable, Hashable, Sendable, Labelled {
    case pass
    /// The application answers, but thinly, or the reviewers disagree.
    case warning
    /// The reviewers' mean score is below the scale's pass mark.
    case fail
    /// The application does not answer the criterion at all.
    case missing
    /// A criterion only people judge (a fund's own), and no one has scored it yet.
    case pending
    /// Every complete review marked it "cannot be judged": nobody could say it is met.
    case notJudged = "not_judged"

    public static var labelPrefix: String { "outcome" }

    /// The checklist strip's cell; readable without colour.
    public var symbol: String {
        switch self {
        case .pass: return "✓"
        case .warning: return "!"
        case .fail, .missing: return "✗"
        case .pending: return "·"
        case .notJudged: return "?"
        }
    }
}

public struct ChecklistRow: Hashable, Sendable {
    public let criterion: Criterion
    /// nil for a fund's extra criteria, which only reviewers judge.
    public let automatic: CheckResult?
    public let aggregate: CriterionAggregate
    public let outcome: Outcome
}

/// The whole checklist for one application: what `bered check` prints and the list's strip shows.
public struct Checklist: Hashable, Sendable {
    public let applicationID: ApplicationID
    public let rows: [ChecklistRow]
    public let quorum: Quorum
    /// True when `viewer` may not see colleagues' scores yet: the rows then carry no scores,
    /// and the outcomes come from the automatic checks alone, so nothing leaks through them.
    public let scoresHidden: Bool

    /// The checklist as `viewer` may see it (everything when nil, unless `unnamed` says the
    /// viewer simply has not said who they are: see `Dossier.showsScores`).
    public init(dossier: Dossier, config: FundConfig, viewer: Member? = nil, unnamed: Bool = false) {
        let application = dossier.application
        let checks = AutomaticChecks.run(application, rules: config.rules)
        scoresHidden = !dossier.showsScores(to: viewer, rules: config.rules, unnamed: unnamed)
        let reviews = scoresHidden ? [] : dossier.reviews
        applicationID = application.id
        let summary = ScoreSummary(dossier: dossier, config: config, reviews: reviews)
        rows = zip(config.criteria.all, summary.aggregates).map { criterion, aggregate in
            let automatic = checks.first { $0.criterion == criterion.id }
            return ChecklistRow(criterion: criterion, automatic: automatic, aggregate: aggregate,
                                outcome: Checklist.outcome(automatic: automatic?.verdict, aggregate: aggregate, scale: config.scale))
        }
        quorum = summary.quorum
    }

    static func outcome(automatic: Verdict?, aggregate: CriterionAggregate, scale: Scale) -> Outcome {
        if automatic == .missing { return .missing }
        if let mean = aggregate.mean, mean < Double(scale.passMark) { return .fail }
        if aggregate.count == 0 && aggregate.cannotJudge > 0 { return .notJudged }
        if automatic == .warning || aggregate.disagreement { return .warning }
        if automatic == nil && aggregate.count == 0 { return .pending }
        return .pass
    }

    /// True when no criterion fails or is missing; warnings and unjudged criteria do not stop an application.
    public var passes: Bool { !rows.contains { $0.outcome == .fail || $0.outcome == .missing } }
    public var strip: String { rows.map(\.outcome.symbol).joined() }
}

/// How many complete reviews there are of those the fund needs; members with a conflict do not count.
public struct Quorum: Hashable, Sendable {
    public let complete: Int
    public let needed: Int
    /// Preparation-group members without a declared conflict: who could still review.
    public let eligible: [MemberID]

    public init(dossier: Dossier, config: FundConfig) {
        let conflicted = Set(dossier.conflicts.map(\.member))
        eligible = config.reviewers.map(\.id).filter { !conflicted.contains($0) }
        complete = dossier.reviews.filter { $0.status == .complete && !conflicted.contains($0.reviewer) }.count
        needed = config.rules.reviewsNeeded
    }

    public var isReached: Bool { complete >= needed }
}

extension Checklist {
    /// The mean of every numeric score in the complete reviews, over all criteria: the list's one number.
    public var meanScore: Double? { ScoreSummary.mean(of: rows.map(\.aggregate)) }
}

/// The preparation group's numbers for one application without the automatic checks: all
/// that the decisions list shows, at a fraction of the checklist's cost.
public struct ScoreSummary: Hashable, Sendable {
    /// One per criterion of the fund, in the fund's order.
    public let aggregates: [CriterionAggregate]
    public let quorum: Quorum

    /// `reviews` are the ones the viewer may see: all of the dossier's, or none while scores are hidden.
    public init(dossier: Dossier, config: FundConfig, reviews: [Review]? = nil) {
        let reviews = reviews ?? dossier.reviews
        aggregates = config.criteria.all.map { criterion in
            CriterionAggregate.of(criterion.id, reviews: reviews, conflicts: dossier.conflicts, rules: config.rules)
        }
        quorum = Quorum(dossier: dossier, config: config)
    }

    public var meanScore: Double? { ScoreSummary.mean(of: aggregates) }

    static func mean(of aggregates: [CriterionAggregate]) -> Double? {
        var sum = 0, count = 0
        for aggregate in aggregates {
            sum += aggregate.scores.reduce(0, +)
            count += aggregate.scores.count
        }
        return count == 0 ? nil : Double(sum) / Double(count)
    }
}
