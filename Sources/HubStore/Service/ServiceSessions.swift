/// Sign-in sessions as stored (`service_sessions`), keyed by the digest of the cookie's value;
/// times are seconds since 1970.
package struct ServiceSessions {
    /// A live session with its user.
    package struct Row: Sendable, Hashable {
        package var user: ServiceUsers.Row
        package var csrfToken: String
        package var expiresAt: Int64
        package var lastSeenAt: Int64
    }

    package let database: Database
    package init(database: Database) { self.database = database }

    package func open(digest: String, userID: Int64, csrfToken: String, at time: Int64, expiresAt: Int64) throws {
        try database.execute("""
            INSERT INTO service_sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at)
            VALUES (?,?,?,?,?,?)
            """, [.text(digest), .integer(userID), .text(csrfToken), .integer(time), .integer(expiresAt), .integer(time)])
    }

    /// The session with `digest` when it has not expired by `now`, was last seen after
    /// `seenAfter` and its user is enabled.
    package func live(digest: String, now: Int64, seenAfter: Int64) throws -> Row? {
        try database.rows("""
            SELECT u.id, u.username, u.role, u.la_code, u.group_name, u.disabled, u.created_at,
                   s.csrf_token, s.expires_at, s.last_seen_at
            FROM service_sessions s JOIN service_users u ON u.id = s.user_id
            WHERE s.token_hash = ? AND u.disabled = 0 AND s.expires_at > ? AND s.last_seen_at > ?
            """, [.text(digest), .integer(now), .integer(seenAfter)]).first.map { row in
            Row(user: ServiceUsers.user(row), csrfToken: row[7].string ?? "", expiresAt: row[8].int64 ?? 0,
                lastSeenAt: row[9].int64 ?? 0)
        }
    }

    package func touch(digest: String, at time: Int64) throws {
        try database.execute("UPDATE service_sessions SET last_seen_at = ? WHERE token_hash = ?", [.integer(time), .text(digest)])
    }

    package func close(digest: String) throws {
        try database.execute("DELETE FROM service_sessions WHERE token_hash = ?", [.text(digest)])
    }

    /// Ends every session of a user.
    package func closeAll(userID: Int64) throws {
        try database.execute("DELETE FROM service_sessions WHERE user_id = ?", [.integer(userID)])
    }

    /// Deletes the sessions that expired by `now` or were last seen at `seenBy` or before.
    package func purge(now: Int64, seenBy: Int64) throws {
        try database.execute("DELETE FROM service_sessions WHERE expires_at <= ? OR last_seen_at <= ?",
                             [.integer(now), .integer(seenBy)])
    }
}
