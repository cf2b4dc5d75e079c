import HubKit
import PublishedStatisticsImporter

/// The plugin's one C entry point (see HubKit's `PluginManifest`).
@_cdecl("hnhub_plugin_entry")
public func hnhubPluginEntry(_ sdkVersion: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer {
    exportPlugin(PluginManifest(id: "ees-tables", version: PublishedStatisticsImporter.pluginVersion, importers: PublishedStatisticsImporter.importers),
                 sdkVersion: sdkVersion)
}
