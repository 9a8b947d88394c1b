/// A fingerprint of an application's content, stored in every review so a review of an
/// earlier version can be recognised after the application comes back from completion.
/// The workflow state is left out: moving an application does not change what was assessed.
public enum ApplicationVersion {
    public static func of(_ application: Application) -> String {
        var hasher = FNV1a()
        let a = application
        for field in [a.id.description, a.title, a.applicant, a.ideaGiver, a.received?.description ?? "", a.childRights,
                      a.economicModel?.rawValue ?? ""] {
            hasher.add(field)
        }
        for actor in a.actors { hasher.add([actor.name, actor.kind.rawValue, actor.role, actor.contribution]) }
        hasher.add([a.problem.description, a.problem.localExtent, a.problem.consequences, a.problem.costOfInaction])
        let group = a.targetGroup
        hasher.add([group.description, opt(group.ageMin), opt(group.ageMax), opt(group.size), group.needsAnalysis])
        let intervention = a.intervention
        hasher.add([intervention.description, intervention.start?.description ?? "", intervention.end?.description ?? ""])
        hasher.add(intervention.activities)
        hasher.add([a.evidence.level?.rawValue ?? "", a.evidence.basis, a.evidence.learningPlan])
        hasher.add(a.evidence.references)
        hasher.add([a.earlyTiming.stage, a.earlyTiming.justification, a.measurability.evaluationPlan])
        for indicator in a.measurability.indicators {
            hasher.add([indicator.name, indicator.unit, opt(indicator.baseline), opt(indicator.target), indicator.source])
            hasher.add(indicator.when.map(\.rawValue))
        }
        for year in a.budget.years { hasher.add([String(year.year), String(year.requested)]) }
        for c in a.budget.contributions { hasher.add([c.actor, String(c.amount), c.description]) }
        hasher.add([a.longTerm.owner, a.longTerm.plan])
        if let calculation = a.calculation {
            hasher.add([String(calculation.firstYear)])
            for cost in calculation.costs { hasher.add([cost.actor, String(cost.year), cost.amount.kronor.description]) }
            for effect in calculation.effects {
                let value: String
                switch effect.value {
                case .amount(let money): value = money.kronor.description
                case .unitCost(let id): value = "unit:" + id
                }
                var fields = [effect.actor, effect.description, String(effect.people), value, effect.source, String(effect.fromYear), String(effect.years)]
                // Only when given, so the fingerprints of applications written before price years stay as they were.
                if let priceYear = effect.priceYear { fields.append("price_year:" + String(priceYear)) }
                hasher.add(fields)
            }
        }
        // Fields added later (issue 15) count only when written, so the fingerprint of an
        // application without them, and every review that recorded it, stays as it was.
        let added = [a.applicantKind?.rawValue ?? "", a.earlyTiming.level?.rawValue ?? "", a.measurability.economicFollowUp]
            + a.actors.flatMap { [$0.organisation, $0.unit] }
            + a.measurability.indicators.flatMap { [$0.direction?.rawValue ?? "", $0.kind?.rawValue ?? ""] }
        if added.contains(where: { !$0.isEmpty }) { hasher.add(added) }
        return hasher.hex
    }

    private static func opt(_ value: (some CustomStringConvertible)?) -> String { value.map(\.description) ?? "" }
}

/// 64-bit FNV-1a: small, stable across runs and platforms (Swift's Hasher is seeded per process).
/// Also names a store's files on the member's machine and checks the export cache.
public struct FNV1a {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ text: String) {
        for byte in text.utf8 { mix(byte) }
        mix(0x1f)  // unit separator: "ab","c" and "a","bc" must differ
    }

    public mutating func add(_ fields: [String]) {
        for field in fields { add(field) }
        mix(0x1e)
    }

    /// The hash of `bytes` as they are, without separators.
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hasher = FNV1a()
        for byte in bytes { hasher.mix(byte) }
        return hasher.value
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01b3
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
