import HubKit

/// When requests for assessment are received: over 2000 to mid-January 2026, each year about 9%
/// busier than the one before (the growth of EHC plans in England), so that the caseload of each
/// census is larger than the last.
enum RequestCalendar {
    static let firstYear = 2000
    /// The last day a request can be received: the 2026 census.
    static let lastDay = CollectionCalendar(year: 2026).census

    /// Weight of each year 2000...2026, 2026 cut to its first days.
    static let years: WeightedTable<Int> = {
        var weights: [(Int, Int)] = []
        var weight = 100_000
        for year in stride(from: 2026, through: firstYear, by: -1) {
            let (_, _, lastDayOfJanuary) = lastDay.parts
            weights.append((year, year == 2026 ? weight * lastDayOfJanuary / 365 : weight))
            weight = weight * 100 / 109
        }
        return WeightedTable(weights.reversed())
    }()

    static func receivedDate(_ random: inout DemoRandom) -> Day {
        let year = years.pick(&random)
        let first = Day.known(year, 1, 1)
        let days = year == 2026 ? first.days(to: lastDay) + 1 : (Day.daysIn(month: 2, year: year) == 29 ? 366 : 365)
        return first.adding(days: random.below(days))
    }
}
