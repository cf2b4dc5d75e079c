import Foundation
import HubKit
import HubStore
@testable import ImportPipeline
import InputFiles
import Pseudonymisation
import Testing

/// The raw archive is written with zstd (marker 2); chunks written with zlib (marker 1) before
/// still open, so older stores can be re-processed. The checksum is hashed from the archive's reads.
@Suite struct ArchiveCompressionTests {
    typealias Hub = ImportTransactionTests.Hub

    func sealedChunks(_ hub: Hub, importID: Int64) throws -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        try ImportLedger(database: hub.store.database).archive(importID: importID) { _, sealed in chunks.append(sealed) }
        return chunks
    }

    func sealer(_ hub: Hub) throws -> ArchiveSealer {
        ArchiveSealer(secret: try HubSecret.load(path: hub.folder.file("hub.secret")))
    }

    @Test func zstdRoundTripsAndRefusesGarbage() throws {
        var input: [UInt8] = []
        for i in 0..<200_000 { input.append(UInt8(truncatingIfNeeded: i % 251 &* 7 &+ i / 1000)) }
        let compressed = input.withUnsafeBytes { ZstdCompressor(level: RawArchive.zstdLevel).compress($0, after: [9]) }
        #expect(compressed.first == 9)
        #expect(compressed.count < input.count / 2)
        let back = try compressed.withUnsafeBytes {
            try Zstd.decompress(UnsafeRawBufferPointer(rebasing: $0.dropFirst()), limit: RawArchive.chunkSize)
        }
        #expect(back == input)
        // Over the limit, or not zstd at all: refused.
        #expect(throws: (any Error).self) {
            try compressed.withUnsafeBytes { try Zstd.decompress(UnsafeRawBufferPointer(rebasing: $0.dropFirst()), limit: 1000) }
        }
        #expect(throws: (any Error).self) {
            try [UInt8](repeating: 7, count: 64).withUnsafeBytes { try Zstd.decompress($0, limit: 1 << 20) }
        }
    }

    @Test func newArchivesAreZstdAndReprocess() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let first = try hub.importedFirstReturn()
        let chunks = try sealedChunks(hub, importID: first.id)
        #expect(chunks.count == 1)
        let payload = try sealer(hub).open(chunks[0])
        #expect(payload.first == RawArchive.zstdMarker)
        #expect(try ImportLedger(database: hub.store.database).archiveFormat(importID: first.id) == "marked-zstd+chachapoly-v2")
        #expect(first.checksum == sha256Hex(Array(ImportTransactionTests.firstReturn.utf8)))
        try FileManager.default.removeItem(atPath: hub.folder.file("201.txt"))
        let (again, replaced) = try hub.reprocessed(first.id)
        #expect(replaced?.id == first.id)
        #expect(again.checksum == first.checksum)
        #expect(again.records == 3)
    }

    @Test func anOldZlibArchiveStillReprocesses() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let first = try hub.importedFirstReturn()
        // Rewrite the archive as the zlib-era hnhub wrote it: marker 1 and a zlib stream at level 1.
        let bytes = Array(ImportTransactionTests.firstReturn.utf8)
        let old = try sealer(hub).seal([RawArchive.zlibMarker] + Zlib.compress(bytes, level: 1))
        try hub.store.database.execute("UPDATE import_archive SET sealed = ? WHERE import_id = ?",
                                       [.blob(old), .integer(first.id)])
        try hub.store.database.execute("UPDATE imports SET archive_format = 'marked-zlib+chachapoly-v1' WHERE id = ?",
                                       [.integer(first.id)])
        try FileManager.default.removeItem(atPath: hub.folder.file("201.txt"))
        let (again, replaced) = try hub.reprocessed(first.id)
        #expect(replaced?.id == first.id)
        #expect(again.checksum == first.checksum)
        #expect(again.records == 3)
        #expect(try hub.count("persons") == 3)
        // The re-processed import is archived again, now with zstd, and restores the same bytes.
        let payload = try sealer(hub).open(try sealedChunks(hub, importID: again.id)[0])
        #expect(payload.first == RawArchive.zstdMarker)
        let folder = hub.folder.file("restored")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for importID in [first.id, again.id] {
            let paths = try RawArchive.restore(importID: importID, ledger: ImportLedger(database: hub.store.database),
                                               sealer: sealer(hub), into: folder)
            #expect(paths.count == 1)
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: paths[0]))) == bytes)
        }
    }

    @Test func anArchiveOfAFormatThisHnhubDoesNotKnowIsRefusedByName() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let first = try hub.importedFirstReturn()
        try hub.store.database.execute("UPDATE imports SET archive_format = 'marked-brotli+chachapoly-v9' WHERE id = ?",
                                       [.integer(first.id)])
        guard case let .rejected(_, reason) = hub.runner.reprocess(importID: first.id) else {
            Issue.record("re-processed an archive of an unknown format")
            return
        }
        #expect(reason.contains("was archived as 'marked-brotli+chachapoly-v9', which this hnhub cannot read"))
        #expect(try hub.count("persons") == 3)
    }

    @Test func theSameBytesAreANoOpEvenThoughTheChecksumComesFromTheArchiveRead() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        _ = try hub.importedFirstReturn()
        let before = try hub.snapshot()
        guard case .alreadyImported = try hub.importFile("201-again.txt", ImportTransactionTests.firstReturn) else {
            Issue.record("expected a no-op")
            return
        }
        #expect(try hub.snapshot() == before)
        #expect(try hub.store.database.scalar("SELECT count(*) FROM imports WHERE checksum = ?",
                                              [.text(ImportRunner.pendingChecksum)])?.int == 0)
    }
}
