/// SplitMix64 (Steele, Lea and Flood 2014): a tiny 64-bit generator used here to expand one seed
/// into the state of ``DemoRandom`` and to derive independent seeds from a seed and some keys.
///
/// Plain integer arithmetic only, so the same seed gives the same numbers on every platform and
/// toolchain (unlike the standard library's `random(in:)` helpers, whose algorithm may change).
package struct SplitMix64: Sendable {
    package private(set) var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective scramble of 64 bits.
    @inline(__always)
    package static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A seed derived from `seed` and `keys`, e.g. `derive(seed, laCode, slot)`: different keys
    /// give unrelated seeds, the same keys always the same one.
    package static func derive(_ seed: UInt64, _ keys: UInt64...) -> UInt64 {
        var value = mix(seed ^ 0x6A09_E667_F3BC_C908)
        for key in keys {
            value = mix(value &+ 0x9E37_79B9_7F4A_7C15 ^ mix(key &+ 0xBB67_AE85_84CA_A73B))
        }
        return value
    }
}
