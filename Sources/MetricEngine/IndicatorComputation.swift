import Foundation
import HubConfig
import HubKit
import HubStore
import PluginHost

/// Runs every metric plugin over the store and saves what they compute.
public struct IndicatorComputation {
    public let store: Store
    public let catalog: PluginCatalog

    public init(store: Store, catalog: PluginCatalog) {
        self.store = store
        self.catalog = catalog
    }

    /// One provider's outcome.
    public struct ProviderRun: Sendable {
        public var providerID: String
        public var values: Int
        public var unavailable: Int
        /// Wall-clock seconds the provider took, storing included.
        public var seconds: Double = 0
        /// Set when the provider failed; its earlier values are left as they were.
        public var failure: String?
    }

    /// Replaces the default cost bands in the store with the config's (`type` or `type/phase` keys).
    public func setDefaultCostBands(_ bands: [String: Double]) throws {
        try store.database.transaction {
            try store.database.execute("DELETE FROM default_cost_bands")
            for (key, cost) in bands.sorted(by: { $0.key < $1.key }) {
                let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
                try store.database.execute(
                    "INSERT INTO default_cost_bands (placement_type, phase, annual_cost) VALUES (?,?,?)",
                    [.text(parts[0]), .text(parts.count > 1 ? parts[1] : ""), .real(cost)])
            }
        }
    }

    /// Computes all indicators: the metric plugins, then the declarative metrics in
    /// `metricFiles`. A failing provider or file is reported and does not stop the others.
    public func run(now: Date = Date(), metricsFolder: String? = nil) throws -> [ProviderRun] {
        let computedAt = ISO8601DateFormatter().string(from: now)
        var runs: [ProviderRun] = []
        for (component, provider) in catalog.metrics {
            let id = component.descriptor.id
            let started = Date()
            defer { runs[runs.count - 1].seconds = Date().timeIntervalSince(started) }
            do {
                let context = try StoreMetricContext(path: store.database.path)
                let results = try provider.compute(in: context)
                try store.database.transaction {
                    try IndicatorTable(database: store.database).replace(
                        definitions: provider.indicators, results: results, providerID: id,
                        providerVersion: component.descriptor.version, computedAt: computedAt)
                }
                let unavailable = results.filter { $0.unavailableReason != nil }.count
                runs.append(ProviderRun(providerID: id, values: results.count - unavailable, unavailable: unavailable))
            } catch {
                runs.append(ProviderRun(providerID: id, values: 0, unavailable: 0, failure: "\(error)"))
            }
        }
        if let metricsFolder {
            runs += try runDeclarative(folder: metricsFolder, computedAt: computedAt)
        }
        return runs
    }

    func runDeclarative(folder: String, computedAt: String) throws -> [ProviderRun] {
        var runs: [ProviderRun] = []
        let sandbox = try SandboxedDatabase(path: store.database.path)
        for loaded in DeclarativeMetricFile.loadAll(folder: folder) {
            switch loaded {
            case .failure(let error):
                runs.append(ProviderRun(providerID: "declarative:\(error.file)", values: 0, unavailable: 0, failure: "\(error)"))
            case .success(let file):
                let providerID = "declarative:\(file.id)"
                let started = Date()
                defer { runs[runs.count - 1].seconds = Date().timeIntervalSince(started) }
                do {
                    let results = try DeclarativeMetrics.compute(file, sandbox: sandbox)
                    try store.database.transaction {
                        try IndicatorTable(database: store.database).replace(
                            definitions: [DeclarativeMetrics.definition(file)], results: results, providerID: providerID,
                            providerVersion: "file", computedAt: computedAt)
                    }
                    runs.append(ProviderRun(providerID: providerID, values: results.count, unavailable: 0))
                } catch {
                    runs.append(ProviderRun(providerID: providerID, values: 0, unavailable: 0, failure: "\(error)"))
                }
            }
        }
        return runs
    }
}
