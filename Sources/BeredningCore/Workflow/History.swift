import Foundation

/// One line of an application's history: who did what, when, and why. Every change is
/// appended; nothing is ever rewritten.
public struct HistoryEvent: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Hashable, Sendable, Labelled {
        case registered
        case reviewSaved = "review_saved"
        case reviewCompleted = "review_completed"
        case commentAdded = "comment_added"
        case conflictDeclared = "conflict_declared"
        case conflictWithdrawn = "conflict_withdrawn"
        case proposalRecorded = "proposal_recorded"
        case moved
        /// Moved out of preparation past what was missing, with the coordinator's reason.
        case overridden
        case edited
        case decided
        /// The decision letter went with the feedback; the details name each file's SHA-256.
        case letterSent = "letter_sent"
        case repaymentPlanned = "repayment_planned"
        case repaymentReceived = "repayment_received"
        case followUpRecorded = "follow_up_recorded"
        public static var labelPrefix: String { "history" }
    }

    public var time: Date
    public var member: MemberID
    public var role: Role
    public var kind: Kind
    public var details: String

    public init(time: Date, member: MemberID, role: Role, kind: Kind, details: String = "") {
        self.time = time
        self.member = member
        self.role = role
        self.kind = kind
        self.details = details
    }
}
