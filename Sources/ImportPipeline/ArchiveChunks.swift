import Foundation
import HubKit
import InputFiles
import Pseudonymisation

/// Compresses and seals an input's files on a thread of its own while the importer parses them,
/// handing sealed chunks over in order through a small bounded buffer (so memory stays bounded
/// however large the file). See RawArchive for the chunk format.
final class ArchiveChunks: @unchecked Sendable {
    struct Chunk {
        var fileName: String
        var sealed: [UInt8]
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var ready: [Chunk] = []
    private var done = false
    private var cancelled = false
    private var failure: (any Error)?
    private var digests: [RawArchive.FileDigest] = []
    private let capacity = 4

    /// Starts reading `files` (path, name to archive under) and sealing them with `secret`.
    init(files: [(path: String, name: String)], secret: HubSecret) {
        let thread = Thread { [self] in
            let sealer = ArchiveSealer(secret: secret)
            do {
                let digests = try RawArchive.chunks(of: files, sealer: sealer) { chunk in try self.put(chunk) }
                finishProducing(nil, digests: digests)
            } catch {
                finishProducing(error)
            }
        }
        thread.name = "hnhub archive"
        thread.start()
    }

    private struct Cancelled: Error {}

    private func put(_ chunk: Chunk) throws {
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        ready.append(chunk)
        condition.broadcast()
    }

    private func finishProducing(_ error: (any Error)?, digests: [RawArchive.FileDigest] = []) {
        condition.lock()
        done = true
        self.digests = digests
        if let error, !(error is Cancelled) { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    /// The chunks ready now; with `wait`, first waits until there is one or the files are done.
    /// `finished` is true once every chunk has been handed over.
    func take(wait: Bool) throws -> (chunks: [Chunk], finished: Bool) {
        condition.lock()
        defer { condition.unlock() }
        if wait { while ready.isEmpty && !done { condition.wait() } }
        if let failure { throw failure }
        let taken = ready
        ready.removeAll()
        condition.broadcast()
        return (taken, done && ready.isEmpty)
    }

    /// SHA-256 and size of the files as read for the archive (the input's checksum, see
    /// ImportRunner.checksum); waits until every file has been read.
    func checksum() throws -> (String, Int) {
        condition.lock()
        defer { condition.unlock() }
        while !done { condition.wait() }
        if let failure { throw failure }
        return ImportRunner.combinedChecksum(digests.map { ($0.name, $0.sha256, $0.bytes) })
    }

    /// Stops the producer (the import failed).
    func cancel() {
        condition.lock()
        cancelled = true
        ready.removeAll()
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }
}
