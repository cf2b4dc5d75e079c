/// The deletions ``RetentionSweep`` recorded (`retention_log`), oldest first.
public struct RetentionLog {
    /// One recorded deletion.
    public struct Entry: Sendable, Hashable {
        public var appliedAt: String
        /// The retention rule (`sen2_returns`, `findings`, `archive`, `outputs`).
        public var rule: String
        public var period: String
        /// What was older than this went.
        public var cutoff: String
        public var importID: Int64?
        public var laCode: String?
        public var collectionYear: Int?
        public var censusDate: String?
        /// The output files removed, one a line.
        public var outputPaths: String?
        /// What went, in words.
        public var deleted: String
        public var rowsDeleted: Int?
    }

    public let database: Database
    public init(database: Database) { self.database = database }

    public func entries() throws -> [Entry] {
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
