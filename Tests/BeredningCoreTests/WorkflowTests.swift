import BeredningCore
import Testing

@Suite("The workflow: every move for every role")
struct WorkflowTests {
    /// Who may make each move, written out from DOMAIN.md's table of roles.
    static let movers: [Transition: Role] = [
        .startPreparation: .coordinator, .toSteeringGroup: .coordinator, .resumePreparation: .coordinator,
        .returnForCompletion: .steeringGroup, .forward: .steeringGroup,
        .approve: .coordinator, .reject: .coordinator, .sendFeedback: .coordinator,
        .start: .coordinator, .closeImplemented: .coordinator, .closeEnded: .coordinator, .closeDiscontinued: .coordinator,
        // Ideas: the coordinator by default; the steering group where the fund says so (IdeaScreeningTests).
        .inviteApplication: .coordinator, .declineIdea: .coordinator,
    ]

    static let members: [Role: Member] = [.preparationGroup: anna, .youthPanel: sara, .steeringGroup: karin, .coordinator: lars]

    /// A dossier in `state` that passes the gate out of preparation.
    func ready(in state: ApplicationState) throws -> Dossier {
        let config = try testConfig()
        var application = strongApplication()
        application.state = state
        var dossier = Dossier(application: application, reviews: [anna, bengt, cecilia].map { completeReview(by: $0, config: config) })
        dossier.proposal = Proposal(applicationID: application.id, recommendation: .approve, rationale: "Enig grupp.", agreedBy: [anna.id, bengt.id], recordedBy: anna.id)
        return dossier
    }

    @Test(arguments: Transition.allCases, Role.allCases)
    func eachMoveByEachRole(transition: Transition, role: Role) throws {
        let config = try testConfig()
        let member = Self.members[role]!
        var dossier = try ready(in: transition.from.first!)
        if transition == .approve || transition == .reject || transition == .start {
            dossier.decision = Decision(date: Day("2026-11-20")!, caseNumber: "KS 2026/88", outcome: transition == .reject ? .reject : .approve,
                                        grants: transition == .reject ? [] : [.init(year: 2027, amount: 1)], recordedBy: lars.id)
        }
        let result = Result { () throws(Workflow.Refused) -> Application in
            try Workflow.apply(transition, to: dossier, by: member, config: config, reason: "Därför.",
                               letter: transition.sendsLetter ? SentLetter(markdown: "# Besked\n", html: "<h1>Besked</h1>\n") : nil)
        }
        if Self.movers[transition] == role {
            #expect((try? result.get())?.state == transition.to)
        } else {
            guard case .failure(.notAllowed(let refusal)) = result else { Issue.record("\(role) made \(transition)"); return }
            // The steering group may screen ideas by the role table, but this fund has the coordinator do it.
            let screensElsewhere = transition.action == .screenIdea && Permissions.allows(role, .screenIdea)
            #expect(refusal.reason.key == (screensElsewhere ? MessageKey.workflowIdeasScreenedBy.rawValue : "refusal.\(transition.action.rawValue)"))
        }
    }

