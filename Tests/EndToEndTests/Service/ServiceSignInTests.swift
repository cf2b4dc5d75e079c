import Foundation
import HTTPTypes
import HubService
import HubStore
import Hummingbird
import HummingbirdTesting
import Testing

extension ServiceSuites {
    /// Signing in and out, sessions, CSRF, and the headers every response carries.
    @Suite(.serialized) struct ServiceSignInTests {
        @Test func signingInSetsAStrictHttpOnlySessionCookieAndSigningOutEndsIt() async throws {
            let fixture = try ServiceFixture { $0.secureCookies = true }
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let form = try await client.execute(uri: "/sign-in", method: .get)
                let signInCookie = try #require(form.headers[.setCookie])
                #expect(signInCookie.hasPrefix("__Host-hnhub-signin="))
                #expect(signInCookie.hasSuffix("; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict; Secure"))
                let token = String(signInCookie.split(separator: ";")[0].split(separator: "=")[1])
                let response = try await client.execute(
                    uri: "/sign-in", method: .post,
                    headers: [.cookie: "__Host-hnhub-signin=\(token)", .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "csrf=\(token)&next=%2Freturns&username=bea&password=correct+horse+battery+staple"))
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/returns")
                let session = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("__Host-hnhub-session=") })
                #expect(session.hasSuffix("; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict; Secure"))
                let cookie = String(session.split(separator: ";")[0])
                // The store keeps the cookie's digest, never the cookie.
                let value = String(cookie.split(separator: "=")[1])
                let stored = try Store(path: fixture.storePath).database.rows("SELECT token_hash FROM service_sessions").map { $0[0].string }
                #expect(stored == [SecretToken.digest(value)])

