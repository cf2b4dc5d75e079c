/// A CSV file read as a table: its header row, then its non-blank data rows, every rejection naming
/// the file, the line and (for a cell) the column with its header name.
///
/// ```swift
/// let table = try CSVTable(file: file)  // rejects an empty file
/// guard let code = table.header.column("la_code"), let count = table.header.column("count") else {
///     throw table.rejectHeader("the header needs la_code and count")
/// }
/// while let row = try table.next() {
///     guard let value = Int(row.text(count)) else { throw row.reject(count, "'\(row.text(count))' is not a number") }
///     print(row.line, row.text(code), value)
/// }
/// ```
///
/// The reader skips a UTF-8 byte order mark (see ``CSVReader``); the encoding is guessed from the
/// file's head unless given.
public final class CSVTable {
    /// The file's name, for rejections.
    public let fileName: String
    public let header: CSVHeader
    private let reader: CSVReader

    /// Opens `file` and reads its header row; throws ``InputRejected`` when the file is empty.
    public init(file: InputFile, encoding: TextEncoding? = nil) throws {
        fileName = file.name
        reader = CSVReader(stream: try file.open(), encoding: encoding ?? TextEncoding.guess(file.head),
                           fileName: file.name)
        guard let names = try reader.next() else {
            throw InputRejected(file: file.name, line: 1, message: "the file is empty: a header row is expected")
        }
        header = CSVHeader(names: names)
    }

    /// Bytes of the file read so far, for progress.
    public var bytesRead: Int { reader.bytesRead }

    /// The next row that is not blank (see ``CSVText/isBlankRow(_:)``), or nil at the end.
    public func next() throws -> CSVRow? {
        while let cells = try reader.next() {
            if CSVText.isBlankRow(cells) { continue }
            return CSVRow(fileName: fileName, line: reader.line, header: header, cells: cells)
        }
        return nil
    }

    /// Calls `body` with every non-blank row, telling `sink` how far the file has been read every
    /// few thousand rows and once at the end (for the progress bar on a terminal).
    public func forEachRow(reportingTo sink: any RecordSink, _ body: (CSVRow) throws -> Void) throws {
        var count = 0
        while let row = try next() {
            try body(row)
            count += 1
            if count % 4096 == 0 { sink.progress(bytesRead: bytesRead) }
        }
        sink.progress(bytesRead: bytesRead)
    }

    /// A rejection of the whole file at its header row.
    public func rejectHeader(_ message: String) -> InputRejected {
        InputRejected(file: fileName, line: 1, message: message)
    }
}
