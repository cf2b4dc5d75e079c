import CZlib
import HubKit

/// zlib compression of byte chunks (for the sealed archive of each input).
package enum Zlib {
    /// Compresses `bytes` into one zlib stream.
    package static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        var destinationLength = compressBound(uLong(bytes.count))
        var destination = [UInt8](repeating: 0, count: Int(destinationLength))
        let rc = destination.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &destinationLength, input.baseAddress, uLong(bytes.count), level)
            }
        }
        precondition(rc == Z_OK, "zlib compress2 failed: \(rc)")
        destination.removeSubrange(Int(destinationLength)...)
        return destination
    }

    /// Compresses `bytes` into one zlib stream appended to `prefix` (the archive's chunk marker),
    /// without copying the input first.
    package static func compress(_ bytes: UnsafeRawBufferPointer, after prefix: [UInt8], level: Int32) -> [UInt8] {
        let bound = Int(compressBound(uLong(bytes.count)))
        var rc: Int32 = Z_OK
        let result = [UInt8](unsafeUninitializedCapacity: prefix.count + bound) { out, count in
            for (i, byte) in prefix.enumerated() { out[i] = byte }
            var written = uLong(bound)
            rc = compress2(out.baseAddress! + prefix.count, &written,
                           bytes.bindMemory(to: UInt8.self).baseAddress, uLong(bytes.count), level)
            count = rc == Z_OK ? prefix.count + Int(written) : 0
        }
        precondition(rc == Z_OK, "zlib compress2 failed: \(rc)")
        return result
    }

    /// Inflates one zlib stream whose original size is at most `limit` bytes.
    package static func decompress(_ bytes: [UInt8], limit: Int) throws -> [UInt8] {
        let stream = try InflatingByteStream(source: MemoryByteStream(bytes), name: "archive",
                                             limits: InflationLimits(maxRatio: .max / 2, maxBytes: Int64(limit)))
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if n == 0 { break }
            result.append(contentsOf: buffer[0..<n])
        }
        return result
    }
}
