import Foundation

/// A rolling-origin backtest: at each origin census the panel is cut there, every method forecasts
/// every LA from what was known then (its intervals calibrated on errors known then too), and the
/// forecasts are held against the censuses that followed.
package struct RollingOriginBacktest: Sendable {
    /// One method's accuracy at one origin and horizon.
    package struct Score: Sendable, Equatable {
        package var method: ForecastMethod
        package var origin: Int
        package var horizon: Int
        package var accuracy: ForecastAccuracy
        package var forecasts: [ScoredForecast]
    }

    package var panel: CaseloadPanel
    package var methods: [ForecastMethod]

    package init(panel: CaseloadPanel, methods: [ForecastMethod] = [.shrunkGrowth] + ForecastMethod.baselines) {
        self.panel = panel
        self.methods = methods
    }

    /// Every origin with a year before it and at least one census after it.
    package var possibleOrigins: [Int] {
        let years = panel.years
        guard let first = years.first, let last = years.last, last - first >= 2 else { return [] }
        return Array((first + 1)...(last - 1))
    }

    /// The scores of every method at every origin and horizon 1...`horizon` that has actuals.
    /// An LA counts at an origin when it has the origin, the year before and the target (the same
    /// LAs for every method).
    package func run(origins: [Int], horizon: Int) -> [Score] {
        var scores: [Score] = []
        for origin in origins.sorted() {
            let known = panel.through(origin)
            for h in 1...max(horizon, 1) {
                let las = known.series.keys.filter { la in
                    known.series[la]![origin] != nil && known.series[la]![origin - 1] != nil
                        && (panel.series[la]?[origin + h] ?? 0) > 0
                }.sorted()
                guard !las.isEmpty else { continue }
                for method in methods {
                    let quantiles = ErrorCalibration.distribution(method, known, asOf: origin, horizon: h).map(ErrorQuantiles.init)
                    let scored: [ScoredForecast] = las.compactMap { la in
                        let series = known.series[la]!
                        guard let forecast = known.forecast(method, la: la, origin: origin, horizon: h)?.last else { return nil }
                        return ScoredForecast(la: la, forecast: forecast, actual: panel.series[la]![origin + h]!,
                                              interval: quantiles.map { PredictionInterval(around: forecast, errors: $0) },
                                              naiveScale: Self.naiveScale(series, origin: origin))
                    }
                    guard !scored.isEmpty else { continue }
                    scores.append(Score(method: method, origin: origin, horizon: h, accuracy: ForecastAccuracy(scored),
                                        forecasts: scored))
                }
            }
        }
        return scores
    }

    /// Mean absolute year-on-year change up to the origin; nil when zero or there is no pair.
    static func naiveScale(_ series: YearSeries, origin: Int) -> Double? {
        let history = series.through(origin)
        let changes = history.years.compactMap { year in history[year - 1].map { abs(history[year]! - $0) } }
        guard !changes.isEmpty else { return nil }
        let mean = changes.reduce(0, +) / Double(changes.count)
        return mean > 0 ? mean : nil
    }
}
