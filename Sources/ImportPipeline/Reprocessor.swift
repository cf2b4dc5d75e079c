import Foundation
import HubKit
import HubStore
import InputFiles
import Pseudonymisation

extension ImportRunner {
    /// Runs an earlier import's archived bytes through the importer again (e.g. after an importer
    /// fix). The result replaces the current import of the same scope; the earlier one stays in
    /// history. Returns a rejection when the import has no archive or the secret cannot open it.
    package func reprocess(importID: Int64, importerID: String? = nil) -> ImportOutcome {
        guard let store, let secret else { return .rejected(source: "import \(importID)", reason: "no store open") }
        let ledger = ImportLedger(database: store.database)
        do {
            guard let entry = try ledger.entry(id: importID) else {
                return .rejected(source: "import \(importID)", reason: "no import with id \(importID) (see `hnhub returns --all`)")
            }
            let format = try ledger.archiveFormat(importID: importID)
            guard let format, ArchiveSealer.readableFormats.contains(format) else {
                return .rejected(source: entry.sourceName,
                                 reason: "import \(importID) was archived as '\(format ?? "nothing")', which this hnhub cannot read (it reads \(ArchiveSealer.readableFormats.sorted().reversed().joined(separator: " and "))); import the original file again instead")
            }
            let outcome = try Self.withRestoredSource(entry, ledger: ledger, sealer: ArchiveSealer(secret: secret),
                                                      opener: opener) { source in
                run(source: source, importerID: importerID ?? entry.importerID, checksumOverride: entry.checksum)
            }
            return outcome ?? .rejected(source: entry.sourceName, reason: "import \(importID) has no archived input")
        } catch {
            return .rejected(source: "import \(importID)", reason: "\(error)")
        }
    }

    /// Restores the archived input of `entry` into a temporary folder only its owner can read (the
    /// raw files hold names and UPNs), calls `body` with it as an import source, and removes the
    /// folder. Nil when the import has no archived input.
    static func withRestoredSource<T>(_ entry: ImportEntry, ledger: ImportLedger, sealer: ArchiveSealer,
                                      opener: InputOpener, _ body: (ImportSource) throws -> T) throws -> T? {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("hnhub-reprocess-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paths = try RawArchive.restore(importID: entry.id, ledger: ledger, sealer: sealer, into: folder)
        guard !paths.isEmpty else { return nil }
        return try body(ImportSource(name: entry.sourceName, files: try paths.map(opener.inputFile(path:))))
    }
}
