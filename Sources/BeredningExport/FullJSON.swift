import BeredningCore
import BeredningStore
import Foundation

/// Everything the store holds, for other systems: the fund's settings from `bered.toml`, every
/// field of every application file (its texts, actors, indicators, budget and calculation), the
/// reviews, the youth panel's comments, conflicts of interest, the group's proposal, the steering
/// group's request, the decision, repayments, follow-ups, the letter's fingerprints and the
/// history; beside them what the program works out from them (checklist, versions, totals).
///
/// A field with no value is left out (`JSONObject`). The document's shape is
/// `Resources/schema/bered-export.schema.json`; `schema` is its major version (README, "Exports").
/// Youth-panel members are named by id only, as everywhere outside the fund's own tool: they are
/// young people, and the export leaves the coordinator's machine.
public struct FullJSON {
    /// Raised when a field is removed, renamed or changes its meaning or type; not for a new field.
    public static let schema = 2

    let snapshot: StoreSnapshot
    let store: FileStore
    let catalog: Catalog

    /// `store` is read for what the snapshot does not hold: each application's history and its letter.
    public init(_ snapshot: StoreSnapshot, store: FileStore, catalog: Catalog) {
        self.snapshot = snapshot
        self.store = store
        self.catalog = catalog
    }

    /// The whole document, as UTF-8.
    public func data() -> Data {
        var data = Data()
        write { data.append(contentsOf: $0) }
        return data
    }

    public func rendered() -> String {
        String(decoding: data(), as: UTF8.self)
    }

    /// Writes the document in pieces, one application at a time, so a large store is never held
    /// twice in memory.
    public func write(_ emit: ([UInt8]) throws -> Void) rethrows {
        let config = snapshot.config
        var top = JSONObject()
        top.set("schema", FullJSON.schema)
        top.set("fund", config.fund)
        top.set("config", FullJSON.config(config))
        top.set("budget", BudgetJSON(FundBudget(economy: config.economy, dossiers: snapshot.dossiers)).object)
        top.set("broken", snapshot.entries.filter(\.isBroken).map(\.folder))
        top.set("problems", snapshot.problems.map(problem))
        var writer = JSONWriter(reservingCapacity: 1 << 16)
        writer.writeOpen(top, indent: 0)
        writer.append(top.isEmpty ? "" : ",")
        writer.newline(1)
        writer.writeString("applications")
        writer.append(": [")
        try emit(writer.take())
        let problems = Dictionary(snapshot.entries.map { ($0.folder, $0.problems) }, uniquingKeysWith: { a, _ in a })
        for (index, dossier) in snapshot.dossiers.enumerated() {
            if index > 0 { writer.append(",") }
            writer.newline(2)
            writer.write(.object(application(dossier, problems: problems[dossier.application.id.description] ?? [])), indent: 2)
            try emit(writer.take())
        }
        if !snapshot.dossiers.isEmpty { writer.newline(1) }
        writer.append("]")
        writer.writeClose(indent: 0)
        writer.append("\n")
        try emit(writer.take())
    }

    // MARK: bered.toml

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

    // MARK: application.toml

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

    // MARK: One application and its records

