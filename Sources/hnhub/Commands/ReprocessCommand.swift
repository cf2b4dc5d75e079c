import ArgumentParser
import HubStore
import ImportPipeline
import InputFiles

/// `hnhub reprocess`: runs archived inputs through the importers again.
struct ReprocessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprocess",
        abstract: "Re-import returns from the bytes archived in the store (e.g. after an importer fix).")

    @OptionGroup var hub: HubOptions

    @Option(name: .customLong("import"), help: "The import id to re-process (see `hnhub returns`); repeatable.")
    var importIDs: [Int64] = []

    @Flag(name: .long, help: "Re-process every current import.")
    var all = false

    @Option(name: .long, help: "Use this importer instead of the one that made the import.")
    var importer: String?

    func validate() throws {
        if importIDs.isEmpty && !all { throw ValidationError("give --import ID or --all") }
    }

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config, warnAboutSecret: false)
        let secret = try hub.loadSecret(config, store: store)
        let catalog = hub.loadPlugins(config)
        let runner = ImportRunner(catalog: catalog, opener: InputOpener(limits: config.inflationLimits),
                                  store: store, secret: secret)
        var ids = importIDs
        if all {
            ids = try ImportLedger(database: store.database).entries(dataset: nil).filter(\.isCurrent).map(\.id).reversed()
        }
        var worst: Int32 = 0
        let checkpoints = try BackgroundCheckpoints(store: store)
        defer { try? checkpoints.finish() }
        for id in ids {
            print("re-processing import #\(id)")
            worst = max(worst, OutcomeReport.print(runner.reprocess(importID: id, importerID: importer)))
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}
