import Foundation

/// One forecast held against what happened.
package struct ScoredForecast: Sendable, Equatable {
    package var la: String
    package var forecast: Double
    package var actual: Double
    package var interval: PredictionInterval?
    /// The LA's mean absolute year-on-year change up to the origin (the in-sample error of "last
    /// value" one year ahead): what MASE divides by. Nil when it is zero or unknown.
    package var naiveScale: Double?

    package init(la: String, forecast: Double, actual: Double, interval: PredictionInterval? = nil, naiveScale: Double? = nil) {
        self.la = la
        self.forecast = forecast
        self.actual = actual
        self.interval = interval
        self.naiveScale = naiveScale
    }

    /// (forecast - actual) / actual x 100: the DfE scorecards' signed error, positive when the
    /// forecast ran high.
    package var percentError: Double { (forecast - actual) / actual * 100 }
}

/// The accuracy of a set of forecasts (one method, origin and horizon), in per cent unless said.
package struct ForecastAccuracy: Sendable, Equatable {
    package var count: Int
    /// Mean absolute percentage error.
    package var mape: Double
    /// Median absolute percentage error.
    package var medianAPE: Double
    /// Mean signed percentage error: positive = forecasts too high.
    package var bias: Double
    /// Mean absolute scaled error (a ratio: 1 = as good as "last value" was in-sample).
    package var mase: Double?
    /// Weighted absolute percentage error: sum |F - A| / sum A x 100 (big LAs weigh more).
    package var wape: Double
    /// Share of actuals inside the 80% / 95% intervals, and the Winkler interval score as % of
    /// the actual (width plus the miss outside it x 2/alpha; lower is better). Nil without intervals.
    package var coverage80: Double?
    package var coverage95: Double?
    package var intervalScore80: Double?
    package var intervalScore95: Double?

    package init(_ scored: [ScoredForecast]) {
        count = scored.count
        // Percentages of an actual of zero are undefined: those forecasts count in WAPE only.
        let defined = scored.filter { $0.actual > 0 }
        let n = Double(max(defined.count, 1))
        let absolute = defined.map { abs($0.percentError) }
        mape = absolute.reduce(0, +) / n
        medianAPE = Self.median(absolute)
        bias = defined.map(\.percentError).reduce(0, +) / n
        let scaled = scored.compactMap { s in s.naiveScale.map { abs(s.forecast - s.actual) / $0 } }
        mase = scaled.isEmpty ? nil : scaled.reduce(0, +) / Double(scaled.count)
        let actualTotal = scored.map(\.actual).reduce(0, +)
        wape = actualTotal > 0 ? scored.map { abs($0.forecast - $0.actual) }.reduce(0, +) / actualTotal * 100 : 0
        let withIntervals = defined.filter { $0.interval != nil }
        if withIntervals.isEmpty {
            (coverage80, coverage95, intervalScore80, intervalScore95) = (nil, nil, nil, nil)
        } else {
            let m = Double(withIntervals.count)
            coverage80 = Double(withIntervals.filter { $0.interval!.low80 <= $0.actual && $0.actual <= $0.interval!.high80 }.count) / m * 100
            coverage95 = Double(withIntervals.filter { $0.interval!.low95 <= $0.actual && $0.actual <= $0.interval!.high95 }.count) / m * 100
            intervalScore80 = withIntervals.map {
                Self.intervalScore(low: $0.interval!.low80, high: $0.interval!.high80, actual: $0.actual, alpha: 0.2) / $0.actual * 100
            }.reduce(0, +) / m
            intervalScore95 = withIntervals.map {
                Self.intervalScore(low: $0.interval!.low95, high: $0.interval!.high95, actual: $0.actual, alpha: 0.05) / $0.actual * 100
            }.reduce(0, +) / m
        }
    }

    /// The Winkler score of a central interval of coverage 1 - alpha.
    package static func intervalScore(low: Double, high: Double, actual: Double, alpha: Double) -> Double {
        var score = high - low
        if actual < low { score += 2 / alpha * (low - actual) }
        if actual > high { score += 2 / alpha * (actual - high) }
        return score
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
