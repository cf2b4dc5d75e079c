import CZlib
import HubKit

/// A zip archive (an XLSX workbook, an export someone zipped), read through its central directory
/// without ever holding the archive or an entry whole: the central directory is read from the
/// archive's tail, and each entry is inflated through a stream as it is read (see
/// docs/input-rules.md). Entries are stored or deflated; zip64, encryption and multi-disk archives
/// are refused with a message. Inflation is held to ``InflationLimits`` (declared sizes are
/// checked first, actual output as it comes), and each entry is checked against its CRC-32 and size.
///
/// ```swift
/// let archive = try ZipArchive(name: "export.xlsx") { try FileByteStream(path: "export.xlsx") }
/// if let sheet = archive.entry("xl/worksheets/sheet1.xml") {
///     let stream = try archive.stream(of: sheet)   // inflates as it is read
/// }
/// ```
package struct ZipArchive: Sendable {
    /// One file inside the archive, as its central directory describes it.
    package struct Entry: Sendable, Hashable {
        /// The path inside the archive, e.g. `xl/worksheets/sheet1.xml`.
        package var name: String
        /// 0 stored, 8 deflated.
        package var method: UInt16
        package var crc32: UInt32
        package var compressedSize: Int
        package var uncompressedSize: Int
        /// Offset of the entry's local header from the start of the archive.
        package var localHeaderOffset: Int
    }

    /// The largest central directory read (a workbook's has a few dozen entries).
    package static let maximumCentralDirectory = 1 << 20

    /// The name used in messages (the file the archive came from).
    package let name: String
    /// Entries in central-directory order.
    package let entries: [Entry]
    private let open: @Sendable () throws -> any ByteStream
    private let limits: InflationLimits
    /// What the deflated entries take in the archive, and what they declare they inflate to.
    private let deflatedSizes: (compressed: Int64, inflated: Int64)

    /// True when `bytes` start like a zip archive (`PK\3\4`).
    package static func looksLikeZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    /// Reads the central directory of the archive in memory.
    package init(bytes: [UInt8], name: String, limits: InflationLimits = InflationLimits()) throws {
        try self.init(name: name, limits: limits) { MemoryByteStream(bytes) }
    }

    /// Reads the central directory of the archive `open` streams from its start (`open` is called
    /// again for each entry read; a ``FileByteStream`` seeks instead of reading what it skips).
    /// Throws ``ZipArchiveError`` naming `name` when it is not a readable zip archive.
    package init(name: String, limits: InflationLimits = InflationLimits(),
                open: @escaping @Sendable () throws -> any ByteStream) throws {
        self.name = name
        self.limits = limits
        self.open = open
        let (tail, tailOffset) = try Self.readTail(open(), keeping: 22 + 65_535 + Self.maximumCentralDirectory)
        entries = try Self.readCentralDirectory(tail, at: tailOffset, name: name)
        let deflated = entries.filter { $0.method == 8 }
        deflatedSizes = (deflated.reduce(0) { $0 + Int64($1.compressedSize) }, deflated.reduce(0) { $0 + Int64($1.uncompressedSize) })
    }

    /// True when the archive has an entry called `path` (exact, case-sensitive).
    package func contains(_ path: String) -> Bool { entry(path) != nil }

    /// The entry called `path`, or nil.
    package func entry(_ path: String) -> Entry? { entries.first { $0.name == path } }

    /// The uncompressed bytes of the entry called `path` (for small entries: it is held whole).
    package func contents(of path: String) throws -> [UInt8] {
        guard let entry = entry(path) else { throw ZipArchiveError(file: name, message: "it has no entry \(path)") }
        return try contents(of: entry)
    }

    /// The uncompressed bytes of `entry`, checked against its CRC-32 (held whole).
    package func contents(of entry: Entry) throws -> [UInt8] {
        let stream = try stream(of: entry)
        var output: [UInt8] = []
        output.reserveCapacity(min(entry.uncompressedSize, 1 << 24))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            if count == 0 { return output }
            output.append(contentsOf: chunk[0 ..< count])
        }
    }

    /// The uncompressed bytes of `entry` as a stream: inflated as they are read and refused as
    /// soon as they pass the limits; at its end the entry's size and CRC-32 are checked.
    package func stream(of entry: Entry) throws -> any ByteStream {
        guard entry.method == 0 || entry.method == 8 else {
            throw fail("\(entry.name) uses compression method \(entry.method); only stored (0) and deflate (8) are read")
        }
        if entry.method == 8 { try checkLimits(entry) }
        try checkTotal()
        let source = try open()
        do {
            try Self.skip(source, to: entry.localHeaderOffset)
            let header = try Self.readExactly(source, 30)
            guard Self.u32(header, 0) == 0x0403_4B50 else {
                throw fail("the local header of \(entry.name) is missing (damaged archive)")
            }
            let skipped = Int(Self.u16(header, 26)) + Int(Self.u16(header, 28))
            _ = try Self.readExactly(source, skipped)
        } catch is EndOfArchive {
            throw fail("the local header of \(entry.name) is missing (damaged archive)")
        }
        let stored = BoundedByteStream(source: source, count: entry.compressedSize) {
            ZipArchiveError(file: name, message: "\(entry.name) runs past the end of the archive (truncated file?)")
        }
        let inner: any ByteStream = entry.method == 0 ? stored
            : try InflatingByteStream(source: stored, name: entry.name, limits: limits, format: .rawDeflate)
        return ZipEntryStream(inner: inner, entry: entry, archive: name)
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

    /// Holds the archive as a whole to the limits, as a gzip stream is: its deflated entries
    /// together may declare at most `maxBytes`, and at most `maxRatio` times what they take in the
    /// archive (past the grace). Each entry's output is held to its declared size as it is read,
    /// so what the declared sizes pass, the actual output passes too.
    /// Checked whenever an entry is read, stored or deflated; when one entry passes the limits on
    /// its own, its message (which names it) is given instead.
    private func checkTotal() throws {
        let (compressed, inflated) = deflatedSizes
        guard inflated > limits.maxBytes || (inflated > limits.ratioGrace && inflated > Int64(limits.maxRatio) * max(compressed, 1))
        else { return }
        // One entry past the limits on its own is named, whichever entry is read first.
        for entry in entries where entry.method == 8 { try checkLimits(entry) }
        if inflated > limits.maxBytes {
            throw fail("its entries together would inflate past \(limits.maxBytes) bytes (a possible decompression bomb)")
        }
        if inflated > limits.ratioGrace, inflated > Int64(limits.maxRatio) * max(compressed, 1) {
            throw fail("its entries together would inflate past a ratio of \(limits.maxRatio):1 (a possible decompression bomb)")
        }
    }

    /// The last `keeping` bytes of the stream, and the offset of the first of them.
    private static func readTail(_ stream: any ByteStream, keeping: Int) throws -> ([UInt8], Int) {
        var offset = 0
        if let file = stream as? FileByteStream, let size = file.size, size > keeping {
            try file.seek(to: size - keeping)
            offset = size - keeping
        }
        var tail: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            if count == 0 { break }
            tail.append(contentsOf: chunk[0 ..< count])
            if tail.count >= 2 * keeping {
                offset += tail.count - keeping
                tail.removeFirst(tail.count - keeping)
            }
        }
        if tail.count > keeping {
            offset += tail.count - keeping
            tail.removeFirst(tail.count - keeping)
        }
        return (tail, offset)
    }

    private struct EndOfArchive: Error {}

    /// Moves `stream` from its start to `offset` (seeking a file, reading and dropping otherwise).
    private static func skip(_ stream: any ByteStream, to offset: Int) throws {
        if let file = stream as? FileByteStream {
            try file.seek(to: offset)
            return
        }
        var remaining = offset
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while remaining > 0 {
            let count = try chunk.withUnsafeMutableBytes {
                try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0 ..< min($0.count, remaining)]))
            }
            guard count > 0 else { throw EndOfArchive() }
            remaining -= count
        }
    }

    private static func readExactly(_ stream: any ByteStream, _ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try bytes.withUnsafeMutableBytes {
                try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
            }
            guard n > 0 else { throw EndOfArchive() }
            filled += n
        }
        return bytes
    }

    /// The entries of the central directory in `tail`, the archive's last bytes from offset `start`.
    private static func readCentralDirectory(_ tail: [UInt8], at start: Int, name: String) throws -> [Entry] {
        func fail(_ message: String) -> ZipArchiveError { ZipArchiveError(file: name, message: message) }
        guard tail.count >= 22 else { throw fail("too short to be a zip archive") }
        // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
        var end = -1
        var position = tail.count - 22
        let lowest = max(0, tail.count - 22 - 65_535)
        while position >= lowest {
            if u32(tail, position) == 0x0605_4B50 { end = position; break }
            position -= 1
        }
        guard end >= 0 else { throw fail("not a zip archive (no end of central directory)") }
        let count = Int(u16(tail, end + 10))
        let size = Int(u32(tail, end + 12))
        let offset = Int(u32(tail, end + 16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF { throw fail("zip64 archives are not supported; save it again as a normal .xlsx") }
        guard u16(tail, end + 4) == 0, offset + size <= start + end else { throw fail("a multi-part or damaged zip archive") }
        guard offset >= start else {
            throw fail("its central directory is larger than \(maximumCentralDirectory) bytes (more entries than a workbook has)")
        }
        var entries: [Entry] = []
        var cursor = offset - start
        for _ in 0 ..< count {
            guard cursor + 46 <= end, u32(tail, cursor) == 0x0201_4B50 else {
                throw fail("its central directory is damaged")
            }
            let flags = u16(tail, cursor + 8)
            let nameLength = Int(u16(tail, cursor + 28))
            let extra = Int(u16(tail, cursor + 30))
            let comment = Int(u16(tail, cursor + 32))
            guard cursor + 46 + nameLength <= end else { throw fail("its central directory is damaged") }
            let entryName = String(decoding: tail[cursor + 46 ..< cursor + 46 + nameLength], as: UTF8.self)
            if flags & 1 != 0 { throw fail("\(entryName) is encrypted; save the workbook without a password") }
            entries.append(Entry(name: entryName, method: u16(tail, cursor + 10), crc32: u32(tail, cursor + 16),
                                 compressedSize: Int(u32(tail, cursor + 20)), uncompressedSize: Int(u32(tail, cursor + 24)),
                                 localHeaderOffset: Int(u32(tail, cursor + 42))))
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

/// At most `count` bytes of a stream; ending before them is an error.
final class BoundedByteStream: ByteStream {
    private let source: any ByteStream
    private var remaining: Int
    private let truncated: () -> any Error

    init(source: any ByteStream, count: Int, truncated: @escaping () -> any Error) {
        self.source = source
        remaining = count
        self.truncated = truncated
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard remaining > 0, buffer.count > 0 else { return 0 }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0 ..< min(buffer.count, remaining)]))
        guard count > 0 else { throw truncated() }
        remaining -= count
        return count
    }
}

/// An entry's bytes, checked as they pass: never more than its declared size, and at the end
/// exactly that size with its CRC-32. Inflation errors and limits become ``ZipArchiveError``s.
final class ZipEntryStream: ByteStream {
    private let inner: any ByteStream
    private let entry: ZipArchive.Entry
    private let archive: String
    private var produced = 0
    private var crc: UInt = 0

    init(inner: any ByteStream, entry: ZipArchive.Entry, archive: String) {
        self.inner = inner
        self.entry = entry
        self.archive = archive
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count: Int
        do {
            count = try inner.read(into: buffer)
        } catch let error as InputFileError {
            switch error {
            case let .inflationLimit(_, limit):
                throw fail("\(entry.name) inflates past \(limit) (a possible decompression bomb); raise the limit in the config "
                           + "(input.max_inflate_ratio / input.max_inflated_bytes) if the file is genuine")
            case let .inflation(_, reason):
                throw fail("\(entry.name) cannot be inflated: \(reason)")
            default:
                throw error
            }
        }
        if count == 0 {
            guard produced == entry.uncompressedSize else {
                throw fail("\(entry.name) inflates to \(produced) bytes, its header says \(entry.uncompressedSize)")
            }
            guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
                throw fail("\(entry.name) fails its CRC-32 check (damaged archive)")
            }
            return 0
        }
        produced += count
        guard produced <= entry.uncompressedSize else {
            throw fail("\(entry.name) inflates past the \(entry.uncompressedSize) bytes its header says (damaged or hostile archive)")
        }
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0 ..< count])
        crc = CZlib.crc32(crc, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), uInt(count))
        return count
    }

    private func fail(_ message: String) -> ZipArchiveError { ZipArchiveError(file: archive, message: message) }
}

/// A zip archive that cannot be read, naming the file.
package struct ZipArchiveError: Error, Sendable, CustomStringConvertible {
    package var file: String
    package var message: String

    package init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    package var description: String { "\(file): \(message)" }
}
