import Foundation
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

    /// Computes all indicators. A failing provider is reported and does not stop the others.
    public func run(now: Date = Date()) throws -> [ProviderRun] {
        let computedAt = ISO8601DateFormatter().string(from: now)
        var runs: [ProviderRun] = []
        for (component, provider) in catalog.metrics {
            let id = component.descriptor.id
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
        return runs
    }
}
