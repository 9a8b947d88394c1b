import BeredningCore
import Foundation

/// The coordinator's form for the board's decision: outcome, date, case number, amounts per
/// year, conditions and rationale. Saving records it and moves the application.
public struct DecisionForm: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable { case outcome, date, caseNumber, body, grants, conditions, rationale, budgetOverride }

    public let applicationID: ApplicationID
    public var outcome = Decision.Outcome.approve
    public var focus = Field.outcome
    public var editors: [Field: TextEditor]

    init(applicationID: ApplicationID, today: Day, grants: [Budget.Year]) {
        self.applicationID = applicationID
        editors = [
            .date: TextEditor(today.description), .caseNumber: TextEditor(), .body: TextEditor(Decision.defaultBody),
            // The amounts applied for, as a starting point the coordinator corrects.
            .grants: TextEditor(Decision.Grant.typed(grants.map { ($0.year, $0.requested) })),
            .conditions: TextEditor(), .rationale: TextEditor(), .budgetOverride: TextEditor(),
        ]
    }

    public func text(_ field: Field) -> String { editors[field]?.text ?? "" }

    /// Date, case number, body and amounts take one line: Enter moves on from them.
    static func isSingleLine(_ field: Field) -> Bool { [.date, .caseNumber, .body, .grants].contains(field) }

    /// The lines a field shows.
    static func rows(_ field: Field) -> Int { isSingleLine(field) ? 1 : 2 }

    /// The decision as typed, or the first thing in the way of one.
    func decision(by member: MemberID) -> Result<Decision, Refusal> {
        guard let date = Day(text(.date).trimmingCharacters(in: .whitespaces)) else {
            return .failure(Refusal(Message(.uiBadDate, ["value": .text(text(.date))])))
        }
        var grants: [Decision.Grant]
        switch Decision.Grant.parse(text(.grants)) {
        case .success(let parsed): grants = parsed
        case .failure(let refusal): return .failure(refusal)
        }
        if outcome == .reject { grants = grants.filter { $0.amount != 0 } }
        let decision = Decision(body: text(.body), date: date, caseNumber: text(.caseNumber), outcome: outcome, grants: grants,
                                conditions: text(.conditions), rationale: text(.rationale), recordedBy: member,
                                budgetOverride: text(.budgetOverride).trimmingCharacters(in: .whitespacesAndNewlines))
        if let problem = decision.problems.first { return .failure(Refusal(problem)) }
        return .success(decision)
    }
}

extension AppState {
    mutating func openDecision(_ dossier: Dossier) -> [Command] {
        guard let member else { return [] }
        if let refusal = Permissions.check(member.role, .recordDecision) {
            refuse(refusal)
            return []
        }
        guard dossier.application.state == .forwarded else {
            show(catalog(.workflowWrongState, ["transition": .message(Transition.approve.label), "state": .message(dossier.application.state.label)]), .error)
            return []
        }
        let today = WallTime(now, offsetMinutes: utcOffsetMinutes).day
        stack.append(.decision(DecisionForm(applicationID: dossier.application.id, today: today, grants: dossier.application.budget.years)))
        return []
    }

    mutating func handleDecision(_ key: Key, _ form: DecisionForm) -> [Command] {
        var form = form
        defer { if case .decision = current { stack[stack.count - 1] = .decision(form) } }
        let fields = DecisionForm.Field.allCases
        switch key {
        case .tab: form.focus = fields[(form.focus.rawValue + 1) % fields.count]; return []
        case .backTab: form.focus = fields[(form.focus.rawValue + fields.count - 1) % fields.count]; return []
        case .escape:
            stack.removeLast()
            return []
        case .ctrl("s"):
            guard let member else { return [] }
            switch form.decision(by: member.id) {
            case .success(let decision):
                guard let dossier = dossier(form.applicationID) else { return [] }
                modal = .confirm(.decision(dossier, decision))
                return []
            case .failure(let refusal): refuse(refusal); return []
            }
        case .function(1):
            modal = .help(offset: 0)
            return []
        case .ctrl("e"), .function(4):
            guard form.focus != .outcome, !DecisionForm.isSingleLine(form.focus) else { show(catalog(.tuiEditorLongTextsOnly), .error); return [] }
            return [.openEditor(text: form.text(form.focus))]
        default: break
        }
        if form.focus == .outcome {
            switch key {
            case .left, .right, .char(" "), .char("h"), .char("l"): form.outcome = form.outcome == .approve ? .reject : .approve
            case .enter, .down: form.focus = .date
            default: break
            }
            return []
        }
        var editor = form.editors[form.focus] ?? TextEditor()
        // Single-line fields move on with Enter; the long texts take new lines.
        if key == .enter && DecisionForm.isSingleLine(form.focus) {
            form.focus = fields[form.focus.rawValue + 1]
            return []
        }
        _ = editor.handle(key, width: decisionTextWidth)
        editor.scrollToCursor(width: decisionTextWidth, height: DecisionForm.rows(form.focus))
        form.editors[form.focus] = editor
        return []
    }

    /// The decision's fields are not framed: the screen less an indent each side.
    var decisionTextWidth: Int { max(10, width - 4) }
}
