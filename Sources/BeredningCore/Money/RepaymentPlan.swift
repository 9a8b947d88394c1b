import Foundation

/// What the actors that gain from an intervention pay back to the fund (repayment model), or
/// how much their budget frames are cut (return model): a plan per actor and year, and what
/// has come in against it. `<id>/repayments.toml`, written by the coordinator.
public struct RepaymentPlan: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var actor: String
        public var year: Int
        /// Whole kronor planned for that year.
        public var amount: Int
        public init(actor: String, year: Int, amount: Int) {
            self.actor = actor
            self.year = year
            self.amount = amount
        }
    }

    /// A repayment received, or a frame cut made, against the plan.
    public struct Payment: Hashable, Sendable {
        public var actor: String
        public var date: Day
        public var amount: Int
        public var note: String
        public var recordedBy: MemberID
        public var recorded: Date?
        public init(actor: String, date: Day, amount: Int, note: String = "", recordedBy: MemberID, recorded: Date? = nil) {
            self.actor = actor
            self.date = date
            self.amount = amount
            self.note = note
            self.recordedBy = recordedBy
            self.recorded = recorded
        }
    }

    /// One actor's plan against what came in.
    public struct ActorBalance: Hashable, Sendable {
        public let actor: String
        public let planned: Int
        public let received: Int
        public var outstanding: Int { Kronor.subtract(planned, received) }
    }

    public var applicationID: ApplicationID
    public var lines: [Line]
    public var payments: [Payment]

    public init(applicationID: ApplicationID, lines: [Line] = [], payments: [Payment] = []) {
        self.applicationID = applicationID
        self.lines = lines
        self.payments = payments
    }

    public var totalPlanned: Int { Kronor.sum(lines.map(\.amount)) }
    public var totalReceived: Int { Kronor.sum(payments.map(\.amount)) }

    /// Planned against received per actor, in the plan's order, then any actor paid without a plan line.
    public var balances: [ActorBalance] {
        var actors: [String] = []
        for actor in lines.map(\.actor) + payments.map(\.actor) where !actors.contains(actor) { actors.append(actor) }
        return actors.map { actor in
            ActorBalance(actor: actor, planned: Kronor.sum(lines.filter { $0.actor == actor }.map(\.amount)),
                         received: Kronor.sum(payments.filter { $0.actor == actor }.map(\.amount)))
        }
    }

    /// Sets the plan for one actor and year; 0 takes the line away.
    public mutating func set(actor: String, year: Int, amount: Int) {
        lines.removeAll { $0.actor == actor && $0.year == year }
        guard amount != 0 else { return }
        lines.append(Line(actor: actor, year: year, amount: amount))
        lines.sort { ($0.year, $0.actor) < ($1.year, $1.actor) }
    }

    /// The actors that gain in the calculation ("who gains"): those with an effect line that
    /// counts within the horizon. Only they can be asked to pay back.
    public static func gainers(_ input: CalculationInput?, settings: CalculationSettings) -> [String] {
        guard let input else { return [] }
        let projection = SocioEconomicCalculation.project(input, settings: settings)
        return projection.actors.filter { actor in projection.years.contains { ($0.perActor[actor]?.gain ?? .zero) > .zero } }
    }

    /// A plan from the calculation's "who gains": each gaining actor pays back in each year what
    /// the full-effect scenario says it saves that year (plain kronor, as the grant was paid),
    /// earliest years first, until the whole grant is back. The return model cuts the frames by
    /// the same amounts: Norrköping cuts a committee's frame by what the investment saves it.
    /// Savings beyond the grant stay with the actors; the coordinator edits the plan from here.
    public static func proposed(for application: Application, granted: Int, settings: CalculationSettings) -> [Line] {
        guard let input = application.calculation, granted > 0 else { return [] }
        let projection = SocioEconomicCalculation.project(input, settings: settings)
        var left = granted
        var lines: [Line] = []
        for year in projection.years where left > 0 {
            for actor in projection.actors where left > 0 {
                let gain = (year.perActor[actor]?.gain ?? .zero).wholeKronor
                guard gain > 0 else { continue }
                let amount = min(gain, left)
                lines.append(Line(actor: actor, year: year.year, amount: amount))
                left -= amount
            }
        }
        return lines
    }

    /// What makes the plan unusable, by field of `repayments.toml` (`plan[2].actor`): an actor
    /// that gains nothing, an amount below zero or past any fund's, a model without repayments.
    public func problemsByField(gainers: [String], model: EconomicModel?) -> [(field: String, message: Message)] {
        var problems: [(String, Message)] = []
        let known = gainers.isEmpty ? "–" : gainers.joined(separator: "; ")
        if let model, !model.paysBack, !(lines.isEmpty && payments.isEmpty) {
            problems.append(("plan", Message(.moneyGrantHasNoPlan, ["model": .message(model.label)])))
        }
        func amount(_ field: String, _ value: Int) {
            if value < 0 { problems.append((field, Message(.fileNegativeAmount))) }
            if value > Money.largestKronor { problems.append((field, Message(.amountTooLarge))) }
        }
        for (index, line) in lines.enumerated() {
            if !gainers.contains(line.actor) {
                problems.append(("plan[\(index)].actor", Message(.moneyActorGainsNothing, ["actor": .text(line.actor), "gainers": .text(known)])))
            }
            if !(1900...2200).contains(line.year) { problems.append(("plan[\(index)].year", Message(.calcYearImplausible))) }
            amount("plan[\(index)].amount", line.amount)
        }
        for (index, payment) in payments.enumerated() {
            if !gainers.contains(payment.actor) {
                problems.append(("received[\(index)].actor", Message(.moneyActorGainsNothing, ["actor": .text(payment.actor), "gainers": .text(known)])))
            }
            amount("received[\(index)].amount", payment.amount)
            if payment.amount == 0 { problems.append(("received[\(index)].amount", Message(.moneyZeroPayment))) }
        }
        var seen: Set<String> = []
        for (index, line) in lines.enumerated() where !seen.insert("\(line.year) \(line.actor)").inserted {
            problems.append(("plan[\(index)]", Message(.moneyDuplicateLine, ["actor": .text(line.actor), "year": .text(String(line.year))])))
        }
        return problems
    }
}
