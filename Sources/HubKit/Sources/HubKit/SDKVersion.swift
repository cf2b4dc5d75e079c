/// The version of the plugin SDK.
///
/// The host refuses a plugin whose compiled-in SDK version differs from its own. The constant is
/// `@_alwaysEmitIntoClient` so that the number is copied into each plugin binary when the plugin is
/// compiled; a plain `public let` would be read from the host's copy of HubKit at run time and the
/// check would always pass. Bump it whenever a public type in HubKit changes shape, then build clean.
public enum HubKitSDK {
    @_alwaysEmitIntoClient
    public static var version: Int { 6 }

    /// The C symbol every native plugin exports (see ``PluginManifest``).
    public static let entrySymbol = "hnhub_plugin_entry"
}
