import Foundation
import HubKit
import HubStore
import InputFiles
import Pseudonymisation

/// Keeps each input's bytes as given (compressed, then sealed) in the store, in chunks, so a
/// return can be re-processed after an importer fix without the original file.
///
/// Each sealed chunk opens to one marker byte and the data: 1 = zlib at level 1 (the archive is a
/// safety copy, so speed matters more than the last few percent of size), 0 = stored as is (a gzip
/// input is already compressed). Marker 2 was zstd, written by development builds for a few days;
/// this hnhub needs only the system libraries docs/install.md names, so it says such a chunk
/// cannot be read (docs/benchmarks.md has the measured cost of zlib).
struct RawArchive {
    let ledger: ImportLedger
    let sealer: ArchiveSealer
    static let chunkSize = 4 << 20
    static let storedMarker: UInt8 = 0
    static let zlibMarker: UInt8 = 1
    static let zstdMarker: UInt8 = 2
    static let zlibLevel: Int32 = 1

    /// Archives every file of `source` at once, reading it from disk again (as given, still
    /// gzipped if it was). Small data sets use this; SEN2 returns use ArchiveChunks, which seals
    /// while the importer reads.
    func store(source: ImportSource, importID: Int64) throws {
        var sequence = 0
        try Self.chunks(of: source.files.map { ($0.name, $0.baseName) }, sealer: sealer) { chunk in
            try ledger.appendArchive(importID: importID, sequence: sequence, fileName: chunk.fileName, sealed: chunk.sealed)
            sequence += 1
        }
    }

    /// One archived file as read: its SHA-256 (hex) and size, so the checksum needs no read of its own.
    struct FileDigest {
        var name: String
        var sha256: String
        var bytes: Int
    }

    /// Reads `files` in chunks and calls `body` with each sealed chunk, in order; returns each
    /// file's SHA-256 and size, hashed from the same reads.
    @discardableResult
    static func chunks(of files: [(path: String, name: String)], sealer: ArchiveSealer,
                       _ body: (ArchiveChunks.Chunk) throws -> Void) throws -> [FileDigest] {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var digests: [FileDigest] = []
        for file in files {
            let stream = try FileByteStream(path: file.path)
            var hasher = SHA256Stream()
            var total = 0
            var compress = true
            var firstChunk = true
            while true {
                var filled = 0
                while filled < buffer.count {
                    let n = try buffer.withUnsafeMutableBytes {
                        try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
                    }
                    if n == 0 { break }
                    filled += n
                }
                if filled == 0 { break }
                total += filled
                if firstChunk {
                    compress = !(filled > 1 && buffer[0] == 0x1f && buffer[1] == 0x8b)
                    firstChunk = false
                }
                let payload = buffer.withUnsafeBytes { all -> [UInt8] in
                    let bytes = UnsafeRawBufferPointer(rebasing: all[0..<filled])
                    hasher.update(bytes)
                    return compress ? Zlib.compress(bytes, after: [zlibMarker], level: zlibLevel) : [storedMarker] + bytes
                }
                try body(ArchiveChunks.Chunk(fileName: file.name, sealed: try sealer.seal(payload)))
                if filled < buffer.count { break }
            }
            digests.append(FileDigest(name: file.name, sha256: hasher.finalizeHex(), bytes: total))
        }
        return digests
    }

    /// Writes the archived files of an import into `folder`; returns their paths in archive order.
    static func restore(importID: Int64, ledger: ImportLedger, sealer: ArchiveSealer, into folder: String) throws -> [String] {
        var paths: [String] = []
        var handles: [String: FileHandle] = [:]
        defer { handles.values.forEach { try? $0.close() } }
        try ledger.archive(importID: importID) { fileName, sealed in
            let path = (folder as NSString).appendingPathComponent(fileName)
            if handles[fileName] == nil {
                guard FileManager.default.createFile(atPath: path, contents: nil),
                      let handle = FileHandle(forWritingAtPath: path) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
                }
                handles[fileName] = handle
                paths.append(path)
            }
            let payload = try sealer.open(sealed)
            let bytes: [UInt8]
            switch payload.first {
            case zstdMarker?: throw ArchiveFormatError.zstdChunk(fileName: fileName)
            case zlibMarker?: bytes = try Zlib.decompress(Array(payload.dropFirst()), limit: chunkSize)
            case storedMarker?: bytes = Array(payload.dropFirst())
            default: throw ArchiveError.cannotOpen
            }
            try handles[fileName]!.write(contentsOf: bytes)
        }
        return paths
    }
}

/// An archive chunk this hnhub cannot decompress.
enum ArchiveFormatError: Error, CustomStringConvertible {
    case zstdChunk(fileName: String)

    var description: String {
        switch self {
        case let .zstdChunk(fileName):
            return "the archived copy of \(fileName) was compressed with zstd by a development build of hnhub, which this hnhub does not read: import the original file again instead of re-processing it"
        }
    }
}
