import HubKit

/// The dates that frame one SEN2 collection year (docs/sen2.md): the census on the third Thursday of
/// January, and the calendar year before it, whose work the return reports.
///
/// For the 2025 collection: census 2025-01-16, period 2024-01-01 to 2024-12-31, ages taken on
/// 2024-08-31.
package struct CollectionCalendar: Sendable, Hashable {
    /// The collection year (`Year` in the header), e.g. 2025.
    package let year: Int
    /// `ReferenceDate`: the third Thursday of January of `year`.
    package let census: Day
    /// First and last day of the calendar year before the census.
    package let periodStart: Day
    package let periodEnd: Day
    /// The 31 August before the census, the day ages are taken on.
    package let ageDate: Day

    /// The person-level collection years the generator writes.
    package static let supportedYears: ClosedRange<Int> = 2023...2026

    package init(year: Int) {
        self.year = year
        let first = Day.known(year, 1, 1)
        let firstThursday = first.adding(days: (3 - first.weekday + 7) % 7)
        census = firstThursday.adding(days: 14)
        periodStart = Day.known(year - 1, 1, 1)
        periodEnd = Day.known(year - 1, 12, 31)
        ageDate = Day.known(year - 1, 8, 31)
    }

    /// True when `date` falls in the reporting period (the calendar year before the census).
    func inPeriod(_ date: Day) -> Bool {
        date >= periodStart && date <= periodEnd
    }

    /// Age in whole years on the 31 August before the census.
    func age(birth: Day) -> Int {
        birth.age(on: ageDate)
    }
}
