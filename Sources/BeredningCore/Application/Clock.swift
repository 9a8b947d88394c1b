import Foundation

/// Instants as the store writes them and people read them, in UTC or a given offset; plain
/// arithmetic on `Day`, so no calendar or time-zone object is involved.
public struct WallTime: Hashable, Sendable {
    public let day: Day
    public let hour: Int
    public let minute: Int
    public let second: Int

    /// `date` at `offsetMinutes` east of UTC (0: UTC).
    public init(_ date: Date, offsetMinutes: Int = 0) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetMinutes * 60
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let ofDay = seconds - days * 86_400
        day = Day(daysSince1970: days)
        hour = ofDay / 3600
        minute = ofDay / 60 % 60
        second = ofDay % 60
    }

    /// The instant of `day` at the given UTC time.
    public static func date(_ day: Day, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Date {
        Date(timeIntervalSince1970: Double(day.daysSince1970 * 86_400 + hour * 3600 + minute * 60 + second))
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// `2026-03-05T16:20:00Z` (for UTC): the store's and the exports' form.
    public var iso: String { "\(day)T\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))Z" }
    /// `20260305T162000Z`: sortable, for file names.
    public var compact: String { day.description.filter { $0 != "-" } + "T\(Self.two(hour))\(Self.two(minute))\(Self.two(second))Z" }
    /// `2026-03-05 16:20`: for people.
    public var minutes: String { "\(day) \(Self.two(hour)):\(Self.two(minute))" }
    /// `16:20`.
    public var clock: String { "\(Self.two(hour)):\(Self.two(minute))" }
}
