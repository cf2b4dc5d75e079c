import HubKit

/// A ``ByteStream`` over bytes already in memory: a file's head, or a whole table.
final class BladeByteBuffer: ByteStream {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes {
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset ..< offset + count]))
        }
        offset += count
        return count
    }
}
