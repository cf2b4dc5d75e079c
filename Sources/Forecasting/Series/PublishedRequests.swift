import Foundation
import HubStore

/// Requests for an EHC needs assessment each LA (and England) received in each calendar year, from
/// the published requests table, beside the published caseload they are set against: the leading
/// indicator ``ForecastMethod/shrunkGrowth`` reads (docs/forecasting.md, "The method").
///
/// Requests received in calendar year `T - 1` are published with the census of January `T`, so a
/// forecast from census `T` may use them and nothing later.
package struct PublishedRequests: Sendable, Equatable {
    /// Requests received by calendar year, by 3-digit LA code.
    package var byLA: [String: YearSeries]
    package var england: YearSeries
    /// The published caseload by census year, by LA, and England's.
    package var caseload: [String: YearSeries]
    package var englandCaseload: YearSeries

    /// A requests lead is never taken beyond this either way (log points): a guard against a
    /// miscounted year, not a tuned number (docs/forecasting.md).
    package static let leadLimit = 0.5

    package init(byLA: [String: YearSeries], england: YearSeries, caseload: [String: YearSeries],
                englandCaseload: YearSeries) {
        self.byLA = byLA
        self.england = england
        self.caseload = caseload
        self.englandCaseload = englandCaseload
    }

    /// What was published by the census of January `origin`: requests of calendar years up to
    /// `origin - 1`, caseloads up to `origin`.
    package func through(_ origin: Int) -> PublishedRequests {
        PublishedRequests(byLA: byLA.mapValues { $0.through(origin - 1) }, england: england.through(origin - 1),
                          caseload: caseload.mapValues { $0.through(origin) }, englandCaseload: englandCaseload.through(origin))
    }

    /// The LA's requests per plan held against England's, at the census `origin`:
    /// `log((requests(origin - 1) / caseload(origin)) / (the same for England))`, capped at
    /// ±``leadLimit``. Nil when any of the four figures is missing or not positive.
    package func lead(_ la: String, origin: Int) -> Double? {
        guard let requests = byLA[la]?[origin - 1], requests > 0, let plans = caseload[la]?[origin], plans > 0,
              let englandRequests = england[origin - 1], englandRequests > 0,
              let englandPlans = englandCaseload[origin], englandPlans > 0 else { return nil }
        let lead = log((requests / plans) / (englandRequests / englandPlans))
        return min(max(lead, -Self.leadLimit), Self.leadLimit)
    }

    /// Fewer LAs than this with requests in both years give no ``growthSpread(origin:)``: a range
    /// over a handful of LAs says nothing about the year (a guard, not a tuned number).
    package static let minimumSpreadLAs = 10

    /// How widely the LAs' requests grew in the year before the census `origin`: the middle 80%
    /// range (10th to 90th percentile) of `log(requests(origin - 1) / requests(origin - 2))` over
    /// the LAs with both figures positive, percentiles interpolated between the sorted values. Nil
    /// with fewer than ``minimumSpreadLAs`` such LAs. Known at the census `origin`; it scales the
    /// intervals' residuals (``ErrorCalibration/spreadScale(_:asOf:origins:)``, docs/forecasting.md).
    package func growthSpread(origin: Int) -> Double? {
        let growth = byLA.values.compactMap { series -> Double? in
            guard let now = series[origin - 1], now > 0, let before = series[origin - 2], before > 0 else { return nil }
            return log(now / before)
        }.sorted()
        guard growth.count >= Self.minimumSpreadLAs else { return nil }
        return AreaSum.quantile(growth, 0.9) - AreaSum.quantile(growth, 0.1)
    }

    /// The requests per plan of the LA and of England behind ``lead(_:origin:)``, for the record.
    package func ratios(_ la: String, origin: Int) -> (la: Double, england: Double)? {
        guard lead(la, origin: origin) != nil else { return nil }
        return (byLA[la]![origin - 1]! / caseload[la]![origin]!, england[origin - 1]! / englandCaseload[origin]!)
    }

    /// The published requests (`requests_received_in_year`, calendar-year rows of a table's total)
    /// beside the caseload `published` holds; nil when the store has no requests or no caseload.
    package static func read(_ database: Database, caseload published: CaseloadPanel?) throws -> PublishedRequests? {
        guard let published else { return nil }
        var byLA: [String: YearSeries] = [:]
        var england = YearSeries()
        let rows = try ReferenceTables(database: database).publishedValues(
            levels: ["Local authority", "National"], timeIdentifier: "Calendar year", measures: ["requests_received_in_year"])
        for row in rows {
            guard row.timePeriod.count == 4, let year = Int(row.timePeriod),
                  PublishedCaseload.isTotalRow(row.dimensions) else { continue }
            if row.geographicLevel == "National" {
                if england[year] == nil { england[year] = row.value }
            } else if byLA[row.areaCode]?[year] == nil {
                byLA[row.areaCode, default: YearSeries()][year] = row.value
            }
        }
        guard !byLA.isEmpty, !england.isEmpty else { return nil }
        return PublishedRequests(byLA: byLA, england: england, caseload: published.series, englandCaseload: published.pool)
    }
}
