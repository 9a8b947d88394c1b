import Foundation

/// One indicator followed over time: baseline → target → what was measured at each occasion.
public struct IndicatorProgress: Hashable, Sendable {
    public struct Point: Hashable, Sendable {
        public let day: Day
        public let value: Double
    }

    /// Whether the latest measurement is where the indicator should be going.
    public enum Status: String, CaseIterable, Hashable, Sendable, Labelled {
        /// The target is met or passed.
        case reached
        /// It has moved from the baseline towards the target.
        case onTrack = "on_track"
        /// It stands still or has moved away from the target.
        case offTrack = "off_track"
        /// Nothing measured yet.
        case notMeasured = "not_measured"
        /// Measured, but without a baseline and a target nothing says where it should be.
        case noTarget = "no_target"

        public static var labelPrefix: String { "indicator_status" }
    }

    public let indicator: Indicator
    /// Oldest first.
    public let points: [Point]

    public var latest: Point? { points.last }

    /// Which way is better: as the application says, else from baseline to target.
    public var direction: IndicatorDirection? {
        if let direction = indicator.direction { return direction }
        guard let baseline = indicator.baseline, let target = indicator.target, baseline != target else { return nil }
        return target > baseline ? .raise : .lower
    }

    /// Judged on the latest value alone: an intervention is on track once it has moved the
    /// indicator the right way, whatever the pace; the follow-up's comments say more.
    public var status: Status {
        guard let latest else { return .notMeasured }
        guard let baseline = indicator.baseline, let target = indicator.target, let direction else { return .noTarget }
        let sign: Double = direction == .raise ? 1 : -1
        if latest.value * sign >= target * sign { return .reached }
        return (latest.value - baseline) * sign > 0 ? .onTrack : .offTrack
    }

    /// Every indicator of the application with what the follow-ups measured, in the application's order.
    public static func of(_ application: Application, followUps: [FollowUp]) -> [IndicatorProgress] {
        application.measurability.indicators.map { indicator in
            let points = followUps.flatMap { followUp in
                followUp.measurements.filter { $0.indicator == indicator.name }.map { Point(day: $0.measured ?? followUp.date, value: $0.value) }
            }
            return IndicatorProgress(indicator: indicator, points: points.sorted { $0.day < $1.day })
        }
    }
}

/// What the intervention really cost and saved against what the calculation forecast, per
/// actor and in total. Compared only over the years and figures a follow-up reports, so a year
/// nobody has reported yet never reads as a shortfall.
public struct SavingsComparison: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        /// nil for the total.
        public let actor: String?
        public var forecastCost = Money.zero
        public var realisedCost = Money.zero
        public var forecastAvoided = Money.zero
        public var realisedAvoided = Money.zero
        /// Whether any figure was reported for the actor.
        public var reported = false

        public var forecastNet: Money { forecastAvoided - forecastCost }
        public var realisedNet: Money { realisedAvoided - realisedCost }
    }

    /// One year of the investment hump: the calculation's cumulative net (undiscounted, as money
    /// is reported) and, for the years reported, the realised one.
    public struct HumpYear: Hashable, Sendable {
        public let year: Int
        public let forecast: Money
        public let realised: Money?
    }

    public let rows: [Row]
    public let total: Row
    public let hump: [HumpYear]
    /// The years some follow-up reports figures for.
    public let reportedYears: [Int]

    /// The latest report of each actor and year counts: a later occasion may correct an earlier one.
    public static func realised(_ followUps: [FollowUp]) -> [FollowUp.Realised] {
        var latest: [String: FollowUp.Realised] = [:]
        var order: [String] = []
        for followUp in followUps.sorted(by: { $0.date < $1.date }) {
            for line in followUp.realised {
                let key = "\(line.actor)\u{0}\(line.year)"
                if latest[key] == nil { order.append(key) }
                latest[key] = line
            }
        }
        return order.compactMap { latest[$0] }
    }

    public init(application: Application, followUps: [FollowUp], settings: CalculationSettings) {
        let realised = SavingsComparison.realised(followUps)
        let projection = application.calculation.map { SocioEconomicCalculation.project($0, settings: settings) }
        func forecast(_ actor: String, _ year: Int) -> ProjectionYear.Amounts {
            projection?.years.first { $0.year == year }?.perActor[actor] ?? .init()
        }
        var actors = projection?.actors ?? []
        for line in realised where !actors.contains(line.actor) { actors.append(line.actor) }
        var total = Row(actor: nil)
        rows = actors.map { actor in
            var row = Row(actor: actor)
            for line in realised where line.actor == actor {
                let planned = forecast(actor, line.year)
                row.reported = true
                if let cost = line.cost {
                    row.forecastCost += planned.cost
                    row.realisedCost += Money(cost)
                }
                if let avoided = line.avoidedCost {
                    row.forecastAvoided += planned.gain
                    row.realisedAvoided += Money(avoided)
                }
            }
            total.forecastCost += row.forecastCost
            total.realisedCost += row.realisedCost
            total.forecastAvoided += row.forecastAvoided
            total.realisedAvoided += row.realisedAvoided
            total.reported = total.reported || row.reported
            return row
        }
        self.total = total
        let years = Array(Set(realised.map(\.year))).sorted()
        reportedYears = years
        var realisedSoFar = Money.zero
        let lastReported = years.last
        hump = (projection?.years ?? []).map { year in
            let lines = realised.filter { $0.year == year.year }
            realisedSoFar += lines.reduce(Money.zero) { $0 + Money($1.avoidedCost ?? 0) - Money($1.cost ?? 0) }
            let shown = lastReported.map { year.year <= $0 } ?? false
            return HumpYear(year: year.year, forecast: year.cumulativeNet, realised: shown ? realisedSoFar : nil)
        }
    }
}

