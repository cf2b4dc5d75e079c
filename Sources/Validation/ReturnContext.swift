import HubKit

/// What the person checks need to know about the return, worked out once per return.
struct ReturnContext: Sendable {
    /// `Year` from the header: picks the code lists and the elements that exist. A year before
    /// person-level SEN2 (already a header error) is checked as 2023, so that persons are not all
    /// quarantined for codes that are fine.
    let year: Int
    /// `ReferenceDate`: the census date.
    let census: Day
    /// The last date an event may carry: the census date plus the collection window. When the
    /// header's ReferenceDate is not in its Year (SEN2-HEADER-REFDATE-YEAR: the import rejects the
    /// return, but a caller may still check its persons) it is unclear which of the two is wrong,
    /// so the window runs from the later reading.
    let windowEnd: Day
    /// A plan active at the census that started before this date (12 months earlier) should have
    /// had an annual review.
    let reviewDueBefore: Day
    /// The 31 August before the census date: the day ages are taken on (see `CensusAge.swift`).
    let ageDate: Day
    /// A person born on or before this date is over 25 on `ageDate`.
    let over25BornBy: Day
    /// A person born on or before this date (and after `over25BornBy`) is 25 on `ageDate`.
    let aged25BornBy: Day
    /// The collection period: the calendar year before `year`, whose work the return reports (new
    /// plans, timeliness, decisions).
    let periodStart: Day
    let periodEnd: Day
    let establishmentKnown: (@Sendable (String) -> Bool)?

    init(header: ReturnHeader, windowMonths: Int, establishmentKnown: (@Sendable (String) -> Bool)?) {
        year = max(header.collectionYear, SEN2Collection.firstYear)
        census = header.referenceDate
        let censusInHeaderYear = census.addingMonths((header.collectionYear - census.year) * 12)
        windowEnd = max(census, censusInHeaderYear).addingMonths(windowMonths)
        reviewDueBefore = census.addingMonths(-12)
        ageDate = august31Before(census)
        over25BornBy = ageDate.addingMonths(-26 * 12)
        aged25BornBy = ageDate.addingMonths(-25 * 12)
        periodStart = Day(year: year - 1, month: 1, day: 1) ?? census
        periodEnd = Day(year: year - 1, month: 12, day: 31) ?? census
        self.establishmentKnown = establishmentKnown
    }

    /// True when the element exists in this collection year's return.
    func has(_ element: YearElement) -> Bool {
        element.years.contains(year)
    }
}

extension Day {
    /// The same day of the month `months` later (earlier when negative), clamped to the month's
    /// last day (31 March minus one month is 28 or 29 February).
    func addingMonths(_ months: Int) -> Day {
        let (y, m, d) = parts
        let total = y * 12 + (m - 1) + months
        let year = total / 12, month = total % 12 + 1
        return Day(year: year, month: month, day: min(d, Day.daysIn(month: month, year: year))) ?? self
    }

    /// True when the day falls from `start` to `end`, both included.
    func isWithin(_ start: Day, _ end: Day) -> Bool { start <= self && self <= end }
}
