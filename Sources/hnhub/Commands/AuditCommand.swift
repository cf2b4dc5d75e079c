import ArgumentParser
import Foundation
import HubService
import HubStore

/// `hnhub audit`: who signed in, uploaded, downloaded and viewed person-level findings, and when.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "List the service's audit log, newest first (docs/service.md, \"Audit\").")

    @OptionGroup var hub: HubOptions
    @Option(name: .long, help: "Only this user's entries.") var user: String?
    @Option(name: .long, help: "Only this action (sign-in, sign-out, upload, import, download, view-findings, token-create, token-revoke, denied).")
    var action: String?
    @Option(name: .long, help: "Only entries at or after this date or time (YYYY-MM-DD or ISO 8601, UTC).") var since: String?
    @Option(name: .long, help: "At most this many entries.") var limit = 200
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config)
        let entries = try ServiceAudit(database: store.database).newest(username: user, action: action, since: since, limit: limit)
        if json {
            let objects: [[String: Any]] = entries.map { e in
                ["at": e.at, "user": e.username ?? NSNull(), "role": e.role ?? NSNull(), "la_or_group": e.laCode ?? NSNull(),
                 "action": e.action, "target": e.target ?? NSNull(), "outcome": e.outcome, "client": e.client ?? NSNull()]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        if entries.isEmpty {
            print("no audit entries\(user != nil || action != nil || since != nil ? " match" : " yet")")
            return
        }
        var table = TextTable(header: ["time (UTC)", "user", "role", "la/group", "action", "what", "outcome", "client"])
        table.rows = entries.map { [$0.at, $0.username ?? "", $0.role ?? "", $0.laCode ?? "", $0.action, $0.target ?? "", $0.outcome, $0.client ?? ""] }
        print(table.render())
    }
}
