/// The moves between states (Ale's process, seed 002): who may make each, from where to where.
public enum Transition: String, CaseIterable, Hashable, Sendable, Labelled {
    /// idea → received: the idea was screened and a full application is invited; the idea's
    /// text stays in the file and the applicant goes on writing from it.
    case inviteApplication = "invite_application"
    /// idea → declined, with reasons, sent to the idea giver in a short letter.
    case declineIdea = "decline_idea"
    /// received → in preparation: the coordinator hands it to the preparation group.
    case startPreparation = "start_preparation"
    /// in preparation → steering group, once every criterion has its reviews and answers.
    case toSteeringGroup = "to_steering_group"
    /// steering group → returned for completion (återremiss), with the steering group's request.
    case returnForCompletion = "return_for_completion"
    /// returned → in preparation again, once the applicant has completed the application.
    case resumePreparation = "resume_preparation"
    /// steering group → forwarded to the board (kommunstyrelsen).
    case forward
    /// forwarded → approved or rejected: the coordinator records the board's decision.
    case approve
    case reject
    /// approved or rejected → the idea giver has had the decision.
    case sendFeedback = "send_feedback"
    /// The approved intervention has started. Only after the feedback: the applicant has the
    /// decision, its conditions and its follow-up dates in hand before the fund's money is at work.
    case start
    /// running → closed, with how it ended; the outcome is the move, so the menu and the
    /// command line name it in one word and no closing is ever without one.
    case closeImplemented = "close_implemented"
    case closeEnded = "close_ended"
    case closeDiscontinued = "close_discontinued"

    public static var labelPrefix: String { "transition" }

    public var from: Set<ApplicationState> {
        switch self {
        case .inviteApplication, .declineIdea: return [.idea]
        case .startPreparation: return [.received]
        case .toSteeringGroup: return [.inPreparation]
        case .returnForCompletion, .forward: return [.withSteeringGroup]
        case .resumePreparation: return [.returned]
        case .approve, .reject: return [.forwarded]
        case .sendFeedback: return [.approved, .rejected]
        case .start: return [.feedbackSent]
        case .closeImplemented, .closeEnded, .closeDiscontinued: return [.running]
        }
    }

    public var to: ApplicationState {
        switch self {
        case .inviteApplication: return .received
        case .declineIdea: return .ideaDeclined
        case .startPreparation, .resumePreparation: return .inPreparation
        case .toSteeringGroup: return .withSteeringGroup
        case .returnForCompletion: return .returned
        case .forward: return .forwarded
        case .approve: return .approved
        case .reject: return .rejected
        case .sendFeedback: return .feedbackSent
        case .start: return .running
        case .closeImplemented, .closeEnded, .closeDiscontinued: return .closed
        }
    }

    /// The action of the role table this move needs.
    public var action: Action {
        switch self {
        case .inviteApplication, .declineIdea: return .screenIdea
        case .startPreparation, .toSteeringGroup, .resumePreparation: return .manageProcess
        case .returnForCompletion: return .returnForCompletion
        case .forward: return .forwardToBoard
        case .approve, .reject: return .recordDecision
        case .sendFeedback: return .sendFeedback
        case .start, .closeImplemented, .closeEnded, .closeDiscontinued: return .followUp
        }
    }

    /// How the intervention ended, for the three closing moves.
    public var closing: ClosingOutcome? {
        switch self {
        case .closeImplemented: return .implemented
        case .closeEnded: return .ended
        case .closeDiscontinued: return .discontinued
        default: return nil
        }
    }

    /// A move that must say why: the steering group's request; the start and end of an
    /// intervention, which the yearly report and the follow-ups explain from these reasons.
    public var needsReason: Bool { self == .returnForCompletion || self == .start || self == .declineIdea || closing != nil }

    /// The feedback is the decision letter, a declined idea its own short letter with the
    /// reasons: the move writes it, so it cannot be made without one.
    public var sendsLetter: Bool { self == .sendFeedback || self == .declineIdea }
}

/// What stops an application from leaving preparation: criterion by criterion and reviewer by reviewer.
public enum Gap: Hashable, Sendable {
    /// The application does not answer a criterion (its automatic check says missing).
    case unanswered(CriterionID)
    /// A reviewer who may review has not completed a review.
    case reviewMissing(MemberID)
    /// Fewer members may review than the fund needs reviews (conflicts of interest).
    case tooFewReviewers(eligible: Int, needed: Int)
    /// The group has not recorded its proposal.
    case proposalMissing

    /// In words: the criterion by its name, the member by theirs.
    public func message(_ config: FundConfig) -> Message {
        switch self {
        case .unanswered(let id):
            return Message(.gapUnanswered, ["criterion": config.criteria.criterion(id).map { .localized($0.name) } ?? .text(id.rawValue)])
        case .reviewMissing(let member):
            return Message(.gapReviewMissing, ["member": .text(config.member(member)?.name ?? member.rawValue)])
        case .tooFewReviewers(let eligible, let needed):
            return Message(.gapTooFewReviewers, ["eligible": .text(String(eligible)), "needed": .text(String(needed))])
        case .proposalMissing:
            return Message(.gapProposalMissing)
        }
    }
}

