/// Everything a member can ask the tool to do that the roles limit.
public enum Action: String, CaseIterable, Hashable, Sendable, Labelled {
    case read
    case scoreReview = "score_review"
    case declareConflict = "declare_conflict"
    case commentAsYouthPanel = "comment"
    case returnForCompletion = "return_for_completion"
    case forwardToBoard = "forward_to_board"
    case registerApplication = "register_application"
    case editApplication = "edit_application"
    case recordDecision = "record_decision"
    case sendFeedback = "send_feedback"
    case exportDecisions = "export"
    case manageStore = "manage_store"
    /// Moving an application along the process (into and out of preparation).
    case manageProcess = "manage_process"
    /// Moving an application out of preparation although reviews or answers are missing.
    case overrideGate = "override_gate"
    /// Proposing and editing a repayment plan, recording repayments and frame cuts.
    case recordRepayment = "record_repayment"
    /// Recording a follow-up, and starting and closing an intervention.
    case followUp = "follow_up"
    /// Inviting a full application from an idea, or declining the idea (idéprövning); which
    /// of the roles allowed does it is the fund's choice (`[rules] idea_screening`).
    case screenIdea = "screen_idea"

    public static var labelPrefix: String { "action" }
}

/// A "no" with the reason in plain words, for the status line or the terminal.
public struct Refusal: Error, Hashable, Sendable {
    public let reason: Message
    public init(_ reason: Message) { self.reason = reason }
}

/// The one table every action goes through (DOMAIN.md, "Who uses the tool").
public enum Permissions {
    public static let table: [Action: Set<Role>] = [
        .read: Set(Role.allCases),
        .scoreReview: [.preparationGroup],
        // Disqualification (jäv) concerns whoever takes part in the preparation or the decision.
        .declareConflict: [.preparationGroup, .steeringGroup, .coordinator],
        .commentAsYouthPanel: [.youthPanel],
        .returnForCompletion: [.steeringGroup],
        .forwardToBoard: [.steeringGroup],
        .registerApplication: [.coordinator],
        .editApplication: [.coordinator],
        .recordDecision: [.coordinator],
        .sendFeedback: [.coordinator],
        .exportDecisions: [.coordinator],
        .manageStore: [.coordinator],
        .manageProcess: [.coordinator],
        .overrideGate: [.coordinator],
        .recordRepayment: [.coordinator],
        .followUp: [.coordinator],
        .screenIdea: [.coordinator, .steeringGroup],
    ]

    public static func allows(_ role: Role, _ action: Action) -> Bool {
        table[action, default: []].contains(role)
    }

    /// nil when allowed; otherwise why not, naming the member's role, who may instead, and
    /// where there is one, what the member's own role does instead.
    public static func check(_ role: Role, _ action: Action) -> Refusal? {
        guard !allows(role, action) else { return nil }
        let instead: Message.Argument = insteadKeys[action]?.contains(role) == true
            ? .message(Message(rawKey: insteadKey(action, role))) : .text("")
        return Refusal(Message(rawKey: "refusal." + action.rawValue, ["role": .message(role.label), "instead": instead]))
    }

    /// The refusals that go on with what the refused role can do instead: a youth-panel member
    /// asking to score hears that they comment, not that "the youth panel" does.
    public static let insteadKeys: [Action: Set<Role>] = [
        .scoreReview: [.youthPanel, .steeringGroup, .coordinator],
        .commentAsYouthPanel: [.preparationGroup, .steeringGroup, .coordinator],
    ]

    /// `refusal_instead.<action>.<role>`: the sentence, with its leading space, that follows the refusal.
    public static func insteadKey(_ action: Action, _ role: Role) -> String { "refusal_instead.\(action.rawValue).\(role.rawValue)" }

    /// A member who has declared a conflict of interest takes no part in the application's
    /// handling (kommunallagen 6 kap. 28–32 §§): no review, no move, no decision.
    public static func checkConflict(of member: Member, in dossier: Dossier) -> Refusal? {
        guard let conflict = dossier.conflicts.first(where: { $0.member == member.id }) else { return nil }
        if conflict.unreadable {
            return Refusal(Message(.countRefusalConflictUnreadable, ["application": .text(conflict.applicationID.description)]))
        }
        return Refusal(Message(.refusalConflictHandling, ["application": .text(conflict.applicationID.description), "reason": .text(conflict.reason)]))
    }

    /// Reviewing needs the role and no declared conflict of interest with the application.
    public static func checkReview(by member: Member, conflicts: [ConflictDeclaration]) -> Refusal? {
        if let refusal = check(member.role, .scoreReview) { return refusal }
        if let conflict = conflicts.first(where: { $0.member == member.id }) {
            if conflict.unreadable {
                return Refusal(Message(.countRefusalConflictUnreadable, ["application": .text(conflict.applicationID.description)]))
            }
            return Refusal(Message(.refusalConflict, ["application": .text(conflict.applicationID.description), "reason": .text(conflict.reason)]))
        }
        return nil
    }
}
