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
package struct SecretRotation {
    package let store: Store
    package let catalog: PluginCatalog
    package let opener: InputOpener

    package init(store: Store, catalog: PluginCatalog, opener: InputOpener) {
        self.store = store
        self.catalog = catalog
        self.opener = opener
    }

    /// What a rotation changed.
    package struct Summary: Sendable, Equatable {
        /// Imports whose archived input was read again for its identifiers.
        package var importsRead: Int
        /// Distinct pseudonyms re-keyed.
        package var pseudonyms: Int
        /// Rows whose pseudonym changed (persons, quarantine, per-child costs).
        package var rows: Int
        /// Archive chunks sealed again under the new secret.
        package var archiveChunks: Int
    }

    /// Re-keys the store from `old` to `new`. Fails, changing nothing, when a stored pseudonym
    /// cannot be paired: its import has no readable archive, or its importer is not loaded or no
    /// longer reads the archived bytes.
    package func run(from old: HubSecret, to new: HubSecret, now: Date = Date()) throws -> Summary {
        let database = store.database
        return try database.transaction {
            let rekeying = try PseudonymRekeying(database: database)
            defer { rekeying.finish() }

            let pairs = PseudonymPairs(old: Pseudonymiser(secret: old), new: Pseudonymiser(secret: new), rekeying: rekeying)
            let ledger = ImportLedger(database: database)
            let holders = try rekeying.importsHoldingPseudonyms()
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
            let unpaired = try rekeying.unpairedImports()
            if let first = unpaired.first, let entry = try ledger.entry(id: first.importID) {
                throw RotationError.cannotRead(importID: first.importID, source: entry.sourceName,
                    reason: "\(first.count) of its pseudonyms are not in its archived input as read now (re-process it first: `hnhub reprocess --import \(first.importID)`)")
            }

            let rows = try rekeying.replacePseudonyms()
            let (oldSealer, newSealer) = (ArchiveSealer(secret: old), ArchiveSealer(secret: new))
            let chunks = try rekeying.resealArchive { try newSealer.seal(try oldSealer.open($0)) }
            try SecretCheck(database: database).record(new, at: now)
            let pseudonyms = try rekeying.pairedCount()
            return Summary(importsRead: holders.count, pseudonyms: pseudonyms, rows: rows, archiveChunks: chunks)
        }
    }
}

/// Pairs each identifier's pseudonym under the old secret with its pseudonym under the new one, as
/// an importer reads the identifiers again; the other records are not needed.
final class PseudonymPairs: RecordSink {
    let old: Pseudonymiser
    let new: Pseudonymiser
    let rekeying: PseudonymRekeying

    init(old: Pseudonymiser, new: Pseudonymiser, rekeying: PseudonymRekeying) {
        self.old = old
        self.new = new
        self.rekeying = rekeying
    }

    func pair(_ old: String?, _ new: String?) throws {
        guard let old, let new else { return }
        try rekeying.pair(old: old, new: new)
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
package enum RotationError: Error, CustomStringConvertible {
    case cannotRead(importID: Int64, source: String, reason: String)

    package var description: String {
        switch self {
        case let .cannotRead(id, source, reason):
            return "import #\(id) (\(source)) holds pseudonyms that cannot be re-keyed: \(reason). Nothing was changed; the store and its secret are as they were (docs/hub-secret.md)"
        }
    }
}
