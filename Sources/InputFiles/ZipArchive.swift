import CZlib
import HubKit

/// A zip archive held in memory (an XLSX workbook, an export someone zipped), read through its
/// central directory. Entries are stored or deflated; zip64, encryption and multi-disk archives are
/// refused with a message. Inflation goes through zlib and is held to ``InflationLimits`` so that a
/// hostile archive cannot expand without bound.
///
/// ```swift
/// let archive = try ZipArchive(bytes: bytes, name: "export.xlsx")
/// if archive.contains("xl/workbook.xml") {
///     let workbook = try archive.contents(of: "xl/workbook.xml")
/// }
/// ```
public struct ZipArchive: Sendable {
    /// One file inside the archive, as its central directory describes it.
    public struct Entry: Sendable, Hashable {
        /// The path inside the archive, e.g. `xl/worksheets/sheet1.xml`.
        public var name: String
        /// 0 stored, 8 deflated.
        public var method: UInt16
        public var crc32: UInt32
        public var compressedSize: Int
        public var uncompressedSize: Int
        /// Offset of the entry's local header from the start of the archive.
        public var localHeaderOffset: Int
    }

    /// The name used in messages (the file the archive came from).
    public let name: String
    /// Entries in central-directory order.
    public let entries: [Entry]
    private let bytes: [UInt8]
    private let limits: InflationLimits

    /// True when `bytes` start like a zip archive (`PK\3\4`).
    public static func looksLikeZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    /// Reads the central directory of `bytes`; throws ``ZipArchiveError`` naming `name` when it is
    /// not a readable zip archive.
    public init(bytes: [UInt8], name: String, limits: InflationLimits = InflationLimits()) throws {
        self.bytes = bytes
        self.name = name
        self.limits = limits
        entries = try Self.readCentralDirectory(bytes, name: name)
    }

    /// True when the archive has an entry called `path` (exact, case-sensitive).
    public func contains(_ path: String) -> Bool { entry(path) != nil }

    /// The entry called `path`, or nil.
    public func entry(_ path: String) -> Entry? { entries.first { $0.name == path } }

    /// The uncompressed bytes of the entry called `path`.
    public func contents(of path: String) throws -> [UInt8] {
        guard let entry = entry(path) else { throw ZipArchiveError(file: name, message: "it has no entry \(path)") }
        return try contents(of: entry)
    }

    /// The uncompressed bytes of `entry`, checked against its CRC-32.
    public func contents(of entry: Entry) throws -> [UInt8] {
        let offset = entry.localHeaderOffset
        guard offset + 30 <= bytes.count, Self.u32(bytes, offset) == 0x0403_4B50 else {
            throw fail("the local header of \(entry.name) is missing (damaged archive)")
        }
        let start = offset + 30 + Int(Self.u16(bytes, offset + 26)) + Int(Self.u16(bytes, offset + 28))
        guard start + entry.compressedSize <= bytes.count else {
            throw fail("\(entry.name) runs past the end of the archive (truncated file?)")
        }
        let stored = Array(bytes[start ..< start + entry.compressedSize])
        let output: [UInt8]
        switch entry.method {
        case 0:
            output = stored
        case 8:
            try checkLimits(entry)
            output = try inflate(stored, expected: entry.uncompressedSize, entry: entry.name)
        default:
            throw fail("\(entry.name) uses compression method \(entry.method); only stored (0) and deflate (8) are read")
        }
        guard output.count == entry.uncompressedSize else {
            throw fail("\(entry.name) inflates to \(output.count) bytes, its header says \(entry.uncompressedSize)")
        }
        let crc = output.withUnsafeBufferPointer { UInt32(CZlib.crc32(0, $0.baseAddress, uInt($0.count))) }
        guard crc == entry.crc32 else { throw fail("\(entry.name) fails its CRC-32 check (damaged archive)") }
        return output
    }

    // MARK: - Reading

    private func fail(_ message: String) -> ZipArchiveError { ZipArchiveError(file: name, message: message) }

    private func checkLimits(_ entry: Entry) throws {
        if Int64(entry.uncompressedSize) > limits.maxBytes {
            throw fail("\(entry.name) would inflate past \(limits.maxBytes) bytes (a possible decompression bomb)")
        }
        if Int64(entry.uncompressedSize) > limits.ratioGrace,
           Int64(entry.uncompressedSize) > Int64(limits.maxRatio) * Int64(max(entry.compressedSize, 1)) {
            throw fail("\(entry.name) would inflate past a ratio of \(limits.maxRatio):1 (a possible decompression bomb)")
        }
    }

    /// Inflates raw deflate data into exactly `expected` bytes (one more is room to notice a lie).
    private func inflate(_ input: [UInt8], expected: Int, entry: String) throws -> [UInt8] {
        var stream = z_stream()
        guard czlib_inflate_init(&stream, -15) == Z_OK else { throw fail("zlib could not start") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: expected + 1)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw fail("\(entry) cannot be inflated: \(reason)")
        }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    private static func readCentralDirectory(_ bytes: [UInt8], name: String) throws -> [Entry] {
        func fail(_ message: String) -> ZipArchiveError { ZipArchiveError(file: name, message: message) }
        guard bytes.count >= 22 else { throw fail("too short to be a zip archive") }
        // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
        var end = -1
        var position = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while position >= lowest {
            if u32(bytes, position) == 0x0605_4B50 { end = position; break }
            position -= 1
        }
        guard end >= 0 else { throw fail("not a zip archive (no end of central directory)") }
        let count = Int(u16(bytes, end + 10))
        let size = Int(u32(bytes, end + 12))
        let offset = Int(u32(bytes, end + 16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF { throw fail("zip64 archives are not supported; save it again as a normal .xlsx") }
        guard u16(bytes, end + 4) == 0, offset + size <= end else { throw fail("a multi-part or damaged zip archive") }
        var entries: [Entry] = []
        var cursor = offset
        for _ in 0 ..< count {
            guard cursor + 46 <= bytes.count, u32(bytes, cursor) == 0x0201_4B50 else {
                throw fail("its central directory is damaged")
            }
            let flags = u16(bytes, cursor + 8)
            let nameLength = Int(u16(bytes, cursor + 28))
            let extra = Int(u16(bytes, cursor + 30))
            let comment = Int(u16(bytes, cursor + 32))
            guard cursor + 46 + nameLength <= bytes.count else { throw fail("its central directory is damaged") }
            let entryName = String(decoding: bytes[cursor + 46 ..< cursor + 46 + nameLength], as: UTF8.self)
            if flags & 1 != 0 { throw fail("\(entryName) is encrypted; save the workbook without a password") }
            entries.append(Entry(name: entryName, method: u16(bytes, cursor + 10), crc32: u32(bytes, cursor + 16),
                                 compressedSize: Int(u32(bytes, cursor + 20)), uncompressedSize: Int(u32(bytes, cursor + 24)),
                                 localHeaderOffset: Int(u32(bytes, cursor + 42))))
            cursor += 46 + nameLength + extra + comment
        }
        return entries
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}

/// A zip archive that cannot be read, naming the file.
public struct ZipArchiveError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
