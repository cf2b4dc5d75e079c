import HubKit
import PlacementCostImporter

/// The plugin's one C entry point (see HubKit's `PluginManifest`).
@_cdecl("hnhub_plugin_entry")
public func hnhubPluginEntry(_ sdkVersion: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer {
    exportPlugin(PluginManifest(id: "placement-costs", version: PlacementCostImporter.pluginVersion, importers: PlacementCostImporter.importers),
                 sdkVersion: sdkVersion)
}
