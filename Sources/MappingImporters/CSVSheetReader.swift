import HubKit

/// Opens a CSV export as a ``SheetTable`` read with HubKit's ``CSVReader``: any one-byte delimiter
/// (guessed from the header row when the mapping gives none), quoted fields, UTF-8 or
/// Windows-1252. Rows stream from the file; one longer than ``maximumRowBytes`` is refused before
/// it is held.
enum CSVSheetReader {
    /// Delimiters tried when the mapping gives none, in order of preference on a tie.
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    /// The export `open` streams: the encoding when the mapping gives none is guessed from every
    /// byte (read once through before the rows), the delimiter from the header line in `sample`
    /// (the file's first bytes).
    static func open(fileName: String, layout: FileLayout, sample: [UInt8],
                     open: @escaping () throws -> any ByteStream) throws -> SheetTable {
        let encoding = try layout.encoding ?? guessEncoding(open())
        let delimiter = layout.delimiter ?? guessDelimiter(sample, headerRow: layout.headerRow)
        return try SheetTable(fileName: fileName, origin: "CSV file", numbersAreDateSerials: false, headerRow: layout.headerRow) {
            CSVRows(reader: CSVReader(stream: try open(), delimiter: delimiter, encoding: encoding, fileName: fileName,
                                      maximumRowBytes: maximumRowBytes))
        }
    }

    /// UTF-8 when every byte of the stream is valid UTF-8 (a character cut at the very end
    /// allowed), else Windows-1252: `TextEncoding.guess` over a stream, chunk by chunk.
    static func guessEncoding(_ stream: any ByteStream) throws -> TextEncoding {
        var carried: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            guard count > 0 else { return .utf8 }
            let bytes = carried + chunk[0 ..< count]
            // A character cut by the chunk's end waits for the next chunk.
            var cut = bytes.count
            if let lead = bytes.indices.suffix(4).last(where: { bytes[$0] & 0xC0 != 0x80 }), bytes[lead] >= 0xC0 {
                cut = lead
            }
            guard String(validating: bytes[..<cut], as: UTF8.self) != nil else { return .windows1252 }
            carried = Array(bytes[cut...])
        }
    }

    /// The candidate that occurs most often outside quotes on the header line.
    static func guessDelimiter(_ bytes: [UInt8], headerRow: Int) -> UInt8 {
        var line = 1
        var quoted = false
        var counts: [UInt8: Int] = [:]
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if byte == UInt8(ascii: "\n"), !quoted {
                if line >= headerRow, !counts.isEmpty { break }
                line += 1
                continue
            }
            if line >= headerRow, !quoted, candidates.contains(byte) { counts[byte, default: 0] += 1 }
        }
        var best = UInt8(ascii: ",")
        for candidate in candidates where counts[candidate, default: 0] > counts[best, default: 0] { best = candidate }
        return best
    }
}

/// The rows of a ``CSVReader`` as sheet rows.
private final class CSVRows: SheetRowReader {
    let reader: CSVReader
    init(reader: CSVReader) { self.reader = reader }

    func next() throws -> SheetRow? {
        try reader.next().map { SheetRow(number: reader.line, cells: $0) }
    }
}
