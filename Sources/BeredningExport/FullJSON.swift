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
