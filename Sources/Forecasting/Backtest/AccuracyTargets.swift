/// The accuracy the hub aims for one year ahead on the published series (docs/forecasting.md),
/// checked against a backtest: at the latest origin MAPE <= 4.0%, median APE <= 2.5%, a lower MAPE
/// than every baseline and |bias| <= 1.5%; at every origin, 80% intervals holding the actual for
/// 78-85% of LAs.
package struct AccuracyTargets: Sendable {
    package struct Check: Sendable, Equatable {
        package var target: String
        package var reached: String
        package var met: Bool
    }

    package static let maximumMAPE = 4.0
    package static let maximumMedianAPE = 2.5
    package static let maximumAbsoluteBias = 1.5
    package static let coverage80Range = 78.0...85.0

    /// The checks for `method` one year ahead; empty when the scores have no one-year row for it.
    package static func check(_ scores: [RollingOriginBacktest.Score], method: ForecastMethod = .shrunkGrowth) -> [Check] {
        let oneYear = scores.filter { $0.horizon == 1 }
        let own = oneYear.filter { $0.method == method }.sorted { $0.origin < $1.origin }
        guard let latest = own.last else { return [] }
        let origin = CensusYear.label(latest.origin)
        let a = latest.accuracy
        var checks = [
            Check(target: "MAPE <= \(f(maximumMAPE))% at the latest origin (\(origin))", reached: "\(f(a.mape))%",
                  met: a.mape <= maximumMAPE),
            Check(target: "median APE <= \(f(maximumMedianAPE))% at \(origin)", reached: "\(f(a.medianAPE))%",
                  met: a.medianAPE <= maximumMedianAPE),
            Check(target: "|bias| <= \(f(maximumAbsoluteBias))% at \(origin)", reached: "\(f(a.bias))%",
                  met: abs(a.bias) <= maximumAbsoluteBias),
        ]
        for baseline in oneYear.filter({ $0.origin == latest.origin && $0.method != method }) {
            checks.append(Check(target: "MAPE below \(baseline.method.rawValue)'s at \(origin)",
                                reached: "\(f(a.mape))% vs \(f(baseline.accuracy.mape))%",
                                met: a.mape < baseline.accuracy.mape))
        }
        for score in own {
            let coverage = score.accuracy.coverage80
            checks.append(Check(
                target: "80% interval coverage \(f(coverage80Range.lowerBound))-\(f(coverage80Range.upperBound))% at \(CensusYear.label(score.origin))",
                reached: coverage.map { "\(f($0))%" } ?? "no interval (no earlier origin)",
                met: coverage.map { coverage80Range.contains($0) } ?? false))
        }
        return checks
    }

    static func f(_ value: Double) -> String { String(format: "%.2f", value) }
}
