/// The setting split's backtest: at each origin, every LA's total forecast (from data known then)
/// split by setting group, each cell held against the published count that followed. Scored
/// beside the simplest alternative, the origin's shares held fixed.
package enum SettingSplitBacktest {
    /// How the cells were made.
    package enum Approach: String, CaseIterable, Sendable {
        /// ``SettingSplit``: each group's share moving as England's has, reconciled to the total.
        case englandShareTrend = "england-share-trend"
        /// Each group's own growth pulled towards England's (as the totals), reconciled to the total.
        case shrunkGroupGrowth = "shrunk-group-growth"
        /// The origin's shares of the total, unchanged.
        case heldShares = "held-shares"
    }

    package struct Score: Sendable, Equatable {
        package var approach: Approach
        package var origin: Int
        package var horizon: Int
        /// Over every LA x group cell with a positive actual.
        package var accuracy: ForecastAccuracy
    }

    package static func run(total: CaseloadPanel, settings: [PublishedSettingGroup: CaseloadPanel], origins: [Int],
                           horizon: Int, method: ForecastMethod = .shrunkGrowth) -> [Score] {
        // The totals are forecast with `method`; the cells as each approach says.
        var scores: [Score] = []
        let groups = PublishedSettingGroup.allCases
        guard groups.allSatisfy({ settings[$0] != nil }) else { return [] }
        for origin in origins.sorted() {
            let knownTotal = total.through(origin)
            let known = settings.mapValues { $0.through(origin) }
            let splits: [(Approach, SettingSplit)] = [(.englandShareTrend, SettingSplit(settings: known)),
                                                      (.shrunkGroupGrowth, SettingSplit(settings: known, method: .shrunkGrowth))]
            var caches = [SettingSplit.ErrorCache(), SettingSplit.ErrorCache()]
            for h in 1...max(horizon, 1) {
                var byApproach: [Approach: [ScoredForecast]] = [:]
                for la in knownTotal.series.keys.sorted() {
                    let series = knownTotal.series[la]!
                    let actuals = groups.map { settings[$0]!.series[la]?[origin + h] }
                    guard series[origin - 1] != nil, actuals.allSatisfy({ $0 != nil }),
                          groups.allSatisfy({ settings[$0]!.series[la]?[origin] != nil }),
                          let central = method.forecast(series, pool: knownTotal.pool, origin: origin, horizon: h) else { continue }
                    let forecast = AreaForecast(la: la, measure: "total", source: .published, method: method, origin: origin,
                                                history: series, central: central, best: central, worst: central,
                                                intervals: Array(repeating: nil, count: h), errors: [], assumptions: [:])
                    let atOrigin = groups.map { settings[$0]!.series[la]![origin]! }
                    let originTotal = atOrigin.reduce(0, +)
                    for (position, (approach, split)) in splits.enumerated() {
                        guard let cells = split.split(forecast, cache: &caches[position]) else { continue }
                        for (index, group) in groups.enumerated() where actuals[index]! > 0 {
                            byApproach[approach, default: []].append(ScoredForecast(
                                la: "\(la) \(group.rawValue)", forecast: cells[index].central[h - 1], actual: actuals[index]!,
                                interval: cells[index].intervals[h - 1]))
                        }
                    }
                    for (index, group) in groups.enumerated() where actuals[index]! > 0 {
                        let key = "\(la) \(group.rawValue)"
                        let held = originTotal > 0 ? central[h - 1] * atOrigin[index] / originTotal : 0
                        byApproach[.heldShares, default: []].append(ScoredForecast(la: key, forecast: held, actual: actuals[index]!))
                    }
                }
                for approach in Approach.allCases {
                    guard let scored = byApproach[approach], !scored.isEmpty else { continue }
                    scores.append(Score(approach: approach, origin: origin, horizon: h, accuracy: ForecastAccuracy(scored)))
                }
            }
        }
        return scores
    }
}
