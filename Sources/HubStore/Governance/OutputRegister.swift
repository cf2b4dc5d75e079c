/// A file the hub wrote, as `output_files` records it, so that the outputs' retention period can be
/// applied to it (docs/governance.md, "Retention").
package struct OutputFile: Sendable, Hashable {
    package var id: Int64
    package var path: String
    /// `findings-report`, `report` or `workbook`.
    package var kind: String
    package var importID: Int64?
    package var laCode: String?
    package var purpose: String?
    package var sha256: String
    /// UTC, ISO 8601.
    package var writtenAt: String

    package init(id: Int64 = 0, path: String, kind: String, importID: Int64? = nil, laCode: String? = nil,
                purpose: String? = nil, sha256: String, writtenAt: String) {
        self.id = id
        self.path = path
        self.kind = kind
        self.importID = importID
        self.laCode = laCode
        self.purpose = purpose
        self.sha256 = sha256
        self.writtenAt = writtenAt
    }
}

/// Reads and writes `output_files`.
package struct OutputRegister {
    package let database: Database
    package init(database: Database) { self.database = database }

    /// Records a file just written (in the caller's transaction, if any).
    package func record(_ file: OutputFile) throws {
        try database.execute("""
            INSERT INTO output_files (path, kind, import_id, la_code, purpose, sha256, written_at) VALUES (?,?,?,?,?,?,?)
            """, [.text(file.path), .text(file.kind), file.importID.map { SQLValue.integer($0) } ?? .null, SQLValue(file.laCode),
                  SQLValue(file.purpose), .text(file.sha256), .text(file.writtenAt)])
    }

    /// Every recorded file, oldest first.
    package func files() throws -> [OutputFile] {
        try database.rows("""
            SELECT id, path, kind, import_id, la_code, purpose, sha256, written_at FROM output_files ORDER BY written_at, id
            """).map { row in
            OutputFile(id: row[0].int64 ?? 0, path: row[1].string ?? "", kind: row[2].string ?? "", importID: row[3].int64,
                       laCode: row[4].string, purpose: row[5].string, sha256: row[6].string ?? "",
                       writtenAt: row[7].string ?? "")
        }
    }

    /// Forgets a file (it was deleted, or is to be left alone from now on).
    package func forget(id: Int64) throws {
        try database.execute("DELETE FROM output_files WHERE id = ?", [.integer(id)])
    }
}
