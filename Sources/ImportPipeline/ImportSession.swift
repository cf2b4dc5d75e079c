import HubKit
import HubStore
import Pseudonymisation
import Validation

/// The sink an importer writes into: every record is validated, pseudonymised and (unless this is
/// a dry run for `hnhub validate`) stored. One session is one input and runs inside the caller's
/// transaction. A SEN2 return's session touches the database only through its store writer
/// (`Pipeline`), whose thread runs the return's transaction while this thread parses.
final class ImportSession: RecordSink {
    /// Where a SEN2 return's writes go: the store-writer thread, under the return's ticket.
    struct Pipeline {
        var writer: StoreWriter
        var ticket: StoreWriter.Ticket
        var state: WriterState
    }

    /// What the writer thread knows of the return once its import row exists; read and written on
    /// the writer thread only.
    final class WriterState: @unchecked Sendable {
        var importID: Int64?
        var personWriter: PersonWriter?
        var findings: FindingsWriter?
    }

    struct Storage {
        var database: Database
        var ledger: ImportLedger
        var pseudonymiser: Pseudonymiser
        var checksum: String
        var inputBytes: Int
        var importedAt: String
    }

    let importer: any Importer
    /// The input as the user named it, for messages.
    let sourceName: String
    private let storage: Storage?
    private let establishmentKnown: (@Sendable (String) -> Bool)?
    private let reference: CollectionReference?
    private let onProgress: (Int) -> Void

    private(set) var summary = ValidationSummary()
    private(set) var counts = ImportCounts()
    private(set) var scope: ImportScope?
    private(set) var importID: Int64?
    private(set) var header: ReturnHeader?
    private var validator: SEN2Validator?
    /// The return's census and work counts (schema V4), counted here on the importer thread and
    /// written by the runner before the return commits.
    private(set) var returnSummary: ReturnSummary?
    /// Set for a SEN2 return with storage.
    let pipeline: Pipeline?
    /// The import row is requested (SEN2 returns: queued on the writer).
    private var begun = false
    private var personWriter: PersonWriter?
    private var findings: FindingsWriter?
    private var referenceWriter: ReferenceWriter?
    private var areaCodes: AreaCodes?

    init(importer: any Importer, sourceName: String, storage: Storage?, establishmentKnown: (@Sendable (String) -> Bool)?,
         reference: CollectionReference? = nil, pipeline: Pipeline? = nil, onProgress: @escaping (Int) -> Void) {
        self.reference = reference
        self.pipeline = pipeline
        self.importer = importer
        self.sourceName = sourceName
        self.storage = storage
        self.establishmentKnown = establishmentKnown
        self.onProgress = onProgress
    }

    // MARK: RecordSink

    func beginReturn(_ header: ReturnHeader) throws {
        try expect(.sen2Return, record: "a SEN2 return header")
        guard self.header == nil else {
            throw InputRejected(file: sourceName, message: "the importer started a second return in one input")
        }
        self.header = header
        let validator = SEN2Validator(header: header, reference: reference, establishmentKnown: establishmentKnown)
        let headerIssues = validator.validateHeader()
        // A header error (not SEN2, no usable year or LA) makes the whole return unusable.
        let headerErrors = headerIssues.filter { $0.severity == .error }
        guard headerErrors.isEmpty else {
            throw InputRejected(file: sourceName,
                                message: "the return header is unusable: " + headerErrors.map {
                                    "\($0.path ?? "Header"): \($0.message) [\($0.ruleID)]" }.joined(separator: "; "))
        }
        self.validator = validator
        if storage != nil { returnSummary = ReturnSummary(header: header) }
        try begin(.sen2Return(laCode: header.laCode, collectionYear: header.collectionYear,
                              censusDate: header.referenceDate.iso))
        for issue in headerIssues { try record(issue) }
    }

