import HubKit

/// One importer or metric provider as registered, with the file it came from.
public struct RegisteredComponent: Sendable {
    public enum Kind: String, Sendable { case importer, metric }
    public var kind: Kind
    public var descriptor: ComponentDescriptor
    public var plugin: LoadedPlugin
}

/// Every component of every loaded plugin, with duplicate ids refused.
public struct PluginCatalog: Sendable {
    public private(set) var importers: [(component: RegisteredComponent, importer: any Importer)] = []
    public private(set) var metrics: [(component: RegisteredComponent, provider: any MetricProvider)] = []
    public private(set) var refusals: [PluginRefusal] = []

    public init(plugins: [LoadedPlugin], refusals: [PluginRefusal] = []) {
        self.refusals = refusals
        var owner: [String: String] = [:]   // component id -> file
        for plugin in plugins {
            let ids = plugin.manifest.importers.map { $0.descriptor.id } + plugin.manifest.metrics.map { $0.descriptor.id }
            if let clash = ids.first(where: { owner[$0] != nil }) {
                self.refusals.append(PluginRefusal(path: plugin.path,
                    reason: "duplicate id '\(clash)': already registered by \(owner[clash]!)"))
                continue
            }
            for id in ids { owner[id] = plugin.path }
            for importer in plugin.manifest.importers {
                importers.append((RegisteredComponent(kind: .importer, descriptor: importer.descriptor, plugin: plugin), importer))
            }
            for provider in plugin.manifest.metrics {
                metrics.append((RegisteredComponent(kind: .metric, descriptor: provider.descriptor, plugin: plugin), provider))
            }
        }
    }

    /// Loads plugins as the policy says and builds the catalogue.
    public static func load(policy: PluginPolicy) -> PluginCatalog {
        let (plugins, refusals) = PluginLoader.loadAll(policy: policy)
        return PluginCatalog(plugins: plugins, refusals: refusals)
    }

    /// Every component, importers first.
    public var components: [RegisteredComponent] { importers.map(\.component) + metrics.map(\.component) }

    public func importer(id: String) -> (any Importer)? {
        importers.first { $0.component.descriptor.id == id }?.importer
    }

    /// The importer that claims `source` with the highest score, and the runner-up when it ties.
    public func detectImporter(for source: ImportSource) -> DetectionOutcome {
        let scored = importers.compactMap { entry in entry.importer.detect(source).map { (entry.importer, $0) } }
            .sorted { $0.1 > $1.1 }
        guard let best = scored.first else { return .none }
        if scored.count > 1, scored[1].1 == best.1 {
            return .ambiguous([best.0.descriptor.id, scored[1].0.descriptor.id])
        }
        return .found(best.0)
    }

    public enum DetectionOutcome {
        case found(any Importer)
        case ambiguous([String])
        case none
    }
}
