import Foundation

/// A score on the fund's scale, or the explicit "cannot be judged", which is never counted as 0.
public enum Score: Hashable, Sendable {
    case points(Int)
    case cannotJudge

    public var points: Int? {
        if case .points(let value) = self { return value }
        return nil
    }
}

public struct Assessment: Hashable, Sendable {
    public var score: Score?
    public var comment: String

    public init(score: Score? = nil, comment: String = "") {
        self.score = score
        self.comment = comment
    }
}

public enum Recommendation: String, CaseIterable, Hashable, Sendable, Labelled {
    case approve
    case reject
    case needsCompletion = "needs_completion"
    public static var labelPrefix: String { "recommendation" }
}

public enum ReviewStatus: String, CaseIterable, Hashable, Sendable, Labelled {
    case draft
    case complete
    public static var labelPrefix: String { "review_status" }
}

/// One preparation-group member's review of one application.
public struct Review: Hashable, Sendable {
    public var applicationID: ApplicationID
    public var reviewer: MemberID
    public var status: ReviewStatus
    public var recommendation: Recommendation?
    /// `ApplicationVersion` of the text that was assessed, to recognise a review of an earlier version.
    public var assessedVersion: String
    public var updated: Date?
    public var summary: String
    public var assessments: [CriterionID: Assessment]

    public init(applicationID: ApplicationID, reviewer: MemberID, status: ReviewStatus = .draft,
                recommendation: Recommendation? = nil, assessedVersion: String = "", updated: Date? = nil,
                summary: String = "", assessments: [CriterionID: Assessment] = [:]) {
        self.applicationID = applicationID
        self.reviewer = reviewer
        self.status = status
        self.recommendation = recommendation
        self.assessedVersion = assessedVersion
        self.updated = updated
        self.summary = summary
        self.assessments = assessments
    }

    public func score(_ criterion: CriterionID) -> Score? { assessments[criterion]?.score }
}

/// What makes a review acceptable to save, and what makes it complete.
public enum ReviewRules {
    /// Problems that stop any save, draft or complete: scores off the scale, unknown criteria.
    public static func invalidities(of review: Review, criteria: CriteriaSet, scale: Scale) -> [Message] {
        var problems: [Message] = []
        for (id, assessment) in review.assessments.sorted(by: { $0.key < $1.key }) {
            if criteria.criterion(id) == nil {
                problems.append(Message(.reviewUnknownCriterion, ["criterion": .text(id.rawValue)]))
            }
            if let points = assessment.score?.points, !scale.points.contains(points) {
                problems.append(Message(.reviewScoreOffScale, [
                    "criterion": .text(id.rawValue), "score": .text(String(points)),
                    "min": .text(String(scale.min)), "max": .text(String(scale.max)),
                ]))
            }
        }
        return problems
    }

    /// What is still missing before the review can be marked complete, criterion by criterion.
    public static func missingForCompletion(of review: Review, criteria: CriteriaSet) -> [Message] {
        var missing: [Message] = []
        for criterion in criteria.all {
            let assessment = review.assessments[criterion.id]
            if assessment?.score == nil {
                missing.append(Message(.reviewMissingScore, ["criterion": .localized(criterion.name)]))
            }
            if (assessment?.comment ?? "").isBlank {
                missing.append(Message(.reviewMissingComment, ["criterion": .localized(criterion.name)]))
            }
        }
        if review.recommendation == nil { missing.append(Message(.reviewMissingRecommendation)) }
        return missing
    }

    /// Everything that stops this review from being saved as it stands.
    public static func problemsSaving(_ review: Review, criteria: CriteriaSet, scale: Scale) -> [Message] {
        let invalid = invalidities(of: review, criteria: criteria, scale: scale)
        guard review.status == .complete else { return invalid }
        return invalid + missingForCompletion(of: review, criteria: criteria)
    }
}

extension String {
    /// Empty or only white space: an answer that says nothing.
    public var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
