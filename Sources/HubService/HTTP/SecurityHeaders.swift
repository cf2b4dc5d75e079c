import HTTPTypes
import Hummingbird

/// Headers every response carries (docs/service.md, "Security"): a content security policy that
/// allows nothing from elsewhere and no scripts, no framing, no sniffing, no referrer, and no caching
/// of pages that show figures.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = ServiceContext
    /// Set by the hub when it is served over HTTPS (behind a TLS proxy): adds HSTS.
    var strictTransport: Bool

    static let pagePolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: ServiceContext,
                next: (Request, ServiceContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        var headers = response.headers
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = Self.pagePolicy }
        headers[.xFrameOptions] = "DENY"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "no-referrer"
        headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        headers[HTTPField.Name("Cross-Origin-Resource-Policy")!] = "same-origin"
        headers[HTTPField.Name("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
        if strictTransport { headers[.strictTransportSecurity] = "max-age=31536000" }
        response.headers = headers
        return response
    }
}

extension HTTPField.Name {
    static var xFrameOptions: Self { Self("X-Frame-Options")! }
    static var referrerPolicy: Self { Self("Referrer-Policy")! }
    static var csrfToken: Self { Self("X-CSRF-Token")! }
    static var fetchSite: Self { Self("Sec-Fetch-Site")! }
}
