import Foundation
import HTTPTypes
import HubService
import HubStore
import Hummingbird
import HummingbirdTesting
import Testing

extension ServiceSuites {
    /// The API answers as its OpenAPI document says: every call's path and method are described, its
    /// status code is listed for the operation, and its JSON body has the schema's top-level shape.
    @Suite(.serialized) struct ServiceAPITests {
        /// The document the hub serves.
        struct Document {
            let root: [String: Any]

            /// The operation for a concrete path (`/api/v1/returns/12/findings` matches `{id}`).
            func operation(_ method: String, _ path: String) -> (template: String, operation: [String: Any])? {
                let paths = root["paths"] as? [String: Any] ?? [:]
                for (template, item) in paths {
                    let a = template.split(separator: "/"), b = path.split(separator: "/")
                    guard a.count == b.count, zip(a, b).allSatisfy({ $0.hasPrefix("{") || $0 == $1 }) else { continue }
                    if let operation = (item as? [String: Any])?[method.lowercased()] as? [String: Any] { return (template, operation) }
                }
                return nil
            }

            /// Follows a `$ref` within the document.
            func resolve(_ object: [String: Any]) -> [String: Any] {
                guard let ref = object["$ref"] as? String else { return object }
                var node: Any = root
                for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] as Any }
                return resolve(node as? [String: Any] ?? [:])
            }

            /// Problems of `body` against the response schema of `status` (empty when it conforms).
            func check(_ operation: [String: Any], status: Int, contentType: String?, body: Data) -> [String] {
                guard let responses = operation["responses"] as? [String: Any], let described = responses[String(status)] as? [String: Any] else {
                    return ["status \(status) is not listed (listed: \((operation["responses"] as? [String: Any])?.keys.sorted() ?? []))"]
                }
                let response = resolve(described)
                guard let content = response["content"] as? [String: Any] else { return [] }
                let type = (contentType ?? "").split(separator: ";").first.map(String.init) ?? ""
                guard let media = content[type] as? [String: Any] else { return ["content type \(type) is not described (\(content.keys.sorted()))"] }
                let schema = resolve(media["schema"] as? [String: Any] ?? [:])
                guard let value = try? JSONSerialization.jsonObject(with: body) else { return ["the body is not JSON"] }
                return shapeProblems(value, schema, at: "body")
            }