    func person(_ person: PersonRecord) throws {
        guard validator != nil else {
            throw InputRejected(file: sourceName, message: "a person came before the return header")
        }
        let issues = person.issues + validator!.validate(person)
        var errorRules: [String] = []
        for issue in issues {
            try record(issue)
            if issue.severity == .error, !errorRules.contains(issue.ruleID) { errorRules.append(issue.ruleID) }
        }
        let quarantined = !errorRules.isEmpty
        summary.countPerson(quarantined: quarantined)
        if quarantined { quarantinedPositions.insert(person.location.index) }
        for issue in validator!.takeEarlierPersonIssues() { try quarantineEarlier(issue) }
        guard let storage else { return }
        let identity = storage.pseudonymiser.identity(of: person)
        if quarantined {
            counts.quarantined += 1
            try writeFinding(.quarantine(person.location, pseudonym: identity.pseudonym, rules: errorRules))
        } else {
            counts.records += 1
            returnSummary?.add(person, birthMonth: identity.birthMonth)
            try writePerson(person, identity)
        }
    }

    func establishment(_ establishment: EstablishmentRecord) throws {
        try expect(.establishments, record: "an establishment")
        try beginIfNeeded(ImportScope(dataset: DatasetKind.establishments.rawValue, key: "establishments"))
        counts.records += 1
        try referenceWriter?.write(establishment)
    }

    func population(_ row: PopulationRecord) throws {
        try expect(.population, record: "a population row")
        try beginIfNeeded(ImportScope(dataset: DatasetKind.population.rawValue, key: "population/\(sourceBaseName)"))
        var resolved = row
        resolved.laCode = try laCode(for: row.laCode, line: row.line, cell: row.laCodeCell)
        counts.records += 1
        try referenceWriter?.write(resolved)
    }

    func placementCost(_ row: PlacementCostRecord) throws {
        try expect(.placementCosts, record: "a placement cost")
        try beginIfNeeded(ImportScope(dataset: DatasetKind.placementCosts.rawValue, key: "placement-costs/\(sourceBaseName)"))
        var resolved = row
        resolved.laCode = try laCode(for: row.laCode, line: row.line, cell: row.laCodeCell)
        resolved.personIdentifier = nil
        counts.records += 1
        // A per-child cost is keyed like every identifier: the UPN never reaches the store.
        let pseudonym = row.personIdentifier.flatMap { storage?.pseudonymiser.pseudonym(ofCostUPN: $0) }
        try referenceWriter?.write(resolved, personPseudonym: pseudonym)
    }

    func neighbour(_ row: NeighbourRecord) throws {
        try expect(.statisticalNeighbours, record: "a statistical neighbour")
        try beginIfNeeded(ImportScope(dataset: DatasetKind.statisticalNeighbours.rawValue,
                                      key: "statistical-neighbours/\(row.edition)"))
        counts.records += 1
        try referenceWriter?.write(row)
    }

    func publishedObservation(_ observation: PublishedObservation) throws {
        try expect(.publishedStatistics, record: "a published observation")
        try beginIfNeeded(ImportScope(dataset: DatasetKind.publishedStatistics.rawValue,
                                      key: "published-statistics/\(observation.table)"))
        counts.records += 1
        try referenceWriter?.write(observation)
    }

    func issue(_ issue: ImportIssue) throws {
        try record(issue)
    }

    func progress(bytesRead: Int) { onProgress(bytesRead) }

    // MARK: Helpers

    /// The file name without folders and extensions: what a re-import of the same data set replaces.
    private var sourceBaseName: String {
        let last = sourceName.split(separator: "/").last.map(String.init) ?? sourceName
        return last.split(separator: ".").first.map(String.init) ?? last
    }

    /// A 3-digit LA code for an LA or ONS area code, or an error naming the row and column.
    private func laCode(for code: String, line: Int?, cell: CellReference?) throws -> String {
        if areaCodes == nil, let storage { areaCodes = try AreaCodes(database: storage.database) }
        guard let areaCodes else { return code }
        if let la = areaCodes.laCode(for: code) { return la }
        let message = "'\(code)' is not an LA in the register nor a district in the ONS lookup (3-digit DfE code or ONS E-code expected)"
        guard let cell else { throw InputRejected(file: sourceName, line: line, message: message) }
        throw InputRejected(file: sourceName, line: cell.line, column: cell.column, message: "column \(cell.columnName): " + message)
    }

