/// The preparation group's meeting (issue 17): the applications on the agenda, each with the
/// reviewers' scores side by side, ordered by how much the group disagrees, as one member may
/// see them. Pure: the interface, `bered meeting` and the minutes show the same thing.
public struct Meeting: Hashable, Sendable {
    public struct Item: Hashable, Sendable {
        public let dossier: Dossier
        /// The reviewers whose complete reviews count, in id order: the table's columns.
        public let reviewers: [MemberID]
        /// Members with a declared conflict: they did not take part.
        public let absent: [MemberID]
        /// One row per criterion of the fund, in the fund's order.
        public let rows: [Row]
        /// "2 bifall, 1 komplettering": recommendation → how many complete reviews gave it.
        public let tally: [(Recommendation, Int)]
        /// False when the viewer may not see the scores yet (own review not complete, or a conflict).
        public let scoresShown: Bool
        /// The largest spread on any criterion: what the agenda is ordered by.
        public let disagreement: Int

        public static func == (a: Item, b: Item) -> Bool {
            a.dossier == b.dossier && a.reviewers == b.reviewers && a.rows == b.rows && a.scoresShown == b.scoresShown
                && a.tally.map(\.0) == b.tally.map(\.0) && a.tally.map(\.1) == b.tally.map(\.1)
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(dossier.application.id) }
    }

    public struct Row: Hashable, Sendable {
        public let criterion: Criterion
        /// One per reviewer column: a score, "cannot be judged", or nil (not scored).
        public let scores: [Score?]
        public let automatic: Verdict?
        public let aggregate: CriterionAggregate
        /// The mean after removing each reviewer's habitual offset on this criterion; nil without scores.
        public let calibratedMean: Double?
    }

    public let items: [Item]
    public let calibration: Calibration

    /// The agenda: `ids` when the coordinator set one, else every application in preparation
    /// whose quorum is reached; most disagreement first.
    /// `unnamed`: the viewer has not said who they are (see `Dossier.showsScores`).
    public init(dossiers: [Dossier], config: FundConfig, viewer: Member?, unnamed: Bool = false, agenda ids: [ApplicationID]? = nil) {
        let calibration = Calibration(dossiers: dossiers, config: config)
        self.calibration = calibration
        let chosen = dossiers.filter { dossier in
            if let ids { return ids.contains(dossier.application.id) }
            return dossier.application.state == .inPreparation && Quorum(dossier: dossier, config: config).isReached
        }
        items = chosen.map { Meeting.item($0, config: config, viewer: viewer, unnamed: unnamed, calibration: calibration) }
            .sorted { ($0.disagreement, $1.dossier.application.id) > ($1.disagreement, $0.dossier.application.id) }
    }

    static func item(_ dossier: Dossier, config: FundConfig, viewer: Member?, unnamed: Bool, calibration: Calibration) -> Item {
        let shown = dossier.showsScores(to: viewer, rules: config.rules, unnamed: unnamed)
        let absent = dossier.conflicts.map(\.member)
        let complete = dossier.reviews.filter { $0.status == .complete && !absent.contains($0.reviewer) }
        let reviewers = shown ? complete.map(\.reviewer) : []
        let checks = AutomaticChecks.run(dossier.application, rules: config.rules)
        let rows = config.criteria.all.map { criterion -> Row in
            let aggregate = shown ? CriterionAggregate.of(criterion.id, reviews: complete, conflicts: dossier.conflicts, rules: config.rules)
                : CriterionAggregate(criterion: criterion.id, scores: [], cannotJudge: 0, disagreementSpread: config.rules.disagreementSpread)
            let scores = shown ? complete.map { $0.score(criterion.id) } : []
            return Row(criterion: criterion, scores: scores, automatic: checks.first { $0.criterion == criterion.id }?.verdict, aggregate: aggregate,
                       calibratedMean: shown ? calibration.calibratedMean(complete, criterion: criterion.id) : nil)
        }
        let tally = shown ? Recommendation.allCases.compactMap { recommendation -> (Recommendation, Int)? in
            let count = complete.filter { $0.recommendation == recommendation }.count
            return count == 0 ? nil : (recommendation, count)
        } : []
        return Item(dossier: dossier, reviewers: reviewers, absent: absent, rows: rows, tally: tally, scoresShown: shown,
                    disagreement: rows.compactMap(\.aggregate.spread).max() ?? 0)
    }
}

/// How each reviewer scores compared with the rest of the group, per criterion: the mean of
/// (their score − the others' mean) over every application they and at least one colleague
/// scored. A positive offset is a lenient reviewer, a negative one a strict one. The calibrated
/// mean removes each reviewer's offset; it is extra information beside the raw scores, never
/// instead of them.
public struct Calibration: Hashable, Sendable {
    /// reviewer → criterion → offset in points.
    public let offsets: [MemberID: [CriterionID: Double]]
    /// reviewer → criterion → how many applications the offset rests on.
    public let counts: [MemberID: [CriterionID: Int]]

    public init(dossiers: [Dossier], config: FundConfig) {
        var sums: [MemberID: [CriterionID: Double]] = [:]
        var counts: [MemberID: [CriterionID: Int]] = [:]
        for dossier in dossiers {
            let conflicted = Set(dossier.conflicts.map(\.member))
            let complete = dossier.reviews.filter { $0.status == .complete && !conflicted.contains($0.reviewer) }
            for criterion in config.criteria.all.map(\.id) {
                let scored = complete.compactMap { review -> (MemberID, Int)? in
                    if case .points(let points)? = review.score(criterion) { return (review.reviewer, points) }
                    return nil
                }
                guard scored.count >= 2 else { continue }
                let total = scored.reduce(0) { $0 + $1.1 }
                for (reviewer, points) in scored {
                    let others = Double(total - points) / Double(scored.count - 1)
                    sums[reviewer, default: [:]][criterion, default: 0] += Double(points) - others
                    counts[reviewer, default: [:]][criterion, default: 0] += 1
                }
            }
        }
        var offsets: [MemberID: [CriterionID: Double]] = [:]
        for (reviewer, byCriterion) in sums {
            for (criterion, sum) in byCriterion { offsets[reviewer, default: [:]][criterion] = sum / Double(counts[reviewer]![criterion]!) }
        }
        self.offsets = offsets
        self.counts = counts
    }

    public func offset(_ reviewer: MemberID, _ criterion: CriterionID) -> Double { offsets[reviewer]?[criterion] ?? 0 }

    /// The mean of the complete reviews' points on `criterion`, each less its reviewer's offset.
    public func calibratedMean(_ reviews: [Review], criterion: CriterionID) -> Double? {
        let adjusted = reviews.compactMap { review -> Double? in
            if case .points(let points)? = review.score(criterion) { return Double(points) - offset(review.reviewer, criterion) }
            return nil
        }
        return adjusted.isEmpty ? nil : adjusted.reduce(0, +) / Double(adjusted.count)
    }

    /// A reviewer's offset over every criterion, weighted by how many applications each rests on.
    public func overall(_ reviewer: MemberID) -> Double? {
        guard let byCriterion = offsets[reviewer], let weights = counts[reviewer] else { return nil }
        let total = weights.values.reduce(0, +)
        guard total > 0 else { return nil }
        return byCriterion.reduce(0) { $0 + $1.value * Double(weights[$1.key] ?? 0) } / Double(total)
    }
}
