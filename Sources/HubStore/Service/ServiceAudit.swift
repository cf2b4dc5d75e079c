/// The service's audit log as stored (`service_audit`), oldest row first by id
/// (docs/service.md, "Audit").
package struct ServiceAudit {
    /// One logged action.
    package struct Row: Sendable, Hashable {
        package var at: String
        package var userID: Int64?
        package var username: String?
        package var role: String?
        package var laCode: String?
        package var action: String
        package var target: String?
        package var outcome: String
        package var client: String?

        package init(at: String, userID: Int64?, username: String?, role: String?, laCode: String?, action: String,
                    target: String?, outcome: String, client: String?) {
            self.at = at
            self.userID = userID
            self.username = username
            self.role = role
            self.laCode = laCode
            self.action = action
            self.target = target
            self.outcome = outcome
            self.client = client
        }
    }

    package let database: Database
    package init(database: Database) { self.database = database }

    /// Appends `rows` in order, in one transaction.
    package func append(_ rows: [Row]) throws {
        try database.transaction {
            for e in rows {
                try database.execute("""
                    INSERT INTO service_audit (at, user_id, username, role, la_code, action, target, outcome, client)
                    VALUES (?,?,?,?,?,?,?,?,?)
                    """, [.text(e.at), e.userID.map { .integer($0) } ?? .null, SQLValue(e.username), SQLValue(e.role), SQLValue(e.laCode),
                          .text(e.action), SQLValue(e.target), .text(e.outcome), SQLValue(e.client)])
            }
        }
    }

    /// The newest `limit` rows (at least one), newest first: of one user (any case) and/or
    /// action, at or after `since` (an ISO date or time), when given.
    package func newest(username: String? = nil, action: String? = nil, since: String? = nil, limit: Int) throws -> [Row] {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        if let username { conditions.append("username = ? COLLATE NOCASE"); arguments.append(.text(username)) }
        if let action { conditions.append("action = ?"); arguments.append(.text(action)) }
        if let since { conditions.append("at >= ?"); arguments.append(.text(since)) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try database.rows("""
            SELECT at, user_id, username, role, la_code, action, target, outcome, client FROM service_audit \(filter)
            ORDER BY id DESC LIMIT \(max(1, limit))
            """, arguments).map { row in
            Row(at: row[0].string ?? "", userID: row[1].int64, username: row[2].string, role: row[3].string,
                laCode: row[4].string, action: row[5].string ?? "", target: row[6].string, outcome: row[7].string ?? "",
                client: row[8].string)
        }
    }
}
