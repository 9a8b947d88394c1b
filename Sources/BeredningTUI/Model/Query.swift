import BeredningCore
import Foundation

/// The list's filter: free text plus a few terms for what reviewers ask most. Every term
/// must match. Documented under `?` in the list.
///
///     state:beredning     the state, by its Swedish or English label or its id (a prefix will do)
///     todo:me             applications I still have to review
///     evidens<3           a criterion's mean score (problem, målgrupp, evidens, tidigt, mätbart,
///                         samverkan, a fund criterion's id, or medel for the overall mean);
///                         the operators are < <= > >= =
///     oenighet            reviewers disagree on some criterion
///     aktör:BUP           an actor's name contains the text
///     anything else       the id, title or applicant contains it (case does not matter)
public struct Query: Equatable, Sendable {
    public enum Term: Equatable, Sendable {
        case text(String)
        case state(String)
        case todoMe
        case score(criterion: String, op: Comparison, value: Double)
        case disagreement
        case actor(String)
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
        if lower == "oenighet" || lower == "disagreement" { return .disagreement }
        for op in Comparison.allCases {
            guard let range = lower.range(of: op.rawValue) else { continue }
            let name = String(lower[..<range.lowerBound])
            let number = lower[range.upperBound...].replacingOccurrences(of: ",", with: ".")
            if !name.isEmpty, let value = Double(number) { return .score(criterion: name, op: op, value: value) }
        }
        return .text(lower)
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// Only free text: typing more can only narrow what it matches.
    var isPlainText: Bool {
        terms.allSatisfy { if case .text = $0 { return true } else { return false } }
    }

    /// Whether a row of the list matches every term; its checklist is the one the member may see.
    func matches(_ row: ListRow, member: Member?, catalogs: [Catalog]) -> Bool {
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
                let names = [application.state.rawValue] + catalogs.map { $0.label(application.state).lowercased() }
                return names.contains { $0.hasPrefix(text) }
            case .todoMe:
                return member.map { ReviewQueue.isTodo(dossier, for: $0) } ?? false
            case .disagreement:
                return checklist.rows.contains { $0.aggregate.disagreement }
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
