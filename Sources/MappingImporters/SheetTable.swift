import HubKit

/// One row of an export as the mapping reads it, from a CSV file or an XLSX sheet.
public struct SheetRow: Sendable, Hashable {
    /// The row number a user sees: the CSV line the row starts on, or the spreadsheet's row number.
    public var number: Int
    /// Cell texts by column position (XLSX date cells already as `yyyy-mm-dd`).
    public var cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }

    /// The trimmed text of column `index`; empty when the row is short.
    public func text(_ index: Int) -> String {
        index < cells.count ? CSVText.trimmed(cells[index]) : ""
    }
}

/// An export read whole: the header row and the data rows below it (blank rows left out).
public struct SheetTable: Sendable {
    /// The file's name, for messages.
    public var fileName: String
    /// `CSV` or `XLSX sheet 'Children'`, for messages and the diagnosis.
    public var origin: String
    public var header: CSVHeader
    /// Row number of the header row.
    public var headerRowNumber: Int
    public var rows: [SheetRow]
    /// True when numbers in date columns are spreadsheet date serials (XLSX).
    public var numbersAreDateSerials: Bool
    /// The workbook's date system starts in 1904 (old Mac Excel files).
    public var uses1904Dates = false

    public init(fileName: String, origin: String, header: CSVHeader, headerRowNumber: Int, rows: [SheetRow],
                numbersAreDateSerials: Bool) {
        self.fileName = fileName
        self.origin = origin
        self.header = header
        self.headerRowNumber = headerRowNumber
        self.rows = rows
        self.numbersAreDateSerials = numbersAreDateSerials
    }

    /// Builds a table from raw rows, taking row `headerRow` (1-based, counted as the file numbers
    /// rows) as the header; throws when the file ends before it.
    static func from(rows: [SheetRow], headerRow: Int, fileName: String, origin: String,
                     numbersAreDateSerials: Bool) throws -> SheetTable {
        guard let headerIndex = rows.firstIndex(where: { $0.number >= headerRow && !CSVText.isBlankRow($0.cells) }) else {
            throw InputRejected(file: fileName, line: headerRow,
                                message: "the \(origin) has no header row (expected the column names on row \(headerRow))")
        }
        let header = CSVHeader(names: rows[headerIndex].cells)
        let data = rows[(headerIndex + 1)...].filter { !CSVText.isBlankRow($0.cells) }
        return SheetTable(fileName: fileName, origin: origin, header: header, headerRowNumber: rows[headerIndex].number,
                          rows: Array(data), numbersAreDateSerials: numbersAreDateSerials)
    }
}
