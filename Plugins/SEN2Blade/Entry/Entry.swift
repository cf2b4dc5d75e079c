import HubKit
import SEN2BladeImporter

/// The plugin's one C entry point (see HubKit's `PluginManifest`).
@_cdecl("hnhub_plugin_entry")
public func hnhubPluginEntry(_ sdkVersion: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer {
    exportPlugin(PluginManifest(id: "sen2-blade", version: SEN2BladeImporter.version,
                                importers: [SEN2BladeImporter()]),
                 sdkVersion: sdkVersion)
}
