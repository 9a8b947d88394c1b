import BeredningCore
import Foundation

/// One application, top to bottom: the checklist panel, then every section of the form.
enum ApplicationView {
    /// The title line stays put with how far down the reader is at its end; the rest scrolls
    /// below it, so the figure never covers a line of the application.
    static func draw(_ state: AppState, _ screen: ApplicationScreen, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let lines = Self.lines(state, screen.applicationID, width: state.width)
        guard let title = lines.first else { return }
        let body = lines.dropFirst(), bodyHeight = max(0, height - 1)
        let first = max(0, min(screen.scroll, body.count - bodyHeight))
        var mark = ""
        if body.count > bodyHeight {
            mark = "\(min(100, (first + bodyHeight) * 100 / max(1, body.count))) %"
            buffer.put(mark, x: state.width - mark.cellWidth - 1, y: top, style: .muted)
        }
        buffer.draw(title, x: 0, y: top, width: state.width - (mark.isEmpty ? 0 : mark.cellWidth + 2))
        for (offset, line) in body.dropFirst(first).prefix(bodyHeight).enumerated() {
            buffer.draw(line, x: 0, y: top + 1 + offset, width: state.width)
        }
        // Nothing is chosen while reading: focus is the first line of the text in view, or the
        // match the search went to.
        buffer.cursor = (0, top + 1)
        let matches = TextMatch.all(screen.search, in: body)
        for (index, match) in matches.enumerated() where (first..<first + bodyHeight).contains(match.line) {
            let y = top + 1 + match.line - first
            let current = index == screen.match
            // Underlined, and the one gone to in reverse video: found without colour too.
            for x in match.column..<min(state.width, match.column + match.width) {
                buffer[x, y].style = current ? .selected : Style(color: .accent, underline: true)
            }
            if current { buffer.cursor = (min(state.width - 1, match.column), y) }
        }
    }

