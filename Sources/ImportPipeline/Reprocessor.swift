import Foundation
import HubKit
import HubStore
import InputFiles
import Pseudonymisation

extension ImportRunner {
    /// Runs an earlier import's archived bytes through the importer again (e.g. after an importer
    /// fix). The result replaces the current import of the same scope; the earlier one stays in
    /// history. Returns a rejection when the import has no archive or the secret cannot open it.
    public func reprocess(importID: Int64, importerID: String? = nil) -> ImportOutcome {
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
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("hnhub-reprocess-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let paths = try RawArchive.restore(importID: importID, ledger: ledger, sealer: ArchiveSealer(secret: secret),
                                               into: folder)
            guard !paths.isEmpty else {
                return .rejected(source: entry.sourceName, reason: "import \(importID) has no archived input")
            }
            var source = ImportSource(name: entry.sourceName, files: try paths.map(opener.inputFile(path:)))
            if paths.count == 1 { source.name = entry.sourceName }
            let outcome = run(source: source, importerID: importerID ?? entry.importerID, checksumOverride: entry.checksum)
            return outcome
        } catch {
            return .rejected(source: "import \(importID)", reason: "\(error)")
        }
    }
}
