/// What changed in an application between the version a review assessed and now, field by
/// field, so a reviewer of a returned application updates the review instead of starting over.
public struct FieldChange: Hashable, Sendable {
    public let field: String
    public let old: String
    public let new: String

    /// The field's name for people (key `application_field.<field>`).
    public var label: Message { Message(rawKey: "application_field." + field) }
}

public enum ApplicationDiff {
    /// Every field a person writes, as text, in the form's order.
    public static let fields: [String] = [
        "title", "applicant", "applicant_kind", "idea_giver", "idea", "actors", "problem.description", "problem.local_extent", "problem.consequences",
        "problem.cost_of_inaction", "target_group", "target_group.needs_analysis", "intervention", "intervention.activities",
        "evidence", "evidence.references", "evidence.learning_plan", "early_timing.level", "early_timing.stage",
        "early_timing.justification", "measurability.indicators", "measurability.evaluation_plan", "measurability.economic_follow_up", "budget", "long_term", "child_rights", "economic_model", "calculation",
    ]

    static func text(_ field: String, of a: Application) -> String {
        func lines(_ items: [String]) -> String { items.joined(separator: "\n") }
        switch field {
        case "title": return a.title
        case "applicant": return a.applicant
        case "applicant_kind": return a.applicantKind?.rawValue ?? ""
        case "idea_giver": return a.ideaGiver
        case "idea":
            guard a.idea != IdeaSketch() else { return "" }
            return "rough_cost \(a.idea.roughCost.map(String.init) ?? "?"), months \(a.idea.months.map(String.init) ?? "?")"
        case "actors":
            return lines(a.actors.map { actor in
                let unit = [actor.organisation, actor.unit].filter { !$0.isEmpty }.joined(separator: ", ")
                return "\(actor.name)\(unit.isEmpty ? "" : " [\(unit)]") (\(actor.kind.rawValue)): \(actor.role) – \(actor.contribution)"
            })
        case "problem.description": return a.problem.description
        case "problem.local_extent": return a.problem.localExtent
        case "problem.consequences": return a.problem.consequences
        case "problem.cost_of_inaction": return a.problem.costOfInaction
        case "target_group":
            let ages = [a.targetGroup.ageMin, a.targetGroup.ageMax].map { $0.map(String.init) ?? "?" }.joined(separator: "–")
            return "\(ages), \(a.targetGroup.size.map(String.init) ?? "?"): \(a.targetGroup.description)"
        case "target_group.needs_analysis": return a.targetGroup.needsAnalysis
        case "intervention":
            return "\(a.intervention.start?.description ?? "?") – \(a.intervention.end?.description ?? "?"): \(a.intervention.description)"
        case "intervention.activities": return lines(a.intervention.activities)
        case "evidence": return "\(a.evidence.level?.rawValue ?? "?"): \(a.evidence.basis)"
        case "evidence.references": return lines(a.evidence.references)
        case "evidence.learning_plan": return a.evidence.learningPlan
        case "early_timing.level": return a.earlyTiming.level?.rawValue ?? ""
        case "early_timing.stage": return a.earlyTiming.stage
        case "early_timing.justification": return a.earlyTiming.justification
        case "measurability.indicators":
            return lines(a.measurability.indicators.map { i in
                let marks = [i.direction?.rawValue, i.kind?.rawValue].compactMap { $0 }.joined(separator: ", ")
                return "\(i.name): \(i.baseline.map { "\($0)" } ?? "?") → \(i.target.map { "\($0)" } ?? "?") \(i.unit) (\(i.when.map(\.rawValue).joined(separator: ", ")))"
                    + (marks.isEmpty ? "" : " [\(marks)]")
            })
        case "measurability.evaluation_plan": return a.measurability.evaluationPlan
        case "measurability.economic_follow_up": return a.measurability.economicFollowUp
        case "budget":
            return lines(a.budget.years.map { "\($0.year): \($0.requested)" } + a.budget.contributions.map { "\($0.actor): \($0.amount) \($0.description)" })
        case "long_term": return "\(a.longTerm.owner): \(a.longTerm.plan)"
        case "child_rights": return a.childRights
        case "economic_model": return a.economicModel?.rawValue ?? ""
        case "calculation":
            guard let c = a.calculation else { return "" }
            return lines(c.costs.map { "\($0.actor) \($0.year): \($0.amount.kronor)" } + c.effects.map { e in
                let value: String
                switch e.value {
                case .amount(let money): value = "\(money.kronor)"
                case .unitCost(let id): value = id
                }
                return "\(e.actor): \(e.people) × \(value) \(e.fromYear)+\(e.years)" + (e.priceYear.map { " (\($0))" } ?? "")
            })
        default: return ""
        }
    }

    /// The fields whose text differs, in the form's order.
    public static func changes(from old: Application, to new: Application) -> [FieldChange] {
        fields.compactMap { field in
            let before = text(field, of: old), after = text(field, of: new)
            return before == after ? nil : FieldChange(field: field, old: before, new: after)
        }
    }
}
