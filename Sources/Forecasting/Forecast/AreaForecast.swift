/// One LA's (or one cell's) forecast for the censuses after its origin, in the three cases, with
/// prediction intervals around the central case and the assumptions behind each case.
package struct AreaForecast: Sendable, Equatable {
    package var la: String
    package var measure: String
    package var source: SeriesSource
    package var method: ForecastMethod
    /// The last census the series has: the forecasts are for `origin + 1 ... origin + horizon`.
    package var origin: Int
    /// The series up to the origin.
    package var history: YearSeries
    package var central: [Double]
    package var best: [Double]
    package var worst: [Double]
    /// Nil where no earlier origin measured the method's errors.
    package var intervals: [PredictionInterval?]
    /// The error distribution behind each year's interval (what sums over LAs simulate from);
    /// empty for a sum.
    package var errors: [ErrorDistribution?]
    /// What makes each case, in words (stated in every output).
    package var assumptions: [ForecastCase: String]

    package init(la: String, measure: String, source: SeriesSource, method: ForecastMethod, origin: Int, history: YearSeries,
                central: [Double], best: [Double], worst: [Double], intervals: [PredictionInterval?],
                errors: [ErrorDistribution?], assumptions: [ForecastCase: String]) {
        self.la = la
        self.measure = measure
        self.source = source
        self.method = method
        self.origin = origin
        self.history = history
        self.central = central
        self.best = best
        self.worst = worst
        self.intervals = intervals
        self.errors = errors
        self.assumptions = assumptions
    }

    package var horizon: Int { central.count }
    package var years: [Int] { (0..<central.count).map { origin + 1 + $0 } }

    package func values(_ forecastCase: ForecastCase) -> [Double] {
        switch forecastCase {
        case .central: return central
        case .best: return best
        case .worst: return worst
        }
    }
}
