/// Writes a zip archive in memory (PKWARE APPNOTE 6.3): each entry's local header with its CRC-32
/// and sizes up front (no data descriptors), the entry deflated (or stored when deflate does not
/// help), then the central directory and the end record. No zip64: an XLSX of indicator tables is far
/// below 4 GiB. Every entry carries the same modification time, so the same entries give the same
/// bytes.
///
/// ```swift
/// var zip = ZipWriter(modified: ZipTimestamp(year: 2025, month: 6, day: 1))
/// zip.add("hello.txt", Array("hello".utf8))
/// let bytes = zip.finish()
/// ```
package struct ZipWriter: Sendable {
    /// When every entry was last modified.
    package var modified: ZipTimestamp
    private var output: [UInt8] = []
    private var central: [UInt8] = []
    private var entryCount = 0
    private var names = Set<String>()

    package init(modified: ZipTimestamp = ZipTimestamp()) {
        self.modified = modified
    }

    /// Adds a file called `path` (forward slashes, no leading slash) holding `bytes`.
    package mutating func add(_ path: String, _ bytes: [UInt8]) {
        precondition(!path.isEmpty && !path.hasPrefix("/") && !names.contains(path), "bad or repeated zip entry name \(path)")
        precondition(bytes.count < Int(UInt32.max) && output.count < Int(UInt32.max), "zip64 is not supported")
        names.insert(path)
        let deflated = RawDeflate.compress(bytes)
        let (method, data): (UInt16, [UInt8]) = deflated.count < bytes.count ? (8, deflated) : (0, bytes)
        let name = Array(path.utf8)
        let crc = RawDeflate.crc32(bytes)
        let offset = UInt32(output.count)

        var local = LittleEndianBytes()
        local.u32(0x0403_4B50)
        local.u16(20)                      // version needed: 2.0 (deflate)
        local.u16(Self.utf8Names)
        local.u16(method)
        local.u16(modified.dosTime)
        local.u16(modified.dosDate)
        local.u32(crc)
        local.u32(UInt32(data.count))
        local.u32(UInt32(bytes.count))
        local.u16(UInt16(name.count))
        local.u16(0)                       // no extra field
        output += local.bytes + name + data

        var entry = LittleEndianBytes()
        entry.u32(0x0201_4B50)
        entry.u16(20)                      // made by: MS-DOS attributes, version 2.0
        entry.u16(20)
        entry.u16(Self.utf8Names)
        entry.u16(method)
        entry.u16(modified.dosTime)
        entry.u16(modified.dosDate)
        entry.u32(crc)
        entry.u32(UInt32(data.count))
        entry.u32(UInt32(bytes.count))
        entry.u16(UInt16(name.count))
        entry.u16(0)                       // extra field
        entry.u16(0)                       // comment
        entry.u16(0)                       // disk number
        entry.u16(0)                       // internal attributes
        entry.u32(0)                       // external attributes
        entry.u32(offset)
        central += entry.bytes + name
        entryCount += 1
    }

    /// The archive: the entries added so far, the central directory and the end record.
    package func finish() -> [UInt8] {
        precondition(entryCount < Int(UInt16.max), "too many zip entries")
        var end = LittleEndianBytes()
        end.u32(0x0605_4B50)
        end.u16(0)                         // this disk
        end.u16(0)                         // disk with the central directory
        end.u16(UInt16(entryCount))
        end.u16(UInt16(entryCount))
        end.u32(UInt32(central.count))
        end.u32(UInt32(output.count))
        end.u16(0)                         // comment length
        return output + central + end.bytes
    }

    /// General purpose flag bit 11: names are UTF-8.
    private static let utf8Names: UInt16 = 0x0800
}

/// A zip entry's modification time, to the two seconds MS-DOS time resolves.
package struct ZipTimestamp: Sendable, Equatable {
    package var year: Int
    package var month: Int
    package var day: Int
    package var hour: Int
    package var minute: Int
    package var second: Int

    /// Defaults to the earliest time zip can record, 1980-01-01 00:00.
    package init(year: Int = 1980, month: Int = 1, day: Int = 1, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = min(max(year, 1980), 2107)
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    var dosDate: UInt16 { UInt16((year - 1980) << 9 | month << 5 | day) }
    var dosTime: UInt16 { UInt16(hour << 11 | minute << 5 | second / 2) }
}

/// Little-endian integers appended to a byte buffer, as zip headers store them.
struct LittleEndianBytes {
    var bytes: [UInt8] = []

    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8))
    }

    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
