import Foundation

/// Why a filled-in form cannot become an application: every problem, each naming its section.
public struct FormProblems: Error, Hashable, Sendable {
    public let messages: [Message]

    public init(messages: [Message]) { self.messages = messages }
}

extension ApplicationForm {
    /// Every field of `a` as the form shows it: paragraphs joined by "\n", numbers in Swedish
    /// notation, choices as their stored value; "" where nothing is written.
    /// `rows`: how many rows each repeating part shows (the Word form's fixed number unless
    /// given); `idea` adds the idea's rough cost and length.
    public static func values(of a: Application, rows: [String: Int] = rows, idea: Bool = false) -> [String: String] {
        var v: [String: String] = [:]
        func number(_ n: Int?) -> String { n.map(String.init) ?? "" }
        func decimal(_ d: Double?) -> String { d.map { SwedishNumber.text(Decimal($0)) } ?? "" }
        func amount(_ n: Int) -> String { SwedishNumber.text(Decimal(n)) }
        v["title"] = a.title
        v["applicant"] = a.applicant
        v["applicant_kind"] = a.applicantKind?.rawValue
        v["idea_giver"] = a.ideaGiver
        v["economic_model"] = a.economicModel?.rawValue
        v["idea.rough_cost"] = a.idea.roughCost.map(amount)
        v["idea.months"] = number(a.idea.months)
        v["problem.description"] = a.problem.description
        v["problem.local_extent"] = a.problem.localExtent
        v["problem.consequences"] = a.problem.consequences
        v["problem.cost_of_inaction"] = a.problem.costOfInaction
        v["target_group.description"] = a.targetGroup.description
        v["target_group.age_min"] = number(a.targetGroup.ageMin)
        v["target_group.age_max"] = number(a.targetGroup.ageMax)
        v["target_group.size"] = number(a.targetGroup.size)
        v["target_group.needs_analysis"] = a.targetGroup.needsAnalysis
        v["intervention.description"] = a.intervention.description
        v["intervention.start"] = a.intervention.start?.description
        v["intervention.end"] = a.intervention.end?.description
        for (i, activity) in a.intervention.activities.enumerated() { v["intervention.activities[\(i)]"] = activity }
        v["evidence.level"] = a.evidence.level?.rawValue
        v["evidence.basis"] = a.evidence.basis
        for (i, reference) in a.evidence.references.enumerated() { v["evidence.references[\(i)]"] = reference }
        v["evidence.learning_plan"] = a.evidence.learningPlan
        v["early_timing.level"] = a.earlyTiming.level?.rawValue
        v["early_timing.stage"] = a.earlyTiming.stage
        v["early_timing.justification"] = a.earlyTiming.justification
        for (i, indicator) in a.measurability.indicators.enumerated() {
            let p = "measurability.indicators[\(i)]."
            v[p + "name"] = indicator.name
            v[p + "unit"] = indicator.unit
            v[p + "baseline"] = decimal(indicator.baseline)
            v[p + "target"] = decimal(indicator.target)
            v[p + "source"] = indicator.source
            v[p + "when"] = indicator.when.map(\.rawValue).joined(separator: ", ")
            v[p + "direction"] = indicator.direction?.rawValue
            v[p + "kind"] = indicator.kind?.rawValue
        }
        v["measurability.evaluation_plan"] = a.measurability.evaluationPlan
        v["measurability.economic_follow_up"] = a.measurability.economicFollowUp
        for (i, actor) in a.actors.enumerated() {
            let p = "actors[\(i)]."
            v[p + "name"] = actor.name
            v[p + "organisation"] = actor.organisation
            v[p + "unit"] = actor.unit
            v[p + "kind"] = actor.kind.rawValue
            v[p + "role"] = actor.role
            v[p + "contribution"] = actor.contribution
        }
        for (i, year) in a.budget.years.enumerated() {
            v["budget.years[\(i)].year"] = String(year.year)
            v["budget.years[\(i)].requested"] = amount(year.requested)
        }
        for (i, c) in a.budget.contributions.enumerated() {
            v["budget.contributions[\(i)].actor"] = c.actor
            v["budget.contributions[\(i)].amount"] = amount(c.amount)
            v["budget.contributions[\(i)].description"] = c.description
        }
        v["long_term.owner"] = a.longTerm.owner
        v["long_term.plan"] = a.longTerm.plan
        v["child_rights"] = a.childRights
        if let c = a.calculation {
            v["calculation.first_year"] = String(c.firstYear)
            for (i, cost) in c.costs.enumerated() {
                v["calculation.costs[\(i)].actor"] = cost.actor
                v["calculation.costs[\(i)].year"] = String(cost.year)
                v["calculation.costs[\(i)].amount"] = SwedishNumber.text(cost.amount.kronor)
            }
            for (i, e) in c.effects.enumerated() {
                let p = "calculation.effects[\(i)]."
                v[p + "actor"] = e.actor
                v[p + "description"] = e.description
                v[p + "people"] = String(e.people)
                switch e.value {
                case .amount(let money): v[p + "value_per_person"] = SwedishNumber.text(money.kronor)
                case .unitCost(let id): v[p + "unit_cost"] = id
                }
                v[p + "source"] = e.source
                v[p + "from_year"] = String(e.fromYear)
                v[p + "years"] = String(e.years)
                v[p + "price_year"] = number(e.priceYear)
            }
        }
        var all: [String: String] = [:]
        for field in fields(rows: rows, idea: idea) { all[field.path] = v[field.path] ?? "" }
        return all
    }