    @Test(arguments: Transition.allCases)
    func noMoveFromTheWrongState(transition: Transition) throws {
        let config = try testConfig()
        let mover = Self.members[Self.movers[transition]!]!
        for state in ApplicationState.allCases where !transition.from.contains(state) {
            let dossier = try ready(in: state)
            #expect(throws: Workflow.Refused.self) {
                try Workflow.apply(transition, to: dossier, by: mover, config: config, reason: "x")
            }
        }
    }

    @Test func theStatesFormTheProcess() {
        #expect(Transition.returnForCompletion.to == .returned)
        #expect(Transition.resumePreparation.from == [.returned])
        // Every state is reached by a move, but the two an application can start in: an idea, or received.
        #expect(Set(Transition.allCases.map(\.to)).union([.idea, .received]) == Set(ApplicationState.allCases))
    }

    @Test func theGateListsExactlyWhatIsMissing() throws {
        let config = try testConfig()
        var application = strongApplication()
        application.state = .inPreparation
        application.problem.consequences = ""
        var draft = completeReview(by: bengt, config: config)
        draft.status = .draft
        let dossier = Dossier(application: application, reviews: [completeReview(by: anna, config: config), draft])
        #expect(Workflow.gaps(dossier, config: config) == [.unanswered(.problem), .reviewMissing(bengt.id), .reviewMissing(cecilia.id), .proposalMissing])
        #expect(throws: Workflow.Refused.gaps([.unanswered(.problem), .reviewMissing(bengt.id), .reviewMissing(cecilia.id), .proposalMissing])) {
            try Workflow.apply(.toSteeringGroup, to: dossier, by: lars, config: config)
        }
    }

    @Test func aConflictCanLeaveTooFewReviewers() throws {
        let config = try testConfig()
        var application = strongApplication()
        application.state = .inPreparation
        let conflict = ConflictDeclaration(applicationID: application.id, member: cecilia.id, reason: "Jäv")
        let dossier = Dossier(application: application, reviews: [anna, bengt].map { completeReview(by: $0, config: config) }, conflicts: [conflict])
        #expect(Workflow.gaps(dossier, config: config) == [.tooFewReviewers(eligible: 2, needed: 3), .proposalMissing])
    }

    @Test func theProposalIsRequiredUnlessTheFundTurnsItOff() throws {
        var config = try testConfig()
        var dossier = try ready(in: .inPreparation)
        #expect(Workflow.gaps(dossier, config: config) == [])
        dossier.proposal = nil
        #expect(Workflow.gaps(dossier, config: config) == [.proposalMissing])
        config.rules.proposalRequired = false
        #expect(Workflow.gaps(dossier, config: config) == [])
    }

    @Test func aCoordinatorMayOverrideWithAReasonAndNoOneElse() throws {
        let config = try testConfig()
        var application = strongApplication()
        application.state = .inPreparation
        let dossier = Dossier(application: application)
        #expect(try Workflow.apply(.toSteeringGroup, to: dossier, by: lars, config: config, override: "Brådskande.").state == .withSteeringGroup)
        #expect(throws: Workflow.Refused.self) { try Workflow.apply(.toSteeringGroup, to: dossier, by: lars, config: config, override: "  ") }
    }

    @Test func returningForCompletionNeedsTheRequest() throws {
        let config = try testConfig()
        let dossier = try ready(in: .withSteeringGroup)
        #expect(throws: Workflow.Refused.reasonNeeded(Message(.workflowReasonNeeded, ["transition": .message(Transition.returnForCompletion.label)]))) {
            try Workflow.apply(.returnForCompletion, to: dossier, by: karin, config: config)
        }
    }

    @Test func theMovesAMemberMayMakeNow() throws {
        let dossier = try ready(in: .withSteeringGroup)
        #expect(Workflow.available(for: karin, dossier: dossier, config: try testConfig()) == [.returnForCompletion, .forward])
        #expect(Workflow.available(for: lars, dossier: dossier, config: try testConfig()) == [])
        #expect(Workflow.available(for: anna, dossier: dossier, config: try testConfig()) == [])
    }
}

@Suite("What changed since a review")
struct ApplicationDiffTests {
    @Test func onlyTheChangedFieldsInTheFormsOrder() {
        let old = strongApplication()
        var new = old
        new.problem.consequences = "Fler placeringar och ofullständiga betyg."
        new.targetGroup.size = 60
        new.state = .inPreparation
        let changes = ApplicationDiff.changes(from: old, to: new)
        #expect(changes.map(\.field) == ["problem.consequences", "target_group"])
        #expect(changes[0].old == "Ofullständiga betyg och utanförskap.")
        #expect(changes[0].new == "Fler placeringar och ofullständiga betyg.")
        #expect(changes[1].new.hasPrefix("10–12, 60:"))
        #expect(ApplicationDiff.changes(from: old, to: old).isEmpty)
    }

