import BeredningCore
import BeredningStore
import BeredningTerminal
import BeredningTUI
import Foundation

/// `bered --plain`: the interface for a screen reader as lines of text and numbered choices
/// read from standard input, one answer a line. The member reads the list and any application,
/// and does their role's jobs on it: scores a review, comments, moves it. Every rule and refusal
/// is the one the full-screen interface meets: the role table, the review rules, the workflow
/// and the store's own checks when it writes.
struct PlainSession {
    var state: AppState
    let catalog: Catalog
    let store: FileStore
    /// The store read again after a write, so the next screen shows what was saved.
    let reload: () -> StoreSnapshot?

    /// The end of standard input: the session ends as `q` would, nothing half-typed is saved.
    struct EndOfInput: Error {}

    /// Reads answers until `q` or the end of input; returns the exit status.
    mutating func run() -> Int32 {
        do {
            if state.member == nil {
                let member = try chooseMember()
                state = AppState(snapshot: state.snapshot, member: member, catalog: catalog, width: state.width, height: state.height)
            }
            while true {
                say(PlainText.list(state))
                let answer = try ask([catalog(.plainListPrompt)])
                switch answer.lowercased() {
                case "q": return ExitStatus.ok
                case "h", "?": say([catalog(.plainHelp)] + PlainText.refusals(state, nil))
                case "e": try export(memoFor: nil)
                default:
                    guard let index = Int(answer), let row = state.listRows[safe: index - 1], let id = ApplicationID(row.id) else {
                        notAChoice(answer, count: state.listRows.count)
                        continue
                    }
                    say(PlainText.application(state, id))
                    guard try act(on: id) else { return ExitStatus.ok }
                }
            }
        } catch {
            return ExitStatus.ok
        }
    }

    /// The member list until a number on it is given.
    private func chooseMember() throws -> Member {
        let members = state.snapshot.config.members
        while true {
            say(PlainText.members(state))
            let answer = try ask([])
            if let index = Int(answer), members.indices.contains(index - 1) { return members[index - 1] }
            notAChoice(answer, count: members.count)
        }
    }

    // MARK: What to do with an application

    /// Asks what to do with the application just read and does it; false when the member quits.
    private mutating func act(on id: ApplicationID) throws -> Bool {
        let prompt = catalog(.plainApplicationPrompt, ["id": .text(id.description)])
        while true {
            guard let dossier = state.dossier(id), let member = state.member else { return true }
            let answer = try ask([prompt])
            switch answer.lowercased() {
            case "": return true
            case "q": return false
            case "h", "?": help([prompt], dossier)
            case "1": try score(dossier, by: member); return true
            case "2": try comment(dossier, by: member); return true
            case "3": try move(dossier, by: member); return true
            case "4": try decide(dossier, by: member); return true
            case "5": try export(memoFor: dossier.application.id); return true
            default: notAChoice(answer, count: 5)
            }
        }
    }

    /// The whole review: per criterion its guidance, the score and a comment; then the
    /// recommendation and the summary; saved as a draft or complete as the review rules allow.
    private mutating func score(_ dossier: Dossier, by member: Member) throws {
        if let refusal = Permissions.checkReview(by: member, conflicts: dossier.conflicts) { return say([catalog(refusal.reason)]) }
        let config = state.snapshot.config
        let scale = config.scale
        var review = dossier.review(by: member.id) ?? Review(applicationID: dossier.application.id, reviewer: member.id)
        let criteria = config.criteria.all
        for (index, criterion) in criteria.enumerated() {
            var assessment = review.assessments[criterion.id] ?? Assessment()
            say([catalog(.plainCriterion, ["index": .text(String(index + 1)), "count": .text(String(criteria.count)), "name": .localized(criterion.name)]),
                 catalog(.plainGuidance, ["text": .localized(criterion.guidance)]),
                 catalog(.plainCurrent, ["score": .text(scoreText(assessment.score)), "comment": .text(orNothing(assessment.comment))])])
            assessment.score = try askScore(keeping: assessment.score, scale: scale, dossier)
            let comment = try ask([catalog(.plainCommentPrompt)])
            if !comment.isEmpty { assessment.comment = comment }
            review.assessments[criterion.id] = assessment.score == nil && assessment.comment.isEmpty ? nil : assessment
        }
        let current = review.recommendation.map { catalog.label($0) } ?? catalog(.plainNothing)
        if let recommendation = try choose(Recommendation.allCases, catalog(.plainRecommendationPrompt, ["current": .text(current)]), dossier) {
            review.recommendation = recommendation
        }
        let summary = try ask([catalog(.plainSummaryPrompt, ["current": .text(orNothing(review.summary))])])
        if !summary.isEmpty { review.summary = summary }
        try save(review, in: dossier, by: member)
    }

