import Foundation
import HubKit
import HubStore
import InputFiles
import Pseudonymisation

/// Keeps each input's bytes as given (zlib-compressed, then sealed) in the store, in chunks, so a
/// return can be re-processed after an importer fix without the original file.
struct RawArchive {
    let ledger: ImportLedger
    let sealer: ArchiveSealer
    static let chunkSize = 4 << 20

    /// Archives every file of `source`, reading it from disk again (as given, still gzipped if it was).
    func store(source: ImportSource, importID: Int64) throws {
        var sequence = 0
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        for file in source.files {
            let stream = try FileByteStream(path: file.name)
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
                let sealed = try sealer.seal(Zlib.compress(Array(buffer[0..<filled])))
                try ledger.appendArchive(importID: importID, sequence: sequence, fileName: file.baseName, sealed: sealed)
                sequence += 1
                if filled < buffer.count { break }
            }
        }
    }

    /// Writes the archived files of an import into `folder`; returns their paths in archive order.
    static func restore(importID: Int64, ledger: ImportLedger, sealer: ArchiveSealer, into folder: String) throws -> [String] {
        var paths: [String] = []
        var handles: [String: FileHandle] = [:]
        defer { handles.values.forEach { try? $0.close() } }
        try ledger.archive(importID: importID) { fileName, sealed in
            let path = (folder as NSString).appendingPathComponent(fileName)
            if handles[fileName] == nil {
                FileManager.default.createFile(atPath: path, contents: nil)
                handles[fileName] = FileHandle(forWritingAtPath: path)
                paths.append(path)
            }
            let bytes = try Zlib.decompress(try sealer.open(sealed), limit: chunkSize)
            try handles[fileName]!.write(contentsOf: bytes)
        }
        return paths
    }
}
