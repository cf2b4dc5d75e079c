import HubKit

/// A deliberately mismatched plugin: it claims an SDK version one above the one it was built with,
/// as a plugin built against a newer HubKit would. The loader must refuse it.
@_cdecl("hnhub_plugin_entry")
public func hnhubPluginEntry(_ sdkVersion: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer {
    sdkVersion.pointee = Int32(HubKitSDK.version + 1)
    return Unmanaged.passRetained(PluginManifest(id: "wrong-sdk", version: "0.0.1",
                                                 sdkVersion: HubKitSDK.version + 1)).toOpaque()
}
