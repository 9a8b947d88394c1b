/// The preparation group's scores on one criterion, from complete reviews only.
public struct CriterionAggregate: Hashable, Sendable {
    public let criterion: CriterionID
    /// The numeric scores, sorted; "cannot be judged" is counted apart and never averaged.
    public let scores: [Int]
    public let cannotJudge: Int
    public let disagreementSpread: Int

    public init(criterion: CriterionID, scores: [Int], cannotJudge: Int, disagreementSpread: Int) {
        self.criterion = criterion
        self.scores = scores.sorted()
        self.cannotJudge = cannotJudge
        self.disagreementSpread = disagreementSpread
    }

    public var count: Int { scores.count }
    public var min: Int? { scores.first }
    public var max: Int? { scores.last }
    public var mean: Double? { scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count) }

    public var median: Double? {
        guard !scores.isEmpty else { return nil }
        let mid = scores.count / 2
        return scores.count % 2 == 1 ? Double(scores[mid]) : Double(scores[mid - 1] + scores[mid]) / 2
    }

    public var spread: Int? {
        guard let min, let max else { return nil }
        return max - min
    }

    /// Reviewers who differ by the fund's spread (2 points by default) should talk before forwarding.
    public var disagreement: Bool { (spread ?? 0) >= disagreementSpread }

    /// Aggregates the complete reviews, leaving out any reviewer with a declared conflict.
    public static func of(_ criterion: CriterionID, reviews: [Review], conflicts: [ConflictDeclaration], rules: FundRules) -> CriterionAggregate {
        let conflicted = Set(conflicts.map(\.member))
        var scores: [Int] = []
        var cannotJudge = 0
        for review in reviews where review.status == .complete && !conflicted.contains(review.reviewer) {
            switch review.score(criterion) {
            case .points(let points): scores.append(points)
            case .cannotJudge: cannotJudge += 1
            case nil: break
            }
        }
        return CriterionAggregate(criterion: criterion, scores: scores, cannotJudge: cannotJudge, disagreementSpread: rules.disagreementSpread)
    }
}
