import Hummingbird
import NIOCore

/// The request context of the service: Hummingbird's core storage and the client's address (for
/// sign-in limits and the audit log).
package struct ServiceContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The peer's IP address; a reverse proxy's when behind one.
    package let client: String?

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies read whole (forms, JSON) are small; uploads stream to disk and have their own limit.
    package var maxUploadSize: Int { 64 * 1024 }
}
