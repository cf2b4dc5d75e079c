import Forecasting
import Foundation

/// `hnhub backtest` outputs: one row per method, origin and horizon.
public enum BacktestFiles {
    public static let header = ["source", "method", "origin", "target", "horizon", "las", "mape", "median_ape", "bias",
                                "mase", "wape", "coverage80", "coverage95", "interval_score80", "interval_score95"]

    static func cells(_ score: RollingOriginBacktest.Score, source: SeriesSource) -> [String] {
        let a = score.accuracy
        func f(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "" }
        return [source.rawValue, score.method.rawValue, CensusYear.label(score.origin),
                CensusYear.label(score.origin + score.horizon), String(score.horizon), String(a.count), f(a.mape),
                f(a.medianAPE), f(a.bias), f(a.mase), f(a.wape), f(a.coverage80), f(a.coverage95), f(a.intervalScore80),
                f(a.intervalScore95)]
    }

    public static func csv(_ scores: [RollingOriginBacktest.Score], source: SeriesSource) -> String {
        ([CSVWriter.line(header)] + scores.map { CSVWriter.line(cells($0, source: source)) }).joined(separator: "\n") + "\n"
    }

    /// A list of objects keyed as the CSV's columns; numbers rounded to 2 decimals, null when undefined.
    public static func json(_ scores: [RollingOriginBacktest.Score], source: SeriesSource) throws -> String {
        func n(_ value: Double?) -> Any { value.map { ($0 * 100).rounded() / 100 } ?? NSNull() }
        let objects: [[String: Any]] = scores.map { score in
            let a = score.accuracy
            return [
                "source": source.rawValue, "method": score.method.rawValue, "origin": CensusYear.label(score.origin),
                "target": CensusYear.label(score.origin + score.horizon), "horizon": score.horizon, "las": a.count,
                "mape": n(a.mape), "median_ape": n(a.medianAPE), "bias": n(a.bias), "mase": n(a.mase), "wape": n(a.wape),
                "coverage80": n(a.coverage80), "coverage95": n(a.coverage95), "interval_score80": n(a.intervalScore80),
                "interval_score95": n(a.intervalScore95),
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
