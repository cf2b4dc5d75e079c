import Foundation

/// How far one horizon's forecasts missed at earlier origins, on the log scale
/// (`log(actual / forecast)`), split into the two parts that behave differently:
///
/// - a **year shock** common to every LA at an origin (England's growth ran faster or slower than
///   expected, and nearly every LA missed the same way): the mean error at that origin. Its spread
///   is the root mean square of those means, never below ``ErrorCalibration/minimumShockSD``;
/// - each LA's own **residual** around its origin's mean, pooled over origins, and scaled by how
///   widely the LAs' requests grew at the origin forecast from against the calibration origins
///   (``residualScale``).
///
/// A prediction interval is the forecast times `exp(q)`, q a quantile of shock + residual: a
/// normal shock added to a residual drawn from the pooled ones (docs/forecasting.md).
package struct ErrorDistribution: Sendable, Equatable {
    package var horizon: Int
    /// De-meaned log errors, sorted.
    package var residuals: [Double]
    package var shockSD: Double
    /// The origins whose errors were used.
    package var origins: [Int]
    /// True when too few origins had errors this many years ahead, and the one-year errors were
    /// widened instead (by ``ErrorCalibration/horizonExponent``).
    package var widenedFromOneYear: Bool
    /// What the residuals were multiplied by (``ErrorCalibration/spreadScale(_:asOf:origins:)``);
    /// 1 when they were taken as measured.
    package var residualScale: Double

    package init(horizon: Int, residuals: [Double], shockSD: Double, origins: [Int], widenedFromOneYear: Bool = false,
                residualScale: Double = 1) {
        self.horizon = horizon
        self.residuals = residuals.sorted()
        self.shockSD = shockSD
        self.origins = origins
        self.widenedFromOneYear = widenedFromOneYear
        self.residualScale = residualScale
    }

    /// The probability that shock + residual is at most `x`.
    package func cumulative(_ x: Double) -> Double {
        guard !residuals.isEmpty else { return 0 }
        if shockSD <= 0 {
            return Double(residuals.filter { $0 <= x }.count) / Double(residuals.count)
        }
        let scale = 1 / (shockSD * 2.0.squareRoot())
        var sum = 0.0
        for residual in residuals { sum += 0.5 * erfc(-(x - residual) * scale) }
        return sum / Double(residuals.count)
    }

    /// The `p` quantile of shock + residual (0 < p < 1), by bisection to 1e-7.
    package func quantile(_ p: Double) -> Double {
        guard let lowest = residuals.first, let highest = residuals.last else { return 0 }
        var low = lowest - 8 * shockSD - 1e-9, high = highest + 8 * shockSD + 1e-9
        while high - low > 1e-7 {
            let middle = (low + high) / 2
            if cumulative(middle) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// The central interval of coverage `level` (0.8, 0.95) as factors on the forecast.
    package func factors(level: Double) -> (low: Double, high: Double) {
        let tail = (1 - level) / 2
        return (exp(quantile(tail)), exp(quantile(1 - tail)))
    }

    /// The same distribution scaled by `factor` (both parts).
    func widened(by factor: Double, to horizon: Int) -> ErrorDistribution {
        ErrorDistribution(horizon: horizon, residuals: residuals.map { $0 * factor }, shockSD: shockSD * factor,
                          origins: origins, widenedFromOneYear: true, residualScale: residualScale)
    }
}

/// A forecast's 80% and 95% prediction intervals.
package struct PredictionInterval: Sendable, Equatable {
    package var low80: Double
    package var high80: Double
    package var low95: Double
    package var high95: Double

    package init(low80: Double, high80: Double, low95: Double, high95: Double) {
        self.low80 = low80
        self.high80 = high80
        self.low95 = low95
        self.high95 = high95
    }

    /// The intervals around `forecast` that `errors` give.
    package init(around forecast: Double, errors: ErrorQuantiles) {
        low80 = forecast * errors.low80
        high80 = forecast * errors.high80
        low95 = forecast * errors.low95
        high95 = forecast * errors.high95
    }

    /// The intervals scaled by `factor` (a forecast reconciled to a total moves its interval with it).
    package func scaled(by factor: Double) -> PredictionInterval {
        PredictionInterval(low80: low80 * factor, high80: high80 * factor, low95: low95 * factor, high95: high95 * factor)
    }
}

/// The four quantile factors of an ``ErrorDistribution``, computed once and applied to every LA.
package struct ErrorQuantiles: Sendable, Equatable {
    package var low80: Double
    package var high80: Double
    package var low95: Double
    package var high95: Double

    package init(_ distribution: ErrorDistribution) {
        (low80, high80) = distribution.factors(level: 0.8)
        (low95, high95) = distribution.factors(level: 0.95)
    }
}
