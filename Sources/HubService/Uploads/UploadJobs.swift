import Foundation
import HubStore

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
        try ServiceUploads(database: database).upload(id: id)
    }

    /// Jobs newest first: of one LA, or every job (nil).
    package func jobs(la: String?, limit: Int = 50) throws -> [UploadJob] {
        try ServiceUploads(database: database).newest(la: la, limit: limit)
    }

    package func update(id: Int64, state: UploadJob.State, importID: Int64? = nil, message: String? = nil, now: Date = Date()) throws {
        try ServiceUploads(database: database).update(id: id, state: state, importID: importID, message: message,
                                                      at: AccountBook.timestamp(now))
    }

    /// Jobs left queued or importing by a service that stopped: failed, with a note (their files are gone).
    package func abandonUnfinished(now: Date = Date()) throws {
        try ServiceUploads(database: database).failUnfinished(
            message: "the service stopped before this upload was imported; upload it again", at: AccountBook.timestamp(now))
    }
}