/// A planned follow-up that has not been recorded, for the fund-wide list.
public struct DueFollowUp: Hashable, Sendable {
    public enum Urgency: String, CaseIterable, Hashable, Sendable, Labelled {
        /// Its date has passed without a follow-up.
        case overdue
        /// Within the next `FollowUpsDue.soonDays` days.
        case soon
        case planned

        public static var labelPrefix: String { "follow_up_urgency" }
    }

    public let applicationID: ApplicationID
    public let title: String
    public let date: Day
    public let urgency: Urgency
}

public enum FollowUpsDue {
    /// "Soon": a month's notice to ask the actors for their figures.
    public static let soonDays = 30
    /// A follow-up recorded up to three months before a planned date counts for it: the figures
    /// are often gathered ahead of the date the decision set.
    public static let earlyDays = 92

    /// Followed up: an approved investment that has not yet closed.
    public static func isFollowedUp(_ dossier: Dossier) -> Bool {
        guard dossier.decision?.outcome == .approve else { return false }
        return [.approved, .feedbackSent, .running].contains(dossier.application.state)
    }

    /// The decision's planned dates that no recorded follow-up covers. Each planned date's
    /// window runs from `earlyDays` before it up to the next one's window, so one late
    /// follow-up covers the date it was late for, not the next.
    public static func open(_ dossier: Dossier) -> [Day] {
        isFollowedUp(dossier) ? uncovered(dossier) : []
    }

    /// The planned dates no recorded follow-up covers, whatever the state (a closed investment's
    /// missed follow-up is still missed).
    public static func uncovered(_ dossier: Dossier) -> [Day] {
        guard let decision = dossier.decision else { return [] }
        let planned = decision.followUps.sorted()
        let starts = planned.map { $0.daysSince1970 - earlyDays }
        return planned.enumerated().filter { index, _ in
            let end = index + 1 < starts.count ? starts[index + 1] : Int.max
            return !dossier.followUps.contains { (starts[index]..<end).contains($0.date.daysSince1970) }
        }.map(\.element)
    }

    public static func urgency(of date: Day, today: Day) -> DueFollowUp.Urgency {
        if date < today { return .overdue }
        return date.daysSince1970 - today.daysSince1970 <= soonDays ? .soon : .planned
    }

    /// Every open follow-up across the fund: overdue first, the longest overdue at the top, then by date.
    public static func list(_ dossiers: [Dossier], today: Day) -> [DueFollowUp] {
        let due = dossiers.flatMap { dossier in
            open(dossier).map { DueFollowUp(applicationID: dossier.application.id, title: dossier.application.title, date: $0,
                                            urgency: urgency(of: $0, today: today)) }
        }
        return due.sorted { ($0.urgency != .overdue ? 1 : 0, $0.date, $0.applicationID) < ($1.urgency != .overdue ? 1 : 0, $1.date, $1.applicationID) }
    }

    /// The most pressing open follow-up of one application, if any.
    public static func mostPressing(_ dossier: Dossier, today: Day) -> DueFollowUp.Urgency? {
        let urgencies = open(dossier).map { urgency(of: $0, today: today) }
        return DueFollowUp.Urgency.allCases.first { urgencies.contains($0) }
    }
}
