/// An application to the social investment fund, as the applying sector wrote it.
/// Every section mirrors a part of the fund's application form; empty text means "not answered".
public struct Application: Hashable, Sendable {
    public var id: ApplicationID
    public var title: String
    public var state: ApplicationState
    /// How a closed intervention ended; nil in every other state. Like the state, not part of what is assessed.
    public var closing: ClosingOutcome?
    /// The municipal sector that applies (idea givers outside the municipality apply through one).
    public var applicant: String
    /// What kind of organisation applies: the fund's rules say which kinds may (Ale: a municipal sector).
    public var applicantKind: ActorKind?
    public var ideaGiver: String
    public var received: Day?
    /// When the preparation group's reviews are due; set by the coordinator, not part of what is assessed.
    public var reviewDeadline: Day?
    public var actors: [Actor]
    public var problem: Problem
    public var targetGroup: TargetGroup
    public var intervention: Intervention
    public var evidence: Evidence
    public var earlyTiming: EarlyTiming
    public var measurability: Measurability
    public var budget: Budget
    public var longTerm: LongTermPlan
    public var childRights: String
    public var economicModel: EconomicModel?
    /// The socio-economic calculation, when the applicant has made one.
    public var calculation: CalculationInput?
    /// An idea's rough size, before there is a budget or a calculation; kept after the
    /// invitation so the full application can be held against what the idea said.
    public var idea = IdeaSketch()

    public init(
        id: ApplicationID, title: String, state: ApplicationState = .received, applicant: String = "",
        applicantKind: ActorKind? = nil, ideaGiver: String = "", received: Day? = nil, actors: [Actor] = [], problem: Problem = .init(),
        targetGroup: TargetGroup = .init(), intervention: Intervention = .init(), evidence: Evidence = .init(),
        earlyTiming: EarlyTiming = .init(), measurability: Measurability = .init(), budget: Budget = .init(),
        longTerm: LongTermPlan = .init(), childRights: String = "", economicModel: EconomicModel? = nil,
        calculation: CalculationInput? = nil
    ) {
        self.id = id
        self.title = title
        self.state = state
        self.applicant = applicant
        self.applicantKind = applicantKind
        self.ideaGiver = ideaGiver
        self.received = received
        self.actors = actors
        self.problem = problem
        self.targetGroup = targetGroup
        self.intervention = intervention
        self.evidence = evidence
        self.earlyTiming = earlyTiming
        self.measurability = measurability
        self.budget = budget
        self.longTerm = longTerm
        self.childRights = childRights
        self.economicModel = economicModel
        self.calculation = calculation
    }
}

/// A cooperating actor: the fund requires at least two, each with a named role and contribution.
/// The fund's rules count organisational units, so an actor names its organisation ("Ale kommun")
/// and its unit ("Sektor utbildning, kultur och fritid") beside the name it goes by.
public struct Actor: Hashable, Sendable {
    public var name: String
    public var kind: ActorKind
    public var role: String
    public var contribution: String
    public var organisation: String
    public var unit: String

    public init(name: String, kind: ActorKind, role: String = "", contribution: String = "", organisation: String = "", unit: String = "") {
        self.name = name
        self.kind = kind
        self.role = role
        self.contribution = contribution
        self.organisation = organisation
        self.unit = unit
    }
}

public enum ActorKind: String, CaseIterable, Hashable, Sendable {
    case municipal, region, state, association, other
}

public struct Problem: Hashable, Sendable {
    public var description: String
    /// The local extent, expected to carry figures.
    public var localExtent: String
    /// What happens if nothing is done.
    public var consequences: String
    public var costOfInaction: String

    public init(description: String = "", localExtent: String = "", consequences: String = "", costOfInaction: String = "") {
        self.description = description
        self.localExtent = localExtent
        self.consequences = consequences
        self.costOfInaction = costOfInaction
    }
}

public struct TargetGroup: Hashable, Sendable {
    public var description: String
    public var ageMin: Int?
    public var ageMax: Int?
    /// How many children or young people the intervention reaches.
    public var size: Int?
    public var needsAnalysis: String

    public init(description: String = "", ageMin: Int? = nil, ageMax: Int? = nil, size: Int? = nil, needsAnalysis: String = "") {
        self.description = description
        self.ageMin = ageMin
        self.ageMax = ageMax
        self.size = size
        self.needsAnalysis = needsAnalysis
    }
}

/// The intervention must be bounded: a start, an end and named activities.
public struct Intervention: Hashable, Sendable {
    public var description: String
    public var start: Day?
    public var end: Day?
    public var activities: [String]

    public init(description: String = "", start: Day? = nil, end: Day? = nil, activities: [String] = []) {
        self.description = description
        self.start = start
        self.end = end
        self.activities = activities
    }
}

public enum EvidenceLevel: String, CaseIterable, Hashable, Sendable {
    case researchBased = "research_based"
    case provenPractice = "proven_practice"
    case promising
    /// A new method may be funded only with a plan to learn from trying it.
    case newMethod = "new_method"
}

