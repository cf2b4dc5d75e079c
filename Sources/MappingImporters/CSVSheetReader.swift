import HubKit

/// Reads a CSV export into a ``SheetTable`` with HubKit's ``CSVReader``: any one-byte delimiter
/// (guessed from the header row when the mapping gives none), quoted fields, UTF-8 or Windows-1252.
enum CSVSheetReader {
    /// Delimiters tried when the mapping gives none, in order of preference on a tie.
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    static func read(bytes: [UInt8], fileName: String, layout: FileLayout) throws -> SheetTable {
        let encoding = layout.encoding ?? TextEncoding.guess(bytes)
        let delimiter = layout.delimiter ?? guessDelimiter(bytes, headerRow: layout.headerRow)
        let reader = CSVReader(stream: MemoryByteStream(bytes), delimiter: delimiter, encoding: encoding, fileName: fileName)
        var rows: [SheetRow] = []
        while let cells = try reader.next() { rows.append(SheetRow(number: reader.line, cells: cells)) }
        return try SheetTable.from(rows: rows, headerRow: layout.headerRow, fileName: fileName, origin: "CSV file",
                                   numbersAreDateSerials: false)
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
