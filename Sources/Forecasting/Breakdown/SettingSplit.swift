import Foundation

/// Splits an LA's total forecast by the published setting groups, reconciled so the groups add up
/// to the total in every case and year (docs/forecasting.md, "Setting groups").
///
/// Each group's count is projected from the LA's last census with settings (which may be a year
/// before the total's last census) with England's growth for that group (``ForecastMethod/nationalGrowth``
/// on the group's panel), and the projections are scaled to the total: each group's share of the
/// LA moves as England's share of that group has moved. The backtest chose this over the LA's own
/// group growth (shrunk or not) and over shares held fixed. The group's interval comes from the
/// method's errors on that group at earlier origins, around the reconciled figure.
package struct SettingSplit: Sendable {
    package var settings: [PublishedSettingGroup: CaseloadPanel]
    package var method: ForecastMethod

    package init(settings: [PublishedSettingGroup: CaseloadPanel], method: ForecastMethod = .nationalGrowth) {
        self.settings = settings
        self.method = method
    }

    /// Error quantiles by group, origin and horizon, shared by the LAs of one run.
    package struct ErrorCache: Sendable {
        var quantiles: [String: ErrorQuantiles?] = [:]
        package init() {}
    }

    /// The cells of one LA's total forecast, in group order; nil when the table has no settings for
    /// the LA, or none at or before the total's origin.
    package func split(_ total: AreaForecast) -> [AreaForecast]? {
        var cache = ErrorCache()
        return split(total, cache: &cache)
    }

    package func split(_ total: AreaForecast, cache: inout ErrorCache) -> [AreaForecast]? {
        let groups = PublishedSettingGroup.allCases
        let serieses = groups.map { settings[$0]?.series[total.la]?.through(total.origin) }
        guard serieses.allSatisfy({ $0 != nil }),
              let origin = serieses.compactMap({ $0!.lastYear }).min(), serieses.allSatisfy({ $0![origin] != nil }) else {
            return nil
        }
        let steps = total.years.last! - origin
        // Each group's own projection for the total's years.
        var raw: [[Double]] = []
        for (group, series) in zip(groups, serieses) {
            let panel = settings[group]!
            let projected: [Double]
            if let forecast = method.forecast(series!, pool: panel.pool, origin: origin, horizon: steps) {
                projected = Array(forecast.suffix(total.horizon))
            } else {
                projected = Array(repeating: series![origin]!, count: total.horizon)
            }
            raw.append(projected)
        }
        let shares: [[Double]] = (0..<total.horizon).map { h in
            let sum = raw.map { $0[h] }.reduce(0, +)
            return raw.map { sum > 0 ? $0[h] / sum : 1 / Double(groups.count) }
        }
        var cells: [AreaForecast] = []
        for (index, group) in groups.enumerated() {
            let central = (0..<total.horizon).map { total.central[$0] * shares[$0][index] }
            var intervals: [PredictionInterval?] = []
            for (h, year) in total.years.enumerated() {
                let key = "\(group.rawValue)|\(origin)|\(year - origin)"
                if cache.quantiles[key] == nil {
                    cache.quantiles[key] = .some(ErrorCalibration.distribution(method, settings[group]!, asOf: origin,
                                                                               horizon: year - origin).map(ErrorQuantiles.init))
                }
                intervals.append(cache.quantiles[key]!.map { PredictionInterval(around: central[h], errors: $0) })
            }
            let note = "the \(group.rawValue) share of the LA total in \(CensusYear.label(origin)), moving as England's share of "
                + "the group has moved (its growth over every year since \(settings[group]!.pool.firstYear.map(CensusYear.label) ?? "?")), "
                + "the groups scaled to add up to the total"
            cells.append(AreaForecast(
                la: total.la, measure: group.rawValue, source: .published, method: method, origin: total.origin,
                history: serieses[index]!, central: central,
                best: (0..<total.horizon).map { total.best[$0] * shares[$0][index] },
                worst: (0..<total.horizon).map { total.worst[$0] * shares[$0][index] },
                intervals: intervals, errors: [],
                assumptions: [.central: note, .best: "\(note); in the total's best case",
                              .worst: "\(note); in the total's worst case"]))
        }
        return cells
    }
}
