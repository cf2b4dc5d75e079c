import Foundation
import HTTPTypes
import HubService
import HubStore
import Hummingbird
import HummingbirdTesting
import Testing

extension ServiceSuites {
    /// Every route, asked by every role and signed out: who gets what (docs/service.md, "Roles").
    /// An analyst of 801 never reaches 800's returns, findings, uploads or unsuppressed figures by any
    /// URL or API parameter; a group viewer reaches its group's shared figures only.
    @Suite(.serialized) struct ServiceAccessTests {
        /// Expected status for: signed out, ada (admin), bea (analyst 801), cal (analyst 800), dee (viewer of 800-802).
        struct Case {
            var method: HTTPRequest.Method
            /// With `{800}`, `{801}`, `{job801}`, `{token}` standing for ids made by the fixture.
            var uri: String
            var route: String
            var expected: [Int]
            var body: Body = .none

            enum Body { case none, form, upload800 }
        }

        static let signedOutPage = 303, signedOutPost = 401, signedOutAPI = 401

        static let cases: [Case] = [
            Case(method: .get, uri: "/static/hub.css", route: "/static/hub.css", expected: [200, 200, 200, 200, 200]),
            Case(method: .get, uri: "/sign-in", route: "/sign-in", expected: [200, 303, 303, 303, 303]),
            Case(method: .get, uri: "/", route: "/", expected: [303, 200, 200, 200, 200]),
            Case(method: .get, uri: "/returns", route: "/returns", expected: [303, 200, 200, 200, 403]),
            Case(method: .get, uri: "/returns?la=800", route: "/returns", expected: [303, 200, 403, 200, 403]),
            Case(method: .get, uri: "/returns?la=80x", route: "/returns", expected: [303, 400, 400, 400, 400]),
            Case(method: .get, uri: "/returns/{801}", route: "/returns/{id}", expected: [303, 200, 200, 403, 403]),
            Case(method: .get, uri: "/returns/{800}", route: "/returns/{id}", expected: [303, 200, 403, 200, 403]),
            // An id that does not exist is refused as another LA's is: only the admin learns it is missing.
            Case(method: .get, uri: "/returns/99999", route: "/returns/{id}", expected: [303, 404, 403, 403, 403]),
            Case(method: .get, uri: "/returns/99999/findings.csv", route: "/returns/{id}/findings.csv", expected: [303, 404, 403, 403, 403]),
            Case(method: .get, uri: "/uploads/99999", route: "/uploads/{id}", expected: [303, 404, 403, 403, 403]),
            Case(method: .get, uri: "/returns/{801}/findings.csv", route: "/returns/{id}/findings.csv", expected: [303, 200, 200, 403, 403]),
            Case(method: .get, uri: "/upload", route: "/upload", expected: [303, 200, 200, 200, 403]),
            Case(method: .post, uri: "/upload", route: "/upload", expected: [401, 303, 403, 303, 403], body: .upload800),
            Case(method: .get, uri: "/uploads/{job801}", route: "/uploads/{id}", expected: [303, 200, 200, 403, 403]),
            Case(method: .get, uri: "/compare", route: "/compare", expected: [303, 200, 200, 200, 200]),
            Case(method: .get, uri: "/compare?la=800&own=1", route: "/compare", expected: [303, 200, 403, 200, 403]),
            Case(method: .get, uri: "/compare?la=800&peers=england", route: "/compare", expected: [303, 200, 200, 200, 403]),
            Case(method: .get, uri: "/compare?la=800&peers=group:partnership", route: "/compare", expected: [303, 200, 200, 200, 200]),
            Case(method: .get, uri: "/compare?la=330&peers=group:partnership", route: "/compare", expected: [303, 200, 200, 200, 403]),
            Case(method: .get, uri: "/report", route: "/report", expected: [303, 200, 200, 200, 200]),
            Case(method: .get, uri: "/report?la=801&own=1", route: "/report", expected: [303, 200, 200, 403, 403]),
            Case(method: .get, uri: "/report?la=800", route: "/report", expected: [303, 200, 200, 200, 403]),
            Case(method: .get, uri: "/report?group=partnership", route: "/report", expected: [303, 200, 200, 200, 200]),
            Case(method: .get, uri: "/report?group=nowhere", route: "/report", expected: [303, 404, 404, 404, 404]),
            Case(method: .get, uri: "/downloads", route: "/downloads", expected: [303, 200, 200, 200, 200]),
            Case(method: .get, uri: "/downloads/workbook.xlsx?la=800&own=1", route: "/downloads/workbook.xlsx", expected: [303, 200, 403, 200, 403]),
            Case(method: .get, uri: "/downloads/workbook.xlsx?group=partnership", route: "/downloads/workbook.xlsx", expected: [303, 200, 200, 200, 200]),
            Case(method: .get, uri: "/downloads/compare.csv?la=801&own=1", route: "/downloads/compare.csv", expected: [303, 200, 200, 403, 403]),
            // 801 holds one census year: too little to forecast (404 once the policy allowed the request).
            Case(method: .get, uri: "/forecast", route: "/forecast", expected: [303, 200, 404, 200, 200]),
            Case(method: .get, uri: "/forecast?la=800&own=1", route: "/forecast", expected: [303, 200, 403, 200, 403]),
            Case(method: .get, uri: "/forecast?la=801", route: "/forecast", expected: [303, 404, 404, 404, 403]),
            Case(method: .get, uri: "/forecast?group=partnership", route: "/forecast", expected: [303, 200, 200, 200, 200]),
            // Scoping: the admin any group, an analyst the groups of its LA (its own view by default), a viewer its
            // group's shared view; a group the config lacks is refused as one out of reach (the admin learns it is missing).
            Case(method: .get, uri: "/scope", route: "/scope", expected: [303, 200, 200, 200, 200]),
            Case(method: .get, uri: "/scope?group=partnership&needs=ASD,SEMH&site=365000,168000", route: "/scope", expected: [303, 200, 200, 200, 200]),
            Case(method: .get, uri: "/scope?needs=ASD&site=365000,168000&la=800&own=1", route: "/scope", expected: [303, 200, 403, 200, 403]),
            Case(method: .get, uri: "/scope?group=nowhere&needs=ASD&site=365000,168000", route: "/scope", expected: [303, 404, 403, 403, 403]),
            Case(method: .get, uri: "/scope?needs=XYZ&site=365000,168000", route: "/scope", expected: [303, 400, 400, 400, 400]),
            Case(method: .get, uri: "/account", route: "/account", expected: [303, 200, 200, 200, 200]),
            Case(method: .post, uri: "/account/tokens", route: "/account/tokens", expected: [401, 200, 200, 200, 200], body: .form),
            Case(method: .post, uri: "/account/tokens/{token}/revoke", route: "/account/tokens/{id}/revoke", expected: [401, 303, 403, 403, 403], body: .form),
            Case(method: .get, uri: "/audit", route: "/audit", expected: [303, 200, 403, 403, 403]),
            Case(method: .get, uri: "/api/v1/openapi.json", route: "/api/v1/openapi.json", expected: [200, 200, 200, 200, 200]),
            Case(method: .get, uri: "/api/v1/me", route: "/api/v1/me", expected: [401, 200, 200, 200, 200]),
            Case(method: .get, uri: "/api/v1/indicators", route: "/api/v1/indicators", expected: [401, 200, 200, 200, 200]),
            Case(method: .get, uri: "/api/v1/indicators?la=800&own=1", route: "/api/v1/indicators", expected: [401, 200, 403, 200, 403]),
            Case(method: .get, uri: "/api/v1/indicators?la=801", route: "/api/v1/indicators", expected: [401, 200, 200, 200, 403]),
            Case(method: .get, uri: "/api/v1/indicators?own=1", route: "/api/v1/indicators", expected: [401, 400, 400, 400, 400]),
            Case(method: .get, uri: "/api/v1/compare?la=800&own=true", route: "/api/v1/compare", expected: [401, 200, 403, 200, 403]),
            Case(method: .get, uri: "/api/v1/compare?la=801&peers=region", route: "/api/v1/compare", expected: [401, 200, 200, 200, 403]),
            Case(method: .get, uri: "/api/v1/forecast", route: "/api/v1/forecast", expected: [401, 200, 404, 200, 200]),
            Case(method: .get, uri: "/api/v1/forecast?la=801&own=1", route: "/api/v1/forecast", expected: [401, 404, 404, 403, 403]),
            Case(method: .get, uri: "/api/v1/forecast?la=800", route: "/api/v1/forecast", expected: [401, 200, 200, 200, 403]),
            Case(method: .get, uri: "/api/v1/forecast?group=nowhere", route: "/api/v1/forecast", expected: [401, 404, 404, 404, 404]),
            Case(method: .get, uri: "/api/v1/scope?needs=ASD&site=365000,168000", route: "/api/v1/scope", expected: [401, 200, 200, 200, 200]),
            Case(method: .get, uri: "/api/v1/scope?needs=ASD&site=365000,168000&la=801&own=1", route: "/api/v1/scope", expected: [401, 200, 200, 403, 403]),
            Case(method: .get, uri: "/api/v1/scope?needs=ASD&site=365000,168000&own=0", route: "/api/v1/scope", expected: [401, 200, 200, 200, 200]),
            Case(method: .get, uri: "/api/v1/scope?group=nowhere&needs=ASD&site=365000,168000", route: "/api/v1/scope", expected: [401, 404, 403, 403, 403]),
            Case(method: .get, uri: "/api/v1/scope?site=365000,168000", route: "/api/v1/scope", expected: [401, 400, 400, 400, 400]),
            Case(method: .get, uri: "/api/v1/returns", route: "/api/v1/returns", expected: [401, 200, 200, 200, 403]),
            Case(method: .get, uri: "/api/v1/returns?la=801", route: "/api/v1/returns", expected: [401, 200, 200, 403, 403]),
            Case(method: .get, uri: "/api/v1/returns/{801}/findings", route: "/api/v1/returns/{id}/findings", expected: [401, 200, 200, 403, 403]),
            Case(method: .get, uri: "/api/v1/returns/{800}/findings", route: "/api/v1/returns/{id}/findings", expected: [401, 200, 403, 200, 403]),
            Case(method: .get, uri: "/api/v1/uploads/{job801}", route: "/api/v1/uploads/{id}", expected: [401, 200, 200, 403, 403]),
            Case(method: .get, uri: "/api/v1/uploads/99999", route: "/api/v1/uploads/{id}", expected: [401, 404, 403, 403, 403]),
            Case(method: .get, uri: "/api/v1/returns/99999/findings", route: "/api/v1/returns/{id}/findings", expected: [401, 404, 403, 403, 403]),
            Case(method: .post, uri: "/api/v1/uploads?name=sen2-800.xml", route: "/api/v1/uploads", expected: [401, 202, 403, 202, 403], body: .upload800),
            // Last: signing out ends the session the cases above used.
            Case(method: .post, uri: "/sign-out", route: "/sign-out", expected: [401, 303, 303, 303, 303], body: .form),
        ]

