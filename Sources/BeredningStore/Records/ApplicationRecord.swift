import BeredningCore
import Foundation

/// `<id>/application.toml`: the application as the applicant wrote it.
enum ApplicationRecord {
    static func read(_ document: TOMLDocument, folderID: ApplicationID?, settings: CalculationSettings) -> Application? {
        document.checkSchema()
        let f = document.fields
        let idText = f.required("id")
        let id = idText.flatMap(ApplicationID.init)
        if let idText, id == nil {
            f.report(.fileBadApplicationID, at: "id", ["value": .text(idText)])
        }
        if let id, let folderID, id != folderID {
            f.report(.fileIDMismatch, at: "id", ["value": .text(id.description), "expected": .text(folderID.description)])
        }
        let title = f.required("title") ?? ""
        let state = f.choice("state", ApplicationState.self)
        if !f.keys.contains("state") { f.report(.fileMissingField, at: "state") }

        var application = Application(id: id ?? folderID ?? ApplicationID(year: 0, number: 1), title: title, state: state ?? .received)
        application.closing = f.choice("closing", ClosingOutcome.self)
        if state == .closed && application.closing == nil && !f.keys.contains("closing") {
            document.report(.fileMissingField, at: "closing", ["field": .text("closing")], fatal: false)
        }
        if let state, state != .closed, application.closing != nil {
            document.report(.fileClosingNotClosed, at: "closing", ["state": .text(state.rawValue)], fatal: false)
        }
        application.applicant = f.text("applicant")
        application.applicantKind = f.choice("applicant_kind", ActorKind.self)
        application.ideaGiver = f.text("idea_giver")
        application.received = f.day("received")
        application.reviewDeadline = f.day("review_deadline")
        application.economicModel = f.choice("economic_model", EconomicModel.self)
        application.childRights = f.text("child_rights")

        application.actors = f.tables("actors").compactMap { a in
            guard let name = a.required("name") else { return nil }
            let kind = a.choice("kind", ActorKind.self)
            if kind == nil && a.string("kind") == nil { a.report(.fileMissingField, at: "kind") }
            return Actor(name: name, kind: kind ?? .other, role: a.text("role"), contribution: a.text("contribution"),
                         organisation: a.text("organisation"), unit: a.text("unit"))
        }

        let idea = f.section("idea")
        application.idea = IdeaSketch(roughCost: idea.int("rough_cost"), months: idea.int("months"))
        for (key, value) in [("rough_cost", application.idea.roughCost), ("months", application.idea.months)] where (value ?? 0) < 0 {
            idea.report(.fileNegativeAmount, at: key)
        }

        let p = f.section("problem")
        application.problem = Problem(description: p.text("description"), localExtent: p.text("local_extent"),
                                      consequences: p.text("consequences"), costOfInaction: p.text("cost_of_inaction"))

        let t = f.section("target_group")
        application.targetGroup = TargetGroup(description: t.text("description"), ageMin: t.int("age_min"), ageMax: t.int("age_max"),
                                              size: t.int("size"), needsAnalysis: t.text("needs_analysis"))

        let i = f.section("intervention")
        application.intervention = Intervention(description: i.text("description"), start: i.day("start"), end: i.day("end"),
                                                activities: i.strings("activities"))

        let e = f.section("evidence")
        application.evidence = Evidence(level: e.choice("level", EvidenceLevel.self), basis: e.text("basis"),
                                        references: e.strings("references"), learningPlan: e.text("learning_plan"))

        let timing = f.section("early_timing")
        application.earlyTiming = EarlyTiming(level: timing.choice("level", PreventionLevel.self), stage: timing.text("stage"),
                                              justification: timing.text("justification"))

        let m = f.section("measurability")
        application.measurability = Measurability(
            indicators: m.tables("indicators").map { ind in
                Indicator(name: ind.required("name") ?? "", unit: ind.text("unit"), baseline: ind.number("baseline"),
                          target: ind.number("target"), source: ind.text("source"),
                          when: ind.strings("when").compactMap { raw in
                              if let point = MeasurePoint(rawValue: raw) { return point }
                              ind.report(.fileInvalidValue, at: "when", ["value": .text(raw), "allowed": .text(MeasurePoint.allCases.map(\.rawValue).joined(separator: ", "))])
                              return nil
                          },
                          direction: ind.choice("direction", IndicatorDirection.self), kind: ind.choice("kind", IndicatorKind.self))
            },
            evaluationPlan: m.text("evaluation_plan"), economicFollowUp: m.text("economic_follow_up"))

        let b = f.section("budget")
        application.budget = Budget(
            years: b.tables("years").compactMap { y in
                guard let year = y.int("year") ?? missing(y, "year"), let requested = y.int("requested") ?? missing(y, "requested") else { return nil }
                if requested < 0 { y.report(.fileNegativeAmount, at: "requested") }
                if requested > Money.largestKronor { y.report(.amountTooLarge, at: "requested") }
                return Budget.Year(year: year, requested: requested)
            },
            contributions: b.tables("contributions").compactMap { c in
                guard let actor = c.required("actor"), let amount = c.int("amount") ?? missing(c, "amount") else { return nil }
                if amount < 0 { c.report(.fileNegativeAmount, at: "amount") }
                if amount > Money.largestKronor { c.report(.amountTooLarge, at: "amount") }
                return Budget.Contribution(actor: actor, amount: amount, description: c.text("description"))
            })

        let l = f.section("long_term")
        application.longTerm = LongTermPlan(owner: l.text("owner"), plan: l.text("plan"))
        application.calculation = CalculationRecord.read(f, start: application.intervention.start, settings: settings)
        document.reportUnknownKeys()
        return id == nil ? nil : application
    }

