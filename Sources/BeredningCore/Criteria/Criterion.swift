/// A criterion's id as written in review files (`[scores.evidence]`).
public struct CriterionID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Lowercase letters, digits and `_`, starting with a letter: it is a TOML key and a column name.
    public init?(_ rawValue: String) {
        // Checked as bytes: every review file names six of these, and Unicode properties per
        // character were a noticeable part of reading a large store.
        let bytes = rawValue.utf8
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), bytes.count <= 40,
              bytes.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") })
        else { return nil }
        self.rawValue = rawValue
    }

    private init(core: String) { rawValue = core }

    public static let problem = CriterionID(core: "problem")
    public static let targetGroup = CriterionID(core: "target_group")
    public static let evidence = CriterionID(core: "evidence")
    public static let earlyTiming = CriterionID(core: "early_timing")
    public static let measurability = CriterionID(core: "measurability")
    public static let cooperation = CriterionID(core: "cooperation")

    /// The six criteria every fund must apply (seeds 000 and 003); a fund may add, never remove.
    public static let core: [CriterionID] = [.problem, .targetGroup, .evidence, .earlyTiming, .measurability, .cooperation]

    public var isCore: Bool { CriterionID.core.contains(self) }
    public var description: String { rawValue }
    public static func < (a: CriterionID, b: CriterionID) -> Bool { a.rawValue < b.rawValue }
}

public struct Criterion: Hashable, Sendable {
    public let id: CriterionID
    public let name: LocalizedText
    /// What a reviewer looks for, shown beside the score.
    public let guidance: LocalizedText

    public init(id: CriterionID, name: LocalizedText, guidance: LocalizedText) {
        self.id = id
        self.name = name
        self.guidance = guidance
    }
}

/// The criteria a fund reviews against, in order: the six core ones first, then the fund's own.
public struct CriteriaSet: Hashable, Sendable {
    public let all: [Criterion]

    public enum Problem: Error, Equatable, Sendable {
        case coreMissing(CriterionID)
        case duplicate(CriterionID)
        case notCore(CriterionID)
    }

    /// `core` must define exactly the six core criteria; `extras` may not reuse their ids.
    public init(core: [Criterion], extras: [Criterion]) throws(Problem) {
        for id in CriterionID.core where !core.contains(where: { $0.id == id }) {
            throw .coreMissing(id)
        }
        if let stray = core.first(where: { !$0.id.isCore }) { throw .notCore(stray.id) }
        var seen = Set<CriterionID>()
        var ordered: [Criterion] = []
        for id in CriterionID.core {
            ordered.append(core.first { $0.id == id }!)
            seen.insert(id)
        }
        for extra in extras {
            guard seen.insert(extra.id).inserted else { throw .duplicate(extra.id) }
            ordered.append(extra)
        }
        all = ordered
    }

    public var ids: [CriterionID] { all.map(\.id) }
    public func criterion(_ id: CriterionID) -> Criterion? { all.first { $0.id == id } }
    public var extras: [Criterion] { all.filter { !$0.id.isCore } }
}
