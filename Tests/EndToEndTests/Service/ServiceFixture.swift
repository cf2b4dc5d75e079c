import Foundation
import HTTPTypes
import HubConfig
import HubKit
import HubService
import HubStore
import HubTestSupport
import Hummingbird
import HummingbirdTesting
import ImportPipeline
import InputFiles
import PluginHost
import Pseudonymisation
import ReferenceData
import Testing

/// A hub for the service's tests: the LA register, the fixture returns of LA 800 (2024, 2025) and
/// LA 801 (2025), the built plugins, and one account of each role (bcrypt at its lowest cost, so
/// signing in is quick). The store is made once and copied for each fixture.
struct ServiceFixture {
    static let password = "correct horse battery staple"
    static let groups = ["partnership": ["800", "801", "802"]]
    /// name, role, LA, group, disabled
    static let accounts: [(String, Role, String?, String?, Bool)] = [
        ("ada", .admin, nil, nil, false), ("bea", .analyst, "801", nil, false), ("cal", .analyst, "800", nil, false),
        ("dee", .groupViewer, nil, "partnership", false), ("eve", .analyst, "801", nil, true),
    ]

    let folder: TemporaryFolder
    let service: HubService
    var storePath: String { folder.file("hub.sqlite") }

    /// A fresh copy of the template hub (`demo`: the demo set's hub), its store changed by `prepare`
    /// before the service opens it, served with `adjust`ed settings.
    init(demo: Bool = false, _ adjust: (inout ServiceSetup) -> Void = { _ in }, prepare: (Database) throws -> Void = { _ in }) throws {
        let template = try (demo ? Self.demoTemplate : Self.template).get()
        folder = try TemporaryFolder()
        for name in ["hub.sqlite", "hub.secret"] {
            try FileManager.default.copyItem(atPath: (template as NSString).appendingPathComponent(name), toPath: folder.file(name))
        }
        try prepare(try Store(path: folder.file("hub.sqlite")).database)
        var config = HubConfiguration()
        config.groups = Self.groups
        config.metricsFolder = "\(packageRoot)/config/metrics"
        config.sourcePath = folder.file("hub.yaml")   // a config names the metrics folder (docs/metric-sandbox.md)
        var setup = ServiceSetup(config: config, storePath: folder.file("hub.sqlite"), secret: try HubSecret.load(path: folder.file("hub.secret")),
                                 catalog: Self.plugins)
        setup.secureCookies = false
        adjust(&setup)
        service = try HubService(setup: setup)
    }

    func stop() async {
        await service.stop()
        folder.remove()
    }

    static let plugins = PluginCatalog.load(policy: builtInPluginPolicy)

    /// The template's folder, made once per test run.
    static let template: Result<String, any Error> = Result {
        try makeTemplate(returns: ["sen2-800-2024.xml", "sen2-800-2025.xml", "sen2-801-2025.xml"].map { "\(packageRoot)/Datasets/fixtures/\($0)" })
    }

    /// The demo set's twelve returns (LAs 800-803, 2023-2025: about 300 plans each, so some figures
    /// are shown to other LAs and some hidden), made once per test run.
    static let demoTemplate: Result<String, any Error> = Result {
        try makeTemplate(returns: try FileManager.default.contentsOfDirectory(atPath: "\(packageRoot)/Datasets/demo")
            .filter { $0.hasPrefix("sen2-") && $0.hasSuffix(".xml") }.sorted().map { "\(packageRoot)/Datasets/demo/\($0)" })
    }

