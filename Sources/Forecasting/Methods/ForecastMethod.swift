import Foundation

/// A way of projecting one LA's caseload from its history (and the pool's) at an origin census.
/// Every method sees nothing after the origin: it cuts the series itself before it looks.
///
/// `shrunkGrowth` is the hub's method; the others are the baselines the backtest holds it against
/// (docs/forecasting.md explains each and the accuracy the backtest found).
package enum ForecastMethod: String, CaseIterable, Sendable, Codable {
    /// The pool's mean growth over every year it has, raised by 20% of the LA's mean lead over
    /// the pool in its last 3 years (each year's lead capped at 0.07) and by 8% of its requests
    /// lead (requests per plan against the pool's) (``ShrunkGrowth``):
    /// `last x (g_pool x exp(0.2 x mean lead + 0.08 x requests lead))^h`.
    case shrunkGrowth = "shrunk-growth"
    /// The value at the origin, unchanged.
    case lastValue = "last-value"
    /// The origin's year-on-year growth, repeated.
    case lastGrowth = "last-growth"
    /// The geometric mean growth of the last 5 years (fewer when the series is shorter).
    case meanGrowth5y = "mean-growth-5y"
    /// A straight line through the last 3 years (least squares), extended.
    case linearTrend3y = "linear-trend-3y"
    /// The pool's (England's) mean growth over every year it has, applied to the LA's last value.
    case nationalGrowth = "national-growth"

    /// The share of the LA's lead over the pool that ``shrunkGrowth`` keeps. Chosen by the
    /// backtest on the published series at the 2019/20-2022/23 origins (docs/forecasting.md).
    package static let ownGrowthWeight = 0.2
    /// The share of the LA's requests lead (``PublishedRequests/lead(_:origin:)``) that
    /// ``shrunkGrowth`` adds to its log growth. Chosen by the backtest at the same origins
    /// (docs/forecasting.md).
    package static let requestsWeight = 0.08
    /// Years of the LA's own growth ``shrunkGrowth`` averages.
    package static let ownGrowthYears = 3
    /// The most a single year's lead over the pool counts for in ``shrunkGrowth`` (log points,
    /// about 7%): a larger jump is taken as a one-off. Chosen by the backtest on the published
    /// series at the 2019/20-2022/23 origins, where anything from 0.04 to 0.08 did about as well
    /// (docs/forecasting.md).
    package static let jumpLimit = 0.07

    /// The baselines, in the order outputs list them.
    package static let baselines: [ForecastMethod] = [.lastValue, .lastGrowth, .meanGrowth5y, .linearTrend3y, .nationalGrowth]

    /// The forecasts for the censuses `origin + 1 ... origin + horizon`, or nil when the series
    /// has no value at the origin or too little history for this method (every method needs the
    /// year before the origin too, so that all are scored on the same LAs).
    /// `requestsLead` is the LA's requests per plan against England's at the origin
    /// (``PublishedRequests/lead(_:origin:)``); only ``shrunkGrowth`` reads it.
    package func forecast(_ series: YearSeries, pool: YearSeries, origin: Int, horizon: Int,
                         requestsLead: Double? = nil) -> [Double]? {
        let history = series.through(origin)
        guard horizon > 0, let last = history[origin], history[origin - 1] != nil else { return nil }
        let steps = 1...horizon
        switch self {
        case .lastValue:
            return steps.map { _ in last }
        case .lastGrowth:
            guard let growth = history.meanGrowth(endingAt: origin, count: 1) else { return nil }
            return steps.map { last * pow(growth, Double($0)) }
        case .meanGrowth5y:
            guard let growth = history.meanGrowth(endingAt: origin, count: 5) else { return nil }
            return steps.map { last * pow(growth, Double($0)) }
        case .linearTrend3y:
            let points = (origin - 2...origin).compactMap { year in history[year].map { (Double(year), $0) } }
            guard let line = Self.leastSquares(points) else { return nil }
            return steps.map { max(0, line.intercept + line.slope * Double(origin + $0)) }
        case .nationalGrowth:
            guard let growth = Self.poolGrowth(pool, origin: origin) else { return nil }
            return steps.map { last * pow(growth, Double($0)) }
        case .shrunkGrowth:
            guard let growth = ShrunkGrowth(history, pool: pool, origin: origin, requestsLead: requestsLead).factor else {
                return nil
            }
            return steps.map { last * pow(growth, Double($0)) }
        }
    }

    /// The yearly growth factor ``shrunkGrowth`` applies (``ShrunkGrowth/factor``).
    package static func shrunkGrowthFactor(_ series: YearSeries, pool: YearSeries, origin: Int,
                                          requestsLead: Double? = nil) -> Double? {
        ShrunkGrowth(series, pool: pool, origin: origin, requestsLead: requestsLead).factor
    }

    /// The pool's geometric mean growth over every year it has up to the origin.
    package static func poolGrowth(_ pool: YearSeries, origin: Int) -> Double? {
        let history = pool.through(origin)
        guard let first = history.firstYear, first < origin else { return nil }
        return history.meanGrowth(endingAt: origin, count: origin - first)
    }

    static func leastSquares(_ points: [(x: Double, y: Double)]) -> (intercept: Double, slope: Double)? {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let meanX = points.map(\.x).reduce(0, +) / n
        let meanY = points.map(\.y).reduce(0, +) / n
        let sxx = points.map { ($0.x - meanX) * ($0.x - meanX) }.reduce(0, +)
        guard sxx > 0 else { return nil }
        let slope = points.map { ($0.x - meanX) * ($0.y - meanY) }.reduce(0, +) / sxx
        return (meanY - slope * meanX, slope)
    }
}
