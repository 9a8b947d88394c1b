import BeredningCore
import Foundation

/// The list's filter: free text plus a few terms for what reviewers ask most. Every term
/// must match. Documented under `?` in the list.
///
///     state:beredning     the state, by its Swedish or English label or its id: the start of
///                         the name or of a word in it will do (state:prep, state:beslut)
///     todo:me             applications I still have to review
///     evidens<3           a criterion's mean score (problem, målgrupp, evidens, tidigt, mätbart,
///                         samverkan, a fund criterion's id, or medel for the overall mean);
///                         the operators are < <= > >= =
///     oenighet            reviewers disagree on some criterion
///     aktör:BUP           an actor's name contains the text
///     uppföljning:försenad  a planned follow-up has passed without one (followup:overdue);
///                         uppföljning:snart within a month (followup:due); uppföljning:gjord
///                         at least one recorded (followup:done)
///     anything else       the id, title or applicant contains it (case does not matter)
public struct Query: Equatable, Sendable {
    public enum Term: Equatable, Sendable {
        case text(String)
        case state(String)
        case todoMe
        case score(criterion: String, op: Comparison, value: Double)
        case disagreement
        case actor(String)
        /// `uppföljning:…`; nil when the value is none of the known ones (the text typed is kept for the warning).
        case followUp(FollowUpFilter?, typed: String, word: String)
    }

    /// What a follow-up term asks for.
    public enum FollowUpFilter: String, Equatable, Sendable, CaseIterable {
        case overdue, soon, done

        /// The words each goes by, Swedish first, then English.
        var names: [String] {
            switch self {
            case .overdue: return ["försenad", "forsenad", "sen", "overdue", "late"]
            case .soon: return ["snart", "due", "soon"]
            case .done: return ["gjord", "done", "recorded"]
            }
        }

        static let prefixes = ["uppföljning:", "uppfoljning:", "followup:", "follow-up:"]
    }

