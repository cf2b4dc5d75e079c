import Foundation
import HubService
import HubStore
import HubTestSupport
import Testing

extension ServiceSuites {
    /// `hnhub users` and `hnhub audit` as an operator runs them.
    @Suite(.serialized) struct ServiceCommandTests {
        @Test func theOperatorAddsListsDisablesAndAuditsAccounts() throws {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let db = folder.file("hub.sqlite")
            #expect(try runHub(["init", "--db", db]).status == 0)
            let users = try runHub(["users", "list", "--db", db])
            #expect(users.output == "no accounts yet; add the first admin with: hnhub users add --username NAME --role admin\n")

            let added = try runHub(["users", "add", "--db", db, "--username", "ops", "--role", "admin"])
            #expect(added.status == 0)
            let lines = added.output.split(separator: "\n")
            #expect(lines.first == "added ops (admin)")
            let password = try #require(lines.last?.split(separator: " ").last.map(String.init))
            #expect(password.count == 24)
            #expect(try AccountBook(database: Store(path: db).database).verify(username: "ops", password: password)?.role == .admin)

            let analyst = try runHub(["users", "add", "--db", db, "--username", "bristol.analyst", "--role", "analyst", "--la", "801"])
            #expect(analyst.output.hasPrefix("added bristol.analyst (analyst, LA 801)\n"))
            // Bad requests say what to do and exit 2.
            let noLA = try runHub(["users", "add", "--db", db, "--username", "x1", "--role", "analyst"])
            #expect(noLA.status == 2)
            #expect(noLA.errors.contains("an analyst needs --la with a 3-digit DfE LA code"))
            let unknownLA = try runHub(["users", "add", "--db", db, "--username", "x2", "--role", "analyst", "--la", "999"])
            #expect(unknownLA.status == 2 && unknownLA.errors.contains("no LA '999' in the register"))
            let twice = try runHub(["users", "add", "--db", db, "--username", "OPS", "--role", "admin"])
            #expect(twice.status == 2 && twice.errors.contains("there is already a user 'OPS'"))
            let badGroup = try runHub(["users", "add", "--db", db, "--username", "x3", "--role", "group-viewer", "--group", "nowhere"])
            #expect(badGroup.status == 2 && badGroup.errors.contains("no group 'nowhere' in the config"))

            #expect(try runHub(["users", "disable", "--db", db, "bristol.analyst"]).output
                    == "disabled bristol.analyst (analyst, LA 801); their sessions have ended\n")
            let listed = try runHub(["users", "list", "--db", db, "--json"])
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
            #expect(objects.map { "\($0["username"]!) \($0["role"]!)" } == ["bristol.analyst analyst", "ops admin"])
            #expect(objects.map { $0["disabled"] as? Bool } == [true, false])

            let token = try runHub(["users", "token", "--db", db, "ops", "--label", "nightly"])
            #expect(token.output.hasPrefix("token #1 for ops (nightly), shown once:\nhnhub_"))
            #expect(try runHub(["users", "revoke-token", "--db", db, "1"]).output == "revoked token #1\n")
            #expect(try runHub(["users", "revoke-token", "--db", db, "1"]).status == 2)

            try ServiceAudit(database: Store(path: db).database).append([
                AuditEntry(at: "2025-06-01T09:00:00Z", userID: 1, username: "ops", role: "admin", action: "sign-in", client: "127.0.0.1"),
                AuditEntry(at: "2025-06-01T09:05:00Z", userID: 1, username: "ops", role: "admin", action: "download", target: "workbook LA 801"),
            ])
            let audit = try runHub(["audit", "--db", db, "--action", "download", "--json"])
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.output.utf8)) as? [[String: Any]])
            #expect(entries.count == 1)
            #expect(entries.first?["target"] as? String == "workbook LA 801")
            #expect(try runHub(["audit", "--db", db, "--since", "2025-06-01T09:01"]).output.contains("workbook LA 801"))
            #expect(!(try runHub(["audit", "--db", db, "--since", "2025-06-01T09:01"]).output.contains("sign-in")))
        }
    }
}