            /// Type, required properties and their declared types, one level of array items.
            func shapeProblems(_ value: Any, _ schema: [String: Any], at place: String) -> [String] {
                let types = (schema["type"] as? String).map { [$0] } ?? (schema["type"] as? [String]) ?? []
                guard types.isEmpty || types.contains(where: { Self.matches(value, $0) }) else { return ["\(place) is not \(types)"] }
                var problems: [String] = []
                if let object = value as? [String: Any] {
                    for name in schema["required"] as? [String] ?? [] where object[name] == nil { problems.append("\(place) lacks \(name)") }
                    for (name, property) in schema["properties"] as? [String: Any] ?? [:] {
                        if let child = object[name], let propertySchema = property as? [String: Any] {
                            problems += shapeProblems(child, resolve(propertySchema), at: "\(place).\(name)")
                        }
                    }
                    if let allowed = schema["enum"] as? [String], let text = value as? String, !allowed.contains(text) { problems.append("\(place) is \(text)") }
                }
                if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
                    for (index, item) in array.prefix(50).enumerated() { problems += shapeProblems(item, resolve(items), at: "\(place)[\(index)]") }
                }
                if let allowed = schema["enum"] as? [String], let text = value as? String, !allowed.contains(text) { problems.append("\(place) is \(text)") }
                return problems
            }

            static func matches(_ value: Any, _ type: String) -> Bool {
                switch type {
                case "object": return value is [String: Any]
                case "array": return value is [Any]
                case "string": return value is String
                case "integer": return (value as? NSNumber).map { $0.doubleValue.rounded() == $0.doubleValue } ?? false
                case "number": return value is NSNumber
                case "boolean": return value is Bool
                case "null": return value is NSNull
                default: return false
                }
            }
        }

        @Test func everyAnswerMatchesTheServedOpenAPIDocument() async throws {
            let fixture = try ServiceFixture()
            let import801 = try fixture.importID(la: "801", year: 2025)
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let served = try await client.get("/api/v1/openapi.json", as: .anonymous)
                #expect(served.status == .ok)
                let document = Document(root: try #require(try JSONSerialization.jsonObject(with: Data(buffer: served.body)) as? [String: Any]))
                #expect(document.root["openapi"] as? String == "3.1.0")
                let ada = try #require(try await client.signIn("ada"))
                let bea = try #require(try await client.signIn("bea"))
                let upload = try ServiceFixture.returnText("sen2-801-2025.xml", [("<SerialNo>001</SerialNo>", "<SerialNo>009</SerialNo>")])
                let calls: [(String, String, Visitor, String?)] = [
                    ("GET", "/api/v1/me", bea, nil), ("GET", "/api/v1/me", .anonymous, nil),
                    ("GET", "/api/v1/indicators", ada, nil), ("GET", "/api/v1/indicators?la=801&own=1", bea, nil),
                    ("GET", "/api/v1/indicators?group=partnership&indicator=ehcp_caseload", bea, nil),
                    ("GET", "/api/v1/indicators?la=800&own=1", bea, nil), ("GET", "/api/v1/indicators?la=8000", bea, nil),
                    ("GET", "/api/v1/indicators?la=999", bea, nil), ("GET", "/api/v1/indicators?period=1999", bea, nil),
                    ("GET", "/api/v1/compare?la=801", bea, nil), ("GET", "/api/v1/compare?la=801&peers=everyone", bea, nil),
                    ("GET", "/api/v1/returns", ada, nil), ("GET", "/api/v1/returns?la=801", bea, nil), ("GET", "/api/v1/returns?la=800", bea, nil),
                    ("GET", "/api/v1/returns/\(import801)/findings", bea, nil), ("GET", "/api/v1/returns/99999/findings", ada, nil),
                    ("GET", "/api/v1/returns/x/findings", ada, nil),
                    ("POST", "/api/v1/uploads?name=sen2-801-2025.xml", bea, upload), ("POST", "/api/v1/uploads?name=t.txt", bea, "plain text"),
                    ("GET", "/api/v1/uploads/1", bea, nil), ("GET", "/api/v1/uploads/12345", bea, nil),
                    ("GET", "/api/v1/scope?needs=ASD,SEMH&site=365000,168000", bea, nil), ("GET", "/api/v1/scope?needs=XYZ&site=1,2", bea, nil),
                    ("GET", "/api/v1/scope?group=nowhere&needs=HI&site=1,2", bea, nil), ("GET", "/api/v1/scope?group=nowhere&needs=HI&site=1,2", ada, nil),
                ]
                var statuses: [Int] = []
                for (method, uri, visitor, body) in calls {
                    var headers = visitor.headers
                    if body != nil {
                        headers[.contentType] = "application/xml"
                        headers[HTTPField.Name("X-CSRF-Token")!] = visitor.csrf ?? ""
                    }
                    let response = try await client.execute(uri: uri, method: HTTPRequest.Method(method)!, headers: headers,
                                                            body: body.map { ByteBuffer(string: $0) })
                    statuses.append(Int(response.status.code))
                    let path = String(uri.prefix { $0 != "?" })
                    let operation = try #require(document.operation(method, path), "\(method) \(path) is not in the document")
                    let problems = document.check(operation.operation, status: Int(response.status.code),
                                                  contentType: response.headers[.contentType], body: Data(buffer: response.body))
                    #expect(problems.isEmpty, "\(method) \(uri) \(response.status.code): \(problems)")
                }
                // Another LA's upload and a missing one are both 403 for an analyst (only the admin learns an id is missing).
                #expect(statuses == [200, 401, 200, 200, 200, 403, 400, 404, 400, 200, 400, 200, 200, 403, 200, 404, 400, 202, 415, 200, 403, 200, 400, 403, 404])
            }
            await fixture.stop()
        }

        @Test func compareAnswersAsTheCLIsJSONDoesForTheAudience() async throws {
            let fixture = try ServiceFixture()
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let cal = try #require(try await client.signIn("cal"))
                let own = try JSONSerialization.jsonObject(with: Data(buffer: try await client.get("/api/v1/compare?la=800&own=1&peers=group:partnership", as: cal).body)) as? [String: Any]
                #expect(own?["own_view"] as? Bool == true)
                #expect(own?["peers"] as? String == "group:partnership")
                let lines = try #require(own?["lines"] as? [[String: Any]])
                let caseload = try #require(lines.first { $0["indicator"] as? String == "ehcp_caseload" && $0["period"] as? String == "2024/25" })
                let la = try #require(caseload["la"] as? [String: Any])
                let stored = try Store(path: fixture.storePath).database.scalar("""
                    SELECT numerator FROM indicator_values WHERE indicator_id = 'ehcp_caseload' AND la_code = '800' AND period = '2024/25'
                    """)?.double
                #expect(la["numerator"] as? Double == stored)
                #expect(la["suppressed"] as? Bool == false)
            }
            await fixture.stop()
        }
    }
}
