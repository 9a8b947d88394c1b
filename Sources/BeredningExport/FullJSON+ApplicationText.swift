import BeredningCore
import BeredningStore
import Foundation

/// An application's own file in the export: every field of `application.toml` under its name.
extension FullJSON {
    /// Every field of `application.toml`, under the same names; also what an earlier version held.
    /// `version`: the fingerprint of an earlier text a review assessed (`versions/<fingerprint>.toml`).
    /// `progress` (once followed up) and `projection` add what the program works out to the
    /// indicators and the calculation.
    static func text(_ a: Application, version: String? = nil, progress: [IndicatorProgress] = [], projection: Projection? = nil) -> JSONObject {
        var o = JSONObject()
        if let version { o.set("version", version) }
        o.set("id", a.id.description)
        o.set("title", a.title)
        o.set("state", a.state)
        o.set("closing", a.closing)
        o.set("applicant", a.applicant)
        o.set("applicant_kind", a.applicantKind)
        o.set("idea_giver", a.ideaGiver)
        o.set("received", a.received)
        o.set("review_deadline", a.reviewDeadline)
        o.set("economic_model", a.economicModel)
        o.set("child_rights", a.childRights)
        var idea = JSONObject()
        idea.set("rough_cost", a.idea.roughCost)
        idea.set("months", a.idea.months)
        o.set("idea", idea)
        o.set("actors", a.actors.map { actor in
            var x = JSONObject()
            x.set("name", actor.name)
            x.set("organisation", actor.organisation)
            x.set("unit", actor.unit)
            x.set("kind", actor.kind)
            x.set("role", actor.role)
            x.set("contribution", actor.contribution)
            return x
        })
        var problem = JSONObject()
        problem.set("description", a.problem.description)
        problem.set("local_extent", a.problem.localExtent)
        problem.set("consequences", a.problem.consequences)
        problem.set("cost_of_inaction", a.problem.costOfInaction)
        o.set("problem", problem)
        var target = JSONObject()
        target.set("description", a.targetGroup.description)
        target.set("age_min", a.targetGroup.ageMin)
        target.set("age_max", a.targetGroup.ageMax)
        target.set("size", a.targetGroup.size)
        target.set("needs_analysis", a.targetGroup.needsAnalysis)
        o.set("target_group", target)
        var intervention = JSONObject()
        intervention.set("description", a.intervention.description)
        intervention.set("start", a.intervention.start)
        intervention.set("end", a.intervention.end)
        intervention.set("activities", a.intervention.activities)
        o.set("intervention", intervention)
        var evidence = JSONObject()
        evidence.set("level", a.evidence.level)
        evidence.set("basis", a.evidence.basis)
        evidence.set("references", a.evidence.references)
        evidence.set("learning_plan", a.evidence.learningPlan)
        o.set("evidence", evidence)
        var timing = JSONObject()
        timing.set("level", a.earlyTiming.level)
        timing.set("stage", a.earlyTiming.stage)
        timing.set("justification", a.earlyTiming.justification)
        o.set("early_timing", timing)
        var measurability = JSONObject()
        measurability.set("evaluation_plan", a.measurability.evaluationPlan)
        measurability.set("economic_follow_up", a.measurability.economicFollowUp)
        measurability.set("indicators", progress.isEmpty ? a.measurability.indicators.map(indicator) : progress.map { p in
            var i = indicator(p.indicator)
            i.set("latest", p.latest?.value)
            i.set("status", p.status)
            return i
        })
        o.set("measurability", measurability)
        var budget = JSONObject()
        budget.set("years", a.budget.years.map { y in
            var year = JSONObject()
            year.set("year", y.year)
            year.set("requested", y.requested)
            return year
        })
        budget.set("contributions", a.budget.contributions.map { c in
            var contribution = JSONObject()
            contribution.set("actor", c.actor)
            contribution.set("amount", c.amount)
            contribution.set("description", c.description)
            return contribution
        })
        o.set("budget", budget)
        var longTerm = JSONObject()
        longTerm.set("owner", a.longTerm.owner)
        longTerm.set("plan", a.longTerm.plan)
        o.set("long_term", longTerm)
        o.set("calculation", a.calculation.map { input in
            var c = calculationInput(input)
            if let projection {
                c.set("discount_rate", projection.rate)
                c.set("net_present_value", projection.netPresentValue.rounded(scale: 2).kronor)
                c.set("break_even_year", projection.breakEven?.year)
                c.set("break_even_within_mandate", projection.breaksEvenWithinMandate)
                // The mandate period break-even is measured against ("2022–2026").
                c.set("mandate_period", projection.mandate?.name)
            }
            return c
        })
        return o
    }

    static func indicator(_ i: Indicator) -> JSONObject {
        var o = JSONObject()
        o.set("name", i.name)
        o.set("unit", i.unit)
        o.set("baseline", i.baseline)
        o.set("target", i.target)
        o.set("source", i.source)
        o.set("when", i.when.map(\.rawValue))
        o.set("direction", i.direction)
        o.set("kind", i.kind)
        return o
    }

    /// The `[calculation]` section as written: the cost lines and the effect lines.
    static func calculationInput(_ c: CalculationInput) -> JSONObject {
        var o = JSONObject()
        o.set("first_year", c.firstYear)
        o.set("costs", c.costs.map { cost in
            var line = JSONObject()
            line.set("actor", cost.actor)
            line.set("year", cost.year)
            line.set("amount", cost.amount.wholeKronor)
            return line
        })
        o.set("effects", c.effects.map { effect in
            var line = JSONObject()
            line.set("actor", effect.actor)
            line.set("description", effect.description)
            line.set("people", effect.people)
            switch effect.value {
            case .amount(let money): line.set("value_per_person", money.wholeKronor)
            case .unitCost(let id): line.set("unit_cost", id)
            }
            line.set("source", effect.source)
            line.set("from_year", effect.fromYear)
            line.set("years", effect.years)
            line.set("price_year", effect.priceYear)
            return line
        })
        return o
    }
}
