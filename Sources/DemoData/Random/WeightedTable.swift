/// A fixed distribution over values, with integer weights: `pick` returns each value with
/// probability weight / total.
///
/// ```swift
/// let sex = WeightedTable([("M", 72), ("F", 28)])
/// var random = DemoRandom(seed: 1)
/// let code = sex.pick(&random)
/// ```
package struct WeightedTable<Value: Sendable>: Sendable {
    package let values: [Value]
    /// Running totals of the weights, for a binary search.
    private let cumulative: [Int]

    package init(_ entries: [(Value, Int)]) {
        precondition(!entries.isEmpty && entries.allSatisfy { $0.1 >= 0 }, "weights must be non-negative")
        values = entries.map(\.0)
        var total = 0
        cumulative = entries.map { total += $0.1; return total }
        precondition(total > 0, "at least one weight must be positive")
    }

    package var totalWeight: Int { cumulative.last! }

    /// The weight given to the value at `index`.
    package func weight(at index: Int) -> Int {
        cumulative[index] - (index == 0 ? 0 : cumulative[index - 1])
    }

    package func pick(_ random: inout DemoRandom) -> Value {
        values[pickIndex(&random)]
    }

    package func pickIndex(_ random: inout DemoRandom) -> Int {
        let target = random.below(totalWeight)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The same values with each weight multiplied by `factor(value)` / 100 (rounded down; a
    /// weight may drop to 0 but not all of them).
    package func reweighted(percent factor: (Value) -> Int) -> WeightedTable<Value> {
        WeightedTable(values.indices.map { (values[$0], weight(at: $0) * factor(values[$0]) / 100) })
    }
}
