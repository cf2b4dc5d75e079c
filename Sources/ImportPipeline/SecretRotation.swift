import Foundation
import HubKit
import HubStore
import InputFiles
import PluginHost
import Pseudonymisation

/// Re-keys a store from one hub secret to another (`hnhub rotate-secret`, docs/hub-secret.md).
///
/// A pseudonym is a one-way HMAC of an identifier, so it cannot be re-keyed from itself: the
/// identifiers are read again from the archived input of every import that holds pseudonyms (the
/// archive is opened with the old secret), and each old pseudonym is paired with the new one. Then,
/// in the same transaction: every stored pseudonym is replaced by its pair, every archive chunk is
/// opened with the old secret and sealed with the new, and the new key check value is recorded.
/// The store is re-keyed whole or not at all, and nothing else can write to it meanwhile.
public struct SecretRotation {
    public let store: Store
    public let catalog: PluginCatalog
    public let opener: InputOpener

    public init(store: Store, catalog: PluginCatalog, opener: InputOpener) {
        self.store = store
        self.catalog = catalog
        self.opener = opener
    }

    /// What a rotation changed.
    public struct Summary: Sendable, Equatable {
        /// Imports whose archived input was read again for its identifiers.
        public var importsRead: Int
        /// Distinct pseudonyms re-keyed.
        public var pseudonyms: Int
        /// Rows whose pseudonym changed (persons, quarantine, per-child costs).
        public var rows: Int
        /// Archive chunks sealed again under the new secret.
        public var archiveChunks: Int
    }

    /// The tables that hold pseudonyms, with the column.
    static let pseudonymColumns = [("persons", "pseudonym"), ("quarantine", "pseudonym"), ("placement_costs", "person_pseudonym")]

    /// Re-keys the store from `old` to `new`. Fails, changing nothing, when a stored pseudonym
    /// cannot be paired: its import has no readable archive, or its importer is not loaded or no
    /// longer reads the archived bytes.
    public func run(from old: HubSecret, to new: HubSecret, now: Date = Date()) throws -> Summary {
        let database = store.database
        return try database.transaction {
            try database.execute("DROP TABLE IF EXISTS temp.rotated_pseudonyms")
            try database.execute("CREATE TEMP TABLE rotated_pseudonyms (old TEXT PRIMARY KEY, new TEXT NOT NULL) WITHOUT ROWID")
            defer { try? database.execute("DROP TABLE IF EXISTS temp.rotated_pseudonyms") }

            let pairs = try PseudonymPairs(old: Pseudonymiser(secret: old), new: Pseudonymiser(secret: new), database: database)
            let ledger = ImportLedger(database: database)
            let holders = try importsHoldingPseudonyms()
            for id in holders {
                guard let entry = try ledger.entry(id: id) else { continue }
                guard let importer = catalog.importer(id: entry.importerID) else {
                    throw RotationError.cannotRead(importID: id, source: entry.sourceName,
                                                   reason: "its importer \(entry.importerID) is not loaded")
                }
                let read: Void?
                do {
                    read = try ImportRunner.withRestoredSource(entry, ledger: ledger, sealer: ArchiveSealer(secret: old),
                                                               opener: opener) { try importer.read($0, into: pairs) }
                } catch {
                    throw RotationError.cannotRead(importID: id, source: entry.sourceName, reason: "\(error)")
                }
                if read == nil {
                    throw RotationError.cannotRead(importID: id, source: entry.sourceName, reason: "it has no archived input")
                }
            }
            let unpaired = try unpairedImports()
            if let first = unpaired.first, let entry = try ledger.entry(id: first.importID) {
                throw RotationError.cannotRead(importID: first.importID, source: entry.sourceName,
                    reason: "\(first.count) of its pseudonyms are not in its archived input as read now (re-process it first: `hnhub reprocess --import \(first.importID)`)")
            }

            var rows = 0
            for (table, column) in Self.pseudonymColumns {
                try database.execute("""
                    UPDATE \(table) SET \(column) = (SELECT new FROM temp.rotated_pseudonyms WHERE old = \(table).\(column))
                    WHERE \(column) IS NOT NULL
                    """)
                rows += database.changes
            }
            let chunks = try resealArchive(from: ArchiveSealer(secret: old), to: ArchiveSealer(secret: new))
            try SecretCheck(database: database).record(new, at: now)
            let pseudonyms = try database.scalar("SELECT count(*) FROM temp.rotated_pseudonyms")?.int ?? 0
            return Summary(importsRead: holders.count, pseudonyms: pseudonyms, rows: rows, archiveChunks: chunks)
        }
    }

