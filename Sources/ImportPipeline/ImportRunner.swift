import Foundation
import HubKit
import HubStore
import InputFiles
import PluginHost
import Pseudonymisation

/// What happened to one input.
public enum ImportOutcome: Sendable {
    /// Stored as import `entry`; `replaced` is the earlier import of the same scope now in history.
    case imported(entry: ImportEntry, replaced: ImportEntry?, summary: ValidationSummary)
    /// The same bytes were imported before: nothing was written.
    case alreadyImported(ImportEntry)
    /// The input as a whole could not be used: nothing was written.
    case rejected(source: String, reason: String)
    /// `hnhub validate`: checked, nothing written.
    case validated(source: String, importerID: String, summary: ValidationSummary)
    /// A file inside a folder that no importer recognises (or the hub's own store): left alone.
    case skipped(source: String, reason: String)
}

/// Runs inputs through importer -> validation -> pseudonymisation -> store, one input per
/// transaction: an input is stored whole or not at all.
public struct ImportRunner {
    public let catalog: PluginCatalog
    public let opener: InputOpener
    /// Store and secret; nil for validation only.
    public let store: Store?
    public let secret: HubSecret?
    /// Called with bytes read so far in the current input and its size.
    public var progress: (_ read: Int, _ total: Int) -> Void = { _, _ in }
    /// Clock for `imported_at` (tests fix it).
    public var now: () -> Date = Date.init

    public init(catalog: PluginCatalog, opener: InputOpener, store: Store?, secret: HubSecret?) {
        self.catalog = catalog
        self.opener = opener
        self.store = store
        self.secret = secret
    }

    /// Imports (or, without a store, validates) one path: a file, or a folder. A folder that one
    /// importer claims as a whole (e.g. a Blade export) is one import; otherwise each file is.
    public func run(path: String, importerID: String? = nil) -> [ImportOutcome] {
        do {
            let source = try opener.source(path: path)
            if source.files.count > 1 || InputOpener.isDirectory(path) {
                if importerID != nil || chooseImporter(for: source, explicit: nil) != nil {
                    return [run(source: source, importerID: importerID)]
                }
                return source.files.map { file in
                    let single = ImportSource(name: file.name, files: [file])
                    if Self.isHubFile(file.name) {
                        return .skipped(source: file.name, reason: "a hub store or secret file")
                    }
                    guard chooseImporter(for: single, explicit: nil) != nil else {
                        return .skipped(source: file.name, reason: "no importer recognises it")
                    }
                    return run(source: single, importerID: nil)
                }
            }
            return [run(source: source, importerID: importerID)]
        } catch {
            return [.rejected(source: path, reason: "\(error)")]
        }
    }

    /// Imports one source.
    public func run(source: ImportSource, importerID: String?, checksumOverride: String? = nil) -> ImportOutcome {
        guard let importer = chooseImporter(for: source, explicit: importerID) else {
            return .rejected(source: source.name, reason: noImporterReason(source: source, explicit: importerID))
        }
        do {
            // A SEN2 return is read once for its checksum, archive copy and size together, on the
            // archive thread while the importer parses it; the same-bytes check then runs before
            // the transaction commits instead of before parsing.
            let checksumFromArchive = checksumOverride == nil && store != nil && importer.produces == .sen2Return
            let (checksum, inputBytes) = try checksumOverride.map { ($0, try Self.size(of: source)) }
                ?? (checksumFromArchive || store == nil ? (Self.pendingChecksum, try Self.size(of: source))
                                                        : Self.checksum(of: source))
            guard let store, let secret else {
                let session = ImportSession(importer: importer, sourceName: source.name, storage: nil, establishmentKnown: nil) { read in
                    progress(read, inputBytes)
                }
                try importer.read(source, into: session)
                return .validated(source: source.name, importerID: importer.descriptor.id, summary: session.summary)
            }
            let database = store.database
            let ledger = ImportLedger(database: database)
            if checksumOverride == nil, !checksumFromArchive, let earlier = try ledger.entry(checksum: checksum) {
                return .alreadyImported(earlier)
            }
            let importedAt = Self.timestamp(now())
            let knownURNs = try establishmentLookup(database)
            return try database.transaction {
                let session = ImportSession(
                    importer: importer, sourceName: source.name,
                    storage: .init(database: database, ledger: ledger, pseudonymiser: Pseudonymiser(secret: secret),
                                   checksum: checksum, inputBytes: inputBytes,
                                   importedAt: importedAt),
                    establishmentKnown: knownURNs) { read in progress(read, inputBytes) }
                if importer.produces == .sen2Return {
                    session.archive = ArchiveChunks(files: source.files.map { ($0.name, $0.baseName) }, secret: secret)
                }
                do {
                    try importer.read(source, into: session)
                    try session.finish()
                    guard let importID = session.importID, let scope = session.scope else {
                        throw InputRejected(file: source.name, message: "the importer \(importer.descriptor.id) found no records in it")
                    }
                    if let archive = session.archive, checksumFromArchive {
                        let (sum, _) = try archive.checksum()
                        if let earlier = try ledger.entry(checksum: sum) { throw AlreadyImported(entry: earlier) }
                        try database.execute("UPDATE imports SET checksum = ? WHERE id = ?", [.text(sum), .integer(importID)])
                    }
                    if session.archive == nil {
                        try RawArchive(ledger: ledger, sealer: ArchiveSealer(secret: secret)).store(source: source, importID: importID)
                    }
                    let replaced = try ledger.activate(id: importID, scope: scope, counts: session.counts, at: importedAt)
                    guard let entry = try ledger.entry(id: importID) else {
                        throw InputRejected(file: source.name, message: "the import vanished while it was written")
                    }
                    return .imported(entry: entry, replaced: replaced, summary: session.summary)
                } catch {
                    // Stop the writer and archive threads before the transaction rolls back.
                    session.abandon()
                    throw error
                }
            }
        } catch let duplicate as AlreadyImported {
            return .alreadyImported(duplicate.entry)
        } catch let rejected as InputRejected {
            return .rejected(source: source.name, reason: Self.reason(rejected, source: source.name))
        } catch {
            return .rejected(source: source.name, reason: "\(error)")
        }
    }

