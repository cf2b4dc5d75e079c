/// One line of the audit log (docs/service.md, "Audit").
package struct AuditEntry: Sendable, Hashable {
    package var at: String
    package var userID: Int64?
    package var username: String?
    package var role: String?
    package var laCode: String?
    /// `sign-in`, `sign-out`, `upload`, `download`, `view-findings`, `token-create`, `token-revoke`, `denied`, ...
    package var action: String
    /// What the action was about: an import, a file, a scope.
    package var target: String?
    /// `ok`, `refused` or `failed`.
    package var outcome: String
    package var client: String?

    package init(at: String, userID: Int64? = nil, username: String? = nil, role: String? = nil, laCode: String? = nil,
                action: String, target: String? = nil, outcome: String = "ok", client: String? = nil) {
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

/// The service's audit log as stored (`service_audit`), oldest row first by id
/// (docs/service.md, "Audit").
package struct ServiceAudit {
    package let database: Database
    package init(database: Database) { self.database = database }

    /// Appends `entries` in order, in one transaction.
    package func append(_ entries: [AuditEntry]) throws {
        try database.transaction {
            for e in entries {
                try database.execute("""
                    INSERT INTO service_audit (at, user_id, username, role, la_code, action, target, outcome, client)
                    VALUES (?,?,?,?,?,?,?,?,?)
                    """, [.text(e.at), e.userID.map { .integer($0) } ?? .null, SQLValue(e.username), SQLValue(e.role), SQLValue(e.laCode),
                          .text(e.action), SQLValue(e.target), .text(e.outcome), SQLValue(e.client)])
            }
        }
    }

    /// The newest `limit` entries (at least one), newest first: of one user (any case) and/or
    /// action, at or after `since` (an ISO date or time), when given.
    package func newest(username: String? = nil, action: String? = nil, since: String? = nil, limit: Int = 200) throws
        -> [AuditEntry] {
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
            AuditEntry(at: row[0].string ?? "", userID: row[1].int64, username: row[2].string, role: row[3].string,
                laCode: row[4].string, action: row[5].string ?? "", target: row[6].string, outcome: row[7].string ?? "",
                client: row[8].string)
        }
    }
}
