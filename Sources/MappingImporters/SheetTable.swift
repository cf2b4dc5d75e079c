import HubKit

/// One row of an export as the mapping reads it, from a CSV file or an XLSX sheet.
package struct SheetRow: Sendable, Hashable {
    /// The row number a user sees: the CSV line the row starts on, or the spreadsheet's row number.
    package var number: Int
    /// Cell texts by column position (XLSX date cells already as `yyyy-mm-dd`).
    package var cells: [String]

    package init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }

    /// The trimmed text of column `index`; empty when the row is short.
    package func text(_ index: Int) -> String {
        index < cells.count ? CSVText.trimmed(cells[index]) : ""
    }

    /// Whether column `index` has text other than spaces and tabs (``text(_:)`` is not empty).
    func hasText(_ index: Int) -> Bool {
        index < cells.count && cells[index].utf8.contains { $0 != 0x20 && $0 != 0x09 }
    }
}

/// Reads the rows of an export one at a time, from the first.
protocol SheetRowReader: AnyObject {
    /// The next row, or nil after the last.
    func next() throws -> SheetRow?
}

/// The largest row read, in bytes of cell text (a row is held whole while it is mapped).
let maximumRowBytes = 16 << 20

/// An export opened for reading: its header row, and its data rows streamed from the file each
/// time they are read, never held together (see docs/input-rules.md), so an export of any size is
/// read in bounded memory.
package struct SheetTable {
    /// The file's name, for messages.
    package var fileName: String
    /// `CSV` or `XLSX sheet 'Children'`, for messages and the diagnosis.
    package var origin: String
    package var header: CSVHeader
    /// Row number of the header row.
    package var headerRowNumber: Int
    /// True when numbers in date columns are spreadsheet date serials (XLSX).
    package var numbersAreDateSerials: Bool
    /// The workbook's date system starts in 1904 (old Mac Excel files).
    package var uses1904Dates = false
    /// Opens the rows from the start of the file.
    let openRows: () throws -> any SheetRowReader
    /// Rows read up to and including the header row.
    let rowsBeforeData: Int

    /// Opens `openRows` and takes row `headerRow` (1-based, counted as the file numbers rows; the
    /// first non-blank row from there) as the header; throws when the file ends before it.
    init(fileName: String, origin: String, numbersAreDateSerials: Bool, headerRow: Int,
         openRows: @escaping () throws -> any SheetRowReader) throws {
        let rows = try openRows()
        var consumed = 0
        var found: SheetRow?
        while let row = try rows.next() {
            consumed += 1
            if row.number >= headerRow, !CSVText.isBlankRow(row.cells) {
                found = row
                break
            }
        }
        guard let found else {
            throw InputRejected(file: fileName, line: headerRow,
                                message: "the \(origin) has no header row (expected the column names on row \(headerRow))")
        }
        self.fileName = fileName
        self.origin = origin
        header = CSVHeader(names: found.cells)
        headerRowNumber = found.number
        self.numbersAreDateSerials = numbersAreDateSerials
        self.openRows = openRows
        rowsBeforeData = consumed
    }

    /// Reads the file again from the start and calls `body` with each data row below the header,
    /// blank rows left out.
    func forEachDataRow(_ body: (SheetRow) throws -> Void) throws {
        let rows = try openRows()
        for _ in 0 ..< rowsBeforeData { _ = try rows.next() }
        while let row = try rows.next() {
            if !CSVText.isBlankRow(row.cells) { try body(row) }
        }
    }
}
