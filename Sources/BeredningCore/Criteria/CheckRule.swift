/// Each rule the automatic checks apply, with a stable id (what `check --json` and other systems
/// read), the criterion it belongs to, and where a fund sets it in `bered.toml` (nil: fixed in
/// bered). One table feeds `check --explain` and the README's list of checks.
public enum CheckRule: String, CaseIterable, Hashable, Sendable, Labelled {
    case problemDescribed = "problem.described"
    case problemExtentFigures = "problem.extent_figures"
    case problemCostOfInaction = "problem.cost_of_inaction"
    case targetAges = "target_group.ages"
    case targetSize = "target_group.size"
    case targetDescribed = "target_group.described"
    case evidenceLevel = "evidence.level"
    case evidenceBasis = "evidence.basis"
    case evidenceNamed = "evidence.named_source"
    case evidenceLearningPlan = "evidence.learning_plan"
    case earlyLevel = "early_timing.level"
    case earlyAgeScope = "early_timing.age_scope"
    case earlyStage = "early_timing.stage"
    case earlyJustification = "early_timing.justification"
    case measureIndicators = "measurability.indicators"
    case measureChange = "measurability.change"
    case measureOutcome = "measurability.outcome"
    case measureMandate = "measurability.mandate"
    case measureEvaluationPlan = "measurability.evaluation_plan"
    case measureEconomic = "measurability.economic"
    case measurePeriod = "measurability.period"
    case coopActors = "cooperation.actors"
    case coopRule = "cooperation.rule"
    case coopUnits = "cooperation.units"
    case coopRoles = "cooperation.roles"
    case coopApplicant = "cooperation.applicant"

    public static var labelPrefix: String { "rule" }

    public var criterion: CriterionID {
        switch self {
        case .problemDescribed, .problemExtentFigures, .problemCostOfInaction: return .problem
        case .targetAges, .targetSize, .targetDescribed: return .targetGroup
        case .evidenceLevel, .evidenceBasis, .evidenceNamed, .evidenceLearningPlan: return .evidence
        case .earlyLevel, .earlyAgeScope, .earlyStage, .earlyJustification: return .earlyTiming
        case .measureIndicators, .measureChange, .measureOutcome, .measureMandate, .measureEvaluationPlan, .measureEconomic, .measurePeriod:
            return .measurability
        case .coopActors, .coopRule, .coopUnits, .coopRoles, .coopApplicant: return .cooperation
        }
    }

    /// The `bered.toml` keys that set the rule, under `[rules]`; nil when it is bered's own.
    public var setting: String? {
        switch self {
        case .earlyAgeScope: return "rules.age_min, rules.age_max"
        case .measurePeriod: return "rules.min_length_months, rules.max_length_months"
        case .coopActors: return "rules.min_actors"
        case .coopRule: return "[[rules.cooperation]] (else rules.min_municipal_actors)"
        case .coopApplicant: return "rules.allowed_applicants"
        default: return nil
        }
    }
}

/// One thing the check found, and the rule that found it.
public struct Finding: Hashable, Sendable {
    public let message: Message
    public let rule: CheckRule

    public init(_ message: Message, rule: CheckRule) {
        self.message = message
        self.rule = rule
    }

    /// The stable code of what was found: the message's key, e.g. `check.target_group.ok`.
    public var code: String { message.key }
}
