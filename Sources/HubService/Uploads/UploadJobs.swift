import Foundation
import HubStore

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

/// Reads and writes upload jobs.
package struct UploadJobs {
    package let database: Database

    package init(database: Database) { self.database = database }

    package func create(userID: Int64, laCode: String?, fileName: String, bytes: Int, importerID: String, now: Date = Date()) throws -> UploadJob {
        let id = try ServiceUploads(database: database).add(userID: userID, laCode: laCode, fileName: fileName, bytes: bytes,
                                                            importerID: importerID, at: AccountBook.timestamp(now))
        return try job(id: id)!
    }

    package func job(id: Int64) throws -> UploadJob? {
        try ServiceUploads(database: database).upload(id: id).map(Self.job)
    }

    /// Jobs newest first: of one LA, or every job (nil).
    package func jobs(la: String?, limit: Int = 50) throws -> [UploadJob] {
        try ServiceUploads(database: database).newest(la: la, limit: limit).map(Self.job)
    }

    package func update(id: Int64, state: UploadJob.State, importID: Int64? = nil, message: String? = nil, now: Date = Date()) throws {
        try ServiceUploads(database: database).update(id: id, state: state.rawValue, importID: importID, message: message,
                                                      finished: !state.isRunning, at: AccountBook.timestamp(now))
    }

    /// Jobs left queued or importing by a service that stopped: failed, with a note (their files are gone).
    package func abandonUnfinished(now: Date = Date()) throws {
        try ServiceUploads(database: database).failUnfinished(
            message: "the service stopped before this upload was imported; upload it again", at: AccountBook.timestamp(now))
    }

    static func job(_ row: ServiceUploads.Row) -> UploadJob {
        UploadJob(id: row.id, userID: row.userID, laCode: row.laCode, fileName: row.fileName, bytes: row.bytes,
                  importerID: row.importerID, state: UploadJob.State(rawValue: row.state) ?? .failed, importID: row.importID,
                  message: row.message, createdAt: row.createdAt, finishedAt: row.finishedAt)
    }
}
