/// One capacity option of a scope (docs/scoping.md): the expected fill and money, the simulated
/// band and probabilities, and each LA's places.
package struct CentreOption: Sendable {
    package var capacity: Int
    package var path: [CentreYear]
    package var money: CentreMoney
    /// Filled places at which a year breaks even on the fixed cost and capital (nil: never).
    package var breakEvenPlaces: Double?
    /// Per year, the 10th, 50th and 90th percentiles of filled places over the simulations.
    package var fillBand: [(p10: Double, p50: Double, p90: Double)]
    /// The 10th and 90th percentiles of the cumulative saving at the last year.
    package var cumulativeBand: (p10: Double, p90: Double)
    /// Share of simulations with the centre at least 85% full in year 3 (the last year if fewer).
    package var probabilityNearlyFull: Double
    /// Share of simulations whose cumulative saving at the last year is above zero.
    package var probabilityNetSaving: Double
    /// Places each LA takes in the last year, whole places adding up to the rounded total.
    package var commitments: [Int]

    /// Break-even occupancy: ``breakEvenPlaces`` as a share of the capacity.
    package var breakEvenOccupancy: Double? { breakEvenPlaces.map { $0 / Double(capacity) } }
}

/// Whole numbers, in proportion to `values`, adding up to their rounded total (largest remainders
/// first, then the first listed).
package func wholeShares(_ values: [Double]) -> [Int] {
    let total = Int(values.reduce(0, +).rounded())
    var given = values.map { Int($0.rounded(.down)) }
    var left = total - given.reduce(0, +)
    let order = values.indices.sorted {
        let a = values[$0] - Double(given[$0]), b = values[$1] - Double(given[$1])
        return a != b ? a > b : $0 < $1
    }
    for index in order where left > 0 {
        given[index] += 1
        left -= 1
    }
    return given
}

/// The `fraction` quantile of `values` by linear interpolation between order statistics.
func quantile(_ values: [Double], _ fraction: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let position = fraction * Double(sorted.count - 1)
    let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
    return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
}
