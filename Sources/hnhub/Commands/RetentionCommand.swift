import ArgumentParser
import Foundation
import HubKit
import HubStore
import InputFiles

/// `hnhub retention`: what the config's retention periods say must go, and deleting it
/// (docs/governance.md, "Retention").
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "List (--dry-run) or delete (--apply) what is older than the config's retention periods.",
        discussion: """
        An expired SEN2 return goes whole: its persons, findings, summaries and sealed archive. \
        Its indicator values, which are aggregates, are kept. Every deletion is recorded in the \
        store's retention log (--log lists it). See docs/governance.md.
        """)

    @OptionGroup var hub: HubOptions

    @Flag(name: .long, help: "Only list what would be deleted (the default).")
    var dryRun = false

    @Flag(name: .long, help: "Delete what has expired and erase its bytes from the store's file.")
    var apply = false

    @Flag(name: .long, help: "List the deletions made so far.")
    var log = false

    @Option(name: .long, help: "Count ages on this day (YYYY-MM-DD) instead of today.")
    var asOf: String?

    func validate() throws {
        if apply && dryRun { throw ValidationError("--apply and --dry-run contradict each other: choose one") }
        if log && (apply || dryRun) { throw ValidationError("--log only lists past deletions: use it alone") }
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date: give YYYY-MM-DD") }
    }

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config, for: apply ? .write : .read)
        if log { return try printLog(store) }
        guard !config.retention.periods.isEmpty else {
            print("the config sets no retention periods: nothing expires (add retention: to the config, docs/governance.md)")
            return
        }
        let now = Date()
        let today = asOf.flatMap { Day(iso: $0) } ?? Day(daysSinceEpoch: Int32((now.timeIntervalSince1970 / 86_400).rounded(.down)))
        let sweep = RetentionSweep(database: store.database)
        let items: [RetentionSweep.Item]
        if apply {
            // The indicator values kept in place of a deleted return are the ones computed now,
            // from everything the store holds before anything goes.
            if !(try sweep.expired(config.retention, today: today)).isEmpty {
                _ = try hub.computeIndicators(store: store, config: config, catalog: hub.loadPlugins(config, quiet: true))
            }
            items = try sweep.apply(config.retention, today: today, appliedAt: ISO8601DateFormatter().string(from: now)) {
                try? fileChecksum(path: $0).sha256
            }
        } else {
            items = try sweep.expired(config.retention, today: today)
        }
        guard !items.isEmpty else {
            print("nothing has expired on \(today.iso)")
            return
        }
        var table = TextTable(header: ["rule", "period", "before", "import", "la", "year", "census", "what goes"])
        table.rows = items.map { item in
            [item.data.rule, item.period, item.cutoff, item.importID.map { "#\($0)" } ?? "", item.laCode ?? "",
             item.collectionYear.map(String.init) ?? "", item.censusDate ?? "",
             item.importID == nil ? item.files.map(\.path).joined(separator: " ") + " (\(item.deleted))" : item.deleted]
        }
        print(table.render())
        if apply {
            print("deleted \(items.count) expired item\(items.count == 1 ? "" : "s") on \(today.iso) and erased them from the "
                  + "store's file; recorded in the retention log (hnhub retention --log)")
        } else {
            print("dry run: \(items.count) item\(items.count == 1 ? "" : "s") would go on \(today.iso); "
                  + "delete them with: hnhub retention --apply")
        }
    }

    func printLog(_ store: Store) throws {
        let entries = try RetentionLog(database: store.database).entries()
        guard !entries.isEmpty else {
            print("no deletions recorded yet")
            return
        }
        var table = TextTable(header: ["applied at", "rule", "period", "before", "import", "la", "year", "census", "rows",
                                       "what went"], rightAligned: [8])
        table.rows = entries.map { e in
            [e.appliedAt, e.rule, e.period, e.cutoff, e.importID.map { "#\($0)" } ?? "", e.laCode ?? "",
             e.collectionYear.map(String.init) ?? "", e.censusDate ?? "", e.rowsDeleted.map(String.init) ?? "0",
             (e.outputPaths.map { $0.replacingOccurrences(of: "\n", with: " ") + ": " } ?? "") + e.deleted]
        }
        print(table.render())
    }
}
