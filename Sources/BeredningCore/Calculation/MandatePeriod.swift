/// One political mandate period: the term of the councils that decide on the fund, within which
/// a fund hopes an investment breaks even (seed 001 asks the question).
public struct MandatePeriod: Hashable, Sendable {
    /// The period's first day (15 October of an election year in Sweden).
    public let start: Day
    /// The period's last day, the day before the next one starts.
    public let end: Day
    /// Whether the fund set the rhythm in `bered.toml` rather than Sweden's elections.
    public let fromFund: Bool

    /// The last calendar year whose figures count as inside the period: the year the period ends
    /// in. The calculation works in whole years, and that year is the outgoing councils' last
    /// budget year (the councils elected in September 2022 adopted the budgets for 2023–2026).
    public var lastYear: Int { end.year }

    /// "2022–2026": how Swedish documents name a period.
    public var name: String { "\(start.year)–\(end.year)" }
}

/// How mandate periods follow one another: from one period's first day, every `years` years.
public struct MandateRhythm: Hashable, Sendable {
    public var anchor: Day
    public var years: Int
    /// Whether periods before the anchor exist. Sweden's do not: terms have been four years only
    /// since the 1994 election (three before), so no earlier period is given rather than a false one.
    public var extendsBackwards: Bool
    public var fromFund: Bool

    /// Sweden's general elections are held in September every fourth year (1994, …, 2022, 2026,
    /// 2030); the councils' term runs from 15 October of the election year (kommunallagen 5:5).
    public static let sweden = MandateRhythm(anchor: Day(year: 1994, month: 10, day: 15)!, years: 4, extendsBackwards: false, fromFund: false)

    public init(anchor: Day, years: Int, extendsBackwards: Bool = true, fromFund: Bool = true) {
        self.anchor = anchor
        self.years = years
        self.extendsBackwards = extendsBackwards
        self.fromFund = fromFund
    }

    /// The period that `day` falls in; nil before Sweden's first four-year period, or for a
    /// rhythm whose years are not positive.
    public func period(containing day: Day) -> MandatePeriod? {
        guard years > 0 else { return nil }
        let beforeAnniversary = (day.month, day.day) < (anchor.month, anchor.day) ? 1 : 0
        let fullYears = day.year - anchor.year - beforeAnniversary
        // Rounded towards minus infinity, so a day before the anchor lands in the period before it.
        let k = fullYears >= 0 ? fullYears / years : -((-fullYears + years - 1) / years)
        guard k >= 0 || extendsBackwards else { return nil }
        guard let start = startOfPeriod(k), let next = startOfPeriod(k + 1) else { return nil }
        return MandatePeriod(start: start, end: Day(daysSince1970: next.daysSince1970 - 1), fromFund: fromFund)
    }

    /// The first day of the `k`th period after the anchor's. A rhythm anchored on 29 February
    /// starts on the 28th in the years without one.
    private func startOfPeriod(_ k: Int) -> Day? {
        let (offset, tooMany) = k.multipliedReportingOverflow(by: years)
        let (year, tooLate) = anchor.year.addingReportingOverflow(offset)
        guard !tooMany, !tooLate, (1...9999).contains(year) else { return nil }
        return Day(year: year, month: anchor.month, day: min(anchor.day, Day.daysIn(month: anchor.month, year: year)))
    }
}
