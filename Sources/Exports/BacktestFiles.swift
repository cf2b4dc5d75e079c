import Forecasting
import Foundation

/// `hnhub backtest` outputs: one row per measure, method, origin and horizon.
package enum BacktestFiles {
    package static let header = ["source", "measure", "method", "origin", "target", "horizon", "count", "mape", "median_ape",
                                "bias", "mase", "wape", "coverage80", "coverage95", "interval_score80", "interval_score95"]

    static func cells(_ line: BacktestLine) -> [String] {
        let a = line.accuracy
        func f(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "" }
        return [line.source.rawValue, line.measure, line.method, CensusYear.label(line.origin),
                CensusYear.label(line.origin + line.horizon), String(line.horizon), String(a.count), f(a.mape),
                f(a.medianAPE), f(a.bias), f(a.mase), f(a.wape), f(a.coverage80), f(a.coverage95), f(a.intervalScore80),
                f(a.intervalScore95)]
    }

    package static func csv(_ lines: [BacktestLine]) -> String {
        ([CSVWriter.line(header)] + lines.map { CSVWriter.line(cells($0)) }).joined(separator: "\n") + "\n"
    }

    /// A list of objects keyed as the CSV's columns; numbers rounded to 2 decimals, null when undefined.
    package static func json(_ lines: [BacktestLine]) throws -> String {
        func n(_ value: Double?) -> Any { value.map { ($0 * 100).rounded() / 100 } ?? NSNull() }
        let objects: [[String: Any]] = lines.map { line in
            let a = line.accuracy
            return [
                "source": line.source.rawValue, "measure": line.measure, "method": line.method,
                "origin": CensusYear.label(line.origin), "target": CensusYear.label(line.origin + line.horizon),
                "horizon": line.horizon, "count": a.count, "mape": n(a.mape), "median_ape": n(a.medianAPE), "bias": n(a.bias),
                "mase": n(a.mase), "wape": n(a.wape), "coverage80": n(a.coverage80), "coverage95": n(a.coverage95),
                "interval_score80": n(a.intervalScore80), "interval_score95": n(a.intervalScore95),
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
