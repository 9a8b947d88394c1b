/// Which applications a preparation-group member has left to review, and in what order.
public enum ReviewQueue {
    /// States in which reviews are still being written.
    public static let reviewingStates: Set<ApplicationState> = [.received, .inPreparation, .returned]

    /// The applications `member` may review (no declared conflict).
    public static func assigned(to member: Member, in dossiers: [Dossier]) -> [Dossier] {
        guard member.role == .preparationGroup else { return [] }
        return dossiers.filter { !$0.hasConflict(member.id) }
    }

    /// "3 / 6 granskade": complete reviews by `member` of the applications assigned to them.
    public static func progress(of member: Member, in dossiers: [Dossier]) -> (done: Int, total: Int) {
        let assigned = assigned(to: member, in: dossiers)
        return (assigned.filter { $0.review(by: member.id)?.status == .complete }.count, assigned.count)
    }

    /// Whether `member` still has a review to write for this application.
    public static func isTodo(_ dossier: Dossier, for member: Member) -> Bool {
        member.role == .preparationGroup && !dossier.hasConflict(member.id)
            && reviewingStates.contains(dossier.application.state)
            && dossier.review(by: member.id)?.status != .complete
    }

    /// The application that most needs `member`'s review next: among those still to do, the one
    /// furthest from its quorum, then the oldest; `current` is skipped.
    public static func next(for member: Member, in dossiers: [Dossier], config: FundConfig, after current: ApplicationID?) -> Dossier? {
        dossiers
            .filter { $0.application.id != current && isTodo($0, for: member) }
            .min { a, b in
                let qa = Quorum(dossier: a, config: config), qb = Quorum(dossier: b, config: config)
                let missingA = qa.needed - qa.complete, missingB = qb.needed - qb.complete
                return missingA != missingB ? missingA > missingB : a.application.id < b.application.id
            }
    }
}