    /// The application the filled-in form describes, on top of `base` (a new application, or
    /// the one being edited: its id, state and dates stay). `values` holds every field the
    /// document has; a field it lacks, or a value that cannot be read, is a problem, and then
    /// nothing is returned. `spellings` gives a label's texts in every language, so a choice
    /// may be written as its Swedish or English label or as its stored value.
    public static func application(from values: [String: String], onto base: Application, rows: [String: Int] = rows,
                                   settings: CalculationSettings = .init(), spellings: @escaping (Message) -> [String]) -> Result<Application, FormProblems> {
        let reading = read(values, onto: base, rows: rows, settings: settings, spellings: spellings)
        return reading.problems.isEmpty ? .success(reading.application) : .failure(FormProblems(messages: reading.problems))
    }

    /// The form as far as it reads: the application with every readable field, and each
    /// problem, also by the path of the field it is about. The interface checks as the member
    /// types with this; `application(from:)` takes it only when nothing is wrong.
    public static func read(_ values: [String: String], onto base: Application, rows: [String: Int] = rows,
                            settings: CalculationSettings = .init(), spellings: @escaping (Message) -> [String]) -> FormReading {
        var r = FormReader(values: values, rows: rows, spellings: spellings)
        var a = base
        a.title = r.text("title")
        // Every application has a title: the list, the history and the letters name it by it.
        if a.title.isEmpty && values["title"] != nil { r.mustBeFilled("title") }
        a.applicant = r.text("applicant")
        a.applicantKind = r.choice("applicant_kind", ActorKind.self)
        a.ideaGiver = r.text("idea_giver")
        a.economicModel = r.choice("economic_model", EconomicModel.self)
        // Only the idea form has them; a full application keeps what its idea said.
        if values["idea.rough_cost"] != nil || values["idea.months"] != nil {
            a.idea = IdeaSketch(roughCost: r.amount("idea.rough_cost"), months: r.integer("idea.months"))
        }
        a.problem = Problem(description: r.text("problem.description"), localExtent: r.text("problem.local_extent"),
                            consequences: r.text("problem.consequences"), costOfInaction: r.text("problem.cost_of_inaction"))
        a.targetGroup = TargetGroup(description: r.text("target_group.description"), ageMin: r.integer("target_group.age_min"),
                                    ageMax: r.integer("target_group.age_max"), size: r.integer("target_group.size"),
                                    needsAnalysis: r.text("target_group.needs_analysis"))
        a.intervention = Intervention(description: r.text("intervention.description"), start: r.date("intervention.start"),
                                      end: r.date("intervention.end"), activities: r.list("intervention.activities"))
        a.evidence = Evidence(level: r.choice("evidence.level", EvidenceLevel.self), basis: r.text("evidence.basis"),
                              references: r.list("evidence.references"), learningPlan: r.text("evidence.learning_plan"))
        a.earlyTiming = EarlyTiming(level: r.choice("early_timing.level", PreventionLevel.self), stage: r.text("early_timing.stage"),
                                    justification: r.text("early_timing.justification"))
        let indicators: [Indicator] = r.rows("measurability.indicators").compactMap { p in
            // Every field is read before any is required, so each problem of the row is named.
            let indicator = Indicator(name: r.text(p + "name"), unit: r.text(p + "unit"),
                                      baseline: r.decimal(p + "baseline").map { NSDecimalNumber(decimal: $0).doubleValue },
                                      target: r.decimal(p + "target").map { NSDecimalNumber(decimal: $0).doubleValue }, source: r.text(p + "source"),
                                      when: r.choices(p + "when", MeasurePoint.self), direction: r.choice(p + "direction", IndicatorDirection.self),
                                      kind: r.choice(p + "kind", IndicatorKind.self))
            return r.required(p + "name") == nil ? nil : indicator
        }
        a.measurability = Measurability(indicators: indicators, evaluationPlan: r.text("measurability.evaluation_plan"),
                                        economicFollowUp: r.text("measurability.economic_follow_up"))
        a.actors = r.rows("actors").compactMap { p -> Actor? in
            let actor = Actor(name: r.text(p + "name"), kind: r.choice(p + "kind", ActorKind.self) ?? .other, role: r.text(p + "role"),
                              contribution: r.text(p + "contribution"), organisation: r.text(p + "organisation"), unit: r.text(p + "unit"))
            let named = r.required(p + "name") != nil
            if r.isBlank(p + "kind") { r.lacks(p + "kind") }
            return named && !r.isBlank(p + "kind") ? actor : nil
        }
        let years: [Budget.Year] = r.rows("budget.years").compactMap { p in
            let year = r.integer(p + "year", required: true), requested = r.amount(p + "requested", required: true)
            guard let year, let requested else { return nil }
            return Budget.Year(year: year, requested: requested)
        }
        let contributions: [Budget.Contribution] = r.rows("budget.contributions").compactMap { p in
            let actor = r.required(p + "actor"), amount = r.amount(p + "amount", required: true), description = r.text(p + "description")
            guard let actor, let amount else { return nil }
            return Budget.Contribution(actor: actor, amount: amount, description: description)
        }
        a.budget = Budget(years: years, contributions: contributions)
        a.longTerm = LongTermPlan(owner: r.text("long_term.owner"), plan: r.text("long_term.plan"))
        a.childRights = r.text("child_rights")
        a.calculation = r.calculation(start: a.intervention.start, settings: settings)
        return FormReading(application: a, problems: r.problems, fieldProblems: r.fieldProblems)
    }
}

