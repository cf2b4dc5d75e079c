import HubKit
import CaseloadMetrics

/// The plugin's one C entry point (see HubKit's `PluginManifest`).
@_cdecl("hnhub_plugin_entry")
public func hnhubPluginEntry(_ sdkVersion: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer {
    exportPlugin(PluginManifest(id: "caseload", version: CaseloadMetricProvider.version,
                                metrics: CaseloadMetrics.metricProviders),
                 sdkVersion: sdkVersion)
}
