/// The application as a form to fill in: every field a person writes, named by a path that
/// mirrors `application.toml` (`problem.description`, `actors[0].name`,
/// `measurability.indicators[2].baseline`; list indices from 0), with its section and the kind
/// of value it takes. The Word form (`bered template`, `bered import`) is written from this list
/// and read back through it; the form knows nothing of Word.
public enum ApplicationForm {
    /// How many numbered rows each repeating part gets: a form cannot grow, so enough for the
    /// largest applications the funds have seen, with room to spare.
    public static let rows: [String: Int] = [
        "actors": 6, "intervention.activities": 10, "evidence.references": 8, "measurability.indicators": 8,
        "budget.years": 6, "budget.contributions": 6, "calculation.costs": 12, "calculation.effects": 8,
    ]

    /// The repeating parts of `a` with more items than the form has rows for: (part, items).
    public static func overflow(_ a: Application) -> [(part: String, items: Int)] {
        rowCounts(of: a).filter { $0.value > rows[$0.key] ?? 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Every field, in the form's order, with the Word form's fixed number of rows.
    public static let fields: [FormField] = build(rows: rows, idea: false)

    /// Every field with `rows` rows in each repeating part: the form in the interface, whose
    /// lists grow and shrink. `idea` adds the idea's rough cost and length.
    public static func fields(rows: [String: Int], idea: Bool = false) -> [FormField] {
        rows == Self.rows && !idea ? fields : build(rows: rows, idea: idea)
    }

    /// The field a path names, in any row.
    public static func field(_ path: String) -> FormField? {
        if let known = byPath[path] { return known }
        // A row past the Word form's: the first row's field, renumbered.
        guard let open = path.firstIndex(of: "["), let close = path[open...].firstIndex(of: "]"),
              let index = Int(path[path.index(after: open)..<close]), index >= 0 else { return nil }
        let first = String(path[..<open]) + "[0]" + String(path[path.index(after: close)...])
        guard let template = byPath[first] else { return nil }
        return FormField(path: path, name: template.name, section: template.section, kind: template.kind, row: index + 1, group: template.group)
    }
    private static let byPath: [String: FormField] =
        Dictionary(uniqueKeysWithValues: (fields + build(rows: [:], idea: true).filter { $0.section == .idea }).map { ($0.path, $0) })

    /// The repeating parts, each with the fields of one row (`actors`: name, organisation, …).
    public static let groups: [String] = ["intervention.activities", "evidence.references", "measurability.indicators", "actors",
                                          "budget.years", "budget.contributions", "calculation.costs", "calculation.effects"]

    /// The end of each path of a repeating part's row after `group[i]`: `.name`, `.role`, …;
    /// "" for a list of one-line texts.
    public static let rowSuffixes: [String: [String]] = {
        let one = build(rows: Dictionary(uniqueKeysWithValues: groups.map { ($0, 1) }), idea: false)
        return Dictionary(uniqueKeysWithValues: groups.map { group in
            (group, one.filter { $0.path.hasPrefix(group + "[0]") }.map { String($0.path.dropFirst(group.count + 3)) })
        })
    }()

    /// How many items each repeating part of `a` holds.
    public static func rowCounts(of a: Application) -> [String: Int] {
        [
            "actors": a.actors.count, "intervention.activities": a.intervention.activities.count, "evidence.references": a.evidence.references.count,
            "measurability.indicators": a.measurability.indicators.count, "budget.years": a.budget.years.count,
            "budget.contributions": a.budget.contributions.count, "calculation.costs": a.calculation?.costs.count ?? 0,
            "calculation.effects": a.calculation?.effects.count ?? 0,
        ]
    }

    /// What the short idea form asks for: the idea giver, the problem in brief, the target
    /// group, the rough cost and length, and the actors to involve.
    public static func isIdeaField(_ field: FormField) -> Bool {
        if field.section == .idea { return true }
        if field.group == "actors" { return ["actors.name", "actors.organisation", "actors.kind", "actors.role"].contains(field.name) }
        return ["title", "idea_giver", "applicant", "problem.description", "target_group.description"].contains(field.path)
    }

    /// Every catalog key the form's labels use, for the catalog test.
    public static var labelKeys: [String] {
        Array(Set(byPath.values.map { "form_field." + $0.name } + fields.compactMap { $0.group.map { "form_group." + $0 } }))
            + FormSection.allCases.map { "form_hint." + $0.rawValue } + FormKind.placeholderKeys
    }

    private static func build(rows counts: [String: Int], idea: Bool) -> [FormField] {
        var all: [FormField] = []
        func add(_ section: FormSection, _ name: String, _ kind: FormKind) {
            all.append(FormField(path: name, name: name, section: section, kind: kind))
        }
        /// A repeating part: `group[i].key` for every row.
        func rows(_ section: FormSection, _ group: String, _ items: [(String, FormKind)]) {
            for row in 0..<(counts[group] ?? 0) {
                for (key, kind) in items {
                    all.append(FormField(path: "\(group)[\(row)].\(key)", name: "\(group).\(key)", section: section, kind: kind, row: row + 1, group: group))
                }
            }
        }
        /// A list of one-line texts: `path[i]`.
        func list(_ section: FormSection, _ path: String) {
            for row in 0..<(counts[path] ?? 0) {
                all.append(FormField(path: "\(path)[\(row)]", name: path, section: section, kind: .text, row: row + 1))
            }
        }
        add(.application, "title", .text)
        add(.application, "applicant", .text)
        add(.application, "applicant_kind", .choice(FormOption.all(ActorKind.self)))
        add(.application, "idea_giver", .text)
        add(.application, "economic_model", .choice(FormOption.all(EconomicModel.self)))
        if idea {
            add(.idea, "idea.rough_cost", .amount)
            add(.idea, "idea.months", .integer)
        }
        for key in ["description", "local_extent", "consequences", "cost_of_inaction"] { add(.problem, "problem." + key, .paragraphs) }
        add(.targetGroup, "target_group.description", .paragraphs)
        add(.targetGroup, "target_group.age_min", .integer)
        add(.targetGroup, "target_group.age_max", .integer)
        add(.targetGroup, "target_group.size", .integer)
        add(.targetGroup, "target_group.needs_analysis", .paragraphs)
        add(.intervention, "intervention.description", .paragraphs)
        add(.intervention, "intervention.start", .date)
        add(.intervention, "intervention.end", .date)
        list(.intervention, "intervention.activities")
        add(.evidence, "evidence.level", .choice(FormOption.all(EvidenceLevel.self)))
        add(.evidence, "evidence.basis", .paragraphs)
        list(.evidence, "evidence.references")
        add(.evidence, "evidence.learning_plan", .paragraphs)
        add(.earlyTiming, "early_timing.level", .choice(FormOption.all(PreventionLevel.self)))
        add(.earlyTiming, "early_timing.stage", .paragraphs)
        add(.earlyTiming, "early_timing.justification", .paragraphs)
        rows(.measurability, "measurability.indicators", [
            ("name", .text), ("unit", .text), ("baseline", .decimal), ("target", .decimal), ("source", .text),
            ("when", .choices(FormOption.all(MeasurePoint.self))), ("direction", .choice(FormOption.all(IndicatorDirection.self))),
            ("kind", .choice(FormOption.all(IndicatorKind.self))),
        ])
        add(.measurability, "measurability.evaluation_plan", .paragraphs)
        add(.measurability, "measurability.economic_follow_up", .paragraphs)
        rows(.cooperation, "actors", [
            ("name", .text), ("organisation", .text), ("unit", .text), ("kind", .choice(FormOption.all(ActorKind.self))),
            ("role", .paragraphs), ("contribution", .paragraphs),
        ])
        rows(.budget, "budget.years", [("year", .integer), ("requested", .amount)])
        rows(.budget, "budget.contributions", [("actor", .text), ("amount", .amount), ("description", .paragraphs)])
        add(.longTerm, "long_term.owner", .text)
        add(.longTerm, "long_term.plan", .paragraphs)
        add(.childRights, "child_rights", .paragraphs)
        add(.calculation, "calculation.first_year", .integer)
        rows(.calculation, "calculation.costs", [("actor", .text), ("year", .integer), ("amount", .amount)])
        rows(.calculation, "calculation.effects", [
            ("actor", .text), ("description", .paragraphs), ("people", .integer), ("value_per_person", .amount), ("unit_cost", .text),
            ("source", .text), ("from_year", .integer), ("years", .integer), ("price_year", .integer),
        ])
        return all
    }
}

/// A part of the form: the core criteria's sections carry the criterion's guidance.
public enum FormSection: String, CaseIterable, Hashable, Sendable, Labelled {
    case application, problem
    case targetGroup = "target_group"
    case intervention, evidence
    case earlyTiming = "early_timing"
    case measurability, cooperation, budget
    case longTerm = "long_term"
    case childRights = "child_rights"
    case calculation
    /// The idea's rough cost and length: on the short idea form only, never in the Word form.
    case idea

    public static var labelPrefix: String { "form_section" }

    /// The criterion the section answers, whose guidance the form shows under its heading.
    public var criterion: CriterionID? {
        switch self {
        case .problem: return .problem
        case .targetGroup: return .targetGroup
        case .evidence: return .evidence
        case .earlyTiming: return .earlyTiming
        case .measurability: return .measurability
        case .cooperation: return .cooperation
        default: return nil
        }
    }

    /// How to fill the section in (key `form_hint.<section>`).
    public var hint: Message { Message(rawKey: "form_hint." + rawValue) }
}

/// One choice of a choice field: the value the store writes and its label for people.
public struct FormOption: Hashable, Sendable {
    public let value: String
    public let label: Message

    static func all<T: Labelled>(_: T.Type) -> [FormOption] {
        T.allCases.map { FormOption(value: $0.rawValue, label: $0.label) }
    }
}

public enum FormKind: Hashable, Sendable {
    /// One line.
    case text
    /// Any number of paragraphs.
    case paragraphs
    case integer
    /// A number with decimals ("71,5").
    case decimal
    /// Whole kronor ("1 200 000 kr", "1,2 mnkr").
    case amount
    /// `2027-01-15`.
    case date
    case choice([FormOption])
    /// Several of the options, separated by commas.
    case choices([FormOption])

    /// The empty field's placeholder text (key `form_placeholder.<kind>`).
    public var placeholder: Message { Message(rawKey: "form_placeholder." + name) }

    var name: String {
        switch self {
        case .text: return "text"
        case .paragraphs: return "paragraphs"
        case .integer: return "integer"
        case .decimal: return "decimal"
        case .amount: return "amount"
        case .date: return "date"
        case .choice: return "choice"
        case .choices: return "choices"
        }
    }

    static var placeholderKeys: [String] {
        ["text", "paragraphs", "integer", "decimal", "amount", "date", "choice", "choices"].map { "form_placeholder." + $0 }
    }

    /// Typed as text (a choice is picked instead).
    public var isText: Bool {
        switch self {
        case .choice, .choices: return false
        default: return true
        }
    }

    public var options: [FormOption] {
        switch self {
        case .choice(let options), .choices(let options): return options
        default: return []
        }
    }
}

public struct FormField: Hashable, Sendable {
    /// `actors[1].name`: the field's name in the form and in the Word document's tags.
    public let path: String
    /// The path without row numbers (`actors.name`), which names the label.
    public let name: String
    public let section: FormSection
    public let kind: FormKind
    /// The row of a repeating part, from 1.
    public let row: Int?
    /// The repeating part with several fields per row (`actors`), whose rows get a heading.
    public let group: String?

    init(path: String, name: String, section: FormSection, kind: FormKind, row: Int? = nil, group: String? = nil) {
        self.path = path
        self.name = name
        self.section = section
        self.kind = kind
        self.row = row
        self.group = group
    }

    /// The field's own label; a one-line list item's holds its number ("Aktivitet 3").
    public var label: Message { Message(rawKey: "form_field." + name, ["n": .text(row.map(String.init) ?? "")]) }
    /// The heading of the field's row in a repeating part ("Aktör 2"), if it has one.
    public var rowHeading: Message? {
        guard let group, let row else { return nil }
        return Message(rawKey: "form_group." + group, ["n": .text(String(row))])
    }
    /// The label with its row ("Aktör 2: Roll"): what a message or the Word control names.
    public var fullLabel: Message {
        guard let rowHeading else { return label }
        return Message(.formRowField, ["row": .message(rowHeading), "field": .message(label)])
    }
}

extension IndicatorDirection: Labelled { public static var labelPrefix: String { "indicator_direction" } }
extension IndicatorKind: Labelled { public static var labelPrefix: String { "indicator_kind" } }