/// A form read as far as it goes.
public struct FormReading: Equatable, Sendable {
    /// The application with every field that could be read.
    public let application: Application
    /// Every problem, in the form's order, each naming its section and field.
    public let problems: [Message]
    /// The first problem of each field, by its path.
    public let fieldProblems: [String: Message]
}

/// Reads the form's fields one by one, collecting every problem rather than stopping at the first.
struct FormReader {
    let values: [String: String]
    let rows: [String: Int]
    let spellings: (Message) -> [String]
    var problems: [Message] = []
    var fieldProblems: [String: Message] = [:]

    init(values: [String: String], rows: [String: Int], spellings: @escaping (Message) -> [String]) {
        self.values = values
        self.rows = rows
        self.spellings = spellings
    }

    /// `short`: the problem as said beside the field itself, without naming it again.
    private mutating func problem(_ message: Message, short: Message? = nil, at path: String) {
        problems.append(message)
        if fieldProblems[path] == nil { fieldProblems[path] = short ?? message }
    }

    private func field(_ path: String) -> FormField { ApplicationForm.field(path)! }

    /// The field's text, trimmed; a one-line field's lines joined by spaces. A field the document
    /// lacks is a problem.
    private mutating func raw(_ path: String) -> String {
        guard let value = values[path] else {
            let f = field(path)
            problem(Message(.formMissingField, ["section": .message(f.section.label), "field": .message(f.fullLabel)]), at: path)
            return ""
        }
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch field(path).kind {
        case .paragraphs: return text
        default: return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }
    }

