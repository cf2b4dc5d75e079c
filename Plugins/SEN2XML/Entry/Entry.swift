import HubKit
import SEN2XMLImporter

/// The plugin's one C entry point (see HubKit's `PluginManifest`).
@_cdecl("hnhub_plugin_entry")
public func hnhubPluginEntry(_ sdkVersion: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer {
    exportPlugin(PluginManifest(id: "sen2-xml", version: SEN2XMLImporter.version,
                                importers: [SEN2XMLImporter()]),
                 sdkVersion: sdkVersion)
}
