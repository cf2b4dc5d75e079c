import Comparison
import ComparisonTables
import Foundation
import HubService
import HubStore
import HubTestSupport
import NIOCore
import Testing
@testable import HubService

/// The pieces under the service: the schema migration, passwords, sessions, tokens, the policy's
/// decisions, and the multipart reader.
@Suite struct ServiceAccountsTests {
    @Test func anOlderStoreIsUpgradedWithTheServiceTables() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("hub.sqlite")
        try Store.createAtVersion(5, path: path)
        let store = try Store(path: path)
        #expect(try store.schemaVersion() == Migrations.current)
        let accounts = AccountBook(database: store.database, hasher: PasswordHasher(cost: 4))
        let ada = try accounts.add(username: "ada", role: .admin, password: "a long enough pass phrase")
        #expect(ada.summary == "ada (admin)")
        let stored = try store.database.scalar("SELECT password_hash FROM service_users")?.string ?? ""
        #expect(stored.hasPrefix("$2b$04$") && !stored.contains("pass phrase"))
        #expect(try accounts.verify(username: "ADA", password: "a long enough pass phrase")?.id == ada.id)
        #expect(try accounts.verify(username: "ada", password: "a long enough pass phrasE") == nil)
        #expect(throws: AccountError.weakPassword("a password needs at least 12 characters")) {
            try accounts.add(username: "bob", role: .admin, password: "short")
        }
        #expect(throws: AccountError.badUsername("bob smith")) { try accounts.add(username: "bob smith", role: .admin, password: "a long enough pass phrase") }
    }

    @Test func sessionsEndAtTheirLifetimeWhenIdleAndAtSignOut() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Store(path: folder.file("hub.sqlite"))
        let user = try AccountBook(database: store.database, hasher: PasswordHasher(cost: 4))
            .add(username: "bea", role: .analyst, laCode: "801", password: "a long enough pass phrase")
        var sessions = SessionBook(database: store.database)
        sessions.lifetime = 100
        sessions.idleLimit = 30
        let opened = try sessions.open(userID: user.id, now: 1_000)
        #expect(try sessions.session(cookie: opened.cookie, now: 1_020)?.user.username == "bea")
        #expect(try sessions.session(cookie: opened.cookie, now: 1_031) == nil)   // idle
        let digest = SecretToken.digest(opened.cookie)
        for now in stride(from: 1_020, through: 1_090, by: 20) { try sessions.touch(tokenDigest: digest, now: Int64(now)) }
        #expect(try sessions.session(cookie: opened.cookie, now: 1_099)?.csrfToken == opened.csrfToken)
        #expect(try sessions.session(cookie: opened.cookie, now: 1_100) == nil)   // lifetime
        let again = try sessions.open(userID: user.id, now: 2_000)
        try sessions.close(tokenDigest: SecretToken.digest(again.cookie))
        #expect(try sessions.session(cookie: again.cookie, now: 2_001) == nil)
    }

    @Test func tokensAreKeptAsDigestsAndStopWhenRevoked() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Store(path: folder.file("hub.sqlite"))
        let user = try AccountBook(database: store.database, hasher: PasswordHasher(cost: 4))
            .add(username: "cal", role: .analyst, laCode: "800", password: "a long enough pass phrase")
        let tokens = APITokens(database: store.database)
        let made = try tokens.create(userID: user.id, label: "nightly\nupload")
        #expect(made.value.hasPrefix("hnhub_") && made.value.count == 49)
        #expect(made.token.label == "nightlyupload")
        #expect(try store.database.scalar("SELECT token_hash FROM service_tokens")?.string == SecretToken.digest(made.value))
        #expect(try tokens.account(forToken: made.value)?.0.username == "cal")
        #expect(try tokens.revoke(id: made.token.id))
        #expect(try !tokens.revoke(id: made.token.id))
        #expect(try tokens.account(forToken: made.value) == nil)
    }

    @Test func thePolicyGivesEachRoleItsAudience() {
        let policy = AccessPolicy(groups: ["g": ["800", "801"]])
        let admin = UserAccount(id: 1, username: "ada", role: .admin)
        let analyst = UserAccount(id: 2, username: "bea", role: .analyst, laCode: "801")
        let viewer = UserAccount(id: 3, username: "dee", role: .groupViewer, groupName: "g")
        let own801 = AccessDecision.allow(ownLA: "801")
        let shared = AccessDecision.allowShared
        #expect(policy.decide(admin, .figures(.la("801", own: true))) == own801)
        #expect(policy.decide(analyst, .figures(.la("801", own: true))) == own801)
        #expect(policy.decide(analyst, .figures(.la("800", own: false))) == shared)
        #expect(policy.decide(analyst, .comparison(la: "800", own: true, peers: .england))
                == .deny(reason: "only LA 800's own users see its figures unsuppressed; ask without the own view"))
        #expect(policy.decide(analyst, .findings(la: "800")) == .deny(reason: "an analyst of LA 801 sees that LA's returns and findings only"))
        #expect(policy.decide(analyst, .findings(la: nil)) == .deny(reason: "an analyst of LA 801 sees that LA's returns and findings only"))
        #expect(policy.decide(analyst, .upload(la: "801", reference: false)) == shared)
        #expect(policy.decide(viewer, .figures(.group("g"))) == shared)
        #expect(policy.decide(viewer, .comparison(la: "800", own: false, peers: .group("g"))) == shared)
        #expect(policy.decide(viewer, .comparison(la: "800", own: false, peers: .england)) != shared)
        #expect(policy.decide(viewer, .figures(.la("800", own: false))) != shared)
        #expect(policy.decide(viewer, .figures(.hub)) != shared)
        #expect(policy.decide(viewer, .returns(la: nil)) != shared)
        var disabled = admin
        disabled.disabled = true
        #expect(policy.decide(disabled, .signedIn) == .deny(reason: "this account is disabled"))
    }

    /// A body cut into pieces at every size, so that boundaries and headers fall across pieces.
    @Test(arguments: [1, 2, 3, 7, 64, 100_000])
    func theMultipartReaderFindsFieldsAndTheFileWhereverTheBodyIsCut(piece: Int) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = String(repeating: "<a>\r\n--not-the-boundary\r\n</a>", count: 20)
        let body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken-1\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\Users\\\\me\\\\801.xml\"\r\nContent-Type: text/xml\r\n\r\n"
            + file + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"after\"\r\n\r\nignored\r\n--XyZ--\r\n"
        let bytes = Array(body.utf8)
        let pieces = stride(from: 0, to: bytes.count, by: piece).map { ByteBuffer(bytes: bytes[$0..<min($0 + piece, bytes.count)]) }
        let reader = try #require(MultipartUpload(contentType: "multipart/form-data; boundary=\"XyZ\""))
        var fields: [String] = []
        let received = try await reader.receive(AsyncStream { continuation in
            for buffer in pieces { continuation.yield(buffer) }
            continuation.finish()
        }, fileField: "file", destination: folder.file("upload"), limit: 10_000, requiredBeforeFile: ["csrf"]) { name, value in
            fields.append("\(name)=\(value)")
        }
        #expect(fields == ["csrf=token-1"])
        #expect(received.fileName == "C:\\\\Users\\\\me\\\\801.xml")
        #expect(UploadName.clean(received.fileName ?? "") == "801.xml")
        #expect(received.bytes == file.utf8.count)
        #expect(try String(contentsOfFile: folder.file("upload"), encoding: .utf8) == file)
    }

    @Test func theMultipartReaderRefusesWhatItCannotTrust() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let reader = try #require(MultipartUpload(contentType: "multipart/form-data; boundary=B"))
        func receive(_ body: String, limit: Int = 1000) async throws -> MultipartUpload.Received {
            try await reader.receive(AsyncStream { $0.yield(ByteBuffer(string: body)); $0.finish() }, fileField: "file",
                                     destination: folder.file("f"), limit: limit, requiredBeforeFile: ["csrf"]) { _, _ in }
        }
        let noToken = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xml\"\r\n\r\n<x/>\r\n--B--\r\n"
        await #expect(throws: MultipartUpload.Failure.fieldMissing("csrf")) { try await receive(noToken) }
        let big = "--B\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nt\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xml\"\r\n\r\n"
            + String(repeating: "x", count: 2000) + "\r\n--B--\r\n"
        await #expect(throws: MultipartUpload.Failure.tooLarge(limit: 1000)) { try await receive(big) }
        await #expect(throws: MultipartUpload.Failure.malformed("the body ended before its closing boundary")) {
            try await receive("--B\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nt")
        }
        #expect(MultipartUpload(contentType: "application/json") == nil)
        #expect(UploadName.clean("../../../etc/passwd") == "passwd")
        #expect(UploadName.clean("..") == "upload")
        #expect(UploadName.clean("r\u{0}e<t>u\"rn .xml") == "return .xml")
    }
}
