import ArgumentParser
import Foundation
import HubConfig
import HubKit
import HubStore
import PluginHost
import Pseudonymisation
import InputFiles
import MappingImporters
import MetricEngine

/// Options every command that touches the store or plugins takes.
struct HubOptions: ParsableArguments {
    @Option(name: .long, help: "The hub store (default: the config's database, else ./hub.sqlite).")
    var db: String?

    @Option(name: .long, help: "Configuration file (default: $HNHUB_CONFIG, else config/hub.yaml when present).")
    var config: String?

    @Option(name: .customLong("plugin-dir"), help: "An extra folder of native plugins (repeatable).")
    var pluginDirectories: [String] = []

    func loadConfiguration() throws -> HubConfiguration {
        do {
            return try HubConfiguration.load(path: HubConfiguration.locate(explicit: config))
        } catch let error as ConfigurationError {
            throw HubFailure.unusable("configuration: \(error)")
        }
    }

    /// Plugin folders in search order: the executable's folder, config/plugins, the config's
    /// extra folders, then --plugin-dir.
    func pluginPolicy(_ config: HubConfiguration) -> PluginPolicy {
        let executableFolder = PluginLoader.executableFolder()
        var directories: [String] = []
        if let executableFolder { directories.append(executableFolder) }
        directories.append("config/plugins")
        directories += config.pluginDirectories + pluginDirectories
        return PluginPolicy(directories: directories, executableFolder: executableFolder,
                            pinning: config.pinning, pins: Set(config.pins.map(\.sha256)))
    }

    /// Loads the native plugins and the mapping importers of the config's importers folder, and
    /// reports refused files on standard error. `mappingRowFailures` is what a mapped cell that
    /// cannot be read does (`hnhub validate` quarantines its person instead of rejecting the file).
    func loadPlugins(_ config: HubConfiguration, quiet: Bool = false,
                     mappingRowFailures: MappingImporter.RowFailurePolicy = .rejectFile) -> PluginCatalog {
        let (plugins, refusals) = PluginLoader.loadAll(policy: pluginPolicy(config))
        let mappings = Self.mappingPlugins(config, rowFailures: mappingRowFailures)
        let catalog = PluginCatalog(plugins: plugins + mappings.plugins, refusals: refusals + mappings.refusals)
        if !quiet {
            for refusal in catalog.refusals { printError("hnhub: plugin \(refusal)") }
        }
        return catalog
    }

    /// Each mapping file of the importers folder as a plugin of one importer (`mapping:<id>`), its
    /// origin the file and its checksum the file's; files that cannot be read, or are not pinned when
    /// pinning is on, are refused with file, line and key.
    static func mappingPlugins(_ config: HubConfiguration, rowFailures: MappingImporter.RowFailurePolicy)
        -> (plugins: [LoadedPlugin], refusals: [PluginRefusal]) {
        let (loaded, failures) = MappingFolder.load(folder: config.importersFolder)
        var plugins: [LoadedPlugin] = []
        var refusals = failures.map { failure in
            PluginRefusal(path: failure.file, reason: "mapping file \(failure.line.map { "line \($0), " } ?? "")key \(failure.key): \(failure.message)")
        }
        let pins = Set(config.pins.map(\.sha256))
        for mapping in loaded {
            if config.pinning && !pins.contains(mapping.sha256) {
                refusals.append(PluginRefusal(path: mapping.path, reason: "its SHA-256 \(mapping.sha256) is not pinned in the config (plugins.pins) and pinning is on"))
                continue
            }
            let importer = mapping.importer.with(rowFailures: rowFailures).with(limits: config.inflationLimits)
            plugins.append(LoadedPlugin(manifest: PluginManifest(id: importer.descriptor.id, version: importer.descriptor.version,
                                                                 importers: [importer]),
                                        path: mapping.path, sha256: mapping.sha256))
        }
        return (plugins, refusals)
    }

    /// What a command does with the store.
    enum StoreUse {
        /// Shows what is stored: a store this user cannot write is opened read-only.
        case read
        /// Stores something: a store this user cannot write is refused, saying why.
        case write
    }

    /// Opens an existing store (migrating an older schema). One the user cannot write is opened
    /// read-only for reading (indicators are then computed for this run only) and refused for
    /// writing, with the reason (see docs/input-rules.md).
    func openStore(_ config: HubConfiguration, for use: StoreUse = .read) throws -> Store {
        let path = config.resolvedDatabasePath(override: db)
        guard FileManager.default.fileExists(atPath: path) else {
            throw HubFailure.unusable(StoreError.notFound(path).description)
        }
        let problem = Store.writeProblem(path: path)
        if let problem, use == .write {
            throw HubFailure.unusable("cannot write to the store: \(problem). Nothing was written. Commands that only "
                                      + "read (returns, indicators, compare, report, export, neighbours) still work; to "
                                      + "import, run as a user who may write the store and its folder")
        }
        do {
            guard let problem else { return try Store(path: path) }
            printError("hnhub: note: reading the store without writing to it: \(problem)")
            return try Store(path: path, readOnly: true)
        } catch {
            throw HubFailure.unusable("\(error)")
        }
    }

    func loadSecret(_ config: HubConfiguration) throws -> HubSecret {
        let path = config.resolvedSecretPath(databasePath: config.resolvedDatabasePath(override: db))
        do {
            return try HubSecret.load(path: path)
        } catch {
            throw HubFailure.unusable("\(error)")
        }
    }
}

extension HubConfiguration {
    /// The decompression limits for .gz inputs.
    var inflationLimits: InflationLimits {
        InflationLimits(maxRatio: maxInflateRatio, maxBytes: maxInflatedBytes)
    }
}

extension HubOptions {
    /// Opens the store, loads the plugins and computes every indicator: what the commands that show
    /// indicators (`indicators`, `compare`, `export`, `report`) do first.
    func storeWithIndicators(_ config: HubConfiguration) throws -> (store: Store, runs: [IndicatorComputation.ProviderRun]) {
        let store = try openStore(config)
        let runs = try computeIndicators(store: store, config: config, catalog: loadPlugins(config))
        return (store, runs)
    }

    /// Runs every metric plugin and declarative metric with the config's cost bands, reporting
    /// failed providers on standard error (the others still run).
    func computeIndicators(store: Store, config: HubConfiguration, catalog: PluginCatalog) throws
        -> [IndicatorComputation.ProviderRun] {
        let computation = IndicatorComputation(store: store, catalog: catalog)
        if try !computation.setDefaultCostBands(config.defaultCostBands) {
            printError("hnhub: note: the store is read-only, so costs use the default cost bands stored in it, "
                       + "not the config's")
        }
        let runs = try computation.run(metricsFolder: config.metricsFolder)
        for run in runs where run.failure != nil {
            printError("hnhub: metric plugin \(run.providerID) failed: \(run.failure!)")
        }
        return runs
    }
}
