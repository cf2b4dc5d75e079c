/// A file the hub wrote, as `output_files` records it, so that the outputs' retention period can be
/// applied to it (docs/governance.md, "Retention").
public struct OutputFile: Sendable, Hashable {
    public var id: Int64
    public var path: String
    /// `findings-report`, `report` or `workbook`.
    public var kind: String
    public var importID: Int64?
    public var laCode: String?
    public var purpose: String?
    public var sha256: String
    /// UTC, ISO 8601.
    public var writtenAt: String

    public init(id: Int64 = 0, path: String, kind: String, importID: Int64? = nil, laCode: String? = nil,
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
public struct OutputRegister {
    public let database: Database
    public init(database: Database) { self.database = database }

    /// Records a file just written (in the caller's transaction, if any).
    public func record(_ file: OutputFile) throws {
        try database.execute("""
            INSERT INTO output_files (path, kind, import_id, la_code, purpose, sha256, written_at) VALUES (?,?,?,?,?,?,?)
            """, [.text(file.path), .text(file.kind), file.importID.map { SQLValue.integer($0) } ?? .null, SQLValue(file.laCode),
                  SQLValue(file.purpose), .text(file.sha256), .text(file.writtenAt)])
    }

    /// Every recorded file, oldest first.
    public func files() throws -> [OutputFile] {
        try database.rows("""
            SELECT id, path, kind, import_id, la_code, purpose, sha256, written_at FROM output_files ORDER BY written_at, id
            """).map { row in
            OutputFile(id: row[0].int64 ?? 0, path: row[1].string ?? "", kind: row[2].string ?? "", importID: row[3].int64,
                       laCode: row[4].string, purpose: row[5].string, sha256: row[6].string ?? "",
                       writtenAt: row[7].string ?? "")
        }
    }

    /// Forgets a file (it was deleted, or is to be left alone from now on).
    public func forget(id: Int64) throws {
        try database.execute("DELETE FROM output_files WHERE id = ?", [.integer(id)])
    }
}
