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

    public static let defaultBody = "kommunstyrelsen"

    public init(body: String = Decision.defaultBody, date: Day, caseNumber: String, outcome: Outcome, grants: [Grant] = [],
                conditions: String = "", rationale: String = "", followUps: [Day]? = nil, recordedBy: MemberID, recorded: Date? = nil) {
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

    public var totalGranted: Int { grants.reduce(0) { $0 + $1.amount } }

    /// What makes a decision incomplete or inconsistent, field by field.
    public var problems: [Message] {
        var problems: [Message] = []
        if body.isBlank { problems.append(Message(.decisionNoBody)) }
        if caseNumber.isBlank { problems.append(Message(.decisionNoCaseNumber)) }
        if outcome == .reject && totalGranted > 0 { problems.append(Message(.decisionRejectedWithMoney)) }
        if outcome == .approve && grants.isEmpty { problems.append(Message(.decisionApprovedWithoutMoney)) }
        for grant in grants where grant.amount < 0 {
            problems.append(Message(.decisionNegativeGrant, ["year": .text(String(grant.year))]))
        }
        if Set(grants.map(\.year)).count != grants.count { problems.append(Message(.decisionDuplicateYear)) }
        return problems
    }
}
