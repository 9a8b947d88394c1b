/// Who still has to review what, and by when (issue 17): an application in preparation may
/// carry a review deadline; every preparation-group member without a conflict whose review of
/// it is not complete is reminded, the late ones first.
public enum Reminders {
    public struct Due: Hashable, Sendable {
        public let applicationID: ApplicationID
        public let title: String
        public let deadline: Day
        public var isLate: Bool
    }

    /// Per member, what they still have to review, overdue first, then by deadline.
    public static func due(_ dossiers: [Dossier], config: FundConfig, today: Day) -> [(member: Member, due: [Due])] {
        var byMember: [MemberID: [Due]] = [:]
        for dossier in dossiers where dossier.application.state == .inPreparation {
            guard let deadline = dossier.application.reviewDeadline else { continue }
            for reviewer in config.reviewers where !dossier.hasConflict(reviewer.id) && dossier.review(by: reviewer.id)?.status != .complete {
                byMember[reviewer.id, default: []].append(Due(applicationID: dossier.application.id, title: dossier.application.title,
                                                              deadline: deadline, isLate: deadline < today))
            }
        }
        return config.reviewers.compactMap { member in
            byMember[member.id].map { (member, $0.sorted { ($0.deadline, $0.applicationID) < ($1.deadline, $1.applicationID) }) }
        }
    }

    /// Whether an application has reviews that are late: its deadline has passed and its quorum is not reached.
    public static func isLate(_ dossier: Dossier, config: FundConfig, today: Day) -> Bool {
        guard dossier.application.state == .inPreparation, let deadline = dossier.application.reviewDeadline, deadline < today else { return false }
        return !Quorum(dossier: dossier, config: config).isReached
    }
}