    /// Imports with at least one stored pseudonym, oldest first.
    func importsHoldingPseudonyms() throws -> [Int64] {
        let union = Self.pseudonymColumns.map { "SELECT import_id FROM \($0.0) WHERE \($0.1) IS NOT NULL" }
            .joined(separator: " UNION ")
        return try store.database.rows("SELECT import_id FROM (\(union)) ORDER BY import_id").compactMap { $0[0].int64 }
    }

    /// Imports with pseudonyms that no archived input paired, and how many.
    func unpairedImports() throws -> [(importID: Int64, count: Int)] {
        let union = Self.pseudonymColumns.map { "SELECT import_id, \($0.1) AS p FROM \($0.0) WHERE \($0.1) IS NOT NULL" }
            .joined(separator: " UNION ALL ")
        return try store.database.rows("""
            SELECT import_id, count(*) FROM (\(union)) WHERE p NOT IN (SELECT old FROM temp.rotated_pseudonyms)
            GROUP BY import_id ORDER BY import_id
            """).compactMap { row in row[0].int64.map { ($0, row[1].int ?? 0) } }
    }

    /// Opens every archive chunk with `old` and seals it with `new`, one chunk in memory at a time.
    func resealArchive(from old: ArchiveSealer, to new: ArchiveSealer) throws -> Int {
        let keys = try store.database.rows("SELECT import_id, seq FROM import_archive ORDER BY import_id, seq")
        for key in keys {
            guard let sealed = try store.database.scalar(
                "SELECT sealed FROM import_archive WHERE import_id = ? AND seq = ?", key)?.bytes else { continue }
            try store.database.execute("UPDATE import_archive SET sealed = ? WHERE import_id = ? AND seq = ?",
                                       [.blob(try new.seal(try old.open(sealed)))] + key)
        }
        return keys.count
    }
}

/// Pairs each identifier's pseudonym under the old secret with its pseudonym under the new one, as
/// an importer reads the identifiers again; the other records are not needed.
final class PseudonymPairs: RecordSink {
    let old: Pseudonymiser
    let new: Pseudonymiser
    let insert: Statement

    init(old: Pseudonymiser, new: Pseudonymiser, database: Database) throws {
        self.old = old
        self.new = new
        insert = try database.prepare("INSERT OR IGNORE INTO temp.rotated_pseudonyms (old, new) VALUES (?, ?)")
    }

    func pair(_ old: String?, _ new: String?) throws {
        guard let old, let new else { return }
        try insert.bind([.text(old), .text(new)])
        try insert.run()
    }

    func beginReturn(_ header: ReturnHeader) throws {}
    func person(_ person: PersonRecord) throws {
        try pair(old.identity(of: person).pseudonym, new.identity(of: person).pseudonym)
    }
    func placementCost(_ row: PlacementCostRecord) throws {
        guard let upn = row.personIdentifier else { return }
        try pair(old.pseudonym(ofCostUPN: upn), new.pseudonym(ofCostUPN: upn))
    }
    func establishment(_ establishment: EstablishmentRecord) throws {}
    func population(_ row: PopulationRecord) throws {}
    func neighbour(_ row: NeighbourRecord) throws {}
    func publishedObservation(_ observation: PublishedObservation) throws {}
    func issue(_ issue: ImportIssue) throws {}
}

/// Why a store could not be re-keyed: nothing was changed.
public enum RotationError: Error, CustomStringConvertible {
    case cannotRead(importID: Int64, source: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotRead(id, source, reason):
            return "import #\(id) (\(source)) holds pseudonyms that cannot be re-keyed: \(reason). Nothing was changed; the store and its secret are as they were (docs/hub-secret.md)"
        }
    }
}