    /// Asks until the review is saved as a draft or complete, or thrown away.
    private mutating func save(_ review: Review, in dossier: Dossier, by member: Member) throws {
        let config = state.snapshot.config
        let prompt = catalog(.plainSavePrompt)
        while true {
            let answer = try ask([prompt])
            let status: ReviewStatus
            switch answer {
            case "1": status = .draft
            case "2": status = .complete
            case "0": return say([catalog(.tuiConfirmCancelled)])
            case "h", "?": help([prompt], dossier); continue
            default: notAChoice(answer, count: 2); continue
            }
            var candidate = review
            candidate.status = status
            // Every problem at once, which a listener cannot glance back at on a screen.
            let problems = ReviewRules.problemsSaving(candidate, criteria: config.criteria, scale: config.scale)
            guard problems.isEmpty else {
                say([catalog(.plainNotSaved)] + problems.map { "- " + catalog($0) })
                continue
            }
            do {
                try store.save(candidate, by: member, in: dossier, config: config, now: Date())
                say([catalog(status == .complete ? .uiSavedComplete : .uiSavedDraft)])
                refresh()
            } catch {
                try refused(error)
            }
            return
        }
    }

    /// A youth-panel comment: its topic by number, its text on one line.
    private mutating func comment(_ dossier: Dossier, by member: Member) throws {
        if let refusal = Permissions.check(member.role, .commentAsYouthPanel) { return say([catalog(refusal.reason)]) }
        guard let topic = try choose(CommentTopic.allCases, catalog(.plainTopicPrompt), dossier) else { return say([catalog(.tuiConfirmCancelled)]) }
        let text = try ask([catalog(.plainCommentTextPrompt)])
        guard !text.isBlank else { return say([catalog(.tuiConfirmCancelled)]) }
        do {
            try store.save(YouthComment(applicationID: dossier.application.id, author: member.id, time: Date(), about: topic, text: text), by: member)
            say([catalog(.uiSavedComment)])
            refresh()
        } catch {
            try refused(error)
        }
    }

    /// A move the member's role may make now: the letter in full before feedback is sent, the
    /// reason where the move needs one, and a yes typed out, since no member can take their own move back.
    private mutating func move(_ dossier: Dossier, by member: Member) throws {
        let config = state.snapshot.config
        let options = Workflow.available(for: member, dossier: dossier, config: config)
        guard !options.isEmpty else {
            return say([catalog(Workflow.noMoves(for: member, dossier: dossier, config: config))])
        }
        guard let transition = try choose(options, catalog(.plainMovesPrompt), dossier) else { return say([catalog(.tuiConfirmCancelled)]) }
        var letter: SentLetter?
        if transition.sendsLetter && !transition.needsReason {
            guard let document = MoveLetter.document(transition, dossier, reason: "", config: config, sender: member, date: .today(), catalog: catalog) else {
                return say([catalog(.letterNoDecision, ["id": .text(dossier.application.id.description)])])
            }
            say([catalog(.plainLetterHeading), ""] + document.plainLines)
            letter = SentLetter(document)
        }
        let gaps = transition == .toSteeringGroup ? Workflow.gaps(dossier, config: config) : []
        var reason = "", override = ""
        if transition.needsReason || !gaps.isEmpty {
            if !gaps.isEmpty, let refusal = Permissions.check(member.role, .overrideGate) { return say([catalog(refusal.reason)]) }
            if !gaps.isEmpty { say([catalog(.workflowGapsIntro)] + gaps.map { "- " + catalog($0.message(config)) }) }
            let text = try ask([catalog(.plainReasonPrompt)])
            guard !text.isBlank else { return say([catalog(.tuiConfirmCancelled)]) }
            if gaps.isEmpty { reason = text } else { override = text }
        }
        // A letter written from the reasons (a declined idea's) is read after them.
        if transition.sendsLetter && transition.needsReason,
           let document = MoveLetter.document(transition, dossier, reason: reason, config: config, sender: member, date: .today(), catalog: catalog) {
            say([catalog(.plainLetterHeading), ""] + document.plainLines)
            letter = SentLetter(document)
        }
        say(PlainText.confirmation(state, dossier, transition))
        let yes = try ask([catalog(.plainConfirmPrompt)]).lowercased()
        guard yes == "j" || yes == "y" else { return say([catalog(.tuiConfirmCancelled)]) }
        do {
            let moved = try store.move(dossier, transition, by: member, config: config, reason: reason, override: override, letter: letter, now: Date())
            var lines = [catalog(.workflowMoved, ["id": .text(moved.id.description), "state": .message(moved.state.label)])]
            if let letter {
                lines.append(catalog(.letterSaved, ["markdown": .text("\(moved.id)/\(FileStore.letterFile)"), "html": .text("\(moved.id)/\(FileStore.letterPageFile)"),
                                                    "fingerprint": .text(SHA256.hex(letter.markdown))]))
            }
            say(lines)
            refresh()
        } catch {
            try refused(error)
        }
    }

