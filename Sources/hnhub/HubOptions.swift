import ArgumentParser
import Foundation
import HubConfig
import HubStore
import PluginHost
import Pseudonymisation
import InputFiles
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

    /// Loads the plugins and reports refused files on standard error.
    func loadPlugins(_ config: HubConfiguration, quiet: Bool = false) -> PluginCatalog {
        let catalog = PluginCatalog.load(policy: pluginPolicy(config))
        if !quiet {
            for refusal in catalog.refusals { printError("hnhub: plugin \(refusal)") }
        }
        return catalog
    }

    /// Opens an existing store (migrating an older schema).
    func openStore(_ config: HubConfiguration) throws -> Store {
        let path = config.resolvedDatabasePath(override: db)
        guard FileManager.default.fileExists(atPath: path) else {
            throw HubFailure.unusable(StoreError.notFound(path).description)
        }
        do {
            return try Store(path: path)
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
    /// Runs every metric plugin and declarative metric with the config's cost bands, reporting
    /// failed providers on standard error (the others still run).
    func computeIndicators(store: Store, config: HubConfiguration, catalog: PluginCatalog) throws
        -> [IndicatorComputation.ProviderRun] {
        let computation = IndicatorComputation(store: store, catalog: catalog)
        try computation.setDefaultCostBands(config.defaultCostBands)
        let runs = try computation.run(metricsFolder: config.metricsFolder)
        for run in runs where run.failure != nil {
            printError("hnhub: metric plugin \(run.providerID) failed: \(run.failure!)")
        }
        return runs
    }
}
