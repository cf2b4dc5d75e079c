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

    public func create(userID: Int64, laCode: String?, fileName: String, bytes: Int, importerID: String, now: Date = Date()) throws -> UploadJob {
        let id = try ServiceUploads(database: database).add(userID: userID, laCode: laCode, fileName: fileName, bytes: bytes,
                                                            importerID: importerID, at: AccountBook.timestamp(now))
        return try job(id: id)!
    }

    public func job(id: Int64) throws -> UploadJob? {
        try ServiceUploads(database: database).upload(id: id).map(Self.job)
    }

    /// Jobs newest first: of one LA, or every job (nil).
    public func jobs(la: String?, limit: Int = 50) throws -> [UploadJob] {
        try ServiceUploads(database: database).newest(la: la, limit: limit).map(Self.job)
    }

    public func update(id: Int64, state: UploadJob.State, importID: Int64? = nil, message: String? = nil, now: Date = Date()) throws {
        try ServiceUploads(database: database).update(id: id, state: state.rawValue, importID: importID, message: message,
                                                      finished: !state.isRunning, at: AccountBook.timestamp(now))
    }

    /// Jobs left queued or importing by a service that stopped: failed, with a note (their files are gone).
    public func abandonUnfinished(now: Date = Date()) throws {
        try ServiceUploads(database: database).failUnfinished(
            message: "the service stopped before this upload was imported; upload it again", at: AccountBook.timestamp(now))
    }

    static func job(_ row: ServiceUploads.Row) -> UploadJob {
        UploadJob(id: row.id, userID: row.userID, laCode: row.laCode, fileName: row.fileName, bytes: row.bytes,
                  importerID: row.importerID, state: UploadJob.State(rawValue: row.state) ?? .failed, importID: row.importID,
                  message: row.message, createdAt: row.createdAt, finishedAt: row.finishedAt)
    }
}
