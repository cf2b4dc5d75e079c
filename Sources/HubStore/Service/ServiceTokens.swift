/// API tokens as stored (`service_tokens`): each kept as its digest only.
package struct ServiceTokens {
    /// One token row (never its value).
    package struct Row: Sendable, Hashable {
        package var id: Int64
        package var userID: Int64
        package var label: String
        package var createdAt: String
        package var revokedAt: String?
    }

    static func token(_ row: [SQLValue]) -> Row {
        Row(id: row[0].int64 ?? 0, userID: row[1].int64 ?? 0, label: row[2].string ?? "", createdAt: row[3].string ?? "",
            revokedAt: row[4].string)
    }

    package let database: Database
    package init(database: Database) { self.database = database }

    /// Adds a token by its digest; returns its id.
    package func add(userID: Int64, label: String, digest: String, at time: String) throws -> Int64 {
        try database.execute("INSERT INTO service_tokens (user_id, label, token_hash, created_at) VALUES (?,?,?,?)",
                             [.integer(userID), .text(label), .text(digest), .text(time)])
        return database.lastInsertedRowID
    }

    package func token(id: Int64) throws -> Row? {
        try database.rows("SELECT id, user_id, label, created_at, revoked_at FROM service_tokens WHERE id = ?", [.integer(id)])
            .first.map(Self.token)
    }

    /// A user's tokens, newest first (revoked ones too).
    package func tokens(userID: Int64) throws -> [Row] {
        try database.rows("SELECT id, user_id, label, created_at, revoked_at FROM service_tokens WHERE user_id = ? ORDER BY id DESC",
                          [.integer(userID)]).map(Self.token)
    }

    /// Revokes a token; true when it was live.
    package func revoke(id: Int64, at time: String) throws -> Bool {
        try database.execute("UPDATE service_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                             [.text(time), .integer(id)])
        return database.changes > 0
    }

    /// The enabled account whose live token has `digest`, with the token's id.
    package func user(digest: String) throws -> (user: ServiceUsers.Row, tokenID: Int64)? {
        try database.rows("""
            SELECT u.id, u.username, u.role, u.la_code, u.group_name, u.disabled, u.created_at, t.id
            FROM service_tokens t JOIN service_users u ON u.id = t.user_id
            WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0
            """, [.text(digest)]).first.map { (ServiceUsers.user($0), $0[7].int64 ?? 0) }
    }
}