    func application(_ dossier: Dossier, problems: [FileProblem]) -> JSONObject {
        let config = snapshot.config
        let a = dossier.application
        let version = ApplicationVersion.of(a)
        // What the follow-ups say of each indicator, and what the calculation comes to, beside their inputs.
        var o = FullJSON.text(a, progress: dossier.followUps.isEmpty ? [] : IndicatorProgress.of(a, followUps: dossier.followUps),
                              projection: a.calculation.map { SocioEconomicCalculation.project($0, settings: config.calculation) })
        o.set("version", version)
        let checklist = Checklist(dossier: dossier, config: config)
        o.set("passes", checklist.passes)
        o.set("checklist", checklist.rows.map(checklistRow))
        o.set("reviews", dossier.reviews.map { review($0, current: version) })
        o.set("youth_comments", dossier.comments.map { c in
            var comment = JSONObject()
            comment.set("author", c.author.rawValue)
            comment.set("time", c.time)
            comment.set("about", c.about)
            comment.set("text", c.text)
            return comment
        })
        o.set("conflicts", dossier.conflicts.map { c in
            var conflict = JSONObject()
            conflict.set("member", c.member.rawValue)
            conflict.set("declared", c.declared)
            conflict.set("reason", c.reason)
            conflict.set("recorded_by", c.recordedBy?.rawValue)
            conflict.set("unreadable", c.unreadable)
            return conflict
        })
        o.set("proposal", dossier.proposal.map(FullJSON.proposal))
        o.set("steering_request", dossier.steeringRequest.map { r in
            var request = JSONObject()
            request.set("request", r.text)
            request.set("requested_by", r.requestedBy.rawValue)
            request.set("requested", r.requested)
            return request
        })
        o.set("decision", dossier.decision.map(FullJSON.decision))
        o.set("repayments", dossier.repayments.map { RepaymentJSON($0, model: dossier.decision?.economicModel).object })
        o.set("follow_ups", dossier.followUps.map(FullJSON.followUp))
        o.set("follow_ups_open", FollowUpsDue.open(dossier).map(\.description))
        let history = store.history(of: a.id).events
        o.set("letter", letter(a.id, history: history))
        o.set("history", history.map { e in
            var event = JSONObject()
            event.set("time", e.time)
            event.set("member", e.member.rawValue)
            event.set("role", e.role)
            event.set("action", e.kind)
            event.set("details", e.details)
            return event
        })
        o.set("earlier_versions", dossier.earlierVersions.keys.sorted().map { fingerprint in
            FullJSON.text(dossier.earlierVersions[fingerprint]!, version: fingerprint)
        })
        o.set("uncounted", dossier.uncounted.map { u in
            var record = JSONObject()
            record.set("kind", u.kind)
            record.set("file", u.file)
            record.set("reason", catalog(u.reason))
            return record
        })
        o.set("problems", problems.map(problem))
        return o
    }

    func checklistRow(_ row: ChecklistRow) -> JSONObject {
        var o = JSONObject()
        o.set("criterion", row.criterion.id.rawValue)
        o.set("name", row.criterion.name.text(in: catalog.language))
        if let automatic = row.automatic {
            var verdict = JSONObject()
            verdict.set("verdict", automatic.verdict)
            verdict.set("reasons", automatic.reasons.map { catalog($0) })
            // The stable code of each reason (`check.target_group.ok`) and the rule behind it.
            verdict.set("codes", automatic.findings.map(\.code))
            verdict.set("rules", automatic.findings.map(\.rule.rawValue))
            o.set("automatic", verdict)
        }
        o.set("outcome", row.outcome)
        let s = row.aggregate
        var scores = JSONObject()
        scores.set("count", s.count)
        scores.set("cannot_judge", s.cannotJudge)
        scores.set("mean", s.mean)
        scores.set("median", s.median)
        scores.set("min", s.min)
        scores.set("max", s.max)
        scores.set("spread", s.spread)
        scores.set("disagreement", s.disagreement)
        o.set("scores", scores)
        return o
    }

    func review(_ r: Review, current version: String) -> JSONObject {
        var o = JSONObject()
        o.set("reviewer", r.reviewer.rawValue)
        o.set("status", r.status)
        o.set("recommendation", r.recommendation)
        o.set("assessed_version", r.assessedVersion)
        o.set("outdated", !r.assessedVersion.isEmpty && r.assessedVersion != version)
        o.set("updated", r.updated)
        o.set("summary", r.summary)
        o.set("scores", snapshot.config.criteria.ids.compactMap { id in
            r.assessments[id].map { assessment in
                var score = JSONObject()
                score.set("criterion", id.rawValue)
                score.set("score", assessment.score?.points)
                score.set("cannot_judge", assessment.score == .cannotJudge)
                score.set("comment", assessment.comment)
                return score
            }
        })
        return o
    }

