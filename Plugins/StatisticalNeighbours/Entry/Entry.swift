import HubKit
import StatisticalNeighbourImporter

/// The plugin's one C entry point (see HubKit's `PluginManifest`).
@_cdecl("hnhub_plugin_entry")
public func hnhubPluginEntry(_ sdkVersion: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer {
    exportPlugin(PluginManifest(id: "statistical-neighbours", version: StatisticalNeighbourImporter.pluginVersion, importers: StatisticalNeighbourImporter.importers),
                 sdkVersion: sdkVersion)
}
