import HubKit

/// One importer or metric provider as registered, with the file it came from.
package struct RegisteredComponent: Sendable {
    package enum Kind: String, Sendable { case importer, metric }
    package var kind: Kind
    package var descriptor: ComponentDescriptor
    package var plugin: LoadedPlugin
}

/// Every component of every loaded plugin. An id belongs to one plugin file: a plugin that claims
/// a built-in plugin's id (plugin, importer, metric or indicator id) is refused, and two other
/// plugins claiming one id are both refused, since neither can be told to be the real one
/// (docs/plugin-loading.md).
package struct PluginCatalog: Sendable {
    package private(set) var importers: [(component: RegisteredComponent, importer: any Importer)] = []
    package private(set) var metrics: [(component: RegisteredComponent, provider: any MetricProvider)] = []
    package private(set) var refusals: [PluginRefusal] = []

    /// An id a plugin takes for itself.
    struct Claim: Hashable, CustomStringConvertible {
        enum Kind: String { case plugin = "plugin id", component = "id", indicator = "indicator" }
        var kind: Kind
        var id: String
        var description: String { "\(kind.rawValue) '\(id)'" }
    }

    /// The importer and metric ids of a plugin, for its refusal.
    static func componentIDs(of plugin: LoadedPlugin) -> [String] {
        plugin.manifest.importers.map(\.descriptor.id) + plugin.manifest.metrics.map(\.descriptor.id)
    }

    static func claims(of plugin: LoadedPlugin) -> [Claim] {
        var claims = [Claim(kind: .plugin, id: plugin.manifest.id)]
        claims += plugin.manifest.importers.map { Claim(kind: .component, id: $0.descriptor.id) }
        for provider in plugin.manifest.metrics {
            claims.append(Claim(kind: .component, id: provider.descriptor.id))
            claims += provider.indicators.map { Claim(kind: .indicator, id: $0.id) }
        }
        var seen = Set<Claim>()
        return claims.filter { seen.insert($0).inserted }
    }

    package init(plugins: [LoadedPlugin], refusals: [PluginRefusal] = []) {
        self.refusals = refusals
        var builtInOwner: [Claim: String] = [:]   // claim -> the built-in plugin's file
        var accepted: [LoadedPlugin] = []
        for plugin in plugins where plugin.isBuiltIn {
            let claims = Self.claims(of: plugin)
            if let clash = claims.first(where: { builtInOwner[$0] != nil }) {
                self.refusals.append(PluginRefusal(path: plugin.path,
                    reason: "claims \(clash), which the built-in plugin \(builtInOwner[clash]!) claims too",
                    ids: Self.componentIDs(of: plugin)))
                continue
            }
            for claim in claims { builtInOwner[claim] = plugin.path }
            accepted.append(plugin)
        }
        let others = plugins.filter { !$0.isBuiltIn }
        var claimants: [Claim: [String]] = [:]
        for plugin in others {
            for claim in Self.claims(of: plugin) { claimants[claim, default: []].append(plugin.path) }
        }
        for plugin in others {
            let claims = Self.claims(of: plugin)
            if let clash = claims.first(where: { builtInOwner[$0] != nil }) {
                self.refusals.append(PluginRefusal(path: plugin.path,
                    reason: "claims \(clash), which belongs to the built-in plugin \(builtInOwner[clash]!)",
                    ids: Self.componentIDs(of: plugin)))
            } else if let clash = claims.first(where: { claimants[$0]!.count > 1 }) {
                let rivals = claimants[clash]!.filter { $0 != plugin.path }
                self.refusals.append(PluginRefusal(path: plugin.path,
                    reason: "claims \(clash), which \(rivals.joined(separator: " and ")) claims too: neither is loaded; remove or rename one of them",
                    ids: Self.componentIDs(of: plugin)))
            } else {
                accepted.append(plugin)
            }
        }
        for plugin in accepted {
            for importer in plugin.manifest.importers {
                importers.append((RegisteredComponent(kind: .importer, descriptor: importer.descriptor, plugin: plugin), importer))
            }
            for provider in plugin.manifest.metrics {
                metrics.append((RegisteredComponent(kind: .metric, descriptor: provider.descriptor, plugin: plugin), provider))
            }
        }
    }

    /// Every indicator id the loaded metric providers declare, with the provider's id.
    package var indicatorOwners: [String: String] {
        var owners: [String: String] = [:]
        for (component, provider) in metrics {
            for indicator in provider.indicators where owners[indicator.id] == nil { owners[indicator.id] = component.descriptor.id }
        }
        return owners
    }

    /// Loads plugins as the policy says and builds the catalogue.
    package static func load(policy: PluginPolicy) -> PluginCatalog {
        let (plugins, refusals) = PluginLoader.loadAll(policy: policy)
        return PluginCatalog(plugins: plugins, refusals: refusals)
    }

    /// Every component, importers first.
    package var components: [RegisteredComponent] { importers.map(\.component) + metrics.map(\.component) }

    package func importer(id: String) -> (any Importer)? {
        importers.first { $0.component.descriptor.id == id }?.importer
    }

    /// The importer that claims `source` with the highest score, and the runner-up when it ties.
    package func detectImporter(for source: ImportSource) -> DetectionOutcome {
        let scored = importers.compactMap { entry in entry.importer.detect(source).map { (entry.importer, $0) } }
            .sorted { $0.1 > $1.1 }
        guard let best = scored.first else { return .none }
        if scored.count > 1, scored[1].1 == best.1 {
            return .ambiguous([best.0.descriptor.id, scored[1].0.descriptor.id])
        }
        return .found(best.0)
    }

    package enum DetectionOutcome {
        case found(any Importer)
        case ambiguous([String])
        case none
    }
}
