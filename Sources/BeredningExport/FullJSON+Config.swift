import BeredningCore
import BeredningStore
import Foundation

/// `config` in the export: `bered.toml` as the program reads it, defaults filled in.
extension FullJSON {
    /// `bered.toml` as the program reads it, defaults filled in; the six core criteria come
    /// first in `criteria`, from the bundled texts. It holds no secret: a signing key is public.
    static func config(_ c: FundConfig) -> JSONObject {
        var o = JSONObject()
        o.set("fund", c.fund)
        var scale = JSONObject()
        scale.set("min", c.scale.min)
        scale.set("max", c.scale.max)
        scale.set("pass_mark", c.scale.passMark)
        scale.set("labels", c.scale.labels.enumerated().map { offset, label in
            var l = JSONObject()
            l.set("points", c.scale.min + offset)
            l.set("sv", label.sv)
            l.set("en", label.en)
            return l
        })
        o.set("scale", scale)
        let r = c.rules
        var rules = JSONObject()
        rules.set("min_actors", r.minActors)
        rules.set("min_municipal_actors", r.minMunicipalActors)
        rules.set("cooperation", r.cooperationAlternatives.map { a in
            var alternative = JSONObject()
            alternative.set("municipal_units", a.municipalUnits)
            alternative.set("civil_society", a.civilSociety)
            alternative.set("organisations", a.organisations)
            return alternative
        })
        rules.set("allowed_applicants", r.allowedApplicants.map(\.rawValue))
        rules.set("age_min", r.ageScope.lowerBound)
        rules.set("age_max", r.ageScope.upperBound)
        rules.set("min_length_months", r.minLengthMonths)
        rules.set("max_length_months", r.maxLengthMonths)
        rules.set("reviews_needed", r.reviewsNeeded)
        rules.set("hide_scores_until_own_review_complete", r.hideScoresUntilOwnReviewComplete)
        rules.set("disagreement_spread", r.disagreementSpread)
        rules.set("proposal_required", r.proposalRequired)
        rules.set("idea_screening", r.ideaScreener)
        o.set("rules", rules)
        o.set("criteria", c.criteria.all.map { criterion in
            var k = JSONObject()
            k.set("id", criterion.id.rawValue)
            k.set("core", criterion.id.isCore)
            k.set("name_sv", criterion.name.sv)
            k.set("name_en", criterion.name.en)
            k.set("guidance_sv", criterion.guidance.sv)
            k.set("guidance_en", criterion.guidance.en)
            return k
        })
        o.set("members", c.members.map { member in
            var m = JSONObject()
            m.set("id", member.id.rawValue)
            if member.role != .youthPanel { m.set("name", member.name) }
            m.set("role", member.role)
            m.set("signing_key", member.signingKey?.line)
            return m
        })
        let s = c.calculation
        var calculation = JSONObject()
        calculation.set("discount_rate", s.discountRate)
        calculation.set("horizon", s.horizon)
        calculation.set("bad_case_share", s.badCaseShare)
        calculation.set("mandate_years", s.mandateYears)
        calculation.set("mandate_start", s.mandateStart)
        calculation.set("price_year", s.priceYear)
        var index = JSONObject()
        for year in s.priceIndex.keys.sorted() { index.set(String(year), s.priceIndex[year]) }
        calculation.set("price_index", index)
        o.set("calculation", calculation)
        o.set("unit_costs", s.unitCosts.map { unit in
            var u = JSONObject()
            u.set("id", unit.id)
            u.set("name_sv", unit.name.sv)
            u.set("name_en", unit.name.en)
            u.set("amount", unit.amount.wholeKronor)
            u.set("source", unit.source)
            u.set("price_year", unit.priceYear)
            return u
        })
        let e = c.economy
        var economy = JSONObject()
        economy.set("model", e.model)
        economy.set("capital", e.capital)
        economy.set("max_per_year", e.caps.maxPerYear)
        economy.set("max_years", e.caps.maxYears)
        economy.set("min_own_share_percent", e.caps.minOwnSharePercent)
        economy.set("max_fund_share_percent", e.caps.maxFundSharePercent)
        economy.set("budgets", e.budgets.keys.sorted().map { year in amount(year, e.budgets[year]!) })
        o.set("economy", economy)
        var sharing = JSONObject()
        sharing.set("trusted_commit", c.trustedCommit)
        o.set("sharing", sharing)
        var memo = JSONObject()
        memo.set("name_youth_panel", c.nameYouthPanelInMemo)
        o.set("memo", memo)
        return o
    }
}
