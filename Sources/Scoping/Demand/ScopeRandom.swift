import Foundation

/// SplitMix64 keyed by a seed and the numbers of what is drawn (simulation, LA, year, ...): every
/// draw is addressable, so the same seed gives the same figures whatever is computed first.
package struct ScopeRandom: Sendable {
    private var state: UInt64

    package init(_ seed: UInt64, _ keys: UInt64...) {
        var value = seed
        for key in keys { value = (value ^ key) &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019 }
        state = value
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal draw (Box-Muller).
    mutating func normal() -> Double {
        (-2 * log(max(unit(), 1e-300))).squareRoot() * cos(2 * Double.pi * unit())
    }

    /// A Poisson count: by multiplying uniforms up to a mean of 30, by the normal approximation above.
    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 {
            let normal = (-2 * log(max(unit(), 1e-300))).squareRoot() * cos(2 * Double.pi * unit())
            return max(0, Int((mean + normal * mean.squareRoot()).rounded()))
        }
        let limit = exp(-mean)
        var product = unit(), count = 0
        while product > limit {
            product *= unit()
            count += 1
        }
        return count
    }

    /// A binomial count of `trials` each succeeding with `probability`.
    mutating func binomial(_ trials: Int, _ probability: Double) -> Int {
        guard trials > 0, probability > 0 else { return 0 }
        guard probability < 1 else { return trials }
        var successes = 0
        for _ in 0..<trials where unit() < probability { successes += 1 }
        return successes
    }
}
