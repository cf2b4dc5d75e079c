/// Random numbers addressed by a key instead of drawn in sequence: the same (seed, simulation,
/// child, census, purpose) always gives the same number. So a child's fate in one simulation does
/// not depend on what happened to other children or on which scenario is run: an unmitigated and
/// a mitigated run differ only where the scenario changes something (common random numbers), and
/// results do not depend on how simulations are spread over threads.
struct CounterRandom: Sendable {
    let seed: UInt64

    init(seed: UInt64, stream: String) {
        var key = seed
        for byte in stream.utf8 { key = Self.mix(key ^ UInt64(byte)) }
        self.seed = key
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    func bits(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> UInt64 {
        Self.mix(Self.mix(Self.mix(Self.mix(seed ^ a) ^ b) ^ c) ^ d)
    }

    /// Uniform in [0, 1).
    func uniform(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> Double {
        Double(bits(a, b, c, d) >> 11) * 0x1.0p-53
    }
}