    static func proposal(_ p: Proposal) -> JSONObject {
        var o = JSONObject()
        o.set("recommendation", p.recommendation)
        o.set("rationale", p.rationale)
        o.set("conditions", p.conditions)
        o.set("agreed_by", p.agreedBy.map(\.rawValue))
        o.set("recorded_by", p.recordedBy.rawValue)
        o.set("recorded", p.recorded)
        o.set("amounts", p.amounts.map { amount($0.year, $0.amount) })
        o.set("proposed_total", p.totalProposed)
        var notes = JSONObject()
        for id in p.notes.keys.sorted() { notes.set(id.rawValue, p.notes[id]) }
        o.set("notes", notes)
        return o
    }

    static func decision(_ d: Decision) -> JSONObject {
        var o = JSONObject()
        o.set("body", d.body)
        o.set("date", d.date)
        o.set("case_number", d.caseNumber)
        o.set("outcome", d.outcome)
        o.set("conditions", d.conditions)
        o.set("rationale", d.rationale)
        o.set("follow_ups", d.followUps.map(\.description))
        o.set("recorded_by", d.recordedBy.rawValue)
        o.set("recorded", d.recorded)
        o.set("economic_model", d.economicModel)
        o.set("budget_override", d.budgetOverride)
        o.set("grants", d.grants.map { amount($0.year, $0.amount) })
        o.set("granted_total", d.totalGranted)
        return o
    }

    static func followUp(_ f: FollowUp) -> JSONObject {
        var o = JSONObject()
        o.set("date", f.date)
        o.set("recorded_by", f.recordedBy.rawValue)
        o.set("recorded", f.recorded)
        o.set("worked", f.worked)
        o.set("did_not_work", f.didNotWork)
        o.set("measurements", f.measurements.map { m in
            var measurement = JSONObject()
            measurement.set("indicator", m.indicator)
            measurement.set("value", m.value)
            measurement.set("unit", m.unit)
            measurement.set("measured", m.measured)
            measurement.set("source", m.source)
            measurement.set("comment", m.comment)
            return measurement
        })
        o.set("realised", f.realised.map { r in
            var realised = JSONObject()
            realised.set("actor", r.actor)
            realised.set("year", r.year)
            realised.set("cost", r.cost)
            realised.set("avoided_cost", r.avoidedCost)
            return realised
        })
        return o
    }

    /// The decision letter as the history records it: when it was sent, by whom, the SHA-256 of
    /// each file, and whether the files kept in the folder are still those. The letter's text
    /// is not repeated: all it says is in the decision and the application, and the files are
    /// in the store for anyone who needs the wording.
    func letter(_ id: ApplicationID, history: [HistoryEvent]) -> JSONObject? {
        guard let sent = history.first(where: { $0.kind == .letterSent }) else { return nil }
        var o = JSONObject()
        o.set("sent", sent.time)
        o.set("sent_by", sent.member.rawValue)
        o.set("files", SentLetter.fingerprints(in: sent.details).sorted { $0.key < $1.key }.map { file, hash in
            var f = JSONObject()
            f.set("file", file)
            f.set("sha256", hash)
            return f
        })
        let status: String
        switch store.checkLetter(of: id) {
        case .intact: status = "intact"
        case .changed: status = "changed"
        case .missing: status = "missing"
        case .notSent: status = "missing"
        }
        o.set("status", status)
        return o
    }

    func problem(_ p: FileProblem) -> JSONObject {
        var o = JSONObject()
        o.set("file", p.file)
        o.set("line", p.line)
        o.set("message", catalog(p.message))
        return o
    }

    static func amount(_ year: Int, _ amount: Int) -> JSONObject {
        var o = JSONObject()
        o.set("year", year)
        o.set("amount", amount)
        return o
    }
}
