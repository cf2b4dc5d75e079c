import CZlib
import HubKit

/// How far a compressed input may inflate before it is refused as a likely decompression bomb.
package struct InflationLimits: Sendable, Hashable {
    /// Output bytes per input byte, checked once more than `ratioGrace` bytes have come out.
    package var maxRatio: Int
    /// Total decompressed bytes.
    package var maxBytes: Int64
    /// Output below this size is never refused for its ratio (tiny files compress extremely well).
    package var ratioGrace: Int64

    package init(maxRatio: Int = 200, maxBytes: Int64 = 8 << 30, ratioGrace: Int64 = 4 << 20) {
        self.maxRatio = maxRatio
        self.maxBytes = maxBytes
        self.ratioGrace = ratioGrace
    }
}

/// Inflates a gzip (or zlib) stream as it is read, refusing one that inflates past its limits.
/// Concatenated gzip members are read one after another, as `gunzip` does. With
/// ``Format/rawDeflate`` it inflates one raw deflate stream (a zip entry) and stops at its end.
package final class InflatingByteStream: ByteStream {
    /// What the compressed bytes are.
    package enum Format: Sendable {
        /// A gzip stream (one or more members) or a zlib stream.
        case gzipOrZlib
        /// One raw deflate stream, as a zip entry holds.
        case rawDeflate
    }

    private let source: any ByteStream
    private let name: String
    private let limits: InflationLimits
    private let format: Format
    private var stream = z_stream()
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 1 << 16
    private var sourceDone = false
    private var finished = false
    /// True between members (and before the first), where the input may legitimately end.
    private var atMemberBoundary = true
    package private(set) var compressedBytes: Int64 = 0
    package private(set) var inflatedBytes: Int64 = 0

    package init(source: any ByteStream, name: String, limits: InflationLimits = InflationLimits(),
                format: Format = .gzipOrZlib) throws {
        self.source = source
        self.name = name
        self.limits = limits
        self.format = format
        input = .allocate(capacity: inputCapacity)
        // 15 + 32: accept a gzip or a zlib header; -15: no header at all.
        guard czlib_inflate_init(&stream, format == .rawDeflate ? -15 : 15 + 32) == Z_OK else {
            input.deallocate()
            throw InputFileError.inflation(path: name, reason: "zlib could not start")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.next_out = out.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        while !finished, stream.avail_out == UInt32(min(buffer.count, Int(UInt32.max))) {
            if stream.avail_in == 0 {
                let n = try source.read(into: UnsafeMutableRawBufferPointer(start: input, count: inputCapacity))
                if n == 0 {
                    guard atMemberBoundary else {
                        throw InputFileError.inflation(path: name, reason: "the compressed data ends early (truncated file?)")
                    }
                    finished = true
                    return 0
                }
                compressedBytes += Int64(n)
                stream.next_in = input
                stream.avail_in = UInt32(n)
            }
            atMemberBoundary = false
            let status = inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END where format == .rawDeflate:
                atMemberBoundary = true
                finished = true
            case Z_STREAM_END:
                // Another gzip member may follow.
                atMemberBoundary = true
                inflateReset(&stream)
            case Z_BUF_ERROR where stream.avail_in == 0:
                continue
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw InputFileError.inflation(path: name, reason: reason)
            }
        }
        let produced = buffer.count - Int(stream.avail_out)
        inflatedBytes += Int64(produced)
        if inflatedBytes > limits.maxBytes {
            throw InputFileError.inflationLimit(path: name, limit: "\(limits.maxBytes) bytes")
        }
        if inflatedBytes > limits.ratioGrace, inflatedBytes > Int64(limits.maxRatio) * max(compressedBytes, 1) {
            throw InputFileError.inflationLimit(path: name, limit: "a ratio of \(limits.maxRatio):1")
        }
        return produced
    }
}
