import Foundation

/// The preparation group's one proposal to the steering group (beredningens förslag), agreed
/// at its meeting after the individual reviews: what it recommends, the amounts it proposes,
/// why, and where the discussion changed the picture.
public struct Proposal: Hashable, Sendable {
    public var applicationID: ApplicationID
    public var recommendation: Recommendation
    /// Proposed whole kronor per year; empty unless approval is proposed.
    public var amounts: [Decision.Grant]
    public var conditions: String
    public var rationale: String
    /// A note per criterion where the discussion changed the picture.
    public var notes: [CriterionID: String]
    /// The preparation-group members who agreed to it.
    public var agreedBy: [MemberID]
    public var recordedBy: MemberID
    public var recorded: Date?

    public init(applicationID: ApplicationID, recommendation: Recommendation, amounts: [Decision.Grant] = [], conditions: String = "",
                rationale: String = "", notes: [CriterionID: String] = [:], agreedBy: [MemberID] = [], recordedBy: MemberID, recorded: Date? = nil) {
        self.applicationID = applicationID
        self.recommendation = recommendation
        self.amounts = amounts
        self.conditions = conditions
        self.rationale = rationale
        self.notes = notes
        self.agreedBy = agreedBy
        self.recordedBy = recordedBy
        self.recorded = recorded
    }

    public var totalProposed: Int { amounts.reduce(0) { $0 &+ $1.amount } }

    /// Why this proposal cannot be recorded for `dossier` by `member`, or nil. Who may write it,
    /// who may agree to it, and what it must say: one rule for the command line, the interface
    /// and a hand-edited file.
    public func refusal(by member: Member, in dossier: Dossier, config: FundConfig) -> Message? {
        if member.role != .preparationGroup && member.role != .coordinator {
            return Message(.proposalRole, ["role": .message(member.role.label)])
        }
        if let conflict = Permissions.checkConflict(of: member, in: dossier) { return conflict.reason }
        if rationale.allSatisfy(\.isWhitespace) { return Message(.proposalNeedsRationale) }
        if recommendation != .approve && !amounts.isEmpty { return Message(.proposalAmountsOnlyForApproval) }
        if amounts.contains(where: { $0.amount < 0 || $0.amount > Money.largestKronor }) { return Message(.amountTooLarge) }
        for id in agreedBy {
            guard let agreeing = config.member(id), agreeing.role == .preparationGroup else {
                return Message(.proposalAgreedNotInGroup, ["member": .text(id.rawValue)])
            }
            if dossier.hasConflict(id) { return Message(.proposalAgreedHasConflict, ["member": .text(id.rawValue)]) }
        }
        for id in notes.keys where config.criteria.criterion(id) == nil {
            return Message(.proposalUnknownCriterion, ["criterion": .text(id.rawValue)])
        }
        return nil
    }
}

extension Proposal: FreeTextRecord {
    public var freeTexts: [String] { [conditions, rationale] + notes.keys.sorted().compactMap { notes[$0] } }
}
