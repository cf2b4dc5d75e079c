import Foundation

/// Measures a method's errors at earlier origins, from the data known at one census only, and
/// turns them into an ``ErrorDistribution`` per horizon.
package enum ErrorCalibration {
    /// The year shock's spread is never taken below 1.5% (one year ahead): with a handful of
    /// origins its estimate is too noisy, and England's annual growth has moved by about that much
    /// from one year to the next (docs/forecasting.md).
    package static let minimumShockSD = 0.015
    /// Errors grow with the horizon about as `h^0.75` in the backtest on the published series; used
    /// to widen one-year errors where fewer than ``minimumOrigins`` origins measured `h` directly.
    package static let horizonExponent = 0.75
    /// Origins needed before a horizon's own errors are used.
    package static let minimumOrigins = 2

    /// `log(actual / forecast)` by origin and LA, for every origin `t` with `t + horizon <= asOf`:
    /// forecasts from the panel cut at `t`, actuals from the panel cut at `asOf`.
    package static func logErrors(_ method: ForecastMethod, _ panel: CaseloadPanel, asOf: Int,
                                 horizon: Int) -> [Int: [String: Double]] {
        let known = panel.through(asOf)
        guard let first = known.years.first else { return [:] }
        var errors: [Int: [String: Double]] = [:]
        for origin in stride(from: first + 1, through: asOf - horizon, by: 1) {
            let atOrigin = known.through(origin)
            var byLA: [String: Double] = [:]
            for la in atOrigin.series.keys {
                guard let actual = known.series[la]?[origin + horizon], actual > 0,
                      let forecast = atOrigin.forecast(method, la: la, origin: origin, horizon: horizon)?.last,
                      forecast > 0 else { continue }
                byLA[la] = log(actual / forecast)
            }
            if !byLA.isEmpty { errors[origin] = byLA }
        }
        return errors
    }

    /// The error distribution of `method` `horizon` years ahead, as known at `asOf`; nil when no
    /// earlier origin has even one-year errors.
    package static func distribution(_ method: ForecastMethod, _ panel: CaseloadPanel, asOf: Int,
                                    horizon: Int) -> ErrorDistribution? {
        let direct = logErrors(method, panel, asOf: asOf, horizon: horizon)
        if direct.count >= minimumOrigins || (horizon == 1 && !direct.isEmpty) {
            let scale = spreadScale(panel.through(asOf).requests, asOf: asOf, origins: Array(direct.keys))
            return distribution(from: direct, horizon: horizon, shockFloor: minimumShockSD * pow(Double(horizon), horizonExponent),
                                residualScale: scale)
        }
        guard horizon > 1, let oneYear = distribution(method, panel, asOf: asOf, horizon: 1) else { return nil }
        return oneYear.widened(by: pow(Double(horizon), horizonExponent), to: horizon)
    }

    /// How much wider (above 1) or narrower the residuals are expected at `asOf` than at the
    /// calibration `origins`: the LAs' requests growth spread at `asOf`
    /// (``PublishedRequests/growthSpread(origin:)``) over its mean at the origins that have one.
    /// 1 when there are no requests, or no spread at `asOf` or at any of the origins.
    package static func spreadScale(_ requests: PublishedRequests?, asOf: Int, origins: [Int]) -> Double {
        guard let requests, let now = requests.growthSpread(origin: asOf), now > 0 else { return 1 }
        let before = origins.sorted().compactMap { requests.growthSpread(origin: $0) }
        guard !before.isEmpty else { return 1 }
        let mean = before.reduce(0, +) / Double(before.count)
        return mean > 0 ? now / mean : 1
    }

    /// Splits errors into year shocks and residuals; the residuals are multiplied by
    /// `residualScale` (``spreadScale(_:asOf:origins:)``), the shocks are not.
    package static func distribution(from errors: [Int: [String: Double]], horizon: Int, shockFloor: Double,
                                     residualScale: Double = 1) -> ErrorDistribution {
        var residuals: [Double] = []
        var squaredShocks = 0.0
        for origin in errors.keys.sorted() {
            let values = errors[origin]!.keys.sorted().map { errors[origin]![$0]! }
            let shock = values.reduce(0, +) / Double(values.count)
            squaredShocks += shock * shock
            residuals += values.map { ($0 - shock) * residualScale }
        }
        let shockSD = errors.isEmpty ? 0 : (squaredShocks / Double(errors.count)).squareRoot()
        return ErrorDistribution(horizon: horizon, residuals: residuals, shockSD: max(shockSD, shockFloor),
                                 origins: errors.keys.sorted(), residualScale: residualScale)
    }
}
