/// Everything the store holds about one application: the text, the reviews, the youth
/// panel's comments and the declared conflicts of interest.
public struct Dossier: Hashable, Sendable {
    public var application: Application
    public var reviews: [Review]
    public var comments: [YouthComment]
    public var conflicts: [ConflictDeclaration]
    /// The board's decision, once a coordinator has recorded it.
    public var decision: Decision?
    /// The preparation group's proposal, once agreed.
    public var proposal: Proposal?
    /// The steering group's request, from its return for completion until it next decides.
    public var steeringRequest: SteeringRequest?
    /// The repayment or return plan and what came in against it, once a coordinator has made one.
    public var repayments: RepaymentPlan?
    /// The recorded follow-ups of a running investment, oldest first.
    public var followUps: [FollowUp] = []
    /// The texts that outdated reviews assessed, by their version fingerprint, when the store kept them.
    public var earlierVersions: [String: Application] = [:]
    /// Review and comment files that the store holds but that do not count (see `Counting`).
    public var uncounted: [UncountedRecord] = []

    public init(application: Application, reviews: [Review] = [], comments: [YouthComment] = [], conflicts: [ConflictDeclaration] = [],
                decision: Decision? = nil) {
        self.application = application
        self.decision = decision
        self.reviews = reviews.sorted { $0.reviewer < $1.reviewer }
        self.comments = comments.sorted { ($0.time, $0.author) < ($1.time, $1.author) }
        self.conflicts = conflicts.sorted { $0.member < $1.member }
    }

    public func review(by member: MemberID) -> Review? { reviews.first { $0.reviewer == member } }
    public func hasConflict(_ member: MemberID) -> Bool { conflicts.contains { $0.member == member } }

    /// What changed since `review` was made, when the store kept the text it assessed.
    public func changes(since review: Review) -> [FieldChange]? {
        guard let earlier = earlierVersions[review.assessedVersion] else { return nil }
        return ApplicationDiff.changes(from: earlier, to: application)
    }

    /// Reviews made of an earlier text than the one in the store now.
    public var outdatedReviews: [Review] {
        let current = ApplicationVersion.of(application)
        return reviews.filter { !$0.assessedVersion.isEmpty && $0.assessedVersion != current }
    }
}

extension Dossier {
    /// Whether `member` may see colleagues' scores: with the fund's rule on, a preparation-group
    /// member sees them only once their own review is complete, so no one anchors on a colleague's
    /// numbers. A member with a declared conflict sees none of the group's work on it. Everyone
    /// else sees them.
    /// `unnamed`: the viewer has not said who they are (a command without `--as`). They may be a
    /// reviewer who has not finished, so with the rule on they see no scores at all.
    public func showsScores(to member: Member?, rules: FundRules, unnamed: Bool = false) -> Bool {
        if member == nil && unnamed { return !rules.hideScoresUntilOwnReviewComplete }
        if let member, hasConflict(member.id) { return false }
        guard rules.hideScoresUntilOwnReviewComplete, let member, member.role == .preparationGroup else {
            return true
        }
        return review(by: member.id)?.status == .complete
    }
}
