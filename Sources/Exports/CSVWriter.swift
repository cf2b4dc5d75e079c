import Foundation

/// Comma-separated text as spreadsheets read it (RFC 4180 quoting).
package enum CSVWriter {
    /// One line from cells, quoting a cell with a comma, quote or line break.
    package static func line(_ cells: [String]) -> String {
        cells.map(quote).joined(separator: ",")
    }

    package static func quote(_ cell: String) -> String {
        cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }
}
