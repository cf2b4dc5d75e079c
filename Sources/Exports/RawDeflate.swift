import CZlib

/// Raw deflate (RFC 1951, no zlib header or trailer) and CRC-32 through the system zlib: what a zip
/// entry with method 8 holds.
enum RawDeflate {
    /// Compresses `bytes` at `level` (0-9) into one raw deflate stream.
    static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        // Negative window bits: raw deflate, as zip wants it.
        guard czlib_deflate_init(&stream, level, -MAX_WBITS) == Z_OK else {
            preconditionFailure("zlib deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(bytes.count)))
        var output = [UInt8](repeating: 0, count: bound)
        var input = bytes
        let written = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target -> Int in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                // deflateBound leaves room for everything, so one Z_FINISH call ends the stream.
                let rc = deflate(&stream, Z_FINISH)
                precondition(rc == Z_STREAM_END, "zlib deflate did not finish: \(rc)")
                return Int(stream.total_out)
            }
        }
        output.removeSubrange(written...)
        return output
    }

    /// The CRC-32 a zip entry records for its uncompressed bytes.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(CZlib.crc32(CZlib.crc32(0, nil, 0), buffer.baseAddress, uInt(buffer.count)))
        }
    }
}
