/// A growable run of bytes in memory the owner manages: appending a few bytes is a plain copy,
/// without the uniqueness checks and generic paths of `[UInt8]` (this sits on the hottest path of
/// the reader). The bytes stay valid until the next change.
struct ByteRun: ~Copyable {
    private(set) var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    @inline(__always)
    mutating func append(_ source: UnsafePointer<UInt8>, count added: Int) {
        if count + added > capacity { grow(to: count + added) }
        if added <= 32 {
            for i in 0 ..< added { start[count + i] = source[i] }
        } else {
            (start + count).update(from: source, count: added)
        }
        count += added
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        start[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Keeps the first `newCount` bytes.
    @inline(__always)
    mutating func truncate(to newCount: Int) { count = newCount }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: start, count: count)
        start.deallocate()
        start = grown
        capacity = newCapacity
    }
}