public struct Evidence: Hashable, Sendable {
    public var level: EvidenceLevel?
    public var basis: String
    public var references: [String]
    public var learningPlan: String

    public init(level: EvidenceLevel? = nil, basis: String = "", references: [String] = [], learningPlan: String = "") {
        self.level = level
        self.basis = basis
        self.references = references
        self.learningPlan = learningPlan
    }
}

/// How Swedish public health grades an intervention by whom it reaches (Folkhälsomyndigheten):
/// everyone, a group at raised risk, individuals with early signs, or those already in the problem.
public enum PreventionLevel: String, CaseIterable, Hashable, Sendable, Labelled {
    case universal
    case selective
    case indicated
    case treatment

    public static var labelPrefix: String { "prevention" }
}

public struct EarlyTiming: Hashable, Sendable {
    public var level: PreventionLevel?
    /// The ages, or the stage in the course of the problem.
    public var stage: String
    public var justification: String

    public init(level: PreventionLevel? = nil, stage: String = "", justification: String = "") {
        self.level = level
        self.stage = stage
        self.justification = justification
    }
}

/// When an indicator is followed up: the seeds ask for 1 year, 4 years (the mandate period) and the long run.
public enum MeasurePoint: String, CaseIterable, Hashable, Sendable {
    case oneYear = "1_year"
    case fourYears = "4_years"
    case longTerm = "long_term"
}

/// Which way an indicator should move for the intervention to have worked.
public enum IndicatorDirection: String, CaseIterable, Hashable, Sendable {
    case raise, lower
}

/// An outcome measures a change for the target group; an output counts what was done.
public enum IndicatorKind: String, CaseIterable, Hashable, Sendable {
    case outcome, output
}

public struct Indicator: Hashable, Sendable {
    public var name: String
    public var unit: String
    public var baseline: Double?
    public var target: Double?
    public var source: String
    public var when: [MeasurePoint]
    public var direction: IndicatorDirection?
    public var kind: IndicatorKind?

    public init(name: String, unit: String = "", baseline: Double? = nil, target: Double? = nil, source: String = "", when: [MeasurePoint] = [],
                direction: IndicatorDirection? = nil, kind: IndicatorKind? = nil) {
        self.name = name
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.source = source
        self.when = when
        self.direction = direction
        self.kind = kind
    }

    /// Baseline, target and a time of measurement: what makes an indicator followable.
    public var isMeasurable: Bool { baseline != nil && target != nil && !when.isEmpty }
}

public struct Measurability: Hashable, Sendable {
    public var indicators: [Indicator]
    public var evaluationPlan: String
    /// How the economic effects are followed up (the seeds ask for social and economic effects).
    public var economicFollowUp: String

    public init(indicators: [Indicator] = [], evaluationPlan: String = "", economicFollowUp: String = "") {
        self.indicators = indicators
        self.evaluationPlan = evaluationPlan
        self.economicFollowUp = economicFollowUp
    }
}

public struct Budget: Hashable, Sendable {
    public struct Year: Hashable, Sendable {
        public var year: Int
        /// Whole kronor requested from the fund that year.
        public var requested: Int
        public init(year: Int, requested: Int) {
            self.year = year
            self.requested = requested
        }
    }

    public struct Contribution: Hashable, Sendable {
        public var actor: String
        /// Whole kronor.
        public var amount: Int
        public var description: String
        public init(actor: String, amount: Int, description: String = "") {
            self.actor = actor
            self.amount = amount
            self.description = description
        }
    }

    public var years: [Year]
    public var contributions: [Contribution]

    public init(years: [Year] = [], contributions: [Contribution] = []) {
        self.years = years
        self.contributions = contributions
    }

    public var totalRequested: Int { years.reduce(0) { $0 + $1.requested } }
    public var totalContributed: Int { contributions.reduce(0) { $0 + $1.amount } }
}

/// Who owns the work once the project ends: from project to ordinary operations.
public struct LongTermPlan: Hashable, Sendable {
    public var owner: String
    public var plan: String

    public init(owner: String = "", plan: String = "") {
        self.owner = owner
        self.plan = plan
    }
}

/// How the fund gets its money back, if at all.
public enum EconomicModel: String, CaseIterable, Hashable, Sendable {
    /// The actors that gain pay the fund back by a plan (Vingåker, Blekinge; one half of Ale's dual model).
    case repayment
    /// A grant: nothing is paid back.
    case grant
    /// Norrköping's return model: the gaining committees' budget frames are cut by the savings,
    /// and the money goes back to the fund.
    case returnModel = "return"

    /// Whether the fund expects money back, so a plan per gaining actor makes sense.
    public var paysBack: Bool { self != .grant }
}

/// What an idea says of its size: roughly what it costs in all and how long it runs.
public struct IdeaSketch: Hashable, Sendable {
    public var roughCost: Int?
    public var months: Int?
    public init(roughCost: Int? = nil, months: Int? = nil) {
        self.roughCost = roughCost
        self.months = months
    }
}
