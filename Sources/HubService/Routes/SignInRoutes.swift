import Foundation
import HTTPTypes
import HubStore
import Hummingbird
import NIOPosix

/// Signing in and out. The sign-in form is protected from cross-site posting by a double-submit
/// token (a cookie and a hidden field that must match); a session's forms by the session's token.
struct SignInRoutes {
    let service: HubService

    func register(_ table: RouteTable) {
        let service = self.service
        table.open(.get, "/sign-in", .page) { request, _ in
            if try service.authenticate(request, kind: .page) != nil { return Responses.seeOther("/") }
            return service.signInPage(next: Self.safeNext(request.uri.queryParameters["next"].map(String.init)))
        }
        table.open(.post, "/sign-in", .page) { request, context in
            try await service.signIn(request, context: context)
        }
        table.guarded(.post, "/sign-out", .page, body: .form, resolve: { _, _, _ in .signedIn }) { _, context, grant in
            if case .session(let digest, _) = grant.principal.credential {
                try await service.store.write { try SessionBook(database: $0).close(tokenDigest: digest) }
            }
            service.audit.record(.by(grant.user, action: "sign-out", client: context.client))
            return Responses.seeOther("/sign-in", headers: [
                .setCookie: CookieText.set(service.sessionCookie, "", maxAge: 0, secure: service.setup.secureCookies),
            ])
        }
    }

    /// Only a path on this site (never `//elsewhere` or `https://...`).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.count < 500 else { return "/" }
        return next
    }
}

extension HubService {
    func signInPage(next: String, error: String? = nil, status: HTTPResponse.Status = .ok, username: String = "",
                    extraHeaders: HTTPFields = [:]) -> Response {
        let token = SecretToken.make()
        var body = "<h1>Sign in</h1>"
        body += "<p class=\"hint\">Accounts are made by the hub's operator. Ask them if you have none.</p>"
        if let error { body += "<p class=\"error\" role=\"alert\">\(HTMLText.escape(error))</p>" }
        body += """
            <form method="post" action="/sign-in">
            \(HTMLText.csrfField(token))
            <input type="hidden" name="next" value="\(HTMLText.escape(next))">
            <label for="username">User name</label>
            <input type="text" id="username" name="username" autocomplete="username" required value="\(HTMLText.escape(username))">
            <label for="password">Password</label>
            <input type="password" id="password" name="password" autocomplete="current-password" required>
            <p><button type="submit">Sign in</button></p>
            </form>
            """
        var response = Responses.html(PageLayout.document(title: "Sign in", signedIn: nil, body: body), status: status)
        response.headers[.setCookie] = CookieText.set(signInCookie, token, maxAge: 3600, secure: setup.secureCookies)
        for field in extraHeaders { response.headers.append(field) }
        return response
    }

    func signIn(_ request: Request, context: ServiceContext) async throws -> Response {
        let form = try await SmallBody.form(request)
        let next = SignInRoutes.safeNext(form["next"])
        guard let cookie = CookieText.value(signInCookie, in: request), SecretToken.equal(cookie, form["csrf"] ?? "") else {
            throw ServiceError(.forbidden, "Form expired", "The sign-in form did not come from this site, or it expired. Open the sign-in page again.")
        }
        let username = String((form["username"] ?? "").trimmingCharacters(in: .whitespaces).prefix(64))
        let password = String((form["password"] ?? "").prefix(PasswordHasher.maximumLength + 1))
        let client = context.client ?? "unknown"
        let started = Date().timeIntervalSince1970
        if let refusal = throttle.begin(name: username, client: client, now: started) {
            audit.record(AuditEntry(at: AccountBook.timestamp(Date()), username: username, action: "sign-in", target: nil,
                                    outcome: "refused", client: context.client))
            switch refusal {
            case .tooManyFailures(let retryAfter):
                return signInPage(next: next, error: "Too many failed sign-ins. Try again in \(retryAfter / 60 + 1) minutes.",
                                  status: .tooManyRequests, username: username, extraHeaders: [.retryAfter: String(retryAfter)])
            case .busy:
                return signInPage(next: next, error: "The hub is busy checking other sign-ins. Try again in a moment.",
                                  status: .tooManyRequests, username: username, extraHeaders: [.retryAfter: "1"])
            }
        }
        let store = self.store
        let setup = self.setup
        let account: UserAccount?
        do {
            account = try await NIOThreadPool.singleton.runIfActive {
                try store.read { try AccountBook(database: $0).verify(username: username, password: password) }
            }
        } catch {
            throttle.finish(name: username, client: client, succeeded: false, now: Date().timeIntervalSince1970)
            throw error
        }
        throttle.finish(name: username, client: client, succeeded: account != nil, now: Date().timeIntervalSince1970)
        guard let account else {
            audit.record(AuditEntry(at: AccountBook.timestamp(Date()), username: username, action: "sign-in", outcome: "failed",
                                    client: context.client))
            return signInPage(next: next, error: "The user name or password is not right, or the account is disabled.",
                              status: .unauthorized, username: username)
        }
        let now = self.now
        let session = try await store.write { database in
            var book = SessionBook(database: database)
            book.lifetime = setup.sessionLifetime
            book.idleLimit = setup.sessionIdleLimit
            return try book.open(userID: account.id, now: now)
        }
        audit.record(.by(account, action: "sign-in", client: context.client))
        var response = Responses.seeOther(next)
        response.headers.append(HTTPField(name: .setCookie, value: CookieText.set(
            sessionCookie, session.cookie, maxAge: Int(setup.sessionLifetime), secure: setup.secureCookies)))
        response.headers.append(HTTPField(name: .setCookie, value: CookieText.set(signInCookie, "", maxAge: 0, secure: setup.secureCookies)))
        return response
    }
}
