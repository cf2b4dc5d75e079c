/// The generator behind every synthetic value: xoshiro256** (Blackman and Vigna), seeded through
/// ``SplitMix64``. Deterministic: a seed always yields the same sequence, on any machine.
///
/// Every helper here uses integer arithmetic only (no floating point, no `log`), so that
/// generated files are byte-identical across platforms and compiler versions.
package struct DemoRandom: Sendable {
    private var s0, s1, s2, s3: UInt64

    package init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// A generator for one entity, e.g. `DemoRandom(seed, laCode, slot)`.
    package init(_ seed: UInt64, _ keys: UInt64...) {
        var value = SplitMix64.mix(seed ^ 0x6A09_E667_F3BC_C908)
        for key in keys {
            value = SplitMix64.mix(value &+ 0x9E37_79B9_7F4A_7C15 ^ SplitMix64.mix(key &+ 0xBB67_AE85_84CA_A73B))
        }
        self.init(seed: value)
    }

    @inline(__always)
    package mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A number in `0 ..< bound` (Lemire's multiply-shift; the tiny bias is irrelevant here).
    @inline(__always)
    package mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    @inline(__always)
    package mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `perMille` / 1000.
    @inline(__always)
    package mutating func chance(perMille: Int) -> Bool {
        below(1000) < perMille
    }

    /// True with probability `per100k` / 100,000, for rare events.
    @inline(__always)
    package mutating func chance(per100k: Int) -> Bool {
        below(100_000) < per100k
    }

    /// One element of a non-empty array, uniformly.
    @inline(__always)
    package mutating func element<T>(of array: [T]) -> T {
        array[below(array.count)]
    }
}
