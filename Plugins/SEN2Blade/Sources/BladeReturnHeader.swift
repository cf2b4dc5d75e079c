import HubKit

/// The return's header, from the `sen2` table: COLLECT flattens the XML `CollectionDetails` and
/// `Source` into one row with the columns `collection`, `year`, `referencedate`, `lea`,
/// `softwarecode`, `release`, `serialno`, `datetime`, `sourcelevel`, `dmo`, `dco` (and from 2025 `dsco`).
enum BladeReturnHeader {
    /// Columns without which there is no return to file the persons under.
    static let requiredColumns = ["year", "referencedate", "lea"]

    /// The header, checked as the XML importer checks its `Header`: a 4-digit year, a reference
    /// date, a 3-digit LEA and, when a `collection` is given, SEN2. Each field takes its first
    /// non-blank value (COLLECT writes one row per `Source`). Anything missing or unreadable
    /// throws ``InputRejected`` naming the file, the line and the column.
    static func read(from table: BladeTable) throws -> ReturnHeader {
        func reject(_ message: String, line: Int? = 1) -> InputRejected {
            InputRejected(file: table.fileName, line: line, message: message)
        }
        for column in requiredColumns where !table.has(column) {
            throw reject("the sen2 table has no `\(column)` column: it carries the return's header")
        }
        guard !table.rows.isEmpty else { throw reject("the sen2 table has no rows: it carries the return's header") }

        func first(_ column: String) -> (text: String, line: Int)? {
            for row in table.rows { if let text = table.value(column, in: row) { return (text, row.line) } }
            return nil
        }
        func required(_ column: String) throws -> (text: String, line: Int) {
            guard let value = first(column) else { throw reject("the sen2 table has no `\(column)` value") }
            return value
        }

        if let collection = first("collection"), BladeValue.code(collection.text) != "SEN2" {
            throw reject("collection is \"\(collection.text)\", not SEN2: this importer reads SEN2 returns only",
                         line: collection.line)
        }
        let year = try required("year")
        guard year.text.utf8.count == 4, let collectionYear = Int(year.text) else {
            throw reject("year \"\(year.text)\" is not a year (YYYY)", line: year.line)
        }
        let reference = try required("referencedate")
        guard let referenceDate = BladeValue.day(reference.text) else {
            throw reject("referencedate \"\(reference.text)\" is not a date (YYYY-Mon-DD or YYYY-MM-DD)",
                         line: reference.line)
        }
        let lea = try required("lea")
        guard lea.text.utf8.count == 3, lea.text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw reject("lea \"\(lea.text)\" is not a 3-digit LA number", line: lea.line)
        }
        return ReturnHeader(collection: "SEN2", collectionYear: collectionYear, referenceDate: referenceDate,
                            laCode: lea.text, software: first("softwarecode")?.text, release: first("release")?.text,
                            serialNumber: first("serialno")?.text,
                            createdAt: first("datetime").map { BladeValue.dateTime($0.text) },
                            sourceLevel: first("sourcelevel").map { BladeValue.code($0.text) },
                            designatedOfficers: DesignatedOfficers(medical: first("dmo").map { BladeValue.code($0.text) },
                                                                   clinical: first("dco").map { BladeValue.code($0.text) },
                                                                   socialCare: first("dsco").map { BladeValue.code($0.text) }))
    }
}
