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

    /// The bits of (simulation, child, year, purpose); `prefix(simulation, year)` once a year and
    /// `bits(prefix, child, purpose)` per child give the same.
    func bits(_ simulation: UInt64, _ child: UInt64, _ year: UInt64, _ purpose: UInt64) -> UInt64 {
        Self.bits(prefix(simulation, year), child, purpose)
    }

    func prefix(_ simulation: UInt64, _ year: UInt64) -> UInt64 { Self.mix(Self.mix(seed ^ simulation) ^ year) }

    static func bits(_ prefix: UInt64, _ child: UInt64, _ purpose: UInt64) -> UInt64 { mix(mix(prefix ^ child) ^ purpose) }

    /// Uniform in [0, 1).
    func uniform(_ simulation: UInt64, _ child: UInt64, _ year: UInt64, _ purpose: UInt64) -> Double {
        Double(bits(simulation, child, year, purpose) >> 11) * 0x1.0p-53
    }

    /// Two uniforms in [0, 1) from one draw (32 bits each: plenty for a chance of leaving and a
    /// destination).
    static func uniformPair(_ prefix: UInt64, _ child: UInt64, _ purpose: UInt64) -> (Double, Double) {
        let value = bits(prefix, child, purpose)
        return (Double(value >> 32) * 0x1.0p-32, Double(value & 0xFFFF_FFFF) * 0x1.0p-32)
    }
}
