import HubKit

/// Ranks of LAs on one indicator and period, as LAIT ranks them: 1 is best by the indicator's
/// polarity, tied values share the lowest rank ("min"), and N counts the LAs with a value.
package enum Ranking {
    /// Rank of each LA with a value; empty for polarity `none` (context measures are not ranked).
    package static func ranks(_ values: [String: Double], polarity: Polarity) -> [String: Int] {
        guard polarity != .none else { return [:] }
        let sorted = values.sorted { a, b in
            a.value != b.value ? (polarity == .high ? a.value > b.value : a.value < b.value) : a.key < b.key
        }
        var ranks: [String: Int] = [:]
        var previous: Double?
        var rank = 0
        for (position, entry) in sorted.enumerated() {
            if entry.value != previous { rank = position + 1 }
            ranks[entry.key] = rank
            previous = entry.value
        }
        return ranks
    }
}

/// A quartile band: A is the best quarter by polarity, D the worst.
package enum QuartileBand: String, Sendable, Codable, CaseIterable {
    case a = "A", b = "B", c = "C", d = "D"
}

/// Quartiles by linear interpolation between order statistics (R type 7, numpy's default).
package struct Quartiles: Sendable, Equatable {
    package var q1: Double
    package var median: Double
    package var q3: Double

    /// Nil when there are no values.
    package init?(_ values: [Double]) {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        q1 = Self.quantile(sorted, 0.25)
        median = Self.quantile(sorted, 0.5)
        q3 = Self.quantile(sorted, 0.75)
    }

    package init(q1: Double, median: Double, q3: Double) {
        self.q1 = q1
        self.median = median
        self.q3 = q3
    }

    /// The type 7 quantile of already sorted values: h = (n - 1) p, interpolated.
    package static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// The band of `value`: for polarity low, A when value <= Q1, B when <= median, C when <= Q3,
    /// else D; for polarity high the reverse (D when value <= Q1 ... A above Q3); nil for `none`.
    package func band(of value: Double, polarity: Polarity) -> QuartileBand? {
        let quarter = value <= q1 ? 0 : value <= median ? 1 : value <= q3 ? 2 : 3
        switch polarity {
        case .low: return QuartileBand.allCases[quarter]
        case .high: return QuartileBand.allCases[3 - quarter]
        case .none: return nil
        }
    }
}

/// Values far from their peers: more than `limit` median absolute deviations from the peer median.
package enum Outliers {
    /// The median of values (nil when empty).
    package static func median(_ values: [Double]) -> Double? {
        Quartiles(values)?.median
    }

    /// True when `value` is more than `limit` MADs from the median of `peers`. With a MAD of zero
    /// (half or more of the peers equal) nothing is flagged: the spread gives no scale to judge by.
    package static func isOutlier(_ value: Double, peers: [Double], limit: Double = 3) -> Bool {
        guard let median = median(peers), let mad = Outliers.median(peers.map { abs($0 - median) }), mad > 0 else {
            return false
        }
        return abs(value - median) > limit * mad
    }
}