                let page = try await client.execute(uri: "/returns", method: .get, headers: [.cookie: cookie])
                #expect(page.status == .ok)
                let csrf = try #require(csrfToken(in: String(buffer: page.body)))
                let out = try await client.execute(uri: "/sign-out", method: .post,
                                                   headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                   body: ByteBuffer(string: "csrf=\(csrf)"))
                #expect(out.status == .seeOther)
                #expect(try await client.execute(uri: "/returns", method: .get, headers: [.cookie: cookie]).status == .seeOther)
            }
            await fixture.stop()
        }

        @Test func wrongPasswordsUnknownNamesAndDisabledAccountsAreRefusedAlike() async throws {
            let fixture = try ServiceFixture()
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let wrong = try await client.signIn("bea", password: "not the password at all")
                let unknown = try await client.signIn("nobody")
                let disabled = try await client.signIn("eve")
                let right = try await client.signIn("bea")
                #expect(wrong == nil && unknown == nil && disabled == nil)
                #expect(right != nil)
            }
            await fixture.service.settle()
            let entries = try ServiceAudit(database: Store(path: fixture.storePath).database).newest(action: "sign-in")
            #expect(entries.map(\.outcome) == ["ok", "failed", "failed", "failed"])
            #expect(entries.map { $0.username ?? "" } == ["bea", "eve", "nobody", "bea"])
            await fixture.stop()
        }

        @Test func formsWithoutTheSessionsCSRFTokenAreRefused() async throws {
            let fixture = try ServiceFixture()
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                var bea = try #require(try await client.signIn("bea"))
                let token = bea.csrf
                bea.csrf = nil
                #expect(try await client.post("/account/tokens", as: bea, form: "label=x").status == .forbidden)
                bea.csrf = "forged"
                #expect(try await client.post("/sign-out", as: bea).status == .forbidden)
                #expect(try await client.upload("<x/>", named: "a.xml", as: bea).status == .forbidden)
                // A cross-site request is refused even with the token.
                bea.csrf = token
                var headers = bea.headers
                headers[.contentType] = "application/x-www-form-urlencoded"
                headers[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
                let crossSite = try await client.execute(uri: "/account/tokens", method: .post, headers: headers,
                                                         body: ByteBuffer(string: "csrf=\(token!)&label=x"))
                #expect(crossSite.status == .forbidden)
                // The sign-in form needs its cookie to match.
                let forged = try await client.execute(uri: "/sign-in", method: .post,
                                                      headers: [.contentType: "application/x-www-form-urlencoded"],
                                                      body: ByteBuffer(string: "csrf=abc&username=bea&password=correct+horse+battery+staple"))
                #expect(forged.status == .forbidden)
                // With the token, the same form works: the session is still live.
                #expect(try await client.post("/account/tokens", as: bea, form: "label=x").status == .ok)
            }
            await fixture.stop()
        }

        @Test func aDisabledUsersSessionAndTokensStopAtOnce() async throws {
            let fixture = try ServiceFixture()
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let bea = try #require(try await client.signIn("bea"))
                let made = try await client.post("/account/tokens", as: bea, form: "label=script")
                let token = try #require(String(buffer: made.body).components(separatedBy: "<code>hnhub_").dropFirst().first?.prefix { $0 != "<" })
                let script = Visitor(token: "hnhub_" + token)
                #expect(try await client.get("/api/v1/me", as: script).status == .ok)
                #expect(try await client.get("/returns", as: bea).status == .ok)
                try AccountBook(database: Store(path: fixture.storePath).database).setDisabled("bea", true)
                let page = try await client.get("/returns", as: bea)
                #expect(page.status == .seeOther)
                #expect(page.headers[.location]?.hasPrefix("/sign-in") == true)
                #expect(try await client.get("/api/v1/me", as: script).status == .unauthorized)
            }
            await fixture.stop()
        }

        @Test func everyResponseCarriesTheSecurityHeaders() async throws {
            let fixture = try ServiceFixture()
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let cal = try #require(try await client.signIn("cal"))
                for (uri, visitor) in [("/sign-in", Visitor.anonymous), ("/compare", cal), ("/nowhere", cal), ("/api/v1/me", .anonymous)] {
                    let response = try await client.get(uri, as: visitor)
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(uri)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(uri)")
                    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                    #expect(response.headers[.cacheControl] == "no-store", "\(uri)")
                }
                // The report allows its own inline stylesheet, by hash, and nothing else.
                let report = try await client.get("/report?la=800&own=1", as: cal)
                let policy = try #require(report.headers[.contentSecurityPolicy])
                #expect(policy.hasPrefix("default-src 'none'; style-src 'sha256-"))
                #expect(!policy.contains("unsafe") && !policy.contains("http"))
                #expect(String(buffer: report.body).contains("Own view of"))
                // Unknown pages are HTML for browsers and problem details for the API.
                let missing = try await client.get("/nowhere", as: cal)
                #expect(missing.status == .notFound)
                #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
                let problem = try await client.get("/api/v1/nowhere", as: cal)
                #expect(problem.headers[.contentType] == "application/problem+json")
                let object = try JSONSerialization.jsonObject(with: Data(buffer: problem.body)) as? [String: Any]
                #expect(object?["status"] as? Int == 404)
                #expect(object?["title"] as? String == "Not Found")
            }
            await fixture.stop()
        }

        @Test func aThousandSignInAttemptsAreRefusedCheaplyAndTheServerKeepsServing() async throws {
            let fixture = try ServiceFixture()
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let cal = try #require(try await client.signIn("cal"))
                let form = try await client.execute(uri: "/sign-in", method: .get)
                let cookie = try #require(form.headers[.setCookie]?.split(separator: ";").first.map(String.init))
                let token = String(cookie.split(separator: "=")[1])
                var statuses: [Int: Int] = [:]
                let started = ContinuousClock.now
                for attempt in 0..<1000 {
                    let response = try await client.execute(
                        uri: "/sign-in", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                        body: ByteBuffer(string: "csrf=\(token)&username=\(attempt % 2 == 0 ? "bea" : "ada")&password=guess\(attempt)"))
                    statuses[Int(response.status.code), default: 0] += 1
                    if response.status == .tooManyRequests { #expect(response.headers[.retryAfter] != nil) }
                }
                // Five failures a name, then every attempt is refused without a password check.
                #expect(statuses == [401: 10, 429: 990])
                #expect(ContinuousClock.now - started < .seconds(60))
                #expect(try await client.get("/compare", as: cal).status == .ok)
                #expect(try await client.get("/static/hub.css", as: .anonymous).status == .ok)
            }
            await fixture.stop()
        }
    }
}
