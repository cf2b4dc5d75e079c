import HubKit

/// A spreadsheet workbook as the hub writes one: named sheets of cells, each cell a number, a text
/// or empty, with one of a few styles. ``xlsx()`` turns it into Office Open XML bytes.
package struct Workbook: Sendable {
    /// The document title (file properties).
    package var title: String
    /// The day the workbook was made: its document properties and every zip entry's time.
    package var created: Day
    package var sheets: [Worksheet]

    package init(title: String, created: Day, sheets: [Worksheet] = []) {
        self.title = title
        self.created = created
        self.sheets = sheets
    }
}

/// One sheet: rows of cells from A1, column widths, and the rows and columns kept in view.
package struct Worksheet: Sendable {
    /// Unique within the workbook, at most 31 characters, none of `[ ] : * ? / \`.
    package var name: String
    package var rows: [[Cell]]
    /// Widths in characters, by column from A; columns beyond keep the default width.
    package var columnWidths: [Double]
    /// Heights in points by row index (0-based), for rows that need more than one line.
    package var rowHeights: [Int: Double]
    /// Rows at the top kept in view when scrolling (the header).
    package var frozenRows: Int
    /// Columns at the left kept in view (the LA code and name).
    package var frozenColumns: Int

    package init(name: String, rows: [[Cell]] = [], columnWidths: [Double] = [], rowHeights: [Int: Double] = [:],
                frozenRows: Int = 0, frozenColumns: Int = 0) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
        self.rowHeights = rowHeights
        self.frozenRows = frozenRows
        self.frozenColumns = frozenColumns
    }

    /// The cell at a 0-based row and column (empty beyond the rows written).
    package func cell(row: Int, column: Int) -> Cell {
        guard rows.indices.contains(row), rows[row].indices.contains(column) else { return .empty }
        return rows[row][column]
    }

    /// Sets each column's width from its longest content (headers wrap, so count at most
    /// `headerWrap` of their characters), within `minimum...maximum`, and gives the first row the
    /// height its wrapped headers need.
    package mutating func fitColumns(minimum: Double = 8, maximum: Double = 60, headerWrap: Int = 18) {
        let columnCount = rows.map(\.count).max() ?? 0
        var widths = [Double](repeating: minimum, count: columnCount)
        for (index, row) in rows.enumerated() {
            for (column, cell) in row.enumerated() {
                var length = Double(cell.displayLength)
                if index == 0 && frozenRows > 0 { length = min(length, Double(headerWrap)) }
                widths[column] = min(maximum, max(widths[column], length + 2))
            }
        }
        columnWidths = widths
        guard frozenRows > 0, let header = rows.first else { return }
        let lines = header.enumerated().map { column, cell in
            Int((Double(cell.displayLength) / max(1, widths[column] - 2)).rounded(.up))
        }.max() ?? 1
        if lines > 1 { rowHeights[0] = Double(lines) * 15 }
    }
}

/// A cell's content and style.
package struct Cell: Sendable, Equatable {
    package enum Content: Sendable, Equatable {
        case empty
        case text(String)
        /// A numeric cell; non-finite numbers are written as empty cells.
        case number(Double)
    }

    package var content: Content
    package var style: CellStyle

    package init(_ content: Content, style: CellStyle = .plain) {
        self.content = content
        self.style = style
    }

    package static let empty = Cell(.empty)

    package static func text(_ text: String, style: CellStyle = .plain) -> Cell { Cell(.text(text), style: style) }

    package static func number(_ value: Double, style: CellStyle = .plain) -> Cell { Cell(.number(value), style: style) }

    /// About how many characters wide the cell shows.
    var displayLength: Int {
        switch content {
        case .empty: return 0
        case .text(let text): return text.split(separator: "\n").map(\.count).max() ?? 0
        case .number(let value):
            let digits = String(Int64(min(max(abs(value), 0), 1e15))).count
            return digits + digits / 3 + (style.format == .oneDecimal ? 2 : 0) + (value < 0 ? 1 : 0)
        }
    }
}

/// The cell formats the hub uses (the `cellXfs` of styles.xml, in this order).
package enum CellStyle: Int, Sendable, CaseIterable {
    case plain = 0
    /// A column header: bold, wrapped, top-aligned.
    case header
    /// A rate or share: one decimal place shown, the full value kept.
    case decimal
    /// A count or an amount: thousands separated, no decimals shown.
    case whole
    /// A total row's text: bold.
    case bold
    case boldDecimal
    case boldWhole

    enum Format { case general, oneDecimal, thousands }

    var isBold: Bool { [.header, .bold, .boldDecimal, .boldWhole].contains(self) }

    var format: Format {
        switch self {
        case .decimal, .boldDecimal: return .oneDecimal
        case .whole, .boldWhole: return .thousands
        case .plain, .header, .bold: return .general
        }
    }

    /// The bold counterpart, for total rows.
    package var bolded: CellStyle {
        switch self {
        case .plain, .bold: return .bold
        case .header: return .header
        case .decimal, .boldDecimal: return .boldDecimal
        case .whole, .boldWhole: return .boldWhole
        }
    }
}