    static func makeTemplate(returns: [String]) throws -> String {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("hub.sqlite"))
        try BundledReference.load(from: "\(packageRoot)/Datasets", into: store)
        let secret = try HubSecret.create(path: folder.file("hub.secret"))
        let runner = ImportRunner(catalog: plugins, opener: InputOpener(), store: store, secret: secret)
        for file in returns {
            for case let .rejected(source, reason) in runner.run(path: file) {
                throw InputRejected(file: source, message: reason)
            }
        }
        let accounts = AccountBook(database: store.database, hasher: PasswordHasher(cost: 4))
        for (name, role, la, group, disabled) in Self.accounts {
            try accounts.add(username: name, role: role, laCode: la, groupName: group, password: password)
            if disabled { try accounts.setDisabled(name, true) }
        }
        try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return folder.path
    }

    /// The current import of an LA's return of a year.
    func importID(la: String, year: Int) throws -> Int64 {
        try Store(path: storePath).database.scalar("""
            SELECT id FROM imports WHERE la_code = ? AND collection_year = ? AND superseded_by IS NULL
            """, [.text(la), .integer(Int64(year))])?.int64 ?? -1
    }

    /// A fixture return's text, with `edits` (find, replace) applied.
    static func returnText(_ file: String, _ edits: [(String, String)] = []) throws -> String {
        var text = try String(contentsOfFile: "\(packageRoot)/Datasets/fixtures/\(file)", encoding: .utf8)
        for (find, replace) in edits { text = text.replacingOccurrences(of: find, with: replace) }
        return text
    }
}

/// The CSRF token in a page's forms.
func csrfToken(in page: String) -> String? {
    guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
    return String(page[range.upperBound...].prefix { $0 != "\"" })
}

/// A signed-in browser (or a script with a token) as the tests drive it.
struct Visitor: Sendable {
    var cookie: String?
    var csrf: String?
    var token: String?

    static let anonymous = Visitor()

    var headers: HTTPFields {
        var fields: HTTPFields = [:]
        if let cookie { fields[.cookie] = cookie }
        if let token { fields[.authorization] = "Bearer \(token)" }
        return fields
    }
}

extension TestClientProtocol {
    /// Signs in through the sign-in page, as a browser does; nil when it is refused.
    func signIn(_ name: String, password: String = ServiceFixture.password) async throws -> Visitor? {
        let form = try await execute(uri: "/sign-in", method: .get)
        guard let signInCookie = form.headers[.setCookie]?.split(separator: ";").first.map(String.init),
              let token = signInCookie.split(separator: "=", maxSplits: 1).last.map(String.init) else { return nil }
        let body = "csrf=\(token)&next=%2F&username=\(name)&password=\(password.replacingOccurrences(of: " ", with: "+"))"
        let response = try await execute(uri: "/sign-in", method: .post,
                                         headers: [.cookie: signInCookie, .contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: body))
        guard response.status == .seeOther,
              let session = response.headers[values: .setCookie].first(where: { $0.hasPrefix("hnhub-session=") })?
                .split(separator: ";").first.map(String.init) else { return nil }
        let start = try await execute(uri: "/", method: .get, headers: [.cookie: session])
        return Visitor(cookie: session, csrf: csrfToken(in: String(buffer: start.body)))
    }

    func get(_ uri: String, as visitor: Visitor) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: visitor.headers)
    }

    /// Posts an URL-encoded form with the visitor's CSRF token.
    func post(_ uri: String, as visitor: Visitor, form: String = "") async throws -> TestResponse {
        var headers = visitor.headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let csrf = visitor.csrf.map { "csrf=\($0)" } ?? ""
        return try await execute(uri: uri, method: .post, headers: headers,
                                 body: ByteBuffer(string: [csrf, form].filter { !$0.isEmpty }.joined(separator: "&")))
    }

    /// Posts a file the way the upload form does (multipart, the CSRF token first).
    func upload(_ text: String, named name: String, as visitor: Visitor, csrf: String? = nil) async throws -> TestResponse {
        let boundary = "----hnhubtest7MA4YWxkTrZu0gW"
        var body = ""
        if let token = csrf ?? visitor.csrf {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/xml\r\n\r\n"
        body += text + "\r\n--\(boundary)--\r\n"
        var headers = visitor.headers
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await execute(uri: "/upload", method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}

/// The service's suites, one after another: each starts servers whose event loops are shared, and a
/// browser or a flood of requests in one would slow the others' answers past their time limits.
@Suite(.serialized) enum ServiceSuites {}
