/// A fixed set of element names, looked up by their UTF-8 bytes without allocating a `String`.
///
/// The pull reader interns every element's local name through this table, so the importer compares
/// small integers instead of strings. Names not in the table come back as ``unknown``. Immutable
/// once built (hence `@unchecked Sendable`: the pointers are written only in `init`); its memory
/// lives as long as the table.
final class XMLNameTable: @unchecked Sendable {
    /// The id of a name that is not in the table.
    static let unknown = -1

    /// The names, in id order.
    let names: [String]
    /// Open-addressing hash table: each slot holds an id, or -1 when empty.
    private let slots: UnsafeMutablePointer<Int32>
    private let mask: Int
    /// All names' bytes back to back; name `i` is `bytes[starts[i] ..< starts[i + 1]]`.
    private let bytes: UnsafeMutablePointer<UInt8>
    private let starts: UnsafeMutablePointer<Int>

    init(_ names: [String]) {
        self.names = names
        let utf8 = names.map { Array($0.utf8) }
        let total = utf8.reduce(0) { $0 + $1.count }
        bytes = .allocate(capacity: max(total, 1))
        starts = .allocate(capacity: names.count + 1)
        var offset = 0
        for (id, name) in utf8.enumerated() {
            starts[id] = offset
            (bytes + offset).initialize(from: name, count: name.count)
            offset += name.count
        }
        starts[names.count] = offset
        var size = 16
        while size < names.count * 4 { size *= 2 }
        mask = size - 1
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        for id in names.indices {
            var slot = Int(Self.hash(self.name(id))) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    deinit {
        slots.deallocate()
        bytes.deallocate()
        starts.deallocate()
    }

    /// The bytes of name `id`.
    @inline(__always)
    func name(_ id: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + starts[id], count: starts[id + 1] - starts[id])
    }

    /// The id of `name`, or ``unknown``.
    @inline(__always)
    func id(of name: UnsafeBufferPointer<UInt8>) -> Int {
        var slot = Int(Self.hash(name)) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { return Self.unknown }
            let start = starts[id]
            if starts[id + 1] - start == name.count, Self.equal(bytes + start, name) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// Compares eight bytes at a time.
    @inline(__always)
    private static func equal(_ stored: UnsafePointer<UInt8>, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = name.baseAddress else { return true }
        var i = 0
        while i + 8 <= name.count {
            guard UnsafeRawPointer(stored + i).loadUnaligned(as: UInt64.self)
                    == UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) else { return false }
            i += 8
        }
        while i < name.count {
            guard stored[i] == base[i] else { return false }
            i += 1
        }
        return true
    }

    /// Mixes the length, first, middle and last bytes: cheap, and distinct for every SEN2 name
    /// (other names just probe a little further).
    @inline(__always)
    private static func hash(_ name: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let first = name.first else { return 0 }
        let key = UInt32(truncatingIfNeeded: name.count) << 24 | UInt32(first) << 16
            | UInt32(name[name.count - 1]) << 8 | UInt32(name[name.count / 2])
        return (key &* 0x9E37_79B1) >> 16
    }
}
