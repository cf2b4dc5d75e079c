import HubKit

/// The persons of one return by identifier, to find a child recorded twice: for each UPN, ULN and
/// (surname, forename, birth date) the position of the first person that carried it. Each
/// identifier is one hash lookup (O(1) a person) and about 16 bytes of table, never a scan of
/// the persons before. Names are kept only as a 64-bit hash, and only while the return is read.
struct PersonRegister {
    /// Where the first holder of an identifier is in the file.
    struct Position {
        var index: Int
        var line: Int?

        init(_ location: RecordLocation) {
            index = location.index
            line = location.line
        }

        init(packed: UInt64) {
            index = Int(packed >> 32)
            let low = packed & 0xFFFF_FFFF
            line = low == 0 ? nil : Int(low - 1)
        }

        /// Index in the high 32 bits, line + 1 (0 for none) in the low.
        var packed: UInt64 {
            UInt64(truncatingIfNeeded: index) << 32 | UInt64(truncatingIfNeeded: line.map { $0 + 1 } ?? 0) & 0xFFFF_FFFF
        }
    }

    private var upns: [UInt64: UInt64] = [:]
    /// UPNs that are not UPN-shaped (already errors, and rare), upper-cased.
    private var oddUPNs: [String: UInt64] = [:]
    private var ulns: [UInt64: UInt64] = [:]
    private var names: [UInt64: UInt64] = [:]
    /// Earlier persons already reported as the first holder of a repeated UPN.
    private var reported: Set<Int> = []

    /// The first person with this UPN, or nil (and `location` becomes its first holder).
    mutating func firstWith(upn reading: UPN.Reading, _ upn: String, at location: RecordLocation) -> Position? {
        if let key = reading.packed { return Self.first(&upns, key, location) }
        let key = upn.uppercased()
        if let earlier = oddUPNs[key] { return Position(packed: earlier) }
        oddUPNs[key] = Position(location).packed
        return nil
    }

    /// The first person with this ULN (10 digits), or nil.
    mutating func firstWith(uln: String, at location: RecordLocation) -> Position? {
        let key = uln.withUTF8Bytes { $0.reduce(UInt64(0)) { $0 * 10 + UInt64($1 &- 0x30) } }
        return Self.first(&ulns, key, location)
    }

    /// The first person with these names and birth date, or nil. Names compare by their letters,
    /// case-folded (spaces, hyphens and apostrophes ignored), as the person key does.
    mutating func firstWith(surname: String, forename: String, birth: Day, at location: RecordLocation) -> Position? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        func add(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        func add(name: String) {
            name.withUTF8Bytes { bytes in
                for byte in bytes {
                    let folded = byte | 0x20
                    if folded >= 0x61 && folded <= 0x7A { add(folded) } else if byte >= 0x80 { add(byte) }
                }
            }
            add(0x1F)
        }
        add(name: surname)
        add(name: forename)
        let days = UInt32(bitPattern: birth.daysSinceEpoch)
        for shift in stride(from: 0, to: 32, by: 8) { add(UInt8(truncatingIfNeeded: days >> shift)) }
        return Self.first(&names, hash, location)
    }

    /// True the first time `index` is reported as an earlier holder.
    mutating func reportOnce(_ index: Int) -> Bool {
        reported.insert(index).inserted
    }

    /// One hash for the usual new key; a repeat (rare) puts the first holder back.
    private static func first(_ table: inout [UInt64: UInt64], _ key: UInt64, _ location: RecordLocation) -> Position? {
        guard let earlier = table.updateValue(Position(location).packed, forKey: key) else { return nil }
        table[key] = earlier
        return Position(packed: earlier)
    }
}
