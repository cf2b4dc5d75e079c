import Foundation

/// A total over several LAs (a group, a region, England) as the sum of its members' forecasts:
/// each member's stock is counted by the one LA responsible for the child at the census, so a
/// child who moved between members is in one of them only.
///
/// The central, best and worst cases add up. The intervals do not (errors move together across
/// LAs in a year): they come from simulations that draw one year shock for every member and a
/// residual for each (docs/forecasting.md).
package enum AreaSum {
    /// The sum of `members` (forecasts of one measure, each with its error distributions) named
    /// `code`; nil when no member has a forecast. Members whose origin differs from the latest are
    /// left out, so every year of the sum has all its members.
    package static func sum(code: String, members: [AreaForecast], simulations: Int, seed: UInt64) -> AreaForecast? {
        guard let origin = members.map(\.origin).max() else { return nil }
        let included = members.filter { $0.origin == origin }.sorted { $0.la < $1.la }
        guard let first = included.first else { return nil }
        let horizon = included.map(\.horizon).min()!
        func add(_ path: (AreaForecast) -> [Double]) -> [Double] {
            (0..<horizon).map { h in included.map { path($0)[h] }.reduce(0, +) }
        }
        var history = YearSeries()
        for year in first.history.years where included.allSatisfy({ $0.history[year] != nil }) {
            history[year] = included.map { $0.history[year]! }.reduce(0, +)
        }
        var generator = SeededGenerator(seed: seed)
        let intervals: [PredictionInterval?] = (0..<horizon).map { h in
            let errors = included.map { h < $0.errors.count ? $0.errors[h] : nil }
            guard errors.allSatisfy({ $0 != nil && !$0!.residuals.isEmpty }), simulations > 0 else { return nil }
            var totals = [Double](repeating: 0, count: simulations)
            for s in 0..<simulations {
                let shock = generator.normal()
                var total = 0.0
                for (member, error) in zip(included, errors) {
                    let residuals = error!.residuals
                    let residual = residuals[Int(generator.uniform() * Double(residuals.count))]
                    total += member.central[h] * exp(shock * error!.shockSD + residual)
                }
                totals[s] = total
            }
            totals.sort()
            return PredictionInterval(low80: quantile(totals, 0.1), high80: quantile(totals, 0.9),
                                      low95: quantile(totals, 0.025), high95: quantile(totals, 0.975))
        }
        let names = included.map(\.la).joined(separator: ", ")
        let note = "the sum of its LAs' \(ForecastCase.central.rawValue) forecasts (\(names))"
        return AreaForecast(
            la: code, measure: first.measure, source: included.contains { $0.source == .returns } ? .returns : .published,
            method: first.method, origin: origin, history: history,
            central: add(\.central), best: add(\.best), worst: add(\.worst), intervals: intervals, errors: [],
            assumptions: [.central: note, .best: "the sum of its LAs' best cases", .worst: "the sum of its LAs' worst cases"])
    }

    /// The `p` quantile of sorted values (linear interpolation, R type 7).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? 0 }
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
    }
}
