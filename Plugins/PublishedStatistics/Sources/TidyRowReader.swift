import HubKit

/// One data row of a tidy file and the line it starts on.
struct TidyRow {
    var fields: [String]
    var line: Int
}

/// Reads a tidy file from the start: the header, then each data row with as many fields as the
/// header (blank lines are skipped). One reader is one pass over the file.
final class TidyRowReader {
    let header: TidyHeader
    private let reader: CSVReader

    /// Bytes of the file read so far.
    var bytesRead: Int { reader.bytesRead }

    /// Opens `file` and reads its header row; throws ``InputRejected`` when the file is empty.
    init(_ file: InputFile, encoding: TextEncoding) throws {
        reader = CSVReader(stream: try file.open(), encoding: encoding, fileName: file.name)
        guard let fields = try reader.next() else {
            throw InputRejected(file: file.name, line: 1, message: "the file is empty")
        }
        header = TidyHeader(fields: fields)
    }

    /// The next data row, or nil at the end. Throws ``InputRejected`` naming the line when a row has
    /// more or fewer fields than the header.
    func next() throws -> TidyRow? {
        while let fields = try reader.next() {
            if fields.count == 1, fields[0].isEmpty { continue }
            guard fields.count == header.names.count else {
                throw InputRejected(file: reader.fileName, line: reader.line, message: """
                    \(fields.count) fields where the header has \(header.names.count) columns
                    """)
            }
            return TidyRow(fields: fields, line: reader.line)
        }
        return nil
    }
}
