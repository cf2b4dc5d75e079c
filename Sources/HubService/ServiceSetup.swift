import Foundation
import HubConfig
import InputFiles
import PluginHost
import Pseudonymisation

/// What `hnhub serve` starts the service with: the same config, store, secret and plugins as the
/// CLI, and the service's own limits (docs/service.md, "Limits").
public struct ServiceSetup: Sendable {
    public var config: HubConfiguration
    public var storePath: String
    public var secret: HubSecret
    public var catalog: PluginCatalog
    /// The largest upload accepted: 1.5 GB by default, room for a 1 GB return (gzip or not).
    public var maxUploadBytes = 1_500_000_000
    /// Where uploads are written while they arrive and wait for import (default: beside the store).
    public var uploadsFolder: String
    /// Cookies with `Secure` (browsers send them over HTTPS and to localhost only). Off only for
    /// plain HTTP to a host that is not the machine itself, which docs/service.md advises against.
    public var secureCookies = true
    /// Send `Strict-Transport-Security` (the hub is reached over HTTPS through a proxy).
    public var strictTransport = false
    public var signInLimits = SignInThrottle.Limits()
    /// Sessions end after this many seconds, and after `sessionIdleLimit` unused.
    public var sessionLifetime: Int64 = 8 * 3600
    public var sessionIdleLimit: Int64 = 3600

    public init(config: HubConfiguration, storePath: String, secret: HubSecret, catalog: PluginCatalog) {
        self.config = config
        self.storePath = storePath
        self.secret = secret
        self.catalog = catalog
        uploadsFolder = storePath + ".uploads"
    }

    var inflationLimits: InflationLimits {
        InflationLimits(maxRatio: config.maxInflateRatio, maxBytes: config.maxInflatedBytes)
    }
}
