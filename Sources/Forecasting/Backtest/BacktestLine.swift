/// One line of a backtest's output: what was forecast (`total`, or `setting_cells`), how, from
/// which origin, how far ahead, and how well.
package struct BacktestLine: Sendable, Equatable {
    package var source: SeriesSource
    package var measure: String
    package var method: String
    package var origin: Int
    package var horizon: Int
    package var accuracy: ForecastAccuracy

    package init(source: SeriesSource, _ score: RollingOriginBacktest.Score) {
        self.source = source
        measure = "total"
        method = score.method.rawValue
        origin = score.origin
        horizon = score.horizon
        accuracy = score.accuracy
    }

    package init(source: SeriesSource, _ score: SettingSplitBacktest.Score) {
        self.source = source
        measure = "setting_cells"
        method = score.approach.rawValue
        origin = score.origin
        horizon = score.horizon
        accuracy = score.accuracy
    }

    package init(source: SeriesSource, _ score: PersonCellBacktest.Score) {
        self.source = source
        measure = "person_cells"
        method = score.approach.rawValue
        origin = score.origin
        horizon = score.horizon
        accuracy = score.accuracy
    }

    package init(source: SeriesSource, measure: String, method: String, origin: Int, horizon: Int, accuracy: ForecastAccuracy) {
        self.source = source
        self.measure = measure
        self.method = method
        self.origin = origin
        self.horizon = horizon
        self.accuracy = accuracy
    }
}
