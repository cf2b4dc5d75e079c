import Foundation
import HubStore
import Hummingbird
import InputFiles
import NIOCore
import NIOPosix

/// Refuses a body that arrives too slowly: after `graceSeconds`, fewer than `minimumBytesPerSecond`
/// on average (a 1 GB return over a slow line still arrives well above it).
struct UploadPace: Sendable {
    var minimumBytesPerSecond = 8 * 1024
    var graceSeconds: Double = 30
    let started = ContinuousClock.now

    func check(arrived: Int) throws {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard seconds > graceSeconds, Double(arrived) / seconds < Double(minimumBytesPerSecond) else { return }
        throw ServiceError(.requestTimeout, "Upload too slow",
                           "The upload arrived at under \(minimumBytesPerSecond / 1024) KB a second and was stopped. Try again on a faster connection.")
    }
}

/// Takes an upload from the request to the import queue: streamed to a private folder with the size
/// limit, checked by content, the policy asked again with what the file turned out to be, then queued.
extension HubService {
    /// A fresh private folder for one upload.
    func uploadFolder() throws -> String {
        let folder = (setup.uploadsFolder as NSString).appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return folder
    }

    /// Refuses at once a body whose declared length is over the limit.
    func checkDeclaredLength(_ request: Request) throws {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > setup.maxUploadBytes + 64 * 1024 {
            throw ServiceError.tooLarge("An upload is at most \(Self.megabytes(setup.maxUploadBytes)); this one is \(Self.megabytes(length)).")
        }
    }

    /// A multipart form's file part, streamed to disk; the form's CSRF token must come before it.
    func receiveForm(_ request: Request, grant: Grant, folder: String) async throws -> (path: String, shownName: String, bytes: Int) {
        try checkDeclaredLength(request)
        guard let multipart = MultipartUpload(contentType: request.headers[.contentType] ?? "") else {
            throw ServiceError(.unsupportedMediaType, "Unsupported form", "The upload form is sent as multipart/form-data.")
        }
        let expected = grant.csrfToken
        let landing = (folder as NSString).appendingPathComponent("upload.part")
        let received: MultipartUpload.Received
        do {
            received = try await multipart.receive(request.body, fileField: "file", destination: landing, limit: setup.maxUploadBytes,
                                                   requiredBeforeFile: expected == nil ? [] : ["csrf"]) { name, value in
                if name == "csrf", let expected, !SecretToken.equal(value, expected) { throw ServiceError.csrf }
            }
        } catch let failure as MultipartUpload.Failure {
            switch failure {
            case .tooLarge(let limit): throw ServiceError.tooLarge("An upload is at most \(Self.megabytes(limit)).")
            case .malformed(let why): throw ServiceError.badRequest("The upload form could not be read: \(why).")
            case .noFile: throw ServiceError.badRequest("Choose a file to upload.")
            case .fieldMissing: throw ServiceError.csrf
            }
        }
        let shownName = UploadName.clean(received.fileName ?? "")
        guard received.bytes > 0 else { throw ServiceError.badRequest("\(shownName) is empty.") }
        let path = (folder as NSString).appendingPathComponent(shownName)
        try FileManager.default.moveItem(atPath: landing, toPath: path)
        return (path, shownName, received.bytes)
    }

    /// A raw request body (the API), streamed to disk.
    func receiveRaw(_ request: Request, name: String?, folder: String) async throws -> (path: String, shownName: String, bytes: Int) {
        try checkDeclaredLength(request)
        let type = (request.headers[.contentType] ?? "application/octet-stream").lowercased()
        guard !type.hasPrefix("multipart/"), !type.hasPrefix("application/x-www-form-urlencoded"), !type.hasPrefix("application/json") else {
            throw ServiceError(.unsupportedMediaType, "Unsupported body", "Send the file's bytes as the body (e.g. Content-Type: application/xml or application/gzip), not \(type).")
        }
        let shownName = UploadName.clean(name ?? "upload")
        let path = (folder as NSString).appendingPathComponent(shownName)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw ServiceError(.internalServerError, "Internal error", "The upload could not be written.") }
        defer { try? handle.close() }
        var bytes = 0
        let pace = UploadPace()
        for try await buffer in request.body {
            bytes += buffer.readableBytes
            if bytes > setup.maxUploadBytes { throw ServiceError.tooLarge("An upload is at most \(Self.megabytes(setup.maxUploadBytes)).") }
            try pace.check(arrived: bytes)
            handle.write(Data(buffer.readableBytesView))
        }
        guard bytes > 0 else { throw ServiceError.badRequest("The body is empty: send the file's bytes.") }
        return (path, shownName, bytes)
    }

    /// Checks the received file by content, asks the policy about what it is, and queues it.
    func queueUpload(path: String, shownName: String, bytes: Int, grant: Grant, request: Request,
                     context: ServiceContext) async throws -> UploadJob {
        let setup = self.setup
        let inspection = try await NIOThreadPool.singleton.runIfActive {
            try UploadInspection.inspect(path: path, shownName: shownName, catalog: setup.catalog,
                                         opener: InputOpener(limits: setup.inflationLimits))
        }
        _ = try authorize(grant.principal, .upload(la: inspection.laCode, reference: !inspection.isReturn), request: request,
                          context: context)
        let user = grant.user
        let job = try await store.write { database in
            try UploadJobs(database: database).create(userID: user.id, laCode: inspection.laCode, fileName: shownName, bytes: bytes,
                                                      importerID: inspection.importerID)
        }
        imports.enqueue(ImportQueue.Job(id: job.id, path: path, shownName: shownName, importerID: inspection.importerID,
                                        user: user, client: context.client))
        audit.record(.by(user, action: "upload", target: "upload #\(job.id) \(shownName) (\(bytes) bytes"
                         + (inspection.laCode.map { ", LA \($0)" } ?? "") + (inspection.collectionYear.map { " \($0)" } ?? "") + ")",
                         client: context.client))
        return job
    }

    /// Runs an upload's steps; on any refusal the file is removed and the refusal logged.
    func handleUpload(grant: Grant, request: Request, context: ServiceContext,
                      receive: (String) async throws -> (path: String, shownName: String, bytes: Int)) async throws -> UploadJob {
        let folder = try uploadFolder()
        do {
            let file = try await receive(folder)
            return try await queueUpload(path: file.path, shownName: file.shownName, bytes: file.bytes, grant: grant,
                                         request: request, context: context)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            let reason = (error as? ServiceError)?.detail ?? "\(error)"
            if (error as? ServiceError)?.status != .forbidden {
                audit.record(.by(grant.user, action: "upload", target: String(reason.prefix(200)), outcome: "refused", client: context.client))
            }
            throw error
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        if bytes >= 1_000_000_000 { return String(format: "%.1f GB", Double(bytes) / 1e9) }
        if bytes >= 1_000_000 { return String(format: "%.1f MB", Double(bytes) / 1e6) }
        return String(format: "%.0f kB", (Double(bytes) / 1e3).rounded(.up))
    }
}