    /// The board's decision as the coordinator records it: the outcome, the date, the case
    /// number, the body, the amounts per year, conditions and rationale, one line each; the
    /// budget's problems with the question why the decision stands anyway; then a typed yes.
    private mutating func decide(_ dossier: Dossier, by member: Member) throws {
        let config = state.snapshot.config
        if let refusal = Permissions.check(member.role, .recordDecision) { return say([catalog(refusal.reason)]) }
        if let refusal = Permissions.checkConflict(of: member, in: dossier) { return say([catalog(refusal.reason)]) }
        guard dossier.application.state == .forwarded else {
            return say([catalog(.workflowWrongState, ["transition": .message(Transition.approve.label), "state": .message(dossier.application.state.label)])])
        }
        guard let outcome = try choose(Decision.Outcome.allCases, catalog(.plainOutcomePrompt), dossier) else { return say([catalog(.tuiConfirmCancelled)]) }
        let today = Day.today()
        var date = today
        while true {
            let answer = try ask([catalog(.plainDecisionDatePrompt, ["today": .text(today.description)])])
            if answer.isEmpty { break }
            if let day = Day(answer) { date = day; break }
            say([catalog(.uiBadDate, ["value": .text(answer)])])
        }
        var caseNumber = ""
        while caseNumber.isBlank {
            caseNumber = try ask([catalog(.plainCaseNumberPrompt)])
            if caseNumber.isBlank { say([catalog(.decisionNoCaseNumber)]) }
        }
        let bodyAnswer = try ask([catalog(.plainBodyPrompt, ["body": .text(Decision.defaultBody)])])
        var grants: [Decision.Grant] = []
        if outcome == .approve {
            let requested = Decision.Grant.typed(dossier.application.budget.years.map { ($0.year, $0.requested) })
            while true {
                let answer = try ask([catalog(.plainGrantsPrompt, ["grants": .text(requested.isEmpty ? catalog(.plainNothing) : requested)])])
                switch Decision.Grant.parse(answer.isEmpty ? requested : answer) {
                case .success(let parsed): grants = parsed
                case .failure(let refusal): say([catalog(refusal.reason)]); continue
                }
                break
            }
        }
        let conditions = try ask([catalog(.plainConditionsPrompt)])
        let rationale = try ask([catalog(.plainRationalePrompt)])
        var decision = Decision(body: bodyAnswer.isBlank ? Decision.defaultBody : bodyAnswer, date: date, caseNumber: caseNumber, outcome: outcome,
                                grants: grants, conditions: conditions, rationale: rationale, recordedBy: member.id)
        guard decision.problems.isEmpty else { return say([catalog(.plainNotSaved)] + decision.problems.map { "- " + catalog($0) }) }
        // The budget as the store will check it: every problem read out, and the reason asked for.
        let budget = BudgetCheck.problems(decision, application: dossier.application, economy: config.economy, settings: config.calculation,
                                          others: state.snapshot.dossiers)
        if !budget.isEmpty {
            say([catalog(.plainBudgetProblems)] + budget.map { "- " + catalog($0) })
            let reason = try ask([catalog(.plainBudgetOverridePrompt)])
            guard !reason.isBlank else { return say([catalog(.tuiConfirmCancelled)]) }
            decision.budgetOverride = reason
        }
        say(PlainText.confirmation(state, dossier, outcome.transition, decision: outcome))
        let yes = try ask([catalog(.plainConfirmPrompt)]).lowercased()
        guard yes == "j" || yes == "y" else { return say([catalog(.tuiConfirmCancelled)]) }
        do {
            _ = try store.record(decision, for: dossier, by: member, config: config, now: Date())
            say([catalog(.decisionRecorded, ["id": .text(dossier.application.id.description), "outcome": .message(outcome.label)])])
            refresh()
        } catch {
            try refused(error)
        }
    }

