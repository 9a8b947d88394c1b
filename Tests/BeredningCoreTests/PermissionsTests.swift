import BeredningCore
import Testing

@Suite("The permission table: every role × every action")
struct PermissionsTests {
    /// Written out by hand from DOMAIN.md's table, so a change to the code's table must be argued here too.
    static let expected: [Action: Set<Role>] = [
        .read: [.preparationGroup, .youthPanel, .steeringGroup, .coordinator],
        .scoreReview: [.preparationGroup],
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
        // After the decision: recording follow-ups, starting and closing an intervention.
        .followUp: [.coordinator],
        // Which of the two screens ideas is the fund's choice (IdeaScreeningTests).
        .screenIdea: [.coordinator, .steeringGroup],
    ]

    static let goesOn: Set<[String]> = [
        ["score_review", "youth_panel"], ["score_review", "steering_group"], ["score_review", "coordinator"],
        ["comment", "preparation_group"], ["comment", "steering_group"], ["comment", "coordinator"],
    ]

    @Test(arguments: Role.allCases, Action.allCases)
    func roleAndAction(role: Role, action: Action) {
        let allowed = Self.expected[action]!.contains(role)
        #expect(Permissions.allows(role, action) == allowed)
        let refusal = Permissions.check(role, action)
        if allowed {
            #expect(refusal == nil)
        } else {
            // Scoring and commenting go on with what the refused role does instead; nothing else does.
            let instead: Message.Argument = Self.goesOn.contains([action.rawValue, role.rawValue])
                ? .message(Message(rawKey: "refusal_instead.\(action.rawValue).\(role.rawValue)")) : .text("")
            #expect(refusal?.reason == Message(rawKey: "refusal.\(action.rawValue)", ["role": .message(role.label), "instead": instead]))
        }
    }

    @Test func everyActionIsInTheTable() {
        #expect(Set(Permissions.table.keys) == Set(Action.allCases))
    }

    @Test func aYouthPanelMemberWhoTriesToScoreIsToldWhy() {
        let refusal = Permissions.checkReview(by: sara, conflicts: [])
        #expect(refusal?.reason.key == "refusal.score_review")
        #expect(refusal?.reason.arguments["role"] == .message(Role.youthPanel.label))
    }

    @Test func aDeclaredConflictStopsTheReview() {
        let conflict = ConflictDeclaration(applicationID: ApplicationID("2026-003")!, member: cecilia.id, reason: "Enhetschef i sökande enhet")
        #expect(Permissions.checkReview(by: cecilia, conflicts: [conflict])?.reason.key == MessageKey.refusalConflict.rawValue)
        #expect(Permissions.checkReview(by: anna, conflicts: [conflict]) == nil)
    }
}