    /// Positions of the persons quarantined so far, and the earlier persons a later one showed to
    /// be in error (the first holder of a repeated UPN), quarantined when the return is finished.
    private var quarantinedPositions: Set<Int> = []
    private var laterQuarantines: [RecordLocation] = []
    /// The rule that quarantined them (`SEN2-UPN-DUPLICATE`).
    private var laterQuarantineRule = ""

    /// Records an issue about a person validated earlier and quarantines that person: one that was
    /// stored leaves the store (and the summary is counted from the stored rows instead) when the
    /// return is finished.
    private func quarantineEarlier(_ issue: ImportIssue) throws {
        guard let location = issue.location else { return }
        try record(issue)
        laterQuarantines.append(location)
        laterQuarantineRule = issue.ruleID
        guard quarantinedPositions.insert(location.index).inserted else { return }
        summary.countLaterQuarantine()
        guard storage != nil else { return }
        counts.records -= 1
        counts.quarantined += 1
        returnSummary?.recountFromStore()
    }

    /// Findings sent before the import row exists (e.g. file-level issues found before the header),
    /// written once it does.
    private var pendingFindings: [ImportIssue] = []

    private func record(_ issue: ImportIssue) throws {
        summary.add(issue)
        if issue.severity == .error { counts.errors += 1 } else { counts.warnings += 1 }
        let masked = IssueMasking.masked(issue)
        if begun { try writeFinding(.issue(masked)) } else if storage != nil { pendingFindings.append(masked) }
    }

    // MARK: Writing a return's persons on the store-writer thread

    /// What the importer thread has read of a return and not yet handed to the writer: persons in
    /// order, and findings and quarantined persons in order (their tables are not the persons'
    /// tables, so the two orders are independent).
    private struct WriteBatch {
        enum Finding {
            case quarantine(RecordLocation, pseudonym: String?, rules: [String])
            case issue(ImportIssue)
        }

        var persons: [PseudonymisedPerson] = []
        var findings: [Finding] = []
        var count: Int { persons.count + findings.count }

        func store(personWriter: PersonWriter?, findings findingsWriter: FindingsWriter?) throws {
            for finding in findings {
                switch finding {
                case let .quarantine(location, pseudonym, rules):
                    try findingsWriter?.quarantine(location, pseudonym: pseudonym, rules: rules)
                case let .issue(issue): try findingsWriter?.write(issue)
                }
            }
            try personWriter?.write(persons)
        }
    }

    /// Writes of a SEN2 return collect into batches that the worker stores while the importer
    /// reads on (see StoreWriter); other data sets are small and written at once.
    private var batch = WriteBatch()
    private static let batchSize = 512
    private var batchLimit = 16
    /// The input being compressed and sealed alongside (SEN2 returns), stored through the worker.
    var archive: ArchiveChunks?
    private var archiveSequence = 0

    /// Queues the archive chunks sealed so far; with `waitForAll`, every chunk of the input, handed
    /// on as each is sealed (the worker's bounded queue keeps memory bounded).
    private func storeArchiveChunks(waitForAll: Bool) throws {
        guard let archive, let pipeline, let storage, begun else { return }
        var finished = false
        repeat {
            let taken = try archive.take(wait: waitForAll)
            finished = taken.finished
            for chunk in taken.chunks {
                let (ledger, sequence, state) = (storage.ledger, archiveSequence, pipeline.state)
                archiveSequence += 1
                try pipeline.writer.submit(pipeline.ticket) {
                    guard let importID = state.importID else { return }
                    try ledger.appendArchive(importID: importID, sequence: sequence, fileName: chunk.fileName,
                                             sealed: chunk.sealed)
                }
            }
        } while waitForAll && !finished
    }

    private func writePerson(_ person: PersonRecord, _ identity: PseudonymisedIdentity) throws {
        batch.persons.append(PseudonymisedPerson(person, identity))
        try batchGrew()
    }

    private func writeFinding(_ finding: WriteBatch.Finding) throws {
        batch.findings.append(finding)
        try batchGrew()
    }