    /// An export into the store's `exports` folder, chosen by number from the interface's own
    /// menu: the decisions list and everything from the list, the decision memo too from an application.
    private mutating func export(memoFor id: ApplicationID?) throws {
        let options: [ExportKind]
        switch state.exportOptions(memoFor: id) {
        case .success(let allowed): options = allowed
        case .failure(let refusal): return say([catalog(refusal.reason)])
        }
        let lines = options.enumerated().map { "\($0.offset + 1). " + $0.element.text(catalog) } + [catalog(.plainExportPrompt)]
        while true {
            let answer = try ask(lines)
            switch answer.lowercased() {
            case "", "q": return say([catalog(.tuiConfirmCancelled)])
            case "h", "?": say([catalog(.plainHelpChoices)] + lines)
            default:
                guard let index = Int(answer), options.indices.contains(index - 1) else {
                    notAChoice(answer, count: options.count)
                    continue
                }
                do {
                    let url = try ExportFile.write(options[index - 1], snapshot: state.snapshot, store: store, catalog: catalog, now: Date())
                    say([catalog(.exportDone, ["path": .text(url.path)])])
                } catch {
                    try refused(error)
                }
                return
            }
        }
    }

    /// A refused write read out; one refused because a colleague changed the file first comes
    /// with the offer to read the store again.
    private mutating func refused(_ error: StoreError) throws {
        say(error.lines(catalog))
        guard error.isStale else { return }
        let yes = try ask([catalog(.plainReloadPrompt)]).lowercased()
        if yes == "j" || yes == "y" || yes.isEmpty {
            refresh()
            say([catalog(.plainReloaded)])
        }
    }

    // MARK: Asking

    /// One of `options` by its number; nil on an empty line (keep, or cancel), or q.
    private func choose<Option: Labelled>(_ options: [Option], _ prompt: String, _ dossier: Dossier) throws -> Option? {
        let lines = options.enumerated().map { "\($0.offset + 1). " + catalog.label($0.element) } + [prompt]
        while true {
            let answer = try ask(lines)
            switch answer.lowercased() {
            case "", "q": return nil
            case "h", "?": help(lines, dossier)
            default:
                if let index = Int(answer), options.indices.contains(index - 1) { return options[index - 1] }
                notAChoice(answer, count: options.count)
            }
        }
    }

    /// A score on the fund's scale, x for cannot judge, or an empty line for the one there is.
    private func askScore(keeping current: Score?, scale: Scale, _ dossier: Dossier) throws -> Score? {
        let prompt = catalog(.plainScorePrompt, ["min": .text(String(scale.min)), "max": .text(String(scale.max))])
        while true {
            let answer = try ask([prompt])
            switch answer.lowercased() {
            case "": return current
            case "x": return .cannotJudge
            case "h", "?": help([prompt], dossier)
            default:
                if let points = Int(answer), scale.points.contains(points) { return .points(points) }
                say([catalog(.uiScoreOutsideScale, ["min": .text(String(scale.min)), "max": .text(String(scale.max))])])
            }
        }
    }

    /// The prompt's lines, then one answer with the spaces around it taken off.
    private func ask(_ lines: [String]) throws -> String {
        say(lines)
        guard let line = readLine() else { throw EndOfInput() }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// The choices of the prompt in hand, and everything the member's role is refused.
    private func help(_ choices: [String], _ dossier: Dossier) {
        say([catalog(.plainHelpChoices)] + choices + [""] + PlainText.refusals(state, dossier))
    }

    private func notAChoice(_ answer: String, count: Int) {
        say([catalog(.plainNotAChoice, ["answer": .text(answer), "count": .text(String(count))])])
    }

    private func scoreText(_ score: Score?) -> String {
        switch score {
        case .points(let points): String(points)
        case .cannotJudge: catalog(.scoreCannotJudge)
        case nil: catalog(.plainNothing)
        }
    }

    private func orNothing(_ text: String) -> String { text.isBlank ? catalog(.plainNothing) : text }

    /// The store as it is after a write; on a failed read the last snapshot stays.
    private mutating func refresh() {
        guard let snapshot = reload() else { return }
        state = AppState(snapshot: snapshot, member: state.member, catalog: catalog, width: state.width, height: state.height)
    }

    private func say(_ lines: [String]) {
        for line in lines { print(Printable.shown(line)) }
        print("")
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
