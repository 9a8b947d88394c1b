import BeredningCore
import Foundation

/// One application's follow-ups, read by everyone; the coordinator records a new one from here.
public struct FollowUpScreen: Equatable, Sendable {
    public let applicationID: ApplicationID
    public var scroll = 0
}

/// Every planned follow-up not yet recorded across the fund, overdue first.
public struct FollowUpsDueScreen: Equatable, Sendable {
    public var selection = 0
}

/// The coordinator's follow-up form: the occasion's date, each indicator's measured value and
/// comment, what each actor really paid and avoided per year, and what worked and what did not.
/// Like the decision form, one column of fields with the same text editor.
public struct FollowUpForm: Equatable, Sendable {
    public enum Field: Hashable, Sendable {
        case date
        /// The measured value of indicator `i`; blank when not measured this time.
        case value(Int)
        case comment(Int)
        /// Cost and avoided cost of `realisedKeys[i]`, as "cost / avoided"; blank parts are not known.
        case realised(Int)
        case worked, didNotWork
    }

    public struct RealisedKey: Hashable, Sendable {
        public let actor: String
        public let year: Int
    }

    public let applicationID: ApplicationID
    public let indicators: [Indicator]
    public let realisedKeys: [RealisedKey]
    public let fields: [Field]
    public var focusIndex = 0
    public var editors: [Field: TextEditor] = [:]

    init(dossier: Dossier, date: Day, settings: CalculationSettings) {
        let application = dossier.application
        applicationID = application.id
        indicators = application.measurability.indicators
        var keys: [RealisedKey] = []
        if let calculation = application.calculation {
            let years = SocioEconomicCalculation.project(calculation, settings: settings).years.map(\.year).filter { $0 <= date.year }
            for actor in calculation.actors { keys += years.map { RealisedKey(actor: actor, year: $0) } }
        }
        realisedKeys = keys
        fields = [.date] + indicators.indices.flatMap { [Field.value($0), .comment($0)] } + keys.indices.map(Field.realised) + [.worked, .didNotWork]
        editors[.date] = TextEditor(date.description)
    }

    public var focus: Field { fields[focusIndex] }
    public func text(_ field: Field) -> String { editors[field]?.text ?? "" }

    public var isDirty: Bool { fields.contains { $0 != .date && !text($0).isBlank } }

    static func isSingleLine(_ field: Field) -> Bool {
        switch field {
        case .worked, .didNotWork: return false
        default: return true
        }
    }

    static func rows(_ field: Field) -> Int { isSingleLine(field) ? 1 : 3 }

    /// A typed number: spaces group thousands, a comma may be the decimal sign.
    static func number(_ text: String) -> Double? {
        Double(text.filter { !$0.isWhitespace }.replacingOccurrences(of: ",", with: "."))
    }

    /// "452 000 / 30 000": either side blank (or –) when not known.
    static func amounts(_ text: String) -> (cost: Int?, avoided: Int?)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.filter { !$0.isWhitespace && $0 != "–" && $0 != "-" } }
        guard parts.count <= 2 else { return nil }
        let values = parts.map { $0.isEmpty ? Optional<Int>.none : Int($0) }
        for (part, value) in zip(parts, values) where !part.isEmpty && value == nil { return nil }
        return (values.first ?? nil, values.count > 1 ? values[1] : nil)
    }

    /// The follow-up as typed, or the first thing in the way of one, with the field to go to.
    func followUp(by member: MemberID, application: Application) -> Result<FollowUp, FormProblem> {
        guard let date = Day(text(.date).trimmingCharacters(in: .whitespaces)) else {
            return .failure(FormProblem(field: .date, message: Message(.uiBadDate, ["value": .text(text(.date))])))
        }
        var measurements: [FollowUp.Measurement] = []
        // Which field each entry came from, so a problem sends the focus where it was typed.
        var measured: [Field] = [], reported: [Field] = []
        for (index, indicator) in indicators.enumerated() {
            let typed = text(.value(index))
            if typed.isBlank {
                // A comment without a value is kept with nothing measured: it would be lost otherwise.
                if !text(.comment(index)).isBlank {
                    return .failure(FormProblem(field: .value(index), message: Message(.followUpFormValueNeeded, ["name": .text(indicator.name)])))
                }
                continue
            }
            guard let value = FollowUpForm.number(typed) else {
                return .failure(FormProblem(field: .value(index), message: Message(.followUpNotANumber, ["name": .text(indicator.name), "value": .text(typed)])))
            }
            measurements.append(FollowUp.Measurement(indicator: indicator.name, value: value, unit: indicator.unit, measured: date,
                                                     source: indicator.source, comment: text(.comment(index))))
            measured.append(.value(index))
        }
        var realised: [FollowUp.Realised] = []
        for (index, key) in realisedKeys.enumerated() where !text(.realised(index)).isBlank {
            guard let amounts = FollowUpForm.amounts(text(.realised(index))) else {
                return .failure(FormProblem(field: .realised(index), message: Message(.followUpFormBadAmounts, ["value": .text(text(.realised(index)))])))
            }
            guard amounts.cost != nil || amounts.avoided != nil else { continue }
            realised.append(FollowUp.Realised(actor: key.actor, year: key.year, cost: amounts.cost, avoidedCost: amounts.avoided))
            reported.append(.realised(index))
        }
        let followUp = FollowUp(applicationID: applicationID, date: date, measurements: measurements, realised: realised,
                                worked: text(.worked), didNotWork: text(.didNotWork), recordedBy: member)
        if let problem = followUp.problems(for: application).first {
            let entry = Int(problem.field.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" }) ?? 0
            let field = problem.field.hasPrefix("measurements") ? measured[safe: entry] : problem.field.hasPrefix("realised") ? reported[safe: entry] : nil
            return .failure(FormProblem(field: field ?? .date, message: problem.message))
        }
        return .success(followUp)
    }

    struct FormProblem: Error {
        let field: Field
        let message: Message
    }
}

