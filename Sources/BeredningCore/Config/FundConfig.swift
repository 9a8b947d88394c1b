/// The scoring scale: default 1–4 (saknas / svagt / godtagbart / starkt), configurable per fund.
public struct Scale: Hashable, Sendable {
    public let min: Int
    public let max: Int
    /// A criterion whose mean score falls below this fails.
    public let passMark: Int
    public let labels: [LocalizedText]

    public enum Problem: Error, Equatable, Sendable {
        case emptyRange(min: Int, max: Int)
        case labelCount(expected: Int, found: Int)
        case passMarkOutside(Int)
    }

    public init(min: Int, max: Int, passMark: Int, labels: [LocalizedText]) throws(Problem) {
        guard min < max, max - min <= 20 else { throw .emptyRange(min: min, max: max) }
        guard labels.count == max - min + 1 else { throw .labelCount(expected: max - min + 1, found: labels.count) }
        guard (min...max).contains(passMark) else { throw .passMarkOutside(passMark) }
        self.min = min
        self.max = max
        self.passMark = passMark
        self.labels = labels
    }

    public static let standard = try! Scale(min: 1, max: 4, passMark: 3, labels: [
        LocalizedText(sv: "saknas", en: "missing"),
        LocalizedText(sv: "svagt", en: "weak"),
        LocalizedText(sv: "godtagbart", en: "acceptable"),
        LocalizedText(sv: "starkt", en: "strong"),
    ])

    public var points: ClosedRange<Int> { min...max }
    public func label(_ points: Int) -> LocalizedText? {
        self.points.contains(points) ? labels[points - min] : nil
    }
}

/// One way an application can meet the fund's cooperation rule: the least number of distinct
/// municipal units (sectors, committees), civil-society actors and organisations of any kind.
/// Ale: two municipal sectors. Örebro: two committees, or one committee and one association.
public struct CooperationAlternative: Hashable, Sendable {
    public var municipalUnits: Int
    public var civilSociety: Int
    public var organisations: Int

    public init(municipalUnits: Int = 0, civilSociety: Int = 0, organisations: Int = 0) {
        self.municipalUnits = municipalUnits
        self.civilSociety = civilSociety
        self.organisations = organisations
    }
}

/// The fund's rules for the review, from the store's `bered.toml`. The defaults are Ale's.
public struct FundRules: Hashable, Sendable {
    /// Distinct organisational units taking part, of any kind.
    public var minActors: Int
    /// Ale's rule: every project involves at least two municipal actors. Used as the one
    /// cooperation alternative when the fund lists none.
    public var minMunicipalActors: Int
    /// `[[rules.cooperation]]`: met when any one is; empty means `minMunicipalActors` municipal units.
    public var cooperationAlternatives: [CooperationAlternative]
    /// The kinds of organisation that may apply (Ale: a municipal sector).
    public var allowedApplicants: [ActorKind]
    /// The ages the fund is for ("barn och unga": 0–20).
    public var ageScope: ClosedRange<Int>
    /// How long an intervention may run, in months; nil: no limit (Örebro: 12–36).
    public var minLengthMonths: Int?
    public var maxLengthMonths: Int?
    public var reviewsNeeded: Int
    /// No one anchors on a colleague's numbers before their own review is complete.
    public var hideScoresUntilOwnReviewComplete: Bool
    /// A criterion whose scores differ by this much or more is marked as a disagreement.
    public var disagreementSpread: Int
    /// Leaving preparation needs the group's proposal (beredningens förslag).
    public var proposalRequired: Bool = true
    /// Who screens ideas: the coordinator, or the steering group.
    public var ideaScreener: Role = .coordinator

    public init(minActors: Int = 2, minMunicipalActors: Int = 2, cooperationAlternatives: [CooperationAlternative] = [],
                allowedApplicants: [ActorKind] = [.municipal], ageScope: ClosedRange<Int> = 0...20,
                minLengthMonths: Int? = nil, maxLengthMonths: Int? = nil, reviewsNeeded: Int = 3,
                hideScoresUntilOwnReviewComplete: Bool = true, disagreementSpread: Int = 2) {
        self.minActors = minActors
        self.minMunicipalActors = minMunicipalActors
        self.cooperationAlternatives = cooperationAlternatives
        self.allowedApplicants = allowedApplicants
        self.ageScope = ageScope
        self.minLengthMonths = minLengthMonths
        self.maxLengthMonths = maxLengthMonths
        self.reviewsNeeded = reviewsNeeded
        self.hideScoresUntilOwnReviewComplete = hideScoresUntilOwnReviewComplete
        self.disagreementSpread = disagreementSpread
    }

    /// The alternatives the cooperation check tries, never empty.
    public var cooperation: [CooperationAlternative] {
        cooperationAlternatives.isEmpty ? [CooperationAlternative(municipalUnits: minMunicipalActors)] : cooperationAlternatives
    }
}

/// Everything `bered.toml` says about the fund.
public struct FundConfig: Hashable, Sendable {
    public var fund: String
    public var scale: Scale
    public var rules: FundRules
    public var criteria: CriteriaSet
    public var members: [Member]
    public var calculation: CalculationSettings
    /// `[sharing] trusted_commit`: the commit from which every shared change must be signed by
    /// a member allowed to make it (`bered trust`); nil while the store is not verified.
    public var trustedCommit: String?
    /// `[economy]`: the fund's model, capital, yearly budgets and caps.
    public var economy: FundEconomy
    /// `[memo] name_youth_panel`: whether the decision memo names the youth panel's members
    /// beside their comments. Off unless the fund says so: the memo is a public document, and
    /// the panel's members are young people; off, it says "ungdomspanelen".
    public var nameYouthPanelInMemo = false

    public init(fund: String, scale: Scale = .standard, rules: FundRules = .init(), criteria: CriteriaSet, members: [Member],
                calculation: CalculationSettings = .init(), trustedCommit: String? = nil, economy: FundEconomy = .init()) {
        self.economy = economy
        self.calculation = calculation
        self.trustedCommit = trustedCommit
        self.fund = fund
        self.scale = scale
        self.rules = rules
        self.criteria = criteria
        self.members = members
    }

    public func member(_ id: MemberID) -> Member? { members.first { $0.id == id } }
    public var reviewers: [Member] { members.filter { $0.role == .preparationGroup } }

    /// Whether `text` is a full git commit name (SHA-1 or SHA-256, lower-case hex): an
    /// abbreviated one could come to name another commit as the history grows.
    public static func isCommitName(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64) && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
