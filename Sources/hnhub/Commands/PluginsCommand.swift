import ArgumentParser
import Foundation
import HubKit
import MetricEngine
import PluginHost

/// `hnhub plugins`: what is loaded, from where, with which checksum; and what was refused.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins", abstract: "List importer and metric plugins with origin and SHA-256.")

    @OptionGroup var hub: HubOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Flag(name: .long, help: "Print the config lines that pin every loaded plugin that the build did not pin (plugins of named folders, mapping files).")
    var pins = false

    struct Row: Codable {
        var kind: String
        var id: String
        var version: String
        var sdk_version: Int
        var plugin: String
        var origin: String
        var sha256: String
        /// `build` (a built-in plugin, checked against the SHA-256 its build recorded), `config`
        /// (pinned in the config), or `none`.
        var pinned_by: String
        var summary: String
    }

    func run() throws {
        let config = try hub.loadConfiguration()
        let catalog = hub.loadPlugins(config, quiet: true)
        let components = catalog.components.sorted {
            ($0.kind.rawValue, $0.descriptor.id) < ($1.kind.rawValue, $1.descriptor.id)
        }
        var rows = components.map { c in
            Row(kind: c.kind.rawValue, id: c.descriptor.id, version: c.descriptor.version,
                sdk_version: c.plugin.manifest.sdkVersion, plugin: c.plugin.manifest.id, origin: c.plugin.path,
                sha256: c.plugin.sha256, pinned_by: c.plugin.pin.rawValue, summary: c.descriptor.summary)
        }
        // The SQL metrics of the metrics folder beside them (run in the sandbox, not pinned:
        // docs/metric-sandbox.md); a file that does not load is listed as refused.
        var refusals = catalog.refusals
        for file in IndicatorComputation.metricFiles(folder: config.resolvedMetricsFolder, catalog: catalog) {
            switch file {
            case .success(let metric):
                rows.append(Row(kind: "metric", id: "declarative:\(metric.id)", version: "file", sdk_version: HubKitSDK.version,
                                plugin: "declarative", origin: metric.file, sha256: PluginLoader.sha256(ofFile: metric.file) ?? "",
                                pinned_by: LoadedPlugin.Pin.none.rawValue, summary: metric.title))
            case .failure(let error):
                refusals.append(PluginRefusal(path: error.file, reason: "SQL metric file \(error.line.map { "line \($0), " } ?? "")key \(error.key): \(error.message)"))
            }
        }
        if pins {
            // Built-in plugins need no config pin: the build recorded theirs (docs/plugin-loading.md).
            let builtIn = Set(rows.filter { $0.pinned_by == LoadedPlugin.Pin.build.rawValue }.map(\.origin)).count
            print("# \(builtIn) built-in plugin files are pinned by the build; these lines pin the others")
            var seen = Set<String>()
            let others = rows.filter {
                $0.pinned_by != LoadedPlugin.Pin.build.rawValue && $0.plugin != "declarative" && seen.insert($0.sha256).inserted
            }
            print("plugins:\n  pinning: true\n  pins:" + (others.isEmpty ? " []" : ""))
            for row in others {
                print("    - sha256: \(row.sha256)\n      note: \((row.origin as NSString).lastPathComponent)")
            }
        } else if json {
            struct Output: Codable {
                var sdk_version: Int
                var plugins: [Row]
                var refused: [[String: String]]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let output = Output(sdk_version: HubKitSDK.version, plugins: rows,
                                refused: refusals.map { ["path": $0.path, "reason": $0.reason] })
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
        } else {
            var table = TextTable(header: ["kind", "id", "version", "sdk", "origin", "sha256", "pinned by"])
            table.rows = rows.map { [$0.kind, $0.id, $0.version, String($0.sdk_version), $0.origin, $0.sha256, $0.pinned_by] }
            print(table.render())
            for refusal in refusals { print("refused: \(refusal)") }
        }
        if !refusals.isEmpty { throw ExitCode(1) }
    }
}
