/// One LA's (or one cell's) forecast for the censuses after its origin, in the three cases, with
/// prediction intervals around the central case and the assumptions behind each case.
public struct AreaForecast: Sendable, Equatable {
    public var la: String
    public var measure: String
    public var source: SeriesSource
    public var method: ForecastMethod
    /// The last census the series has: the forecasts are for `origin + 1 ... origin + horizon`.
    public var origin: Int
    /// The series up to the origin.
    public var history: YearSeries
    public var central: [Double]
    public var best: [Double]
    public var worst: [Double]
    /// Nil where no earlier origin measured the method's errors.
    public var intervals: [PredictionInterval?]
    /// The error distribution behind each year's interval (what sums over LAs simulate from);
    /// empty for a sum.
    public var errors: [ErrorDistribution?]
    /// What makes each case, in words (stated in every output).
    public var assumptions: [ForecastCase: String]

    public init(la: String, measure: String, source: SeriesSource, method: ForecastMethod, origin: Int, history: YearSeries,
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

    public var horizon: Int { central.count }
    public var years: [Int] { (0..<central.count).map { origin + 1 + $0 } }

    public func values(_ forecastCase: ForecastCase) -> [Double] {
        switch forecastCase {
        case .central: return central
        case .best: return best
        case .worst: return worst
        }
    }
}