    /// The checksum a SEN2 import row holds until the archive thread has hashed the input.
    static let pendingChecksum = "pending"

    /// The input turned out to be the same bytes as an earlier import: the transaction rolls back.
    struct AlreadyImported: Error {
        var entry: ImportEntry
    }

    func chooseImporter(for source: ImportSource, explicit: String?) -> (any Importer)? {
        if let explicit { return catalog.importer(id: explicit) }
        if case .found(let importer) = catalog.detectImporter(for: source) { return importer }
        return nil
    }

    func noImporterReason(source: ImportSource, explicit: String?) -> String {
        if let explicit {
            let known = catalog.importers.map(\.component.descriptor.id).sorted().joined(separator: ", ")
            return "no importer with id '\(explicit)' (loaded: \(known.isEmpty ? "none" : known))"
        }
        if case .ambiguous(let ids) = catalog.detectImporter(for: source) {
            return "more than one importer claims it (\(ids.joined(separator: ", "))); choose one with --importer"
        }
        if catalog.importers.isEmpty {
            return "no importer plugins are loaded (see `hnhub plugins`)"
        }
        return "no importer recognises this content (tried: \(catalog.importers.map(\.component.descriptor.id).sorted().joined(separator: ", "))); use --importer ID if you know which applies"
    }

    /// The hub's own files, which a folder import must never read as input.
    static func isHubFile(_ path: String) -> Bool {
        [".sqlite", ".sqlite-wal", ".sqlite-shm", ".sqlite-journal", ".secret"].contains { path.hasSuffix($0) }
    }

    /// URNs of the establishment register, when one is loaded.
    func establishmentLookup(_ database: Database) throws -> (@Sendable (String) -> Bool)? {
        let urns = try database.rows("SELECT urn FROM establishments").compactMap { $0[0].string }
        guard !urns.isEmpty else { return nil }
        let known = Set(urns)
        return { known.contains($0) }
    }

    /// SHA-256 of the source as given (a folder: of its files' names and checksums), and its size.
    static func checksum(of source: ImportSource) throws -> (String, Int) {
        try combinedChecksum(source.files.map { file in
            let (sha, bytes) = try fileChecksum(path: file.name)
            return (file.baseName, sha, bytes)
        })
    }

    /// The checksum of a source from its files' (name, SHA-256, size): one file's own SHA-256, or
    /// for several the SHA-256 of "name<TAB>sha" lines.
    static func combinedChecksum(_ files: [(name: String, sha256: String, bytes: Int)]) -> (String, Int) {
        if files.count == 1 { return (files[0].sha256, files[0].bytes) }
        var combined = ""
        var total = 0
        for file in files {
            combined += "\(file.name)\t\(file.sha256)\n"
            total += file.bytes
        }
        return (sha256Hex(Array(combined.utf8)), total)
    }

    /// Total bytes of the source's files (reprocessing keeps the original checksum, so no hashing).
    static func size(of source: ImportSource) throws -> Int {
        try source.files.reduce(0) { total, file in
            let size = try FileManager.default.attributesOfItem(atPath: file.name)[.size] as? NSNumber
            return total + (size?.intValue ?? 0)
        }
    }

    /// The rejection in words, without repeating the source's name when it is the file at fault.
    static func reason(_ rejected: InputRejected, source: String) -> String {
        guard rejected.file == nil || rejected.file == source else { return rejected.description }
        let place = [rejected.line.map { "line \($0)" }, rejected.column.map { "column \($0)" }].compactMap { $0 }
        return place.isEmpty ? rejected.message : place.joined(separator: ", ") + ": " + rejected.message
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
