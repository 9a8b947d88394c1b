/// Everything the store holds about one application: the text, the reviews, the youth
/// panel's comments and the declared conflicts of interest.
public struct Dossier: Hashable, Sendable {
    public var application: Application
    public var reviews: [Review]
    public var comments: [YouthComment]
    public var conflicts: [ConflictDeclaration]

    public init(application: Application, reviews: [Review] = [], comments: [YouthComment] = [], conflicts: [ConflictDeclaration] = []) {
        self.application = application
        self.reviews = reviews.sorted { $0.reviewer < $1.reviewer }
        self.comments = comments.sorted { ($0.time, $0.author) < ($1.time, $1.author) }
        self.conflicts = conflicts.sorted { $0.member < $1.member }
    }

    public func review(by member: MemberID) -> Review? { reviews.first { $0.reviewer == member } }
    public func hasConflict(_ member: MemberID) -> Bool { conflicts.contains { $0.member == member } }

    /// Reviews made of an earlier text than the one in the store now.
    public var outdatedReviews: [Review] {
        let current = ApplicationVersion.of(application)
        return reviews.filter { !$0.assessedVersion.isEmpty && $0.assessedVersion != current }
    }
}
