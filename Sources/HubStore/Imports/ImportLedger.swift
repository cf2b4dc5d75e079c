/// Reads and writes the import ledger (`imports`), its archive chunks and validation findings.
/// The caller owns the transaction: one file is one transaction.
package struct ImportLedger {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// Every import, newest first; only SEN2 returns unless `dataset` is nil.
    package func entries(dataset: String? = "sen2-return") throws -> [ImportEntry] {
        let filter = dataset == nil ? "" : "WHERE dataset = ?"
        let args: [SQLValue] = dataset.map { [.text($0)] } ?? []
        return try database.rows("SELECT \(ImportEntry.columns) FROM imports \(filter) ORDER BY id DESC", args)
            .map(ImportEntry.init(row:))
    }

    package func entry(id: Int64) throws -> ImportEntry? {
        try database.rows("SELECT \(ImportEntry.columns) FROM imports WHERE id = ?", [.integer(id)])
            .first.map(ImportEntry.init(row:))
    }

    /// The import of these exact bytes, when there is one.
    package func entry(checksum: String) throws -> ImportEntry? {
        try database.rows("SELECT \(ImportEntry.columns) FROM imports WHERE checksum = ? ORDER BY id DESC LIMIT 1",
                          [.text(checksum)]).first.map(ImportEntry.init(row:))
    }

    /// The current import of a scope (e.g. LA 201's 2025 return).
    package func current(scopeKey: String) throws -> ImportEntry? {
        try database.rows("SELECT \(ImportEntry.columns) FROM imports WHERE scope = ? AND superseded_by IS NULL",
                          [.text(scopeKey)]).first.map(ImportEntry.init(row:))
    }

    /// Adds a new import row and returns its id. The row is not current until ``activate`` runs.
    /// `minimisation` is the level a SEN2 return's birth dates and postcodes are kept at.
    package func begin(scope: ImportScope, sourceName: String, checksum: String, inputBytes: Int,
                      importerID: String, importerVersion: String, importedAt: String,
                      archiveFormat: String?, minimisation: String? = nil) throws -> Int64 {
        // A placeholder superseded_by of itself keeps the row out of the one-current-per-scope index
        // until the import is complete.
        try database.execute("""
            INSERT INTO imports (dataset, scope, source_name, checksum, input_bytes, importer_id,
                importer_version, imported_at, la_code, collection_year, census_date, archive_format, minimisation)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, [.text(scope.dataset), .text(scope.key + "#pending"), .text(sourceName), .text(checksum),
                  .integer(Int64(inputBytes)), .text(importerID), .text(importerVersion), .text(importedAt),
                  SQLValue(scope.laCode), SQLValue(scope.collectionYear), SQLValue(scope.censusDate),
                  SQLValue(archiveFormat), SQLValue(minimisation)])
        return database.lastInsertedRowID
    }

    /// Records the SHA-256 of import `id`'s input, once the whole input has been read.
    package func setChecksum(_ checksum: String, id: Int64) throws {
        try database.execute("UPDATE imports SET checksum = ? WHERE id = ?", [.text(checksum), .integer(id)])
    }

    /// Makes `id` the current import of its scope: the previous current import is marked superseded
    /// (kept in history with its archive and findings) and its records are removed from the
    /// normalised tables. Returns the superseded import, if any.
    @discardableResult
    package func activate(id: Int64, scope: ImportScope, counts: ImportCounts, at time: String) throws -> ImportEntry? {
        let previous = try current(scopeKey: scope.key)
        if let previous {
            try database.execute("UPDATE imports SET superseded_by = ?, superseded_at = ? WHERE id = ?",
                                 [.integer(id), .text(time), .integer(previous.id)])
            try removeRecords(ofImport: previous.id)
        }
        try database.execute("""
            UPDATE imports SET scope = ?, records = ?, quarantined = ?, errors = ?, warnings = ? WHERE id = ?
            """, [.text(scope.key), .integer(Int64(counts.records)), .integer(Int64(counts.quarantined)),
                  .integer(Int64(counts.errors)), .integer(Int64(counts.warnings)), .integer(id)])
        return previous
    }

    /// Deletes the normalised records an import wrote (the ledger row, archive and findings stay).
    package func removeRecords(ofImport id: Int64) throws {
        for table in ["persons", "establishments", "population", "placement_costs", "statistical_neighbours", "published_values"] {
            try database.execute("DELETE FROM \(table) WHERE import_id = ?", [.integer(id)])
        }
    }

    /// Stores one sealed chunk of an input file's bytes.
    package func appendArchive(importID: Int64, sequence: Int, fileName: String, sealed: [UInt8]) throws {
        try database.execute("INSERT INTO import_archive (import_id, seq, file_name, sealed) VALUES (?,?,?,?)",
                             [.integer(importID), .integer(Int64(sequence)), .text(fileName), .blob(sealed)])
    }

    /// The sealed archive chunks of an import, in order, with the file each belongs to.
    package func archive(importID: Int64, _ chunk: (_ fileName: String, _ sealed: [UInt8]) throws -> Void) throws {
        let statement = try database.prepare(
            "SELECT file_name, sealed FROM import_archive WHERE import_id = ? ORDER BY seq")
        try statement.bind([.integer(importID)])
        while try statement.step() {
            try chunk(statement.value(0).string ?? "", statement.value(1).bytes ?? [])
        }
    }

    package func archiveFormat(importID: Int64) throws -> String? {
        try database.scalar("SELECT archive_format FROM imports WHERE id = ?", [.integer(importID)])?.string
    }
}
