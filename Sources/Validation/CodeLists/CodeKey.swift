/// A code of 1 to 8 ASCII bytes packed into an integer, so that looking a code up compares
/// integers instead of hashing strings (this runs several times for each of ~650,000 persons).
struct CodeKey: Hashable, Comparable, Sendable {
    let raw: UInt64

    /// Nil when `code` is empty or longer than 8 bytes: no SEN2 code is.
    init?(_ code: String) {
        guard let raw = code.withUTF8Bytes({ bytes -> UInt64? in
            guard (1...8).contains(bytes.count) else { return nil }
            return bytes.reduce(0) { $0 << 8 | UInt64($1) }
        }) else { return nil }
        self.raw = raw
    }

    static func < (lhs: CodeKey, rhs: CodeKey) -> Bool { lhs.raw < rhs.raw }
}
