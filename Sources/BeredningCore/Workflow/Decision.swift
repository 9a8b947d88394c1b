import Foundation

/// The board's decision on an application, recorded by a coordinator.
public struct Decision: Hashable, Sendable {
    public enum Outcome: String, CaseIterable, Hashable, Sendable, Labelled {
        case approve, reject
        public static var labelPrefix: String { "decision_outcome" }

        /// The move the decision makes.
        public var transition: Transition { self == .approve ? .approve : .reject }
    }

    public struct Grant: Hashable, Sendable {
        public var year: Int
        /// Whole kronor granted for that year.
        public var amount: Int
        public init(year: Int, amount: Int) {
            self.year = year
            self.amount = amount
        }

        /// The amounts per year as typed anywhere: `2027=450000, 2028=500 000`, separated by
        /// commas, semicolons or lines, spaces allowed inside the amounts as Swedes write them.
        public static func parse(_ text: String) -> Result<[Grant], Refusal> {
            var grants: [Grant] = []
            for part in text.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == ";" }) {
                let pair = part.split(separator: "=")
                guard pair.count == 2, let year = Int(pair[0].trimmingCharacters(in: .whitespaces)),
                      let amount = Int(pair[1].filter { !$0.isWhitespace }) else {
                    return .failure(Refusal(Message(.uiBadGrant, ["value": .text(String(part).trimmingCharacters(in: .whitespaces))])))
                }
                grants.append(Grant(year: year, amount: amount))
            }
            return .success(grants)
        }

        /// `2027=450000, 2028=500000`: what `parse` reads.
        public static func typed(_ grants: [(year: Int, amount: Int)]) -> String {
            grants.map { "\($0.year)=\($0.amount)" }.joined(separator: ", ")
        }
    }

    /// The deciding body: kommunstyrelsen unless the fund says otherwise.
    public var body: String
    public var date: Day
    /// The case number (diarienummer).
    public var caseNumber: String
    public var outcome: Outcome
    public var grants: [Grant]
    public var conditions: String
    public var rationale: String
    /// When the effects are followed up: by default after 1 year and after 4 years.
    public var followUps: [Day]
    public var recordedBy: MemberID
    public var recorded: Date?
    /// The economic model in force when the decision was recorded (`FundEconomy.model(for:chosen:)`):
    /// kept in the decision so a fund that changes model later changes no old decision.
    /// nil in decisions recorded before funds had models.
    public var economicModel: EconomicModel?
    /// Why the board's decision stands although it goes past the fund's budget or caps
    /// (`BudgetCheck`); empty when it does not.
    public var budgetOverride: String

    public static let defaultBody = "kommunstyrelsen"

    public init(body: String = Decision.defaultBody, date: Day, caseNumber: String, outcome: Outcome, grants: [Grant] = [],
                conditions: String = "", rationale: String = "", followUps: [Day]? = nil, recordedBy: MemberID, recorded: Date? = nil,
                economicModel: EconomicModel? = nil, budgetOverride: String = "") {
        self.economicModel = economicModel
        self.budgetOverride = budgetOverride
        self.body = body
        self.date = date
        self.caseNumber = caseNumber
        self.outcome = outcome
        self.grants = grants
        self.conditions = conditions
        self.rationale = rationale
        self.followUps = followUps ?? Decision.defaultFollowUps(after: date)
        self.recordedBy = recordedBy
        self.recorded = recorded
    }

    /// One year and four years after the decision (the 29th of February becomes the 28th).
    public static func defaultFollowUps(after date: Day) -> [Day] {
        [1, 4].map { years in
            Day(year: date.year + years, month: date.month, day: date.day) ?? Day(year: date.year + years, month: date.month, day: 28)!
        }
    }

    /// Saturating, so a mistyped amount in a hand-edited file cannot crash a sum.
    public var totalGranted: Int { Kronor.sum(grants.map(\.amount)) }

    /// The one limit for every amount (`Money.largestKronor`).
    public static let largestGrant = Money.largestKronor

    /// What makes a decision incomplete or inconsistent.
    public var problems: [Message] { problemsByField.map(\.message) }

    /// The same, each with the field of `decision.toml` it concerns (`grants[1].amount`).
    public var problemsByField: [(field: String, message: Message)] {
        var problems: [(String, Message)] = []
        if body.isBlank { problems.append(("body", Message(.decisionNoBody))) }
        if caseNumber.isBlank { problems.append(("case_number", Message(.decisionNoCaseNumber))) }
        if outcome == .reject && totalGranted > 0 { problems.append(("outcome", Message(.decisionRejectedWithMoney))) }
        if outcome == .approve && grants.isEmpty { problems.append(("outcome", Message(.decisionApprovedWithoutMoney))) }
        for (index, grant) in grants.enumerated() where grant.amount < 0 {
            problems.append(("grants[\(index)].amount", Message(.decisionNegativeGrant, ["year": .text(String(grant.year))])))
        }
        for (index, grant) in grants.enumerated() where grant.amount > Decision.largestGrant {
            problems.append(("grants[\(index)].amount", Message(.decisionImplausibleGrant, ["year": .text(String(grant.year))])))
        }
        if Set(grants.map(\.year)).count != grants.count { problems.append(("grants", Message(.decisionDuplicateYear))) }
        return problems
    }
}
