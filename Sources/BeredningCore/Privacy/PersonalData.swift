/// Applications are about groups of children, never about one child: free text that holds a
/// personal identity or coordination number is refused before it is saved.
public enum PersonalData {
    /// The refusal for the first number found in any of `texts`, showing it masked so the writer
    /// can find it without the message repeating it in full.
    public static func refusal(in texts: [String]) -> Message? {
        for text in texts {
            if let match = PersonalIdentityNumber.find(in: text).first {
                return Message(.privacyPersonalNumber, ["number": .text(match.masked), "line": .text(String(match.line))])
            }
        }
        return nil
    }
}

/// A record people write into. `freeTexts` holds every String a person can write into it, hand
/// edits included; `PrivacyInStoreTests` walks the records by reflection so a new field cannot be left out.
public protocol FreeTextRecord {
    var freeTexts: [String] { get }
}

extension Application: FreeTextRecord {}
extension Review: FreeTextRecord {}
extension YouthComment: FreeTextRecord {}
extension ConflictDeclaration: FreeTextRecord {}
extension Decision: FreeTextRecord {}

extension Review {
    /// Everything in a review a person wrote.
    public var freeTexts: [String] { [summary] + assessments.keys.sorted().compactMap { assessments[$0]?.comment } }
}

extension Application {
    /// Everything in an application a person wrote, section by section.
    public var freeTexts: [String] {
        [title, applicant, ideaGiver, childRights, problem.description, problem.localExtent, problem.consequences, problem.costOfInaction,
         targetGroup.description, targetGroup.needsAnalysis, intervention.description, evidence.basis, evidence.learningPlan,
         earlyTiming.stage, earlyTiming.justification, measurability.evaluationPlan, measurability.economicFollowUp, longTerm.owner, longTerm.plan]
            + actors.flatMap { [$0.name, $0.organisation, $0.unit, $0.role, $0.contribution] } + intervention.activities + evidence.references
            + measurability.indicators.flatMap { [$0.name, $0.unit, $0.source] }
            + budget.contributions.flatMap { [$0.actor, $0.description] }
            + (calculation?.freeTexts ?? [])
    }
}

extension CalculationInput {
    /// The actors, effects and sources of the calculation, and the unit cost ids it names (typed by hand too).
    public var freeTexts: [String] {
        costs.map(\.actor) + effects.flatMap { effect -> [String] in
            var texts = [effect.actor, effect.description, effect.source]
            if case .unitCost(let id) = effect.value { texts.append(id) }
            return texts
        }
    }
}

extension Decision {
    /// The decision as the coordinator typed it: the body, the case number, conditions and rationale.
    public var freeTexts: [String] { [body, caseNumber, conditions, rationale, budgetOverride] }
}

extension ConflictDeclaration {
    public var freeTexts: [String] { [reason] }
}

extension YouthComment {
    public var freeTexts: [String] { [text] }
}
