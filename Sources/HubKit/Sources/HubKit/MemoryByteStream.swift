/// A ``ByteStream`` over bytes already in memory: a file's head for detection, a small table, or a
/// test's fixture.
public final class MemoryByteStream: ByteStream {
    private let bytes: [UInt8]
    private var offset = 0
    private let chunk: Int

    /// `chunk` limits how much one read returns, to exercise readers' chunk boundaries.
    public init(_ bytes: [UInt8], chunk: Int = .max) {
        self.bytes = bytes
        self.chunk = max(1, chunk)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset, chunk)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: n)
        }
        offset += n
        return n
    }
}

