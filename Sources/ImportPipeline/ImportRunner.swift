import Foundation
import Governance
import HubKit
import HubStore
import InputFiles
import PluginHost
import Pseudonymisation
import Validation

/// What happened to one input.
package enum ImportOutcome: Sendable {
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
package struct ImportRunner {
    package let catalog: PluginCatalog
    package let opener: InputOpener
    /// Store and secret; nil for validation only.
    package let store: Store?
    package let secret: HubSecret?
    /// Called with bytes read so far in the current input and its size.
    package var progress: (_ read: Int, _ total: Int) -> Void = { _, _ in }
    /// Clock for `imported_at` (tests fix it).
    package var now: () -> Date = Date.init
    /// Census days and LA register a SEN2 header is held against when there is no store (`hnhub
    /// validate` loads them from `Datasets/`); with a store, the store's own tables are used.
    package var collectionReference: CollectionReference?
    /// How much of a birth date and postcode is kept (config `minimisation`; docs/governance.md).
    package var minimisation = Minimisation.finest
    /// SEN2 returns older than their retention period are refused (config `retention`).
    package var retention = RetentionPolicy()
    /// The folder of the LAs' findings reports (one subfolder per LA); nil: none written.
    package var findingsReports: String?

    package init(catalog: PluginCatalog, opener: InputOpener, store: Store?, secret: HubSecret?) {
        self.catalog = catalog
        self.opener = opener
        self.store = store
        self.secret = secret
    }

    /// Imports (or, without a store, validates) one path: a file, or a folder. A folder that one
    /// importer claims as a whole (e.g. a Blade export) is one import; otherwise each file is.
    /// A folder's SEN2 returns overlap: while the store writer stores and commits one, this thread
    /// parses the next (each is still one transaction; outcomes come back in file order).
    package func run(path: String, importerID: String? = nil) -> [ImportOutcome] {
        var outcomes: [ImportOutcome] = []
        run(paths: [path], importerID: importerID) { _, pathOutcomes in outcomes = pathOutcomes }
        return outcomes
    }

    /// Imports each path as `run(path:)` would, the SEN2 returns of all of them overlapping.
    /// `starting` is called with a path's index before it is read, `finished` with its outcomes
    /// once they are all known, in path order (path i's usually while path i+1 is read).
    package func run(paths: [String], importerID: String? = nil, starting: (Int) -> Void = { _ in },
                    finished: (Int, [ImportOutcome]) -> Void) {
        var pipeline: ReturnPipeline?
        var waiting: [(index: Int, outcomes: [PendingOutcome])] = []
        for (index, path) in paths.enumerated() {
            starting(index)
            let outcomes = queue(path: path, importerID: importerID, pipeline: &pipeline)
            // The earlier paths' returns are (nearly always) committed by now.
            for earlier in waiting { finished(earlier.index, earlier.outcomes.map(\.outcome)) }
            waiting = []
            // An outcome is told as soon as it is known, so that the log of an import killed
            // halfway shows every path committed before the one it was reading.
            if outcomes.allSatisfy(\.isKnown) {
                finished(index, outcomes.map(\.outcome))
            } else {
                waiting = [(index, outcomes)]
            }
        }
        pipeline?.writer.stop()
        for earlier in waiting { finished(earlier.index, earlier.outcomes.map(\.outcome)) }
    }

    /// The store writer shared by consecutive SEN2 returns, and the establishment register read
    /// before it started (SEN2 returns do not change it).
    struct ReturnPipeline {
        var writer: StoreWriter
        var knownURNs: (@Sendable (String) -> Bool)?
        var reference: CollectionReference?
    }

    /// Queues a SEN2 return on the pipeline (starting one if need be); anything else runs alone
    /// on this thread once the pipeline's returns are committed.
    private func queue(source: ImportSource, importerID: String?, pipeline: inout ReturnPipeline?) -> PendingOutcome {
        guard let store, secret != nil, let importer = chooseImporter(for: source, explicit: importerID),
              importer.produces == .sen2Return else {
            pipeline?.writer.stop()
            pipeline = nil
            return .done(run(source: source, importerID: importerID))
        }
        if pipeline == nil {
            do {
                pipeline = ReturnPipeline(writer: StoreWriter(), knownURNs: try establishmentLookup(store.database),
                                          reference: try Self.collectionReference(store.database))
            } catch {
                return .done(.rejected(source: source.name, reason: Self.describe(error)))
            }
        }
        return .pending(pipeline!.writer, queueReturn(source: source, importer: importer, writer: pipeline!.writer,
                                                       knownURNs: pipeline!.knownURNs, reference: pipeline!.reference))
    }

    /// One path: a file, or a folder. A folder that one importer claims as a whole (e.g. a Blade
    /// export) is one import; otherwise each file is.
    private func queue(path: String, importerID: String?, pipeline: inout ReturnPipeline?) -> [PendingOutcome] {
        do {
            let source = try opener.source(path: path)
            if source.files.isEmpty, InputOpener.isDirectory(path) {
                return [.done(.rejected(source: path, reason: "the folder holds no files to import; give the folder your returns and reference files are in, or the files themselves"))]
            }
            if source.files.count > 1 || InputOpener.isDirectory(path) {
                // FIFOs, sockets and devices in the folder are never opened (one could block forever).
                let others = ((try? InputOpener.entries(in: path).others) ?? []).map { entry in
                    PendingOutcome.done(.skipped(source: entry.path, reason: "it is \(entry.kind), not a regular file"))
                }
                if importerID != nil || chooseImporter(for: source, explicit: nil) != nil {
                    return [queue(source: source, importerID: importerID, pipeline: &pipeline)] + others
                }
                return source.files.map { file in
                    let single = ImportSource(name: file.name, files: [file])
                    if Self.isHubFile(file.name) {
                        return .done(.skipped(source: file.name, reason: "a hub store or secret file"))
                    }
                    if Self.isConfigurationFile(file.name) {
                        return .done(.skipped(source: file.name, reason: "a configuration file, not data (give a hub config with --config)"))
                    }
                    guard chooseImporter(for: single, explicit: nil) != nil else {
                        let reason = TextEncodingNote.utf16(file.head) ?? "no importer recognises it"
                        return .done(.skipped(source: file.name, reason: reason))
                    }
                    return queue(source: single, importerID: nil, pipeline: &pipeline)
                } + others
            }
            return [queue(source: source, importerID: importerID, pipeline: &pipeline)]
        } catch {
            return [.done(.rejected(source: path, reason: Self.describe(error)))]
        }
    }

    /// Imports one source.
    package func run(source: ImportSource, importerID: String?, checksumOverride: String? = nil) -> ImportOutcome {
        guard let importer = chooseImporter(for: source, explicit: importerID) else {
            return .rejected(source: source.name, reason: noImporterReason(source: source, explicit: importerID))
        }
        if checksumOverride == nil, let store, secret != nil, importer.produces == .sen2Return {
            do {
                let knownURNs = try establishmentLookup(store.database)
                let writer = StoreWriter()
                let ticket = queueReturn(source: source, importer: importer, writer: writer, knownURNs: knownURNs,
                                         reference: try Self.collectionReference(store.database))
                writer.stop()
                return writer.outcome(of: ticket)
            } catch {
                return .rejected(source: source.name, reason: Self.describe(error))
            }
        }
        do {
            // (A SEN2 return to store, unless re-processed, went to `queueReturn` above.)
            let (checksum, inputBytes) = try checksumOverride.map { ($0, try Self.size(of: source)) }
                ?? (store == nil ? (Self.pendingChecksum, try Self.size(of: source)) : Self.checksum(of: source))
            guard let store, let secret else {
                let session = ImportSession(importer: importer, sourceName: source.name, storage: nil, establishmentKnown: nil,
                                            reference: collectionReference) { read in
                    progress(read, inputBytes)
                }
                try importer.read(source, into: session)
                return .validated(source: source.name, importerID: importer.descriptor.id, summary: session.summary)
            }
            let database = store.database
            let ledger = ImportLedger(database: database)
            if checksumOverride == nil, let earlier = try ledger.entry(checksum: checksum) {
                return .alreadyImported(earlier)
            }
            let importedAt = Self.timestamp(now())
            let knownURNs = try establishmentLookup(database)
            let reference = try Self.collectionReference(database)
            return try database.transaction {
                // Checked again under the write lock: another process may have stored the same
                // bytes since the check above (docs/input-rules.md).
                if checksumOverride == nil, let earlier = try ledger.entry(checksum: checksum) {
                    throw AlreadyImported(entry: earlier)
                }
                let session = ImportSession(
                    importer: importer, sourceName: source.name,
                    storage: .init(database: database, ledger: ledger,
                                   pseudonymiser: Pseudonymiser(secret: secret, minimisation: minimisation),
                                   checksum: checksum, inputBytes: inputBytes, importedAt: importedAt,
                                   retention: retention, today: Self.day(now()), findingsReports: findingsReports),
                    establishmentKnown: knownURNs, reference: reference) { read in progress(read, inputBytes) }
                do {
                    try importer.read(source, into: session)
                    try session.finish()
                    guard let importID = session.importID, let scope = session.scope else {
                        throw InputRejected(file: source.name, message: "the importer \(importer.descriptor.id) found no records in it")
                    }
                    if let returnSummary = session.returnSummary {
                        try returnSummary.write(to: database, importID: importID)
                    }
                    try RawArchive(ledger: ledger, sealer: ArchiveSealer(secret: secret)).store(source: source, importID: importID)
                    let replaced = try ledger.activate(id: importID, scope: scope, counts: session.counts, at: importedAt)
                    guard let entry = try ledger.entry(id: importID) else {
                        throw InputRejected(file: source.name, message: "the import vanished while it was written")
                    }
                    try session.findingsReport?.publish(importID: importID, censusDate: entry.censusDate,
                                                        database: database, writtenAt: importedAt)
                    return .imported(entry: entry, replaced: replaced, summary: session.summary)
                } catch {
                    session.abandon()
                    throw error
                }
            }
        } catch let duplicate as AlreadyImported {
            return .alreadyImported(duplicate.entry)
        } catch let rejected as InputRejected {
            return .rejected(source: source.name, reason: Self.reason(rejected, source: source.name))
        } catch {
            return .rejected(source: source.name, reason: Self.describe(error))
        }
    }

    /// The checksum a SEN2 import row holds until the archive thread has hashed the input.
    static let pendingChecksum = "pending"

    /// An outcome known now, or once the store writer has settled the return's ticket.
    enum PendingOutcome {
        case done(ImportOutcome)
        case pending(StoreWriter, StoreWriter.Ticket)

        var outcome: ImportOutcome {
            switch self {
            case let .done(outcome): outcome
            case let .pending(writer, ticket): writer.outcome(of: ticket)
            }
        }

        /// Whether ``outcome`` would return without waiting.
        var isKnown: Bool {
            switch self {
            case .done: true
            case let .pending(writer, ticket): writer.isSettled(ticket)
            }
        }
    }

    /// Parses, validates and pseudonymises a SEN2 return on this thread and queues its transaction
    /// on `writer`: BEGIN, the import row, the persons and archive chunks as they come, then the
    /// same-bytes check, the summary, the activation and COMMIT (or ROLLBACK on any failure). The
    /// return's outcome is the ticket's, once the writer has reached its end; this thread goes on
    /// with the next input meanwhile.
    func queueReturn(source: ImportSource, importer: any Importer, writer: StoreWriter,
                     knownURNs: (@Sendable (String) -> Bool)?, reference: CollectionReference?) -> StoreWriter.Ticket {
        let ticket = StoreWriter.Ticket()
        let sourceName = source.name
        guard let store, let secret else {
            writer.settle(ticket, .rejected(source: sourceName, reason: "no store open"))
            return ticket
        }
        let database = store.database
        let ledger = ImportLedger(database: database)
        let state = ImportSession.WriterState()
        var closing: (summary: ValidationSummary, counts: ImportCounts, scope: ImportScope,
                      returnSummary: ReturnSummary?, checksum: String)?
        let session: ImportSession
        let importedAt = Self.timestamp(now())
        var report: FindingsReportWriter?
        do {
            let inputBytes = try Self.size(of: source)
            session = ImportSession(
                importer: importer, sourceName: sourceName,
                storage: .init(database: database, ledger: ledger,
                               pseudonymiser: Pseudonymiser(secret: secret, minimisation: minimisation),
                               checksum: Self.pendingChecksum, inputBytes: inputBytes, importedAt: importedAt,
                               retention: retention, today: Self.day(now()), findingsReports: findingsReports),
                establishmentKnown: knownURNs, reference: reference,
                pipeline: .init(writer: writer, ticket: ticket, state: state)) { read in progress(read, inputBytes) }
            try writer.submit(ticket) { try database.begin() }
            let archive = ArchiveChunks(files: source.files.map { ($0.name, $0.baseName) }, secret: secret)
            session.archive = archive
            do {
                try importer.read(source, into: session)
                try session.finish()
                guard let scope = session.scope else {
                    throw InputRejected(file: sourceName, message: "the importer \(importer.descriptor.id) found no records in it")
                }
                let (sum, _) = try archive.checksum()
                try session.findingsReport?.close()
                report = session.findingsReport
                closing = (session.summary, session.counts, scope, session.returnSummary, sum)
            } catch {
                session.abandon()
                throw error
            }
        } catch {
            writer.fail(ticket, error)
        }
        let (runner, closingNow, reportNow) = (self, closing, report)
        try? writer.submit(ticket, always: true) {
            let outcome: ImportOutcome
            do {
                if let failure = writer.failure(of: ticket) { throw failure }
                guard let closingNow, let importID = state.importID else {
                    throw InputRejected(file: sourceName, message: "the importer \(importer.descriptor.id) found no records in it")
                }
                if let returnSummary = closingNow.returnSummary {
                    try returnSummary.write(to: database, importID: importID)
                }
                if let earlier = try ledger.entry(checksum: closingNow.checksum) { throw AlreadyImported(entry: earlier) }
                try ledger.setChecksum(closingNow.checksum, id: importID)
                let replaced = try ledger.activate(id: importID, scope: closingNow.scope, counts: closingNow.counts,
                                                   at: importedAt)
                guard let entry = try ledger.entry(id: importID) else {
                    throw InputRejected(file: sourceName, message: "the import vanished while it was written")
                }
                try reportNow?.publish(importID: importID, censusDate: entry.censusDate, database: database,
                                       writtenAt: importedAt)
                try database.commit()
                outcome = .imported(entry: entry, replaced: replaced, summary: closingNow.summary)
            } catch {
                try? database.rollback()
                reportNow?.discard()
                outcome = runner.outcome(for: error, sourceName: sourceName)
            }
            writer.settle(ticket, outcome)
        }
        return ticket
    }

    /// A failed input's outcome.
    func outcome(for error: any Error, sourceName: String) -> ImportOutcome {
        switch error {
        case let duplicate as AlreadyImported: .alreadyImported(duplicate.entry)
        case let rejected as InputRejected: .rejected(source: sourceName, reason: Self.reason(rejected, source: sourceName))
        default: .rejected(source: sourceName, reason: Self.describe(error))
        }
    }

    /// An error that stopped an input, in words; a store another import holds locked says so.
    static func describe(_ error: any Error) -> String {
        if let database = error as? DatabaseError, database.code & 0xFF == 5 /* SQLITE_BUSY */ {
            return "another import is writing to this store and held it longer than SQLite waits; import this "
                + "again once that one has finished"
        }
        return "\(error)"
    }

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
            if let refused = catalog.refusals.first(where: { $0.ids.contains(explicit) }) {
                return "the importer '\(explicit)' was refused when the plugins were loaded (\(refused)); correct it and run again"
            }
            let known = catalog.importers.map(\.component.descriptor.id).sorted().joined(separator: ", ")
            return "no importer with id '\(explicit)' (loaded: \(known.isEmpty ? "none" : known))"
        }
        if case .ambiguous(let ids) = catalog.detectImporter(for: source) {
            return "more than one importer claims it (\(ids.joined(separator: ", "))); choose one with --importer"
        }
        if catalog.importers.isEmpty {
            return "no importer plugins are loaded (see `hnhub plugins`)"
        }
        if source.files.count == 1, let note = TextEncodingNote.utf16(source.files[0].head) {
            return note
        }
        // Importers that nearly claimed it say why not (a mapping's file.headers with a typo), and
        // files refused at loading may be the one meant.
        let nearMisses = catalog.importers.compactMap { ($0.importer as? any ExplainsNearMiss)?.nearMiss(source) }
        let refused = catalog.refusals.filter { !$0.ids.isEmpty }.map(\.path)
        let tried = catalog.importers.map(\.component.descriptor.id).sorted().joined(separator: ", ")
        let explanation = nearMisses.map { "; \($0)" }.joined()
            + (refused.isEmpty ? "" : "; refused when loading, so not tried: \(refused.joined(separator: ", "))")
        if source.files.count == 1, ZipArchive.looksLikeZip(source.files[0].head) {
            return "no importer recognises this zip archive (tried: \(tried)); if it is a workbook a mapping should read, `hnhub validate --importer mapping:ID FILE` says what in it cannot be read"
                + explanation
        }
        return "no importer recognises this content (tried: \(tried)); use --importer ID if you know which applies" + explanation
    }

    /// The hub's own files, which a folder import must never read as input.
    static func isHubFile(_ path: String) -> Bool {
        [".sqlite", ".sqlite-wal", ".sqlite-shm", ".sqlite-journal", ".secret"].contains { path.hasSuffix($0) }
    }

    /// YAML files (a hub config, a mapping or metric definition): settings, never data to import.
    static func isConfigurationFile(_ path: String) -> Bool {
        [".yaml", ".yml"].contains { path.lowercased().hasSuffix($0) }
    }

    /// URNs of the establishment register, when one is loaded.
    func establishmentLookup(_ database: Database) throws -> (@Sendable (String) -> Bool)? {
        let known = try ReferenceTables(database: database).establishmentURNs()
        guard !known.isEmpty else { return nil }
        return { known.contains($0) }
    }

    /// The census days and LA register loaded into the store (`hnhub init`): what a SEN2 header is
    /// held against. Tables never loaded give an empty reference, which checks nothing.
    static func collectionReference(_ database: Database) throws -> CollectionReference {
        let censusDays = try ReferenceTables(database: database).censusDays().compactMapValues { Day(iso: $0) }
        let authorities = try LARegister(database: database).periods().map { period in
            CollectionReference.AuthorityPeriod(laCode: period.laCode, name: period.name,
                                                from: period.validFrom.flatMap { Day(iso: $0) },
                                                to: period.validTo.flatMap { Day(iso: $0) })
        }
        return CollectionReference(censusDays: censusDays, authorities: authorities)
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

    /// The UTC day of an instant.
    static func day(_ date: Date) -> Day {
        Day(daysSinceEpoch: Int32((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