    /// Every line of the view at `width`, wrapped; scrolling picks a window of them.
    static func lines(_ state: AppState, _ id: ApplicationID, width: Int) -> [StyledLine] {
        guard let dossier = state.dossier(id) else { return [[(state.catalog(.uiBroken), .error)]] }
        let c = state.catalog
        let application = dossier.application
        var out: [StyledLine] = []
        func text(_ body: String, indent: Int = 2, style: Style = .plain) {
            guard !body.isBlank else {
                out.append([(String(repeating: " ", count: indent) + c(.uiNotAnswered), .muted)])
                return
            }
            for line in Wrap.lines(body, width: max(1, width - indent - 1)) {
                out.append([(String(repeating: " ", count: indent) + line, style)])
            }
        }
        func labelled(_ label: MessageKey, _ value: String) {
            let head = "  " + c(label) + ": "
            // A short answer stays on the label's line; a long one starts below it.
            if value.isBlank || (!value.contains("\n") && head.cellWidth + value.cellWidth < width) {
                out.append([(head, .title), value.isBlank ? (c(.uiNotAnswered), .muted) : (value, .plain)])
            } else {
                out.append([(head, .title)])
                text(value, indent: 4)
            }
        }
        func heading(_ title: String) {
            out.append([])
            let rule = String(repeating: "─", count: max(0, width - title.cellWidth - 5))
            out.append([("── ", .muted), (title, .accent), (" " + rule, .muted)])
        }

        out.append([(application.id.description + "  ", .title), (application.title, .title), ("  [" + c.label(application.state) + "]", .muted)])
        var facts = [c(.uiApplicant) + ": " + (application.applicant.isBlank ? "–" : application.applicant)]
        if !application.ideaGiver.isBlank { facts.append(c(.uiIdeaGiver) + ": " + application.ideaGiver) }
        if let received = application.received { facts.append(c(.uiReceived) + ": " + received.description) }
        text(facts.joined(separator: " · "), indent: 0, style: .muted)
        if let request = dossier.steeringRequest {
            text("⚠ " + c(request.message(config: state.snapshot.config)), indent: 0, style: .warning)
        }
        for review in dossier.outdatedReviews {
            out.append([("⚠ " + c(.uiOutdatedReview, ["member": .text(review.reviewer.rawValue)]), .warning)])
        }
        // The reviewer whose review is outdated sees what changed since, field by field.
        if let member = state.member, let own = dossier.outdatedReviews.first(where: { $0.reviewer == member.id }),
           let changes = dossier.changes(since: own) {
            heading(c(.uiChangesSince))
            if changes.isEmpty { text(c(.uiNoChanges), style: .muted) }
            for change in changes {
                out.append([("  " + c(change.label), .title)])
                for line in Wrap.lines(change.old.isEmpty ? "–" : change.old, width: max(1, width - 7)) { out.append([("    − " + line, .error)]) }
                for line in Wrap.lines(change.new.isEmpty ? "–" : change.new, width: max(1, width - 7)) { out.append([("    + " + line, .success)]) }
            }
        }

        // The checklist panel
        let checklist = state.checklist(for: dossier)
        heading(c(.uiChecklist))
        if checklist.scoresHidden {
            let conflicted = state.member.map { dossier.hasConflict($0.id) } ?? false
            text(c(conflicted ? .conflictHidesReviews : .checkScoresHidden), indent: 0, style: .warning)
        }
        let nameWidth = min(30, checklist.rows.map { $0.criterion.name.text(in: c.language).cellWidth }.max() ?? 0)
        // Marks in words differ in length; the names start in one column all the same.
        let markWidth = checklist.rows.map { c.mark($0.outcome).cellWidth }.max() ?? 1
        for row in checklist.rows {
            var line: StyledLine = [(c.mark(row.outcome).padded(toCells: markWidth) + " ", row.outcome.style),
                                    (row.criterion.name.text(in: c.language).truncated(toCells: nameWidth).padded(toCells: nameWidth), .title),
                                    ("  " + c.label(row.outcome).padded(toCells: 10), row.outcome.style)]
            if !checklist.scoresHidden {
                let a = row.aggregate
                if a.count > 0 {
                    line.append(("  " + c(.uiMean) + " " + c.decimal(a.mean) + " (\(a.min!)–\(a.max!))", .plain))
                }
                if a.cannotJudge > 0 { line.append(("  " + c(.uiCannotJudgeShort, ["count": .text(String(a.cannotJudge))]), .muted)) }
                if a.disagreement { line.append(("  ⚠ " + c(.uiDisagreement), .warning)) }
            }
            out.append(line)
            if !checklist.scoresHidden {
                let scores = dossier.reviews.filter { $0.status == .complete && !dossier.hasConflict($0.reviewer) }.compactMap { review -> String? in
                    guard let score = review.score(row.criterion.id) else { return nil }
                    return "\(review.reviewer) " + (score.points.map(String.init) ?? c(.scoreCannotJudge))
                }
                if !scores.isEmpty { text(scores.joined(separator: " · "), indent: 4, style: .muted) }
            }
            for reason in row.automatic?.reasons ?? [Message(.checkNotAutomatic)] {
                text(c(reason), indent: 4, style: row.automatic.map { $0.verdict.style } ?? .muted)
            }
            if row.criterion.id == .measurability {
                text(CalculationSummary.text(application, settings: state.snapshot.config.calculation, catalog: c), indent: 4, style: .muted)
            }
        }
        text(c(.checkQuorum, ["complete": .text(String(checklist.quorum.complete)), "needed": .text(String(checklist.quorum.needed)),
                             "comments": .text(String(dossier.comments.count))]), indent: 2, style: .muted)
        for conflict in dossier.conflicts {
            text(conflict.unreadable ? c(.countConflictUnreadableLine, ["member": .text(conflict.member.rawValue)])
                : c(.checkConflictLine, ["member": .text(conflict.member.rawValue), "reason": .text(conflict.reason)]), indent: 2, style: .warning)
        }
        if !dossier.uncounted.isEmpty {
            text("⚠ " + c(.countUncountedLine, ["count": .text(String(dossier.uncounted.count))]), indent: 2, style: .warning)
        }

        // The application, section by section, in the form's order
        let criteria = state.snapshot.config.criteria
        func criterionName(_ id: CriterionID) -> String { criteria.criterion(id)?.name.text(in: c.language) ?? id.rawValue }
        heading(c(.uiActors))
        if application.actors.isEmpty { text("") }
        for actor in application.actors {
            out.append([("  • ", .plain), (actor.name, .title), (" (" + c.label(actor.kind) + ")", .muted)])
            let unit = [actor.organisation, actor.unit].filter { !$0.isBlank }.joined(separator: ", ")
            if !unit.isEmpty { labelled(.uiOrganisationUnit, unit) }
            labelled(.uiRole, actor.role)
            if !actor.contribution.isBlank { labelled(.uiContribution, actor.contribution) }
        }
        heading(criterionName(.problem))
        text(application.problem.description)
        labelled(.uiLocalExtent, application.problem.localExtent)
        labelled(.uiConsequences, application.problem.consequences)
        labelled(.uiCostOfInaction, application.problem.costOfInaction)
        heading(criterionName(.targetGroup))
        let group = application.targetGroup
        let ages = group.ageMin.flatMap { min in group.ageMax.map { "\(min)–\($0)" } } ?? "–"
        text(c(.uiAgesAndSize, ["ages": .text(ages), "size": .text(group.size.map(String.init) ?? "–")]), style: .title)
        text(group.description)
        labelled(.uiNeedsAnalysis, group.needsAnalysis)
        heading(c(.uiIntervention))
        let period = [application.intervention.start, application.intervention.end].map { $0?.description ?? "?" }.joined(separator: " – ")
        text(period, style: .title)
        text(application.intervention.description)
        for activity in application.intervention.activities { text("• " + activity, indent: 4) }
        heading(criterionName(.evidence))
        text(application.evidence.level.map { c.label($0) } ?? c(.uiNotAnswered), style: .title)
        text(application.evidence.basis)
        for reference in application.evidence.references { text("– " + reference, indent: 4, style: .muted) }
        if !application.evidence.learningPlan.isBlank { labelled(.uiLearningPlan, application.evidence.learningPlan) }
        heading(criterionName(.earlyTiming))
        text(application.earlyTiming.level.map { c.label($0) } ?? c(.uiNotAnswered), style: .title)
        text(application.earlyTiming.stage)
        labelled(.uiWhyEarly, application.earlyTiming.justification)
        heading(criterionName(.measurability))
        for indicator in application.measurability.indicators {
            let values = "\(indicator.baseline.map { c.decimal($0) } ?? "?") → \(indicator.target.map { c.decimal($0) } ?? "?") \(indicator.unit)"
            out.append([("  • ", .plain), (indicator.name, .title)])
            let marks = [indicator.direction.map { c(Message(rawKey: "ui.direction." + $0.rawValue)) },
                         indicator.kind.map { c(Message(rawKey: "ui.indicator_kind." + $0.rawValue)) }].compactMap { $0 }
            text(values + "  (" + (indicator.when.map { c.label($0) } + marks).joined(separator: ", ") + ")", indent: 4)
            if !indicator.source.isBlank { text(indicator.source, indent: 4, style: .muted) }
        }
        labelled(.uiEvaluationPlan, application.measurability.evaluationPlan)
        labelled(.uiEconomicFollowUp, application.measurability.economicFollowUp)
        heading(c(.uiBudget))
        for year in application.budget.years { text("\(year.year): " + c.kronor(Money(year.requested)) + " kr", indent: 2) }
        for contribution in application.budget.contributions {
            text(contribution.actor + ": " + c.kronor(Money(contribution.amount)) + " kr" + (contribution.description.isBlank ? "" : " – " + contribution.description), indent: 2, style: .muted)
        }
        if let model = application.economicModel { text(c.label(model), indent: 2, style: .muted) }
        heading(c(.uiLongTerm))
        labelled(.uiOwner, application.longTerm.owner)
        text(application.longTerm.plan)
        heading(c(.uiChildRights))
        text(application.childRights)

        heading(c(.uiYouthComments))
        if dossier.comments.isEmpty { text(c(.uiNoComments), style: .muted) }
        for comment in dossier.comments {
            let author = state.snapshot.config.member(comment.author)?.name ?? comment.author.rawValue
            out.append([("  " + author, .title), ("  " + WallTime(comment.time, offsetMinutes: state.utcOffsetMinutes).day.description + " · " + c.label(comment.about), .muted)])
            text(comment.text, indent: 4)
        }
        if !checklist.scoresHidden && !dossier.reviews.isEmpty {
            heading(c(.uiReviews))
            for review in dossier.reviews {
                let name = state.snapshot.config.member(review.reviewer)?.name ?? review.reviewer.rawValue
                var line: StyledLine = [("  " + name, .title), ("  " + c.label(review.status), .muted)]
                if let recommendation = review.recommendation { line.append(("  → " + c.label(recommendation), .plain)) }
                out.append(line)
                if !review.summary.isBlank { text(review.summary, indent: 4) }
            }
        }
        return out
    }
}
