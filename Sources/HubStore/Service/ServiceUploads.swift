/// One upload and what became of it (`service_uploads`).
package struct UploadJob: Sendable, Equatable {
    package enum State: String, Sendable {
        case queued, importing, imported, unchanged, rejected, failed

        /// Still to finish.
        package var isRunning: Bool { self == .queued || self == .importing }
    }

    package var id: Int64
    package var userID: Int64
    package var laCode: String?
    package var fileName: String
    package var bytes: Int
    package var importerID: String?
    package var state: State
    package var importID: Int64?
    package var message: String?
    package var createdAt: String
    package var finishedAt: String?
}

/// Uploads to the service as stored (`service_uploads`): each file, who sent it and what became
/// of it (`queued`, `importing`, then `imported`, `unchanged`, `rejected` or `failed`).
package struct ServiceUploads {
    static let columns = "id, user_id, la_code, file_name, bytes, importer_id, state, import_id, message, created_at, finished_at"

    /// A row as an upload; a state this hub does not know reads as failed.
    static func upload(_ row: [SQLValue]) -> UploadJob {
        UploadJob(id: row[0].int64 ?? 0, userID: row[1].int64 ?? 0, laCode: row[2].string, fileName: row[3].string ?? "",
                  bytes: row[4].int ?? 0, importerID: row[5].string,
                  state: UploadJob.State(rawValue: row[6].string ?? "") ?? .failed, importID: row[7].int64,
                  message: row[8].string, createdAt: row[9].string ?? "", finishedAt: row[10].string)
    }

    package let database: Database
    package init(database: Database) { self.database = database }

    /// Adds a queued upload; returns its id.
    package func add(userID: Int64, laCode: String?, fileName: String, bytes: Int, importerID: String, at time: String) throws -> Int64 {
        try database.execute("""
            INSERT INTO service_uploads (user_id, la_code, file_name, bytes, importer_id, state, created_at)
            VALUES (?,?,?,?,?,'queued',?)
            """, [.integer(userID), SQLValue(laCode), .text(fileName), .integer(Int64(bytes)), .text(importerID), .text(time)])
        return database.lastInsertedRowID
    }

    package func upload(id: Int64) throws -> UploadJob? {
        try database.rows("SELECT \(Self.columns) FROM service_uploads WHERE id = ?", [.integer(id)]).first.map(Self.upload)
    }

    /// The newest `limit` uploads, newest first: of one LA, or every upload (nil).
    package func newest(la: String?, limit: Int) throws -> [UploadJob] {
        let filter = la == nil ? "" : "WHERE la_code = ?"
        return try database.rows("SELECT \(Self.columns) FROM service_uploads \(filter) ORDER BY id DESC LIMIT \(limit)",
                                 la.map { [.text($0)] } ?? []).map(Self.upload)
    }

    /// Sets an upload's state; the import and message only when given, the finish time only when
    /// the state is final.
    package func update(id: Int64, state: UploadJob.State, importID: Int64?, message: String?, at time: String) throws {
        try database.execute("""
            UPDATE service_uploads SET state = ?, import_id = coalesce(?, import_id), message = coalesce(?, message),
                finished_at = CASE WHEN ? THEN ? ELSE finished_at END WHERE id = ?
            """, [.text(state.rawValue), importID.map { .integer($0) } ?? .null, SQLValue(message), .integer(state.isRunning ? 0 : 1),
                  .text(time), .integer(id)])
    }

    /// Marks every upload still queued or importing as failed with `message`.
    package func failUnfinished(message: String, at time: String) throws {
        try database.execute("""
            UPDATE service_uploads SET state = 'failed', message = ?, finished_at = ? WHERE state IN ('queued', 'importing')
            """, [.text(message), .text(time)])
    }
}
