/// What one native plugin library registers with the host.
///
/// A plugin is a dynamic library with one C entry point named ``HubKitSDK/entrySymbol``:
///
/// ```swift
/// import HubKit
///
/// @_cdecl("hnhub_plugin_entry")
/// public func hnhubPluginEntry(_ sdkVersion: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer {
///     exportPlugin(PluginManifest(id: "my-importer", version: "1.0.0", importers: [MyImporter()]),
///                  sdkVersion: sdkVersion)
/// }
/// ```
///
/// The host reads the SDK version first (a plain C integer) and only touches the manifest object
/// when the versions agree, so a plugin built against another SDK layout is refused safely.
public final class PluginManifest: Sendable {
    /// Stable identifier of the plugin library, e.g. `sen2-xml`.
    public let id: String
    /// The plugin's own version, e.g. `1.2.0`.
    public let version: String
    /// The SDK version the plugin was compiled against.
    public let sdkVersion: Int
    /// Importers the plugin provides.
    public let importers: [any Importer]
    /// Metric providers the plugin provides.
    public let metrics: [any MetricProvider]

    public init(id: String, version: String, sdkVersion: Int,
                importers: [any Importer] = [], metrics: [any MetricProvider] = []) {
        self.id = id
        self.version = version
        self.sdkVersion = sdkVersion
        self.importers = importers
        self.metrics = metrics
    }

    /// Creates a manifest stamped with the SDK version the calling plugin is compiled against.
    @_alwaysEmitIntoClient
    public convenience init(id: String, version: String,
                            importers: [any Importer] = [], metrics: [any MetricProvider] = []) {
        self.init(id: id, version: version, sdkVersion: HubKitSDK.version,
                  importers: importers, metrics: metrics)
    }
}

/// Hands a manifest to the host from a plugin's entry point: writes the SDK version the plugin was
/// compiled against into `sdkVersion` and returns a retained pointer to the manifest.
@_alwaysEmitIntoClient
public func exportPlugin(_ manifest: PluginManifest,
                         sdkVersion: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer {
    sdkVersion.pointee = Int32(HubKitSDK.version)
    return Unmanaged.passRetained(manifest).toOpaque()
}

/// Name, version and purpose of one importer or metric provider.
public struct ComponentDescriptor: Sendable, Hashable, Codable {
    /// Stable id used on the command line (`--importer sen2-xml`) and in the store.
    public var id: String
    public var version: String
    /// One line a user reads in `hnhub plugins`.
    public var summary: String

    public init(id: String, version: String, summary: String) {
        self.id = id
        self.version = version
        self.summary = summary
    }
}
