import HubKit

/// Drops a UTF-8 byte order mark from the start of a stream. The SDK's CSV reader removes it from
/// the first field's text, but only after reading the field: a quoted first header name (as Excel
/// and many tools write) would keep its quotes.
final class ByteOrderMarkSkipping: ByteStream {
    static let mark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private let base: any ByteStream
    /// Bytes read ahead while looking for the mark, not yet handed out.
    private var pending: [UInt8] = []
    private var started = false

    init(_ base: any ByteStream) { self.base = base }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !started {
            started = true
            let lead = try readLead()
            pending = lead == Self.mark ? [] : lead
        }
        guard !pending.isEmpty else { return try base.read(into: buffer) }
        let n = min(buffer.count, pending.count)
        pending.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        pending.removeFirst(n)
        return n
    }

    /// Up to the first three bytes (fewer only at the end of the stream).
    private func readLead() throws -> [UInt8] {
        var lead: [UInt8] = []
        while lead.count < Self.mark.count {
            var chunk = [UInt8](repeating: 0, count: Self.mark.count - lead.count)
            let n = try chunk.withUnsafeMutableBytes { try base.read(into: $0) }
            if n == 0 { break }
            lead += chunk[0..<n]
        }
        return lead
    }
}
