import HubKit

/// The data rows of a CSV file after its header row: blank lines are skipped and every problem
/// names the file, the line and the column. (The PlacementCosts plugin has the same helper: plugins share
/// nothing but the SDK.)
final class CSVRows {
    let fileName: String
    /// The header's names as written (trimmed), for messages.
    let header: [String]
    private let reader: CSVReader

    /// Opens `file` and reads its header row; an empty file is rejected.
    init(file: InputFile) throws {
        fileName = file.name
        let reader = CSVReader(stream: ByteOrderMarkSkipping(try file.open()), encoding: TextEncoding.guess(file.head))
        self.reader = reader
        guard let header = try Self.naming(file.name, { try reader.next() }) else {
            throw InputRejected(file: file.name, line: 1, message: "the file is empty: a header row is expected")
        }
        self.header = header.map(CellText.trimmed)
    }

    /// The header's names, trimmed and lower-cased, to match columns by.
    var columnNames: [String] { header.map(ColumnName.normalised) }

    /// Bytes of the file read so far.
    var bytesRead: Int { reader.bytesRead }

    /// The next non-blank row, or nil at the end.
    func next() throws -> RowCells? {
        while let row = try Self.naming(fileName, { try reader.next() }) {
            if row.allSatisfy({ CellText.trimmed($0).isEmpty }) { continue }
            return RowCells(fileName: fileName, line: reader.line, header: header, cells: row)
        }
        return nil
    }

    /// A rejection of the whole file at its header row.
    func rejectHeader(_ message: String) -> InputRejected {
        InputRejected(file: fileName, line: 1, message: message)
    }

    /// The SDK reader does not know the file's name: add it to its rejections.
    private static func naming<T>(_ file: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var rejected as InputRejected {
            rejected.file = rejected.file ?? file
            throw rejected
        }
    }
}

/// One data row, with rejections that name its file, line and column.
struct RowCells {
    let fileName: String
    let line: Int
    let header: [String]
    let cells: [String]

    /// The cell's text without surrounding spaces; empty when the row is short.
    func text(_ column: Int) -> String {
        column < cells.count ? CellText.trimmed(cells[column]) : ""
    }

    /// A rejection of the file at this row and column (reported 1-based, with its header name).
    func reject(_ column: Int, _ message: String) -> InputRejected {
        InputRejected(file: fileName, line: line, column: column + 1, message: "column \(header[column]): \(message)")
    }
}
