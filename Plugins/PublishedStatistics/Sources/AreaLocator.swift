import HubKit

/// Finds the area a row is about from its `geographic_level` and geography columns.
///
/// - `Local authority`: `old_la_code`, which must be 3 digits (the hub keys LAs on it); name `la_name`.
/// - `Regional`: `region_code`; `National`: `country_code`; the other EES levels (`Local authority
///   district`, `Parliamentary constituency`, `Ward`, `Opportunity area`, `School`, ...): their own
///   code column (see ``GeographyColumns/byLevel``). The code must be there and not empty.
/// - A level EES does not define: the most specific non-empty code in the row (school, provider,
///   ..., ward, constituency, district, LA, region, country), named from the matching name column.
struct AreaLocator {
    /// An area's code and name columns resolved to positions in the file.
    private struct Columns {
        var codeName: String
        var code: Int?
        var name: Int?

        init(_ area: GeographyColumns.Area, in header: TidyHeader) {
            codeName = area.code
            code = header.column(area.code)
            name = header.column(area.name)
        }
    }

    private let file: String
    private let levelColumn: Int
    private let byLevel: [String: Columns]
    private let fallback: [Columns]

    /// `header` must have passed ``TidyHeader/check(file:)``.
    init(header: TidyHeader, file: String) {
        self.file = file
        levelColumn = header.column(TidyHeader.geographicLevel)!
        byLevel = GeographyColumns.byLevel.mapValues { Columns($0, in: header) }
        fallback = GeographyColumns.fallbackOrder.map { Columns($0, in: header) }.filter { $0.code != nil }
    }

    /// The code and name of the row's area. Throws ``InputRejected`` naming the line and column when
    /// the level's code is missing (or, for an LA, not 3 digits).
    func area(of row: TidyRow) throws -> (code: String, name: String) {
        let level = CSVText.trimmed(row.fields[levelColumn])
        guard let columns = byLevel[level.lowercased()] else {
            return try fallbackArea(of: row, level: level)
        }
        guard let codeColumn = columns.code else {
            throw InputRejected(file: file, line: row.line,
                                message: "\(level) rows need a column \(columns.codeName), and the file has none")
        }
        let code = CSVText.trimmed(row.fields[codeColumn])
        if columns.codeName == GeographyColumns.localAuthority.code, !Self.isDfENumber(code) {
            throw InputRejected(file: file, line: row.line, column: codeColumn + 1, message: """
                column \(columns.codeName): '\(code)' is not a 3-digit LA code (every \(level) row needs one)
                """)
        }
        guard !code.isEmpty else {
            throw InputRejected(file: file, line: row.line, column: codeColumn + 1,
                                message: "column \(columns.codeName) is empty on a \(level) row")
        }
        return (code, name(of: row, columns))
    }

    private func fallbackArea(of row: TidyRow, level: String) throws -> (code: String, name: String) {
        for columns in fallback {
            let code = CSVText.trimmed(row.fields[columns.code!])
            if !code.isEmpty { return (code, name(of: row, columns)) }
        }
        throw InputRejected(file: file, line: row.line, message: """
            geographic level '\(level)': no area code in any geography column of the row
            """)
    }

    private func name(of row: TidyRow, _ columns: Columns) -> String {
        columns.name.map { CSVText.trimmed(row.fields[$0]) } ?? ""
    }

    private static func isDfENumber(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
