import HubKit
import EstablishmentImporter

/// The plugin's one C entry point (see HubKit's `PluginManifest`).
@_cdecl("hnhub_plugin_entry")
public func hnhubPluginEntry(_ sdkVersion: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer {
    exportPlugin(PluginManifest(id: "gias-establishments", version: GIASEstablishmentImporter.version,
                                importers: [GIASEstablishmentImporter()]),
                 sdkVersion: sdkVersion)
}