    public enum Comparison: String, Equatable, Sendable, CaseIterable {
        case lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">", equal = "="

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            case .equal: return abs(a - b) < 0.05
            }
        }
    }

    public let terms: [Term]

    /// Swedish and English short names of the core criteria.
    static let criterionNames: [String: CriterionID] = [
        "problem": .problem, "målgrupp": .targetGroup, "target_group": .targetGroup, "evidens": .evidence, "evidence": .evidence,
        "tidigt": .earlyTiming, "early": .earlyTiming, "early_timing": .earlyTiming, "mätbart": .measurability,
        "measurability": .measurability, "samverkan": .cooperation, "cooperation": .cooperation,
    ]

    public init(_ text: String) {
        terms = text.split(whereSeparator: \.isWhitespace).map { Query.term(String($0)) }
    }

    static func term(_ word: String) -> Term {
        let lower = word.lowercased()
        for prefix in ["state:", "status:"] where lower.hasPrefix(prefix) { return .state(String(lower.dropFirst(prefix.count))) }
        for prefix in ["aktör:", "actor:"] where lower.hasPrefix(prefix) { return .actor(String(lower.dropFirst(prefix.count))) }
        if lower == "todo:me" || lower == "todo:mig" { return .todoMe }
        for prefix in FollowUpFilter.prefixes where lower.hasPrefix(prefix) {
            let value = String(lower.dropFirst(prefix.count))
            return .followUp(FollowUpFilter.allCases.first { $0.names.contains(value) }, typed: value, word: lower)
        }
        if lower == "oenighet" || lower == "disagreement" { return .disagreement }
        for op in Comparison.allCases {
            guard let range = lower.range(of: op.rawValue) else { continue }
            let name = String(lower[..<range.lowerBound])
            let number = lower[range.upperBound...].replacingOccurrences(of: ",", with: ".")
            if !name.isEmpty, let value = Double(number) { return .score(criterion: name, op: op, value: value) }
        }
        return .text(lower)
    }

    /// The names a state goes by: its id and its label in each language, `_` read as a space.
    static func names(of state: ApplicationState, in catalogs: [Catalog]) -> [String] {
        [state.rawValue.replacingOccurrences(of: "_", with: " ")] + catalogs.map { $0.label(state).lowercased() }
    }

    /// Whether `text` starts one of the state's names, or a word in one: `prep` is "in
    /// preparation", `beslut` is "till beslut". A term has no spaces, so `_` stands for one.
    static func state(_ state: ApplicationState, isCalled text: String, in catalogs: [Catalog]) -> Bool {
        let text = text.replacingOccurrences(of: "_", with: " ")
        return names(of: state, in: catalogs).contains { name in
            name.hasPrefix(text) || name.split(separator: " ").contains { $0.hasPrefix(text) }
        }
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// What in the filter can match nothing because nothing is called so: a criterion or a state
    /// no one has, or a term's name mistyped (`stat:beredning`), each with the nearest name
    /// there is. Free text is never questioned: any text may be in a title.
    func warnings(criteria: CriteriaSet, catalogs: [Catalog]) -> [Message] {
        var warnings: [Message] = []
        for term in terms {
            switch term {
            case .score(let name, _, _):
                let known = Query.criterionNames.keys.sorted() + ["medel", "mean"] + criteria.all.map(\.id.rawValue)
                guard !known.contains(name) else { continue }
                if let near = Query.nearest(name, among: known) {
                    warnings.append(Message(.tuiFilterUnknownCriterion, ["name": .text(name), "suggestion": .text(near)]))
                } else {
                    // The names in the member's language, as the help lists them.
                    let english = catalogs.first?.language == .en
                    let shown = (english ? ["problem", "target_group", "evidence", "early", "measurability", "cooperation"]
                                         : ["problem", "målgrupp", "evidens", "tidigt", "mätbart", "samverkan"])
                        + criteria.extras.map(\.id.rawValue) + [english ? "mean" : "medel"]
                    warnings.append(Message(.tuiFilterUnknownCriterionList, ["name": .text(name), "names": .message(Query.oneOf(shown))]))
                }
            case .state(let text):
                guard !ApplicationState.allCases.contains(where: { Query.state($0, isCalled: text, in: catalogs) }) else { continue }
                // A state is suggested as it is typed: its label in the member's language.
                let labels = ApplicationState.allCases.map { state in
                    (catalogs.first.map { $0.label(state) } ?? state.rawValue).replacingOccurrences(of: " ", with: "_")
                }
                var candidates: [(name: String, label: String)] = []
                for (state, label) in zip(ApplicationState.allCases, labels) {
                    for name in Query.names(of: state, in: catalogs) {
                        candidates.append((name.replacingOccurrences(of: " ", with: "_"), label))
                        for word in name.split(separator: " ") { candidates.append((String(word), label)) }
                    }
                }
                let wanted = text.replacingOccurrences(of: " ", with: "_")
                if let near = Query.nearest(wanted, among: candidates.map(\.name)), let match = candidates.first(where: { $0.name == near }) {
                    warnings.append(Message(.tuiFilterUnknownState, ["name": .text(text), "suggestion": .text("state:" + match.label)]))
                } else {
                    warnings.append(Message(.tuiFilterUnknownStateList, ["name": .text(text), "names": .message(Query.oneOf(labels))]))
                }
            case .text(let word):
                // `name:value` where the name is one letter or two from a term's.
                guard let colon = word.firstIndex(of: ":"), colon != word.startIndex else { continue }
                let name = String(word[..<colon]), value = String(word[word.index(after: colon)...])
                guard name.allSatisfy(\.isLetter) else { continue }
                if name == "todo" {
                    warnings.append(Message(.tuiFilterUnknownTerm, ["term": .text(word), "suggestion": .text("todo:me")]))
                } else if let near = Query.nearest(name, among: ["state", "status", "aktör", "actor", "todo", "uppföljning", "followup"]) {
                    warnings.append(Message(.tuiFilterUnknownTerm, ["term": .text(word), "suggestion": .text(near == "todo" ? "todo:me" : near + ":" + value)]))
                }
            case .followUp(let filter, let typed, let word):
                guard filter == nil else { continue }
                let english = catalogs.first?.language == .en
                let names = FollowUpFilter.allCases.map { (english ? "followup:" : "uppföljning:") + $0.names[english ? ($0 == .overdue ? 3 : 1) : 0] }
                if let near = Query.nearest(typed, among: FollowUpFilter.allCases.flatMap(\.names)),
                   let filter = FollowUpFilter.allCases.first(where: { $0.names.contains(near) }) {
                    warnings.append(Message(.tuiFilterUnknownTerm, ["term": .text(word), "suggestion": .text(names[FollowUpFilter.allCases.firstIndex(of: filter)!])]))
                } else {
                    warnings.append(Message(.tuiFilterUnknownFollowUp, ["name": .text(typed), "names": .message(Query.oneOf(names))]))
                }
            case .todoMe, .disagreement, .actor:
                continue
            }
        }
        return warnings
    }

    /// "a, b, c eller d" in the reader's language, however many names (the language's own
    /// list takes three at most).
    static func oneOf(_ names: [String]) -> Message {
        .alternatives(names.count > 1 ? [.text(names.dropLast().joined(separator: ", ")), .text(names.last!)] : names.map { .text($0) })
    }

    /// The name closest to `text` by edit distance (a letter left out, added, changed or two
    /// swapped), if it is close enough to be a slip: one edit in a short word, two in a longer.
    static func nearest(_ text: String, among names: [String]) -> String? {
        let allowed = text.count <= 4 ? 1 : 2
        let scored = names.map { ($0, distance(text, $0)) }.filter { $0.1 <= allowed }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Edits from `a` to `b`, a swap of neighbours counting as one (optimal string alignment).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    /// Only free text: typing more can only narrow what it matches.
    var isPlainText: Bool {
        terms.allSatisfy { if case .text = $0 { return true } else { return false } }
    }

    /// Whether a row of the list matches every term; its checklist is the one the member may see.
    func matches(_ row: ListRow, member: Member?, catalogs: [Catalog], today: Day) -> Bool {
        guard !row.isBroken else { return false }
        return terms.allSatisfy { term in
            // Free text is most of what people type, and needs no look at the dossier.
            if case .text(let text) = term { return row.mentions(text) }
            guard let dossier = row.dossier, let checklist = row.checklist else { return false }
            let application = dossier.application
            switch term {
            case .text(let text):
                return row.mentions(text)
            case .state(let text):
                return Query.state(application.state, isCalled: text, in: catalogs)
            case .todoMe:
                return member.map { ReviewQueue.isTodo(dossier, for: $0) } ?? false
            case .disagreement:
                return checklist.rows.contains { $0.aggregate.disagreement }
            case .followUp(let filter, _, _):
                switch filter {
                case .overdue: return FollowUpsDue.mostPressing(dossier, today: today) == .overdue
                case .soon: return FollowUpsDue.open(dossier).contains { FollowUpsDue.urgency(of: $0, today: today) == .soon }
                case .done: return !dossier.followUps.isEmpty
                case nil: return false
                }
            case .actor(let text):
                let names = application.actors.map(\.name) + (application.calculation?.actors ?? [])
                return names.contains { $0.lowercased().contains(text) }
            case .score(let name, let op, let value):
                let mean: Double?
                if name == "medel" || name == "mean" {
                    mean = checklist.meanScore
                } else {
                    let id = Query.criterionNames[name] ?? CriterionID(name)
                    mean = checklist.rows.first { $0.criterion.id == id }?.aggregate.mean
                }
                return mean.map { op.holds($0, value) } ?? false
            }
        }
    }
}