    private func batchGrew() throws {
        guard let pipeline else {
            // Written on this thread (a return being re-processed), in batches all the same.
            if batch.count >= Self.batchSize { try storeBatchHere() }
            return
        }
        if batch.count >= batchLimit {
            // Small first batches get the writer going early; then full ones.
            batchLimit = min(batchLimit * 2, Self.batchSize)
            try submitBatch(pipeline)
            try storeArchiveChunks(waitForAll: false)
        }
    }

    private func submitBatch(_ pipeline: Pipeline) throws {
        let items = batch
        batch = WriteBatch()
        batch.persons.reserveCapacity(batchLimit)
        let (state, writer) = (pipeline.state, pipeline.writer)
        try writer.submit(pipeline.ticket) {
            try items.store(personWriter: state.personWriter, findings: state.findings)
            // Freed by this (the importer) thread, which allocated the records.
            writer.handBack(items)
        }
    }

    /// Queues what is still batched and every archive chunk (waiting for the archive thread);
    /// call after the importer returns. The writer may still be storing when this returns.
    func finish() throws {
        let late = laterQuarantines, rule = laterQuarantineRule
        guard let pipeline else {
            try storeBatchHere()
            try findings?.quarantineLater(late, rule: rule)
            return
        }
        if batch.count > 0 { try submitBatch(pipeline) }
        if !late.isEmpty, storage != nil {
            let state = pipeline.state
            try pipeline.writer.submit(pipeline.ticket) { try state.findings?.quarantineLater(late, rule: rule) }
        }
        try storeArchiveChunks(waitForAll: true)
    }

    private func storeBatchHere() throws {
        let items = batch
        batch = WriteBatch()
        try items.store(personWriter: personWriter, findings: findings)
    }

    /// Stops the archive thread and drops what is batched: the caller rolls the transaction back.
    func abandon() {
        archive?.cancel()
        batch = WriteBatch()
    }

    private func expect(_ kind: DatasetKind, record: String) throws {
        guard importer.produces == kind else {
            throw InputRejected(file: sourceName,
                                message: "importer \(importer.descriptor.id) produces \(importer.produces.rawValue) but sent \(record)")
        }
    }

    private func beginIfNeeded(_ scope: ImportScope) throws {
        if self.scope == nil { try begin(scope) }
    }

    private func begin(_ scope: ImportScope) throws {
        self.scope = scope
        guard let storage else { return }
        if let pipeline {
            // On the writer thread, behind the previous return's commit.
            let (state, pending) = (pipeline.state, pendingFindings)
            let (sourceName, importerID, importerVersion) = (sourceName, importer.descriptor.id, importer.descriptor.version)
            pendingFindings.removeAll()
            begun = true
            try pipeline.writer.submit(pipeline.ticket) {
                let id = try storage.ledger.begin(scope: scope, sourceName: sourceName, checksum: storage.checksum,
                                                  inputBytes: storage.inputBytes, importerID: importerID,
                                                  importerVersion: importerVersion,
                                                  importedAt: storage.importedAt, archiveFormat: ArchiveSealer.format)
                state.importID = id
                let findings = try FindingsWriter(database: storage.database, importID: id)
                for issue in pending { try findings.write(issue) }
                state.findings = findings
                state.personWriter = try PersonWriter(database: storage.database, importID: id)
            }
            return
        }
        let id = try storage.ledger.begin(scope: scope, sourceName: sourceName, checksum: storage.checksum,
                                          inputBytes: storage.inputBytes, importerID: importer.descriptor.id,
                                          importerVersion: importer.descriptor.version,
                                          importedAt: storage.importedAt, archiveFormat: ArchiveSealer.format)
        importID = id
        begun = true
        let findings = try FindingsWriter(database: storage.database, importID: id)
        self.findings = findings
        for issue in pendingFindings { try findings.write(issue) }
        pendingFindings.removeAll()
        switch importer.produces {
        case .sen2Return:
            // Without a pipeline (not the runner's way), written at once on this thread.
            personWriter = try PersonWriter(database: storage.database, importID: id)
        default: referenceWriter = ReferenceWriter(database: storage.database, importID: id)
        }
    }
}
