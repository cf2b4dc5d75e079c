import Foundation

/// One year of an area's high-needs money, in pence so that every sum is exact.
package struct DSGYear: Sendable, Equatable {
    package var area: String
    package var year: Int
    package var forecastCase: ForecastCase
    package var scenario: String?
    package var fundingPence: Int64
    package var costPence: Int64
    /// Funding - cost.
    package var inYearPence: Int64
    /// The opening balance plus every in-year balance so far.
    package var cumulativePence: Int64
}

/// The DSG high-needs projection (docs/forecasting.md, "Costs and the DSG"):
///
/// - cost in year h = sum over setting groups of children x unit cost x (1 + cost growth)^h, to the penny;
/// - funding in the first year = baseline x (1 + first-year growth), then x (1 + later growth) a year,
///   each year rounded to the penny; the baseline is the LA's given figure, else the modelled cost
///   of the origin year's caseload (a balanced start);
/// - in-year balance = funding - cost; cumulative = opening balance + the in-year balances so far.
package enum DSGProjection {
    package static func pence(_ pounds: Double) -> Int64 { Int64((pounds * 100).rounded()) }

    /// The cost of `counts` (setting group -> children) in year `h` (1 = the first forecast year).
    package static func costPence(_ counts: [String: Double], la: String, costs: UnitCosts, yearsAhead h: Int) -> Int64 {
        let inflation = pow(1 + costs.finance.costGrowth, Double(h))
        let pounds = counts.keys.sorted().map { counts[$0]! * costs.cost(la: la, group: $0).amount * inflation }.reduce(0, +)
        return pence(pounds)
    }

    /// The years of one area and case, from the yearly costs (pence) and the origin-year cost used
    /// when no baseline is given.
    package static func project(area: String, firstYear: Int, forecastCase: ForecastCase, scenario: String?, costs: [Int64],
                               originCostPence: Int64, finance: FinanceSettings) -> [DSGYear] {
        let settings = finance.las[area] ?? FinanceSettings.LASettings()
        var funding = settings.baselineFunding.map(pence) ?? originCostPence
        var cumulative = pence(settings.openingBalance)
        return costs.enumerated().map { h, cost in
            let growth = h == 0 ? finance.fundingGrowth.first : finance.fundingGrowth.later
            funding = Int64((Double(funding) * (1 + growth)).rounded())
            let inYear = funding - cost
            cumulative += inYear
            return DSGYear(area: area, year: firstYear + h, forecastCase: forecastCase, scenario: scenario, fundingPence: funding,
                           costPence: cost, inYearPence: inYear, cumulativePence: cumulative)
        }
    }
}
