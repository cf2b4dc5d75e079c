import ArgumentParser
import BuiltInPluginPins
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
            return try HubConfiguration.load(explicit: config)
        } catch let error as ConfigurationError {
            throw HubFailure.unusable("configuration: \(error)")
        }
    }

    /// Where plugins come from (docs/plugin-loading.md): the built-in plugins beside the executable,
    /// checked against the SHA-256 the build recorded; then the folders the config names (relative
    /// to the config file) and --plugin-dir. Never a folder of the working folder that nobody named.
    func pluginPolicy(_ config: HubConfiguration) -> PluginPolicy {
        PluginPolicy(builtInFolder: PluginLoader.executableFolder(), builtInPins: BuiltInPluginPins.sha256ByFile,
                     directories: (config.foundInWorkingFolder ? [] : config.resolvedPluginDirectories) + pluginDirectories,
                     pinning: config.pinning, pins: Set(config.pins.map(\.sha256)))
    }

    /// Loads the native plugins and the mapping importers of the config's importers folder, and
    /// reports refused files on standard error. `mappingRowFailures` is what a mapped cell that
    /// cannot be read does (`hnhub validate` quarantines its person instead of rejecting the file).
    func loadPlugins(_ config: HubConfiguration, quiet: Bool = false,
                     mappingRowFailures: MappingImporter.RowFailurePolicy = .rejectFile) -> PluginCatalog {
        let (plugins, refusals) = PluginLoader.loadAll(policy: pluginPolicy(config))
        let mappings = Self.mappingPlugins(config, rowFailures: mappingRowFailures)
        let catalog = PluginCatalog(plugins: plugins + mappings.plugins,
                                    refusals: Self.untrustedPluginFolders(config) + refusals + mappings.refusals)
        if !quiet {
            for refusal in catalog.refusals { printError("hnhub: plugin \(refusal)") }
        }
        return catalog
    }

    /// The plugin folders of a config that was found in the working folder rather than named: not
    /// searched, and reported so that the user can name the config if it is theirs.
    static func untrustedPluginFolders(_ config: HubConfiguration) -> [PluginRefusal] {
        guard config.foundInWorkingFolder, let source = config.sourcePath else { return [] }
        return config.resolvedPluginDirectories.map { folder in
            PluginRefusal(path: folder, reason: "plugin folder named by \(source), which was found in the working folder and not named with --config or HNHUB_CONFIG; a file in the working folder does not decide which code runs: give --config \(source) if it is yours")
        }
    }

    /// Each mapping file of the importers folder as a plugin of one importer (`mapping:<id>`), its
    /// origin the file and its checksum the file's; files that cannot be read, or are not pinned when
    /// pinning is on, are refused with file, line and key.
    static func mappingPlugins(_ config: HubConfiguration, rowFailures: MappingImporter.RowFailurePolicy)
        -> (plugins: [LoadedPlugin], refusals: [PluginRefusal]) {
        guard let folder = config.resolvedImportersFolder else { return ([], []) }
        let (loaded, failures) = MappingFolder.load(folder: folder)
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
            let importer = mapping.importer.with(rowFailures: rowFailures)
            plugins.append(LoadedPlugin(manifest: PluginManifest(id: importer.descriptor.id, version: importer.descriptor.version,
                                                                 importers: [importer]),
                                        path: mapping.path, sha256: mapping.sha256, pin: config.pinning ? .config : .none))
        }
        return (plugins, refusals)
    }

    /// Opens an existing store (migrating an older schema). A command that does not write with the
    /// secret warns when the secret file is open to other users (one that writes refuses it).
    func openStore(_ config: HubConfiguration, warnAboutSecret: Bool = true) throws -> Store {
        let path = config.resolvedDatabasePath(override: db)
        guard FileManager.default.fileExists(atPath: path) else {
            throw HubFailure.unusable(missingStore(path, config))
        }
        let store: Store
        do {
            store = try Store(path: path)
        } catch {
            throw HubFailure.unusable("\(error)")
        }
        if warnAboutSecret, let mode = HubSecret.exposedMode(path: secretPath(config)) {
            printError("hnhub: warning: \(SecretError.exposed(path: secretPath(config), mode: mode))")
        }
        return store
    }

    /// Why there is no store at `path` and what to do: where the path came from, and the stores
    /// nearby (such as the one `scripts/quickstart` made in demo/) before suggesting a new one.
    func missingStore(_ path: String, _ config: HubConfiguration) -> String {
        let origin = db != nil ? "given with --db"
            : config.databasePath != nil ? "the database the config \(config.sourcePath ?? "") names"
            : "the default: no --db, and no config names a database"
        var message = "\(path): no hub store here (\(origin))"
        let nearby = Self.storesNearby().filter { $0 != path }
        if !nearby.isEmpty {
            message += "; hub stores nearby: \(nearby.joined(separator: ", ")). Use one with --db PATH and the --config it was made with"
            if nearby.contains("demo/hub.sqlite") {
                message += " (scripts/quickstart's: --config Datasets/demo/hub.yaml --db demo/hub.sqlite)"
            }
            message += ", or create a new one with: hnhub init --db \(path)"
        } else {
            message += "; create one with: hnhub init --db \(path)"
        }
        return message
    }

    /// `.sqlite` files in the working folder and its subfolders, one level down.
    static func storesNearby() -> [String] {
        let manager = FileManager.default
        var found: [String] = []
        let top = (try? manager.contentsOfDirectory(atPath: ".")) ?? []
        for name in top.sorted() where !name.hasPrefix(".") {
            if name.hasSuffix(".sqlite") { found.append(name) }
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: name, isDirectory: &isFolder), isFolder.boolValue else { continue }
            for inner in ((try? manager.contentsOfDirectory(atPath: name)) ?? []).sorted() where inner.hasSuffix(".sqlite") {
                found.append("\(name)/\(inner)")
            }
        }
        return Array(found.prefix(5))
    }

    /// The hub secret's file for the store the command uses.
    func secretPath(_ config: HubConfiguration) -> String {
        config.resolvedSecretPath(databasePath: config.resolvedDatabasePath(override: db))
    }

    /// The hub secret for a command that writes to `store`: readable by its owner only, and the one
    /// the store was made with (docs/hub-secret.md). A store from before key check values records
    /// the secret's now, once the secret has opened the store's archive.
    func loadSecret(_ config: HubConfiguration, store: Store) throws -> HubSecret {
        let path = secretPath(config)
        do {
            let check = SecretCheck(database: store.database)
            if !FileManager.default.fileExists(atPath: path), let missing = try check.missing(path: path) {
                throw missing
            }
            try HubSecret.requirePrivate(path: path)
            let secret = try HubSecret.load(path: path)
            if try check.verify(secret, path: path) == .recordedNow {
                printError("hnhub: recorded the key check value of \(path) in \(store.database.path) (docs/hub-secret.md)")
            }
            return secret
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
        try computation.setDefaultCostBands(config.defaultCostBands)
        let runs = try computation.run(metricsFolder: config.resolvedMetricsFolder)
        for run in runs where run.failure != nil {
            printError("hnhub: metric plugin \(run.providerID) failed: \(run.failure!)")
        }
        return runs
    }
}
