import Comparison
import Foundation
import HubConfig
import HubKit
import HubStore
import ImportPipeline
import InputFiles
import MetricEngine
import PluginHost
import Pseudonymisation

/// Imports uploaded files one at a time on a thread of its own, through the same pipeline as
/// `hnhub import` (one file, one transaction), while pages go on being served. After each stored
/// return the indicators are computed again and the new figures put on the shelf.
///
/// One at a time because an import holds the store's write lock for its whole transaction: a second
/// one would only wait for it (two LAs uploading at once are queued, and both are stored).
final class ImportQueue: @unchecked Sendable {
    struct Job: Sendable {
        var id: Int64
        /// The file on disk, in a folder of its own that is removed when the job ends.
        var path: String
        var shownName: String
        var importerID: String
        var user: UserAccount
        var client: String?
    }

    private let condition = NSCondition()
    private var waiting: [Job] = []
    private var running: Int64?
    private var progressByJob: [Int64: (read: Int, total: Int)] = [:]
    private var stopping = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    private let setup: ServiceSetup
    private let shelf: FigureShelf
    private let audit: AuditRecorder

    init(setup: ServiceSetup, shelf: FigureShelf, audit: AuditRecorder) {
        self.setup = setup
        self.shelf = shelf
        self.audit = audit
    }

    func start() {
        let thread = Thread { [self] in work() }
        thread.name = "hnhub-imports"
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    func enqueue(_ job: Job) {
        condition.lock()
        waiting.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Bytes read of the job's file so far and its size, while it is being imported.
    func progress(of jobID: Int64) -> (read: Int, total: Int)? {
        condition.lock()
        defer { condition.unlock() }
        return progressByJob[jobID]
    }

    /// True while a job is queued or running.
    var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running != nil || !waiting.isEmpty
    }

    /// Finishes the job in hand and the queued ones, then ends the thread.
    func stop() {
        condition.lock()
        guard thread != nil, !stopping else { condition.unlock(); return }
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        running = nil
        while waiting.isEmpty && !stopping { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        let job = waiting.removeFirst()
        running = job.id
        return job
    }

    private func work() {
        defer { finished.signal() }
        let store: Store
        do {
            store = try Store(path: setup.storePath)
            store.database.setBusyTimeout(seconds: ServiceStore.writeWaitSeconds)
        } catch {
            // Without a store no job can run: each fails with the reason.
            while let job = next() { conclude(job, state: .failed, message: "the store could not be opened: \(error)", database: nil) }
            return
        }
        var runner = ImportRunner(catalog: setup.catalog, opener: InputOpener(limits: setup.inflationLimits), store: store,
                                  secret: setup.secret)
        while let job = next() {
            runner.progress = { [self] read, total in
                condition.lock()
                progressByJob[job.id] = (read, total)
                condition.unlock()
            }
            try? UploadJobs(database: store.database).update(id: job.id, state: .importing)
            let outcome: ImportOutcome
            do {
                var source = try runner.opener.source(path: job.path)
                source.name = job.shownName
                outcome = runner.run(source: source, importerID: job.importerID)
            } catch {
                outcome = .rejected(source: job.shownName, reason: UploadInspection.withoutFolders("\(error)", path: job.path))
            }
            switch outcome {
            case let .imported(entry, replaced, _):
                var message = "stored as import #\(entry.id): \(entry.records) persons, \(entry.quarantined) quarantined, \(entry.errors) errors, \(entry.warnings) warnings"
                if let replaced { message += "; replaces import #\(replaced.id) (kept in history)" }
                do {
                    try refreshFigures(store)
                } catch {
                    message += "; the indicators could not be computed again: \(error)"
                }
                conclude(job, state: .imported, importID: entry.id, message: message, database: store.database)
            case let .alreadyImported(entry):
                conclude(job, state: .unchanged, importID: entry.id,
                         message: "the same bytes as import #\(entry.id) (\(entry.sourceName)); nothing was written", database: store.database)
            case let .rejected(_, reason):
                conclude(job, state: .rejected, message: UploadInspection.withoutFolders(reason, path: job.path) + ". Nothing was stored.",
                         database: store.database)
            case let .skipped(_, reason):
                conclude(job, state: .rejected, message: reason, database: store.database)
            case .validated:
                conclude(job, state: .failed, message: "the file was checked but not stored", database: store.database)
            }
        }
    }

    /// Computes every indicator again and puts the new figures on the shelf.
    func refreshFigures(_ store: Store) throws {
        try Self.computeIndicators(store: store, setup: setup)
        let figures = try HubFigures.load(store.database, groups: setup.config.groups, purposes: setup.config.purposes,
                                          control: DisclosureControl(threshold: setup.config.suppressionThreshold),
                                          version: shelf.figures.version + 1)
        shelf.replace(with: figures)
    }

    static func computeIndicators(store: Store, setup: ServiceSetup) throws {
        let computation = IndicatorComputation(store: store, catalog: setup.catalog)
        try computation.setDefaultCostBands(setup.config.defaultCostBands)
        _ = try computation.run(metricsFolder: setup.config.resolvedMetricsFolder)
    }

    private func conclude(_ job: Job, state: UploadJob.State, importID: Int64? = nil, message: String, database: Database?) {
        if let database {
            try? UploadJobs(database: database).update(id: job.id, state: state, importID: importID, message: message)
        }
        try? FileManager.default.removeItem(atPath: (job.path as NSString).deletingLastPathComponent)
        audit.record(.by(job.user, action: "import", target: "upload #\(job.id) \(job.shownName)" + (importID.map { " -> import #\($0)" } ?? ""),
                         outcome: state == .imported || state == .unchanged ? "ok" : "failed", client: job.client))
        condition.lock()
        progressByJob[job.id] = nil
        condition.unlock()
    }
}
