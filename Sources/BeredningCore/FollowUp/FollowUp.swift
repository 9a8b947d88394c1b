import Foundation

/// One follow-up occasion of a running investment (criterion 5: social and economic effects
/// after one year, four years and in the long run): what each indicator measured, what the
/// intervention really cost and saved, and what the coordinator learnt. One file per occasion.
public struct FollowUp: Hashable, Sendable {
    /// One indicator's measured value at this occasion.
    public struct Measurement: Hashable, Sendable {
        /// The indicator's name, as the application writes it.
        public var indicator: String
        public var value: Double
        /// The unit the value is written in, when given: it must be the indicator's.
        public var unit: String
        /// When it was measured; the occasion's date when not given.
        public var measured: Day?
        public var source: String
        public var comment: String

        public init(indicator: String, value: Double, unit: String = "", measured: Day? = nil, source: String = "", comment: String = "") {
            self.indicator = indicator
            self.value = value
            self.unit = unit
            self.measured = measured
            self.source = source
            self.comment = comment
        }
    }

    /// What one actor really paid and really avoided in one year, as far as it is known.
    public struct Realised: Hashable, Sendable {
        public var actor: String
        public var year: Int
        /// Whole kronor the intervention cost the actor; nil when not known.
        public var cost: Int?
        /// Whole kronor of costs the actor avoided; nil when not known.
        public var avoidedCost: Int?

        public init(actor: String, year: Int, cost: Int? = nil, avoidedCost: Int? = nil) {
            self.actor = actor
            self.year = year
            self.cost = cost
            self.avoidedCost = avoidedCost
        }
    }

    public var applicationID: ApplicationID
    /// The occasion: a planned date of the decision, or another day the coordinator chose. It names the file.
    public var date: Day
    public var measurements: [Measurement]
    public var realised: [Realised]
    public var worked: String
    public var didNotWork: String
    public var recordedBy: MemberID
    public var recorded: Date?

    public init(applicationID: ApplicationID, date: Day, measurements: [Measurement] = [], realised: [Realised] = [],
                worked: String = "", didNotWork: String = "", recordedBy: MemberID, recorded: Date? = nil) {
        self.applicationID = applicationID
        self.date = date
        self.measurements = measurements
        self.realised = realised
        self.worked = worked
        self.didNotWork = didNotWork
        self.recordedBy = recordedBy
        self.recorded = recorded
    }

    public var freeTexts: [String] { [worked, didNotWork] + measurements.flatMap { [$0.source, $0.comment] } }

    /// What does not fit the application it follows up, each with the field of the file it
    /// concerns (`measurements[1].unit`): the same rules for the command, the form and a hand edit.
    public func problems(for application: Application) -> [(field: String, message: Message)] {
        var problems: [(String, Message)] = []
        let indicators = application.measurability.indicators
        let names = indicators.map(\.name)
        var seen: Set<String> = []
        for (index, measurement) in measurements.enumerated() {
            let at = "measurements[\(index)]"
            guard let indicator = indicators.first(where: { $0.name == measurement.indicator }) else {
                problems.append((at + ".indicator", Message(.followUpUnknownIndicator, [
                    "name": .text(measurement.indicator), "names": .text(names.map { "”\($0)”" }.joined(separator: ", ")),
                ])))
                continue
            }
            if !seen.insert(indicator.name).inserted {
                problems.append((at + ".indicator", Message(.followUpDuplicateIndicator, ["name": .text(indicator.name)])))
            }
            if !measurement.unit.isBlank, !indicator.unit.isBlank, IndicatorUnit.normalised(measurement.unit) != IndicatorUnit.normalised(indicator.unit) {
                problems.append((at + ".unit", Message(.followUpWrongUnit, [
                    "name": .text(indicator.name), "unit": .text(measurement.unit), "expected": .text(indicator.unit),
                ])))
            } else if let problem = IndicatorUnit(indicator.unit).problem(with: measurement.value) {
                problems.append((at + ".value", Message(problem, ["name": .text(indicator.name), "unit": .text(indicator.unit),
                                                                  "value": .text(FollowUp.number(measurement.value))])))
            }
        }
        let actors = FollowUp.actors(of: application)
        var years: Set<String> = []
        for (index, line) in realised.enumerated() {
            let at = "realised[\(index)]"
            if !actors.contains(line.actor) {
                problems.append((at + ".actor", Message(.followUpUnknownActor, [
                    "name": .text(line.actor), "names": .text(actors.map { "”\($0)”" }.joined(separator: ", ")),
                ])))
            }
            if !years.insert("\(line.actor)\u{0}\(line.year)").inserted {
                problems.append((at + ".year", Message(.followUpDuplicateYear, ["name": .text(line.actor), "year": .text(String(line.year))])))
            }
            for (field, amount) in [("cost", line.cost), ("avoided_cost", line.avoidedCost)] {
                guard let amount else { continue }
                if amount < 0 { problems.append((at + "." + field, Message(.followUpNegativeAmount))) }
                if amount > Money.largestKronor { problems.append((at + "." + field, Message(.amountTooLarge))) }
            }
            if line.cost == nil && line.avoidedCost == nil {
                problems.append((at, Message(.followUpEmptyRealised, ["name": .text(line.actor), "year": .text(String(line.year))])))
            }
        }
        return problems
    }

    /// The actors a realised line may name: the application's and its calculation's.
    public static func actors(of application: Application) -> [String] {
        var names: [String] = []
        for name in application.actors.map(\.name) + (application.calculation?.actors ?? []) where !names.contains(name) { names.append(name) }
        return names
    }

    /// A measured value without a needless ".0": 85, 62.5.
    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// The few units whose values have a shape the tool can check: a share in per cent lies
/// between 0 and 100 (0.85 for 85 % is the usual slip), a count is a whole number.
enum IndicatorUnit {
    case percent, count, other

    init(_ unit: String) {
        switch IndicatorUnit.normalised(unit) {
        case "%", "procent", "percent", "per cent": self = .percent
        case "antal", "st", "count", "number": self = .count
        default: self = .other
        }
    }

    static func normalised(_ unit: String) -> String { unit.trimmingCharacters(in: .whitespaces).lowercased() }

    func problem(with value: Double) -> MessageKey? {
        switch self {
        case .percent: return (0...100).contains(value) ? nil : .followUpNotAPercent
        case .count: return value >= 0 && value == value.rounded() ? nil : .followUpNotACount
        case .other: return value.isFinite ? nil : .followUpNotANumber
        }
    }
}
