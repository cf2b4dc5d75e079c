import Foundation
import HubConfig
import InputFiles
import PluginHost
import Pseudonymisation

/// What `hnhub serve` starts the service with: the same config, store, secret and plugins as the
/// CLI, and the service's own limits (docs/service.md, "Limits").
package struct ServiceSetup: Sendable {
    package var config: HubConfiguration
    package var storePath: String
    package var secret: HubSecret
    package var catalog: PluginCatalog
    /// The largest upload accepted: 1.5 GB by default, room for a 1 GB return (gzip or not).
    package var maxUploadBytes = 1_500_000_000
    /// Where uploads are written while they arrive and wait for import (default: beside the store).
    package var uploadsFolder: String
    /// Cookies with `Secure` (browsers send them over HTTPS and to localhost only). Off only for
    /// plain HTTP to a host that is not the machine itself, which docs/service.md advises against.
    package var secureCookies = true
    /// Send `Strict-Transport-Security` (the hub is reached over HTTPS through a proxy).
    package var strictTransport = false
    package var signInLimits = SignInThrottle.Limits()
    /// Sessions end after this many seconds, and after `sessionIdleLimit` unused.
    package var sessionLifetime: Int64 = 8 * 3600
    package var sessionIdleLimit: Int64 = 3600

    package init(config: HubConfiguration, storePath: String, secret: HubSecret, catalog: PluginCatalog) {
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