        @Test func everyRouteIsCoveredForEveryRole() throws {
            let fixture = try ServiceFixture()
            defer { Task { await fixture.stop() } }
            let covered = Set(Self.cases.map { "\($0.method.rawValue) \($0.route)" })
            let routes = Set(fixture.service.routes.map(\.description)).subtracting(["POST /sign-in"])   // SignInTests
            #expect(routes.subtracting(covered).isEmpty, "routes with no access case: \(routes.subtracting(covered).sorted())")
            #expect(covered.subtracting(routes).isEmpty, "cases for routes that do not exist: \(covered.subtracting(routes).sorted())")
        }

        @Test func eachRoleGetsWhatThePolicyAllowsAndNothingElse() async throws {
            let fixture = try ServiceFixture()
            let import800 = try fixture.importID(la: "800", year: 2025)
            let import801 = try fixture.importID(la: "801", year: 2025)
            let store = try Store(path: fixture.storePath)
            let job801 = try UploadJobs(database: store.database).create(userID: 2, laCode: "801", fileName: "sen2-801-2025.xml", bytes: 1,
                                                                         importerID: "sen2-xml").id
            try UploadJobs(database: store.database).update(id: job801, state: .failed, message: "test job")
            let adaToken = try APITokens(database: store.database).create(userID: 1, label: "ada's").token.id
            let upload800 = try ServiceFixture.returnText("sen2-800-2025.xml")
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                var visitors = [Visitor.anonymous]
                for name in ["ada", "bea", "cal", "dee"] {
                    visitors.append(try #require(try await client.signIn(name), "\(name) could not sign in"))
                }
                for (role, visitor) in visitors.enumerated() {
                    for item in Self.cases {
                        let uri = item.uri.replacingOccurrences(of: "{800}", with: String(import800))
                            .replacingOccurrences(of: "{801}", with: String(import801))
                            .replacingOccurrences(of: "{job801}", with: String(job801)).replacingOccurrences(of: "{token}", with: String(adaToken))
                        let response: TestResponse
                        switch item.body {
                        case .none: response = try await client.get(uri, as: visitor)
                        case .form: response = try await client.post(uri, as: visitor, form: "label=matrix")
                        case .upload800 where uri.hasPrefix("/api/"):
                            var headers = visitor.headers
                            headers[.contentType] = "application/xml"
                            if let csrf = visitor.csrf { headers[HTTPField.Name("X-CSRF-Token")!] = csrf }
                            response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: upload800))
                        case .upload800: response = try await client.upload(upload800, named: "sen2-800-2025.xml", as: visitor)
                        }
                        #expect(Int(response.status.code) == item.expected[role],
                                "\(["signed out", "ada", "bea", "cal", "dee"][role]) \(item.method) \(uri): \(response.status.code) \(String(buffer: response.body).prefix(300))")
                    }
                }
            }
            await fixture.service.settle()
            // Every refusal is in the audit log, with who and what.
            let denied = try ServiceAudit(database: store.database).newest(action: "denied", limit: 1000)
            #expect(denied.contains { $0.username == "bea" && $0.target == "GET /returns/\(import800)" && $0.outcome == "refused" })
            await fixture.stop()
        }

        /// An analyst asking for another LA's import or upload gets exactly the answer it gets for an
        /// id that does not exist, page and API alike, so it cannot learn which ids exist.
        @Test func anotherLAsIdAndAMissingIdGetTheSameAnswer() async throws {
            let fixture = try ServiceFixture()
            let import800 = try fixture.importID(la: "800", year: 2025)
            let store = try Store(path: fixture.storePath)
            let job800 = try UploadJobs(database: store.database).create(userID: 3, laCode: "800", fileName: "sen2-800-2025.xml", bytes: 1,
                                                                         importerID: "sen2-xml").id
            let missing: Int64 = 99_999
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let bea = try #require(try await client.signIn("bea"))
                for (route, existing) in [("/returns/{}", import800), ("/returns/{}/findings.csv", import800), ("/uploads/{}", job800),
                                          ("/api/v1/returns/{}/findings", import800), ("/api/v1/uploads/{}", job800)] {
                    let theirs = try await client.get(route.replacingOccurrences(of: "{}", with: String(existing)), as: bea)
                    let none = try await client.get(route.replacingOccurrences(of: "{}", with: String(missing)), as: bea)
                    #expect(theirs.status == .forbidden && none.status == .forbidden, "\(route)")
                    // The problem details name the path asked for; apart from the id the answers are the same.
                    #expect(String(buffer: theirs.body).replacingOccurrences(of: "/\(existing)", with: "/{}")
                            == String(buffer: none.body).replacingOccurrences(of: "/\(missing)", with: "/{}"), "\(route)")
                }
            }
            await fixture.stop()
        }

        @Test func anotherLAsSmallCountsAreHiddenAndItsOwnAreNot() async throws {
            let fixture = try ServiceFixture()
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let bea = try #require(try await client.signIn("bea"))
                let cal = try #require(try await client.signIn("cal"))
                let dee = try #require(try await client.signIn("dee"))
                func values(_ uri: String, _ visitor: Visitor) async throws -> [[String: Any]] {
                    let response = try await client.get(uri, as: visitor)
                    #expect(response.status == .ok)
                    let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    return object?["values"] as? [[String: Any]] ?? []
                }
                let own = try await values("/api/v1/indicators?la=800&own=1", cal)
                let seenBy801 = try await values("/api/v1/indicators?la=800", bea)
                let seenByGroup = try await values("/api/v1/indicators?group=partnership", dee)
                // 800's own view: every count shown, small ones included.
                let small = own.filter { row in
                    guard let numerator = row["numerator"] as? Double else { return false }
                    return (1...4).contains(numerator)
                }
                #expect(!small.isEmpty, "the fixture has small counts")
                #expect(own.allSatisfy { ($0["suppressed"] as? Bool) == false })
                // The same figures as 801 and the group's viewer see them: hidden.
                for row in small {
                    let key = "\(row["indicator"]!)|\(row["period"]!)"
                    for (who, rows) in [("bea", seenBy801), ("dee", seenByGroup.filter { ($0["la_code"] as? String) == "800" })] {
                        let seen = try #require(rows.first { "\($0["indicator"]!)|\($0["period"]!)" == key }, "\(who) lacks \(key)")
                        #expect(seen["suppressed"] as? Bool == true, "\(who) sees \(key) unsuppressed")
                        #expect(seen["numerator"] is NSNull && seen["value"] is NSNull, "\(who) sees \(key)'s figures")
                    }
                }
                // A group viewer's call naming an LA outside the group, or the own view, is refused.
                #expect(try await client.get("/api/v1/indicators?la=330", as: dee).status == .forbidden)
                #expect(try await client.get("/api/v1/compare?la=801&peers=england", as: dee).status == .forbidden)
            }
            await fixture.stop()
        }

        @Test func signedOutRequestsGetNothing() async throws {
            let fixture = try ServiceFixture()
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let page = try await client.get("/report?la=800", as: .anonymous)
                #expect(page.status == .seeOther)
                #expect(page.headers[.location] == "/sign-in?next=%2Freport%3Fla%3D800")
                #expect(page.body.readableBytes == 0)
                let api = try await client.get("/api/v1/indicators?la=800", as: .anonymous)
                #expect(api.status == .unauthorized)
                #expect(api.headers[.contentType] == "application/problem+json")
                #expect(api.headers[.wwwAuthenticate] == "Bearer")
                let forged = try await client.get("/api/v1/me", as: Visitor(cookie: "hnhub-session=forged"))
                #expect(forged.status == .unauthorized)
                let badToken = try await client.get("/api/v1/me", as: Visitor(token: "hnhub_not-a-token"))
                #expect(badToken.status == .unauthorized)
            }
            await fixture.stop()
        }
    }
}