public enum Workflow {
    /// The moves `member` may make now, in the order a menu shows them.
    public static func available(for member: Member, dossier: Dossier, config: FundConfig) -> [Transition] {
        guard Permissions.checkConflict(of: member, in: dossier) == nil else { return [] }
        return Transition.allCases.filter {
            $0.from.contains(dossier.application.state) && Permissions.allows(member.role, $0.action) && screens(member, $0, config) == nil
        }
    }

    /// Ideas are screened by one role, the fund's choice (`[rules] idea_screening`): the
    /// other one the role table allows is refused, saying who screens here.
    static func screens(_ member: Member, _ transition: Transition, _ config: FundConfig) -> Refusal? {
        guard transition.action == .screenIdea, member.role != config.rules.ideaScreener else { return nil }
        return Refusal(Message(.workflowIdeasScreenedBy, ["screener": .message(config.rules.ideaScreener.label), "role": .message(member.role.label)]))
    }

    /// Why `member` has no move to make on `dossier` now, for them: their declared conflict of
    /// interest where their role could move it otherwise; else the roles that move an
    /// application in its state, or that no move leads on from there.
    public static func noMoves(for member: Member, dossier: Dossier, config: FundConfig) -> Message {
        let state = dossier.application.state
        let from = Transition.allCases.filter { $0.from.contains(state) }
        if from.contains(where: { Permissions.allows(member.role, $0.action) }), let conflict = Permissions.checkConflict(of: member, in: dossier) {
            return conflict.reason
        }
        let movers = Role.allCases.filter { role in
            from.contains { Permissions.allows(role, $0.action) && ($0.action != .screenIdea || role == config.rules.ideaScreener) }
        }
        let who = movers.isEmpty ? Message(.workflowNoMoveFrom) : Message(.workflowMovedBy, ["roles": .message(.list(movers.map { .message($0.label) }))])
        return Message(.uiNoMoves, ["state": .message(state.label), "role": .message(member.role.label), "who": .message(who)])
    }

    /// What is missing before the application may leave preparation (empty when nothing is).
    public static func gaps(_ dossier: Dossier, config: FundConfig) -> [Gap] {
        var gaps: [Gap] = []
        for check in AutomaticChecks.run(dossier.application, rules: config.rules) where check.verdict == .missing {
            gaps.append(.unanswered(check.criterion))
        }
        let quorum = Quorum(dossier: dossier, config: config)
        if !quorum.isReached {
            let missing = quorum.eligible.filter { dossier.review(by: $0)?.status != .complete }
            gaps += missing.map(Gap.reviewMissing)
            if quorum.eligible.count < quorum.needed {
                gaps.append(.tooFewReviewers(eligible: quorum.eligible.count, needed: quorum.needed))
            }
        }
        if config.rules.proposalRequired && dossier.proposal == nil { gaps.append(.proposalMissing) }
        return gaps
    }

    public enum Refused: Error, Hashable, Sendable {
        case notAllowed(Refusal)
        case wrongState(Message)
        case reasonNeeded(Message)
        /// Leaving preparation with gaps; a coordinator may override with a written reason.
        case gaps([Gap])
    }

    /// Checks a move and gives the application in its new state. `override` is the
    /// coordinator's written reason for moving past the gaps, recorded in the history;
    /// `letter` the decision letter the feedback sends.
    public static func apply(_ transition: Transition, to dossier: Dossier, by member: Member, config: FundConfig,
                             reason: String = "", override: String = "", letter: SentLetter? = nil) throws(Refused) -> Application {
        if let refusal = Permissions.check(member.role, transition.action) { throw .notAllowed(refusal) }
        if let refusal = screens(member, transition, config) { throw .notAllowed(refusal) }
        if let refusal = Permissions.checkConflict(of: member, in: dossier) { throw .notAllowed(refusal) }
        let state = dossier.application.state
        guard transition.from.contains(state) else {
            throw .wrongState(Message(.workflowWrongState, ["transition": .message(transition.label), "state": .message(state.label)]))
        }
        if transition.needsReason && reason.isBlank {
            throw .reasonNeeded(Message(.workflowReasonNeeded, ["transition": .message(transition.label)]))
        }
        if transition.sendsLetter && letter == nil { throw .reasonNeeded(Message(.letterNeeded)) }
        if transition == .approve || transition == .reject {
            guard let decision = dossier.decision, decision.outcome.transition == transition else {
                throw .reasonNeeded(Message(.decisionNeeded))
            }
        }
        // Feedback is also sent on a rejection; only an approved investment can start.
        if transition == .start && dossier.decision?.outcome != .approve {
            throw .wrongState(Message(.workflowStartNeedsApproval))
        }
        if transition == .toSteeringGroup {
            let gaps = gaps(dossier, config: config)
            if !gaps.isEmpty {
                guard !override.isBlank else { throw .gaps(gaps) }
                if let refusal = Permissions.check(member.role, .overrideGate) { throw .notAllowed(refusal) }
            }
        }
        var application = dossier.application
        application.state = transition.to
        application.closing = transition.closing
        return application
    }
}
