import Foundation
import HTTPTypes
import Hummingbird

/// A route as registered: what the route test walks through for every role.
package struct RouteInfo: Sendable, Equatable, CustomStringConvertible {
    package enum Kind: String, Sendable { case page, api }
    package var method: String
    package var path: String
    package var kind: Kind
    /// Open without signing in (sign-in page, stylesheet, the OpenAPI document).
    package var isPublic: Bool

    package var description: String { "\(method) \(path)" }
}

/// How a route reads its request body.
enum BodyUse {
    /// No body (GET).
    case none
    /// An URL-encoded form, read whole; its `csrf` field must match the session's.
    case form
    /// Streamed by the handler (uploads); the handler checks the CSRF token in the body.
    case stream
}

/// Registers routes so that each goes through authentication, the CSRF check for sessions and the
/// access policy before its handler: a handler is given a ``Grant``, never a bare request it would
/// have to check itself (docs/service.md, "Roles").
final class RouteTable {
    let router: Router<ServiceContext>
    let service: HubService
    private(set) var routes: [RouteInfo] = []

    private init(service: HubService) {
        self.service = service
        router = Router(context: ServiceContext.self)
        router.add(middleware: SecurityHeaders(strictTransport: service.setup.strictTransport))
        router.add(middleware: ErrorResponses())
    }

    static func build(_ service: HubService) -> RouteTable {
        let table = RouteTable(service: service)
        SignInRoutes(service: service).register(table)
        HomeRoutes(service: service).register(table)
        ReturnsRoutes(service: service).register(table)
        UploadRoutes(service: service).register(table)
        FigureRoutes(service: service).register(table)
        ForecastRoutes(service: service).register(table)
        ScopingRoutes(service: service).register(table)
        AccountRoutes(service: service).register(table)
        APIRoutes(service: service).register(table)
        return table
    }

    /// A route for signed-in people: `resolve` turns the request into the ``Resource`` it asks for
    /// (throwing 400 or 404 for bad or unknown parameters); the policy decides; `handle` runs only
    /// when it allows.
    func guarded(_ method: HTTPRequest.Method, _ path: String, _ kind: RouteInfo.Kind, body: BodyUse = .none,
                 resolve: @escaping @Sendable (Request, ServiceContext, UserAccount) throws -> Resource,
                 handle: @escaping @Sendable (Request, ServiceContext, Grant) async throws -> Response) {
        routes.append(RouteInfo(method: method.rawValue, path: path, kind: kind, isPublic: false))
        let service = self.service
        router.on(RouterPath(path), method: method) { request, context -> Response in
            guard let principal = try service.authenticate(request, kind: kind) else {
                if kind == .page && request.method == .get {
                    let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                    return Responses.seeOther("/sign-in?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
                }
                throw ServiceError(.unauthorized, "Sign-in required",
                                   kind == .api ? "Send an API token (Authorization: Bearer hnhub_...) or sign in."
                                                : "Your session has ended; sign in again.",
                                   headers: kind == .api ? [.wwwAuthenticate: "Bearer"] : [:])
            }
            let form = try await service.checkRequestOrigin(request, principal: principal, body: body)
            let resource = try resolve(request, context, principal.user)
            let grant = try service.authorize(principal, resource, form: form, request: request, context: context)
            return try await handle(request, context, grant)
        }
    }

    /// A route open to everyone (its handler does its own checks, e.g. sign-in's CSRF cookie).
    func open(_ method: HTTPRequest.Method, _ path: String, _ kind: RouteInfo.Kind,
              handle: @escaping @Sendable (Request, ServiceContext) async throws -> Response) {
        routes.append(RouteInfo(method: method.rawValue, path: path, kind: kind, isPublic: true))
        router.on(RouterPath(path), method: method) { request, context -> Response in
            try await handle(request, context)
        }
    }
}

extension HubService {
    /// The account a request comes from: an API token (API routes) or a session cookie.
    func authenticate(_ request: Request, kind: RouteInfo.Kind) throws -> Principal? {
        if kind == .api, let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer "),
                  let (user, tokenID) = try store.read({ try APITokens(database: $0).account(forToken: String(authorization.dropFirst(7))) })
            else {
                throw ServiceError(.unauthorized, "Unknown token", "The API token is unknown, revoked, or its account is disabled.",
                                   headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
            }
            return Principal(user: user, credential: .apiToken(id: tokenID))
        }
        guard let cookie = CookieText.value(sessionCookie, in: request) else { return nil }
        let now = self.now
        guard let session = try store.read({ try sessions($0).session(cookie: cookie, now: now) }) else { return nil }
        if now - session.lastSeenAt >= 60 {
            let digest = session.tokenDigest
            let book = sessionBookSettings
            Task.detached { [store] in
                _ = try? await store.write { database in
                    var sessions = SessionBook(database: database)
                    sessions.lifetime = book.lifetime
                    sessions.idleLimit = book.idle
                    try sessions.touch(tokenDigest: digest, now: now)
                }
            }
        }
        return Principal(user: session.user, credential: .session(tokenDigest: session.tokenDigest, csrfToken: session.csrfToken))
    }

    /// A request that changes something must come from the hub's own pages: a session's form
    /// carries its CSRF token (a header for the API), and a browser's cross-site request is refused
    /// outright. Returns the form's fields when the route reads a form.
    func checkRequestOrigin(_ request: Request, principal: Principal, body: BodyUse) async throws -> [String: String] {
        guard request.method != .get && request.method != .head else { return [:] }
        if request.headers[.fetchSite] == "cross-site" {
            throw ServiceError.forbidden("The request came from another site.")
        }
        let form = body == .form ? try await SmallBody.form(request) : [:]
        guard case .session(_, let expected) = principal.credential else { return form }
        let sent: String
        switch body {
        case .form: sent = form["csrf"] ?? ""
        case .stream: return form
        case .none: sent = request.headers[.csrfToken] ?? ""
        }
        guard SecretToken.equal(sent, expected) else { throw ServiceError.csrf }
        return form
    }

    /// Asks the policy; a refusal is logged and becomes 403 with the policy's reason.
    func authorize(_ principal: Principal, _ resource: Resource, form: [String: String] = [:], request: Request,
                   context: ServiceContext) throws -> Grant {
        switch policy.decide(principal.user, resource) {
        case .allow(let ownLA):
            let figures = shelf.figures
            return Grant(principal: principal, resource: resource, figures: figures, audience: figures.audience(ownLA: ownLA),
                         form: form)
        case .deny(let reason):
            audit.record(.by(principal.user, action: "denied", target: "\(request.method) \(request.uri.path)",
                             outcome: "refused", client: context.client))
            throw ServiceError.forbidden(reason)
        }
    }
}

extension ServiceError {
    static var csrf: ServiceError {
        ServiceError(.forbidden, "Form expired", "The form did not come from this session's page (missing or stale CSRF token). Reload the page and try again.")
    }
}
