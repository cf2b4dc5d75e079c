/// One data row of a ``CSVTable``, with rejections that name its file, line and column.
public struct CSVRow: Sendable {
    public let fileName: String
    /// 1-based line the row starts on.
    public let line: Int
    public let header: CSVHeader
    /// The fields as read (a row may have more or fewer than the header).
    public let cells: [String]

    public init(fileName: String, line: Int, header: CSVHeader, cells: [String]) {
        self.fileName = fileName
        self.line = line
        self.header = header
        self.cells = cells
    }

    /// The text of `column` (0-based) without surrounding spaces; empty when the row is short.
    public func text(_ column: Int) -> String {
        column < cells.count ? CSVText.trimmed(cells[column]) : ""
    }

    /// A rejection of the file at this row and `column` (0-based, reported 1-based), with the
    /// message prefixed by the column's header name: `column annual_cost: the cost is empty`.
    public func reject(_ column: Int, _ message: String) -> InputRejected {
        let name = column < header.names.count ? header.names[column] : "\(column + 1)"
        return InputRejected(file: fileName, line: line, column: column + 1, message: "column \(name): \(message)")
    }

    /// This row's cell in `column` (0-based), to point a later message at it.
    public func cell(_ column: Int) -> CellReference {
        CellReference(line: line, column: column + 1,
                      columnName: column < header.names.count ? header.names[column] : "\(column + 1)")
    }
}
