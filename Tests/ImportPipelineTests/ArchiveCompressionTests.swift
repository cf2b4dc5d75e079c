import Foundation
import HubKit
import HubStore
@testable import ImportPipeline
import InputFiles
import Pseudonymisation
import Testing

/// The raw archive is written with zlib at level 1 (marker 1), from the system zlib the install
/// names; a zstd chunk (marker 2, from development builds) is refused by name. The checksum is
/// hashed from the archive's reads.
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

    @Test func zlibRoundTripsAfterItsMarkerAndRefusesGarbage() throws {
        var input: [UInt8] = []
        for i in 0..<200_000 { input.append(UInt8(truncatingIfNeeded: i % 251 &* 7 &+ i / 1000)) }
        let compressed = input.withUnsafeBytes { Zlib.compress($0, after: [9], level: RawArchive.zlibLevel) }
        #expect(compressed.first == 9)
        #expect(compressed.count < input.count / 2)
        #expect(Array(compressed.dropFirst()) == Zlib.compress(input, level: RawArchive.zlibLevel))
        #expect(try Zlib.decompress(Array(compressed.dropFirst()), limit: RawArchive.chunkSize) == input)
        // Over the limit, or not zlib at all: refused.
        #expect(throws: (any Error).self) { try Zlib.decompress(Array(compressed.dropFirst()), limit: 1000) }
        #expect(throws: (any Error).self) { try Zlib.decompress([UInt8](repeating: 7, count: 64), limit: 1 << 20) }
    }

    @Test func newArchivesAreZlibAndReprocess() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let first = try hub.importedFirstReturn()
        let chunks = try sealedChunks(hub, importID: first.id)
        // One sealed chunk per started chunk of the input's bytes, whatever the chunk size.
        let inputBytes = ImportTransactionTests.firstReturn.utf8.count
        #expect(chunks.count == (inputBytes + RawArchive.chunkSize - 1) / RawArchive.chunkSize)
        let payload = try sealer(hub).open(chunks[0])
        #expect(payload.first == RawArchive.zlibMarker)
        #expect(try ImportLedger(database: hub.store.database).archiveFormat(importID: first.id) == "marked-zlib+chachapoly-v1")
        #expect(first.checksum == sha256Hex(Array(ImportTransactionTests.firstReturn.utf8)))
        try FileManager.default.removeItem(atPath: hub.folder.file("201.txt"))
        let (again, replaced) = try hub.reprocessed(first.id)
        #expect(replaced?.id == first.id)
        #expect(again.checksum == first.checksum)
        #expect(again.records == 3)
        let folder = hub.folder.file("restored")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let paths = try RawArchive.restore(importID: again.id, ledger: ImportLedger(database: hub.store.database),
                                           sealer: sealer(hub), into: folder)
        #expect(try paths.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
                == [Array(ImportTransactionTests.firstReturn.utf8)])
    }

    /// An import archived with zstd by a development build: re-processing says why it cannot, by
    /// format name, and keeps what is stored.
    @Test func aZstdArchiveFromADevelopmentBuildIsRefusedByName() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let first = try hub.importedFirstReturn()
        try hub.store.database.execute("UPDATE imports SET archive_format = 'marked-zstd+chachapoly-v2' WHERE id = ?",
                                       [.integer(first.id)])
        guard case let .rejected(_, reason) = hub.runner.reprocess(importID: first.id) else {
            Issue.record("re-processed a zstd archive")
            return
        }
        #expect(reason.contains("was archived as 'marked-zstd+chachapoly-v2', which this hnhub cannot read"))
        #expect(try hub.count("persons") == 3)
        // A zstd chunk under the zlib format's name (the days before the name changed) is refused too.
        let zstd = try sealer(hub).seal([RawArchive.zstdMarker, 0x28, 0xB5, 0x2F, 0xFD])
        let folder = hub.folder.file("restored")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try hub.store.database.execute("UPDATE import_archive SET sealed = ? WHERE import_id = ?", [.blob(zstd), .integer(first.id)])
        #expect {
            try RawArchive.restore(importID: first.id, ledger: ImportLedger(database: hub.store.database),
                                   sealer: sealer(hub), into: folder)
        } throws: { "\($0)".contains("was compressed with zstd by a development build of hnhub") }
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
