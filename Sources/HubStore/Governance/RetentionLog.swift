/// The deletions ``RetentionSweep`` recorded (`retention_log`), oldest first.
package struct RetentionLog {
    /// One recorded deletion.
    package struct Entry: Sendable, Hashable {
        package var appliedAt: String
        /// The retention rule (`sen2_returns`, `findings`, `archive`, `outputs`).
        package var rule: String
        package var period: String
        /// What was older than this went.
        package var cutoff: String
        package var importID: Int64?
        package var laCode: String?
        package var collectionYear: Int?
        package var censusDate: String?
        /// The output files removed, one a line.
        package var outputPaths: String?
        /// What went, in words.
        package var deleted: String
        package var rowsDeleted: Int?
    }

    package let database: Database
    package init(database: Database) { self.database = database }

    package func entries() throws -> [Entry] {
        try database.rows("""
            SELECT applied_at, rule, period, cutoff, import_id, la_code, collection_year, census_date, output_path, deleted,
                   rows_deleted FROM retention_log ORDER BY id
            """).map { row in
            Entry(appliedAt: row[0].string ?? "", rule: row[1].string ?? "", period: row[2].string ?? "",
                  cutoff: row[3].string ?? "", importID: row[4].int64, laCode: row[5].string, collectionYear: row[6].int,
                  censusDate: row[7].string, outputPaths: row[8].string, deleted: row[9].string ?? "",
                  rowsDeleted: row[10].int)
        }
    }
}