    func isBlank(_ path: String) -> Bool { (values[path] ?? "").allSatisfy(\.isWhitespace) }

    mutating func text(_ path: String) -> String { raw(path) }

    mutating func unreadable(_ path: String, _ value: String) {
        let f = field(path)
        let expected: Message
        switch f.kind {
        case .integer: expected = Message(.formExpectInteger)
        case .decimal: expected = Message(.formExpectDecimal)
        case .amount: expected = Message(.formExpectAmount)
        case .date: expected = Message(.formExpectDate)
        case .choice(let options), .choices(let options):
            expected = Message(.formExpectChoice, ["options": .message(Message.alternatives(options.map { .message($0.label) }))])
        case .text, .paragraphs: expected = Message(.formExpectText)
        }
        problem(Message(.formUnreadable, ["section": .message(f.section.label), "field": .message(f.fullLabel), "value": .text(value),
                                          "expected": .message(expected)]),
                short: Message(.formFieldUnreadable, ["value": .text(value), "expected": .message(expected)]), at: path)
    }

    /// A field no application can do without.
    mutating func mustBeFilled(_ path: String) {
        let f = field(path)
        problem(Message(.formRequired, ["section": .message(f.section.label), "field": .message(f.fullLabel)]), short: Message(.formFieldRequired), at: path)
    }

    /// A field a used row cannot do without.
    mutating func lacks(_ path: String) {
        let f = field(path)
        problem(Message(.formRowLacks, ["section": .message(f.section.label), "row": .message(f.rowHeading ?? f.label),
                                        "field": .message(f.label)]), short: Message(.formFieldRowLacks), at: path)
    }

    mutating func required(_ path: String) -> String? {
        let value = raw(path)
        if value.isEmpty && values[path] != nil { lacks(path) }
        return value.isEmpty ? nil : value
    }

    mutating func integer(_ path: String, required: Bool = false) -> Int? {
        let text = raw(path)
        if text.isEmpty {
            if required && values[path] != nil { lacks(path) }
            return nil
        }
        guard let value = SwedishNumber.integer(text) else { unreadable(path, text); return nil }
        return value
    }

    mutating func decimal(_ path: String) -> Decimal? {
        let text = raw(path)
        guard !text.isEmpty else { return nil }
        guard let value = SwedishNumber.decimal(text), abs(value) <= Decimal(Money.largestKronor) else { unreadable(path, text); return nil }
        return value
    }

    /// Whole kronor, never negative.
    mutating func amount(_ path: String, required: Bool = false) -> Int? {
        let text = raw(path)
        if text.isEmpty {
            if required && values[path] != nil { lacks(path) }
            return nil
        }
        guard let value = SwedishNumber.integer(text), value >= 0 else { unreadable(path, text); return nil }
        return value
    }

    mutating func date(_ path: String) -> Day? {
        let text = raw(path)
        guard !text.isEmpty else { return nil }
        guard let day = Day(text) else { unreadable(path, text); return nil }
        return day
    }