extension AppState {
    var today: Day { WallTime(now, offsetMinutes: utcOffsetMinutes).day }

    mutating func openFollowUps(_ id: ApplicationID) -> [Command] {
        stack.append(.followUp(FollowUpScreen(applicationID: id)))
        return []
    }

    mutating func openFollowUpForm(_ dossier: Dossier) -> [Command] {
        guard let member else { return [] }
        if let refusal = Permissions.check(member.role, .followUp) {
            refuse(refusal)
            return []
        }
        guard dossier.decision?.outcome == .approve, [.approved, .feedbackSent, .running, .closed].contains(dossier.application.state) else {
            show(catalog(.followUpNotApproved, ["id": .text(dossier.application.id.description), "state": .message(dossier.application.state.label)]), .error)
            return []
        }
        let date = FollowUpsDue.open(dossier).first ?? today
        stack.append(.followUpForm(FollowUpForm(dossier: dossier, date: date, settings: snapshot.config.calculation)))
        return []
    }

    mutating func handleFollowUp(_ key: Key, _ screen: FollowUpScreen) -> [Command] {
        var screen = screen
        switch key {
        case _ where scrolled(key, &screen.scroll): break
        case .char("n"):
            guard let dossier = dossier(screen.applicationID) else { return [] }
            return openFollowUpForm(dossier)
        case .escape, .char("q"):
            stack.removeLast()
            return []
        case .char("?"), .function(1): modal = .help(offset: 0)
        default: break
        }
        stack[stack.count - 1] = .followUp(screen)
        return []
    }

    mutating func handleFollowUpsDue(_ key: Key, _ screen: FollowUpsDueScreen) -> [Command] {
        var screen = screen
        let due = FollowUpsDue.list(snapshot.dossiers, today: today)
        switch key {
        case .down, .char("j"): screen.selection = min(max(0, due.count - 1), screen.selection + 1)
        case .up, .char("k"): screen.selection = max(0, screen.selection - 1)
        case .home, .char("g"): screen.selection = 0
        case .end, .char("G"): screen.selection = max(0, due.count - 1)
        case .enter, .char("o"), .right, .char("l"):
            guard let item = due[safe: screen.selection] else { return [] }
            stack[stack.count - 1] = .followUpsDue(screen)
            return openFollowUps(item.applicationID)
        case .escape, .char("q"):
            stack.removeLast()
            return []
        case .char("?"), .function(1): modal = .help(offset: 0)
        default: break
        }
        stack[stack.count - 1] = .followUpsDue(screen)
        return []
    }

    mutating func handleFollowUpForm(_ key: Key, _ form: FollowUpForm) -> [Command] {
        var form = form
        defer { if case .followUpForm = current { stack[stack.count - 1] = .followUpForm(form) } }
        let count = form.fields.count
        switch key {
        case .tab: form.focusIndex = (form.focusIndex + 1) % count; return []
        case .backTab: form.focusIndex = (form.focusIndex + count - 1) % count; return []
        case .escape:
            stack.removeLast()
            return []
        case .ctrl("s"):
            guard let member, let dossier = dossier(form.applicationID) else { return [] }
            switch form.followUp(by: member.id, application: dossier.application) {
            case .success(let followUp): return [.recordFollowUp(followUp)]
            case .failure(let problem):
                if let index = form.fields.firstIndex(of: problem.field) { form.focusIndex = index }
                show(catalog(problem.message), .error)
                return []
            }
        case .function(1):
            modal = .help(offset: 0)
            return []
        case .ctrl("e"), .function(4):
            guard !FollowUpForm.isSingleLine(form.focus) else { show(catalog(.tuiEditorLongTextsOnly), .error); return [] }
            return [.openEditor(text: form.text(form.focus))]
        default: break
        }
        if key == .enter && FollowUpForm.isSingleLine(form.focus) {
            form.focusIndex = min(count - 1, form.focusIndex + 1)
            return []
        }
        var editor = form.editors[form.focus] ?? TextEditor()
        _ = editor.handle(key, width: decisionTextWidth)
        editor.scrollToCursor(width: decisionTextWidth, height: FollowUpForm.rows(form.focus))
        form.editors[form.focus] = editor
        return []
    }
}
