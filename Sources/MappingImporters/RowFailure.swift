import HubKit

/// A cell of the export that the mapping could not read, with everything needed to find and fix it.
package struct RowFailure: Sendable, Hashable, CustomStringConvertible {
    /// `MAPPING-CODE`, `MAPPING-DATE`, `MAPPING-VALUE`, `MAPPING-CONFLICT` or `MAPPING-KEY`.
    package var ruleID: String
    /// The row number a user sees (CSV line, spreadsheet row).
    package var row: Int
    /// The column's header name.
    package var column: String
    /// 0-based column position.
    package var columnIndex: Int
    /// The element it feeds, e.g. `needs[1].SENtype`; nil for the person key.
    package var target: MappingTarget?
    /// 1-based person the row belongs to.
    package var personIndex: Int
    package var message: String
    /// The cell's text, masked when it identifies a child.
    package var value: String?

    /// `row 5, column 'Primary Need' (needs[1].SENtype): 'Autistic' has no translation ...`
    package var description: String {
        "row \(row), column '\(column)'\(target.map { " (\($0))" } ?? ""): \(message)"
    }

    /// The failure as a rejection of the file at its row and column.
    func rejection(file: String) -> InputRejected {
        InputRejected(file: file, line: row, column: columnIndex + 1,
                      message: "column '\(column)'\(target.map { " (\($0))" } ?? ""): \(message)")
    }

    /// The failure as an error on its person (for `hnhub validate`, where the person is quarantined).
    func issue(file: String) -> ImportIssue {
        ImportIssue(ruleID: ruleID, severity: .error, message: "column '\(column)': \(message)",
                    location: RecordLocation(index: personIndex, line: row, file: file),
                    path: target?.recordPath, value: value, isPersonal: target?.isPersonal ?? true)
    }
}