    /// The option `text` names: its stored value or its label in any language, in any case;
    /// a label starting "efter"/"after" also without that word ("1 år" for "efter 1 år").
    private func option(_ text: String, among options: [FormOption]) -> String? {
        func fold(_ s: String) -> String {
            s.lowercased().trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".")))
        }
        let wanted = fold(text)
        return options.first { option in
            var names = [option.value, option.value.replacingOccurrences(of: "_", with: " ")] + spellings(option.label)
            for name in names {
                for lead in ["efter ", "after "] where fold(name).hasPrefix(lead) { names.append(String(fold(name).dropFirst(lead.count))) }
            }
            return names.contains { fold($0) == wanted }
        }?.value
    }

    mutating func choice<T: RawRepresentable>(_ path: String, _: T.Type) -> T? where T.RawValue == String {
        let text = raw(path)
        guard !text.isEmpty else { return nil }
        guard let value = option(text, among: field(path).kind.options).flatMap(T.init(rawValue:)) else { unreadable(path, text); return nil }
        return value
    }

    mutating func choices<T: RawRepresentable>(_ path: String, _: T.Type) -> [T] where T.RawValue == String {
        let text = raw(path)
        let parts = text.split { $0 == "," || $0 == ";" }.flatMap { $0.components(separatedBy: " och ") }.flatMap { $0.components(separatedBy: " and ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var chosen: [T] = []
        for part in parts {
            guard let value = option(part, among: field(path).kind.options).flatMap(T.init(rawValue:)) else { unreadable(path, text); return [] }
            if !chosen.contains(where: { $0.rawValue == value.rawValue }) { chosen.append(value) }
        }
        return chosen
    }

    /// A one-line list's filled-in items, in order.
    mutating func list(_ path: String) -> [String] {
        (0..<(rows[path] ?? 0)).map { raw("\(path)[\($0)]") }.filter { !$0.isEmpty }
    }

    /// The path prefixes (`actors[2].`) of a repeating part's rows in which anything is written.
    func usedRows(_ group: String) -> [String] {
        let suffixes = ApplicationForm.rowSuffixes[group] ?? []
        return (0..<(rows[group] ?? 0)).map { "\(group)[\($0)]" }.filter { row in suffixes.contains { !isBlank(row + $0) } }.map { $0 + "." }
    }

    /// The path prefixes of the rows to read; every field of every row is looked at first, so a
    /// field the document lacks is named even in an empty row.
    mutating func rows(_ group: String) -> [String] {
        for row in 0..<(rows[group] ?? 0) {
            for suffix in ApplicationForm.rowSuffixes[group] ?? [] where values["\(group)[\(row)]" + suffix] == nil { _ = raw("\(group)[\(row)]" + suffix) }
        }
        return usedRows(group)
    }

    /// The calculation, when anything of it is written; its own rules (years, amounts) apply.
    mutating func calculation(start: Day?, settings: CalculationSettings) -> CalculationInput? {
        let firstYear = integer("calculation.first_year")
        let costs: [CostItem] = rows("calculation.costs").compactMap { p -> CostItem? in
            let actor = required(p + "actor"), year = integer(p + "year", required: true), cost = amount(p + "amount", required: true)
            guard let actor, let year, let cost else { return nil }
            return CostItem(actor: actor, year: year, amount: Money(cost))
        }
        let effects: [Effect] = rows("calculation.effects").compactMap { p -> Effect? in
            let actor = required(p + "actor"), description = text(p + "description"), source = text(p + "source")
            let people = integer(p + "people", required: true), from = integer(p + "from_year", required: true)
            let years = integer(p + "years", required: true), priceYear = integer(p + "price_year")
            let perPerson = amount(p + "value_per_person"), unitCost = text(p + "unit_cost")
            let value: Effect.Value
            switch (perPerson, unitCost.isEmpty) {
            case (let money?, true): value = .amount(Money(money))
            case (nil, false): value = .unitCost(unitCost)
            default:
                // An amount that did not read is already named; only a real either-or is a problem here.
                if perPerson != nil || isBlank(p + "value_per_person") {
                    let f = ApplicationForm.field(p + "value_per_person")!
                    problem(Message(.formValueOrUnitCost, ["section": .message(f.section.label), "row": .message(f.rowHeading ?? f.label)]),
                            short: Message(.formFieldValueOrUnitCost), at: f.path)
                }
                return nil
            }
            guard let actor, let people, let from, let years else { return nil }
            return Effect(actor: actor, description: description, people: people, value: value, source: source,
                          fromYear: from, years: years, priceYear: priceYear)
        }
        guard firstYear != nil || !costs.isEmpty || !effects.isEmpty else { return nil }
        guard let first = firstYear ?? start?.year ?? costs.map(\.year).min() else {
            lacks("calculation.first_year")
            return nil
        }
        let input = CalculationInput(firstYear: first, start: start, costs: costs, effects: effects)
        // The calculation names its fields by the same paths as the form, so a problem names the form's field.
        for problem in input.problems(settings: settings) {
            var arguments = problem.message.arguments
            arguments["field"] = ApplicationForm.field(problem.field).map { .message($0.fullLabel) } ?? .text(problem.field)
            self.problem(Message(.formCalculationProblem, ["section": .message(FormSection.calculation.label),
                                                           "problem": .message(Message(rawKey: problem.message.key, arguments))]),
                         short: Message(rawKey: problem.message.key, arguments), at: problem.field)
        }
        return input
    }
}