    /// The file's text with its top-level `state` line set to `state`; every other line, and
    /// every line end (LF, CRLF or a mix), as written.
    static func replacingState(in text: String, with state: ApplicationState, closing: ClosingOutcome? = nil) -> String {
        var file = TextLines(text)
        let newLine = "state = \"\(state.rawValue)\""
        let index = LineIndex(text: text)
        let stateLine: Int
        if index.contains("state") {
            stateLine = index.line(of: "state")
            file.lines[stateLine - 1].content = newLine
        } else {
            // No state yet: it goes after the title (or first), before any table.
            stateLine = (index.contains("title") ? index.line(of: "title") : 0) + 1
            file.insert(newLine, at: stateLine - 1)
        }
        // How a closed intervention ended sits under its state, and only there.
        let closingLine = closing.map { "closing = \"\($0.rawValue)\"" }
        if index.contains("closing") {
            let line = index.line(of: "closing") + (index.contains("state") ? 0 : 1)
            if let closingLine { file.lines[line - 1].content = closingLine } else { file.lines.remove(at: line - 1) }
        } else if let closingLine {
            file.insert(closingLine, at: stateLine)
        }
        return file.text
    }

    /// Reports an absent required number and returns nil, for use after `??`.
    private static func missing(_ fields: Fields, _ key: String) -> Int? {
        if !fields.keys.contains(key) { fields.report(.fileMissingField, at: key) }
        return nil
    }

    static func write(_ a: Application) -> String {
        var w = TOMLWriter()
        w.field("schema", TOMLDocument.supportedSchema)
        w.field("id", a.id.description)
        w.field("title", a.title)
        w.field("state", a.state)
        w.field("closing", a.closing)
        w.field("applicant", a.applicant)
        w.field("applicant_kind", a.applicantKind)
        w.field("idea_giver", a.ideaGiver)
        w.field("received", a.received)
        w.field("review_deadline", a.reviewDeadline)
        w.field("economic_model", a.economicModel)
        w.field("child_rights", a.childRights)
        for actor in a.actors {
            w.arrayTable("actors")
            w.field("name", actor.name)
            w.field("organisation", actor.organisation)
            w.field("unit", actor.unit)
            w.field("kind", actor.kind)
            w.field("role", actor.role)
            w.field("contribution", actor.contribution)
        }
        if a.idea != IdeaSketch() {
            w.table("idea")
            w.field("rough_cost", a.idea.roughCost)
            w.field("months", a.idea.months)
        }
        w.table("problem")
        w.field("description", a.problem.description)
        w.field("local_extent", a.problem.localExtent)
        w.field("consequences", a.problem.consequences)
        w.field("cost_of_inaction", a.problem.costOfInaction)
        w.table("target_group")
        w.field("description", a.targetGroup.description)
        w.field("age_min", a.targetGroup.ageMin)
        w.field("age_max", a.targetGroup.ageMax)
        w.field("size", a.targetGroup.size)
        w.field("needs_analysis", a.targetGroup.needsAnalysis)
        w.table("intervention")
        w.field("description", a.intervention.description)
        w.field("start", a.intervention.start)
        w.field("end", a.intervention.end)
        w.field("activities", a.intervention.activities)
        w.table("evidence")
        w.field("level", a.evidence.level)
        w.field("basis", a.evidence.basis)
        w.field("references", a.evidence.references)
        w.field("learning_plan", a.evidence.learningPlan)
        w.table("early_timing")
        w.field("level", a.earlyTiming.level)
        w.field("stage", a.earlyTiming.stage)
        w.field("justification", a.earlyTiming.justification)
        w.table("measurability")
        w.field("evaluation_plan", a.measurability.evaluationPlan)
        w.field("economic_follow_up", a.measurability.economicFollowUp)
        for indicator in a.measurability.indicators {
            w.arrayTable("measurability.indicators")
            w.field("name", indicator.name)
            w.field("unit", indicator.unit)
            w.field("baseline", indicator.baseline)
            w.field("target", indicator.target)
            w.field("source", indicator.source)
            w.field("when", indicator.when.map(\.rawValue))
            w.field("direction", indicator.direction)
            w.field("kind", indicator.kind)
        }
        w.table("budget")
        for year in a.budget.years {
            w.arrayTable("budget.years")
            w.field("year", year.year)
            w.field("requested", year.requested)
        }
        for contribution in a.budget.contributions {
            w.arrayTable("budget.contributions")
            w.field("actor", contribution.actor)
            w.field("amount", contribution.amount)
            w.field("description", contribution.description)
        }
        w.table("long_term")
        w.field("owner", a.longTerm.owner)
        w.field("plan", a.longTerm.plan)
        if let calculation = a.calculation { CalculationRecord.write(calculation, into: &w) }
        return w.text
    }
}
