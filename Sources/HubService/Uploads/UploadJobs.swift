import Foundation
import HubStore

/// One upload and what became of it (`service_uploads`).
public struct UploadJob: Sendable, Equatable {
    public enum State: String, Sendable {
        case queued, importing, imported, unchanged, rejected, failed

        /// Still to finish.
        public var isRunning: Bool { self == .queued || self == .importing }
    }

    public var id: Int64
    public var userID: Int64
    public var laCode: String?
    public var fileName: String
    public var bytes: Int
    public var importerID: String?
    public var state: State
    public var importID: Int64?
    public var message: String?
    public var createdAt: String
    public var finishedAt: String?
}

/// Reads and writes upload jobs.
public struct UploadJobs {
    public let database: Database

    public init(database: Database) { self.database = database }

    static let columns = "id, user_id, la_code, file_name, bytes, importer_id, state, import_id, message, created_at, finished_at"

    public func create(userID: Int64, laCode: String?, fileName: String, bytes: Int, importerID: String, now: Date = Date()) throws -> UploadJob {
        try database.execute("""
            INSERT INTO service_uploads (user_id, la_code, file_name, bytes, importer_id, state, created_at)
            VALUES (?,?,?,?,?,'queued',?)
            """, [.integer(userID), SQLValue(laCode), .text(fileName), .integer(Int64(bytes)), .text(importerID),
                  .text(AccountBook.timestamp(now))])
        return try job(id: database.lastInsertedRowID)!
    }

    public func job(id: Int64) throws -> UploadJob? {
        try database.rows("SELECT \(Self.columns) FROM service_uploads WHERE id = ?", [.integer(id)]).first.map(Self.job)
    }

    /// Jobs newest first: of one LA, or every job (nil).
    public func jobs(la: String?, limit: Int = 50) throws -> [UploadJob] {
        let filter = la == nil ? "" : "WHERE la_code = ?"
        return try database.rows("SELECT \(Self.columns) FROM service_uploads \(filter) ORDER BY id DESC LIMIT \(limit)",
                                 la.map { [.text($0)] } ?? []).map(Self.job)
    }

    public func update(id: Int64, state: UploadJob.State, importID: Int64? = nil, message: String? = nil, now: Date = Date()) throws {
        try database.execute("""
            UPDATE service_uploads SET state = ?, import_id = coalesce(?, import_id), message = coalesce(?, message),
                finished_at = CASE WHEN ? THEN ? ELSE finished_at END WHERE id = ?
            """, [.text(state.rawValue), importID.map { .integer($0) } ?? .null, SQLValue(message), .integer(state.isRunning ? 0 : 1),
                  .text(AccountBook.timestamp(now)), .integer(id)])
    }

    /// Jobs left queued or importing by a service that stopped: failed, with a note (their files are gone).
    public func abandonUnfinished(now: Date = Date()) throws {
        try database.execute("""
            UPDATE service_uploads SET state = 'failed', message = 'the service stopped before this upload was imported; upload it again',
                finished_at = ? WHERE state IN ('queued', 'importing')
            """, [.text(AccountBook.timestamp(now))])
    }

    static func job(_ row: [SQLValue]) -> UploadJob {
        UploadJob(id: row[0].int64 ?? 0, userID: row[1].int64 ?? 0, laCode: row[2].string, fileName: row[3].string ?? "",
                  bytes: row[4].int ?? 0, importerID: row[5].string, state: UploadJob.State(rawValue: row[6].string ?? "") ?? .failed,
                  importID: row[7].int64, message: row[8].string, createdAt: row[9].string ?? "", finishedAt: row[10].string)
    }
}
