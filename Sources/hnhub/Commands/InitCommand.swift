import ArgumentParser
import Foundation
import HubConfig
import HubStore
import ImportPipeline
import InputFiles
import PluginHost
import ReferenceData
import Pseudonymisation

/// `hnhub init`: creates (or migrates) the store and the hub secret.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the hub store and its secret, or migrate an older store.")

    @OptionGroup var hub: HubOptions

    @Flag(name: .customLong("no-published"),
          help: "Do not load the bundled published DfE tables (England, region and LA figures: docs/national-context.md).")
    var noPublished = false

    func run() throws {
        let config = try hub.loadConfiguration()
        let path = config.resolvedDatabasePath(override: hub.db)
        let existed = FileManager.default.fileExists(atPath: path)
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let before = existed ? (try? Store.schemaVersion(ofFileAt: path)) ?? 0 : 0
        let store: Store
        do { store = try Store(path: path) } catch { throw HubFailure.unusable("\(error)") }
        let version = try store.schemaVersion()
        if !existed {
            print("created \(path) (schema version \(version))")
        } else if before < version {
            print("migrated \(path) from schema version \(before) to \(version)")
        } else {
            print("\(path) is up to date (schema version \(version))")
        }
        let datasets = DatasetsFolder.locate(explicit: config.datasetsPath, executableFolder: PluginLoader.executableFolder())
        if let datasets {
            do {
                let counts = try BundledReference.load(from: datasets, into: store)
                print("loaded the bundled reference tables from \(datasets): \(counts.localAuthorities) LA periods, \(counts.regions) regions, \(counts.neighbours) statistical neighbour links, \(counts.districts) districts, \(counts.censusDates) census days")
            } catch {
                throw HubFailure.unusable("bundled reference tables: \(error)")
            }
        } else {
            printError("hnhub: warning: no Datasets/ folder found (set `datasets` in the config or HNHUB_DATASETS); the LA register was not loaded")
        }
        let secretPath = config.resolvedSecretPath(databasePath: path)
        let check = SecretCheck(database: store.database)
        let secret: HubSecret
        do {
            if FileManager.default.fileExists(atPath: secretPath) {
                try HubSecret.requirePrivate(path: secretPath)
                secret = try HubSecret.load(path: secretPath)
                switch try check.verify(secret, path: secretPath) {
                case .matches: print("hub secret: \(secretPath) (the one this store was made with)")
                case .recordedNow: print("hub secret: \(secretPath) (its key check value is now recorded in the store)")
                }
            } else if let missing = try check.missing(path: secretPath) {
                // A new secret would silently break every match with the children already stored.
                throw missing
            } else {
                secret = try HubSecret.create(path: secretPath)
                try check.record(secret)
                print("created the hub secret \(secretPath) (keep it safe and out of version control; pseudonyms depend on it)")
            }
        } catch {
            throw HubFailure.unusable("\(error)")
        }
        for warning in VersionControlCheck.warnings(for: [path, secretPath]) { printError("hnhub: \(warning)") }
        if !noPublished, let datasets {
            try loadPublishedTables(from: datasets, into: store, secret: secret, config: config)
        }
    }

    /// Imports the bundled published tables as `hnhub import` would (the same bytes twice are a
    /// no-op, a newer extract replaces the older one). Exit 2 when one is refused.
    func loadPublishedTables(from datasets: String, into store: Store, secret: HubSecret, config: HubConfiguration) throws {
        let files = try PublishedExtracts.files(in: datasets)
        guard !files.isEmpty else { return }
        let runner = ImportRunner(catalog: hub.loadPlugins(config), opener: InputOpener(limits: config.inflationLimits),
                                  store: store, secret: secret)
        var loaded = 0, unchanged = 0
        for file in files {
            for outcome in runner.run(path: file, importerID: PublishedExtracts.importerID) {
                switch outcome {
                case .imported: loaded += 1
                case .alreadyImported: unchanged += 1
                default:
                    _ = OutcomeReport.print(outcome)
                    throw HubFailure.unusable("the bundled published table \(file) was not loaded (build the plugins with `swift build`, or skip them with --no-published)")
                }
            }
        }
        print("published DfE tables (England, regions and LAs): \(loaded) loaded, \(unchanged) already up to date, from \(datasets)/\(PublishedExtracts.folder)")
    }
}