    @Test func aDossierDiffsAgainstTheVersionTheReviewAssessed() throws {
        let config = try testConfig()
        let old = strongApplication()
        var review = completeReview(by: anna, config: config)
        review.assessedVersion = ApplicationVersion.of(old)
        var new = old
        new.evidence.learningPlan = "Följeforskning."
        var dossier = Dossier(application: new, reviews: [review])
        #expect(dossier.changes(since: review) == nil)  // the store did not keep the old text
        dossier.earlierVersions[review.assessedVersion] = old
        #expect(dossier.changes(since: review)?.map(\.field) == ["evidence.learning_plan"])
    }
}

extension WorkflowTests {
    // MARK: After the decision

    func approved(in state: ApplicationState, outcome: Decision.Outcome = .approve) throws -> Dossier {
        var dossier = try ready(in: state)
        dossier.decision = Decision(date: Day("2026-06-16")!, caseNumber: "KS 2026/112", outcome: outcome,
                                    grants: outcome == .approve ? [.init(year: 2026, amount: 400_000)] : [], recordedBy: lars.id)
        return dossier
    }

    @Test func anApprovedInterventionStartsAfterTheFeedbackAndNeedsAReason() throws {
        let config = try testConfig()
        let dossier = try approved(in: .feedbackSent)
        #expect(throws: Workflow.Refused.reasonNeeded(Message(.workflowReasonNeeded, ["transition": .message(Transition.start.label)]))) {
            try Workflow.apply(.start, to: dossier, by: lars, config: config)
        }
        #expect(try Workflow.apply(.start, to: dossier, by: lars, config: config, reason: "Första hembesöken gjordes i augusti.").state == .running)
        // Feedback goes out on a rejection too; a rejected application never starts.
        let rejected = try approved(in: .feedbackSent, outcome: .reject)
        #expect(throws: Workflow.Refused.wrongState(Message(.workflowStartNeedsApproval))) {
            try Workflow.apply(.start, to: rejected, by: lars, config: config, reason: "x")
        }
        // Not straight from approved: the applicant hears of the decision before the money is at work.
        #expect(throws: Workflow.Refused.self) { try Workflow.apply(.start, to: try approved(in: .approved), by: lars, config: config, reason: "x") }
    }

    @Test(arguments: [(Transition.closeImplemented, ClosingOutcome.implemented), (.closeEnded, .ended), (.closeDiscontinued, .discontinued)])
    func closingStoresHowItEnded(transition: Transition, outcome: ClosingOutcome) throws {
        let config = try testConfig()
        let dossier = try approved(in: .running)
        #expect(throws: Workflow.Refused.self) { try Workflow.apply(transition, to: dossier, by: lars, config: config) }
        let closed = try Workflow.apply(transition, to: dossier, by: lars, config: config, reason: "Styrgruppen 2029-03-01.")
        #expect(closed.state == .closed)
        #expect(closed.closing == outcome)
        #expect(Workflow.available(for: lars, dossier: Dossier(application: closed), config: try testConfig()).isEmpty)
    }

    @Test func onlyTheCoordinatorStartsAndClosesAndEveryoneElseIsToldWhy() throws {
        let config = try testConfig()
        for (member, state, transition) in [(anna, ApplicationState.feedbackSent, Transition.start), (sara, .running, .closeEnded), (karin, .running, .closeDiscontinued)] {
            let dossier = try approved(in: state)
            #expect(Workflow.available(for: member, dossier: dossier, config: try testConfig()).isEmpty)
            #expect(throws: Workflow.Refused.notAllowed(Refusal(Message(rawKey: "refusal.follow_up", ["role": .message(member.role.label), "instead": .text("")])))) {
                try Workflow.apply(transition, to: dossier, by: member, config: config, reason: "x")
            }
        }
    }
}
