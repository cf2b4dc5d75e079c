import Foundation
import HubStore

/// A signed-in browser: whose it is and the CSRF token its forms carry.
public struct SignedInSession: Sendable, Equatable {
    public var user: UserAccount
    /// The digest the store keys the session by (the cookie's value is never stored).
    public var tokenDigest: String
    public var csrfToken: String
    public var expiresAt: Int64
    public var lastSeenAt: Int64
}

/// Sign-in sessions (`service_sessions`). A session ends at sign-out, after `lifetime` seconds
/// whatever happens, after `idleLimit` seconds unused, and at once when its user is disabled or
/// their password reset (docs/service.md, "Sessions").
public struct SessionBook {
    public let database: Database
    public var lifetime: Int64 = 8 * 3600
    public var idleLimit: Int64 = 3600

    public init(database: Database) { self.database = database }

    /// Opens a session for `userID`; returns the cookie's value (shown to the browser only) and the session.
    public func open(userID: Int64, now: Int64) throws -> (cookie: String, csrfToken: String) {
        let cookie = SecretToken.make()
        let csrf = SecretToken.make()
        try database.execute("""
            INSERT INTO service_sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at)
            VALUES (?,?,?,?,?,?)
            """, [.text(SecretToken.digest(cookie)), .integer(userID), .text(csrf), .integer(now), .integer(now + lifetime),
                  .integer(now)])
        return (cookie, csrf)
    }

    /// The live session a cookie names, with its (enabled) user; nil when there is none.
    public func session(cookie: String, now: Int64) throws -> SignedInSession? {
        guard !cookie.isEmpty, cookie.count < 200 else { return nil }
        let digest = SecretToken.digest(cookie)
        let row = try database.rows("""
            SELECT u.id, u.username, u.role, u.la_code, u.group_name, u.disabled, u.created_at,
                   s.csrf_token, s.expires_at, s.last_seen_at
            FROM service_sessions s JOIN service_users u ON u.id = s.user_id
            WHERE s.token_hash = ? AND u.disabled = 0 AND s.expires_at > ? AND s.last_seen_at > ?
            """, [.text(digest), .integer(now), .integer(now - idleLimit)]).first
        guard let row else { return nil }
        return SignedInSession(user: AccountBook.account(row), tokenDigest: digest, csrfToken: row[7].string ?? "",
                               expiresAt: row[8].int64 ?? 0, lastSeenAt: row[9].int64 ?? 0)
    }

    /// Records use of a session (keeps it from going idle).
    public func touch(tokenDigest: String, now: Int64) throws {
        try database.execute("UPDATE service_sessions SET last_seen_at = ? WHERE token_hash = ?",
                             [.integer(now), .text(tokenDigest)])
    }

    /// Ends one session (sign-out).
    public func close(tokenDigest: String) throws {
        try database.execute("DELETE FROM service_sessions WHERE token_hash = ?", [.text(tokenDigest)])
    }

    /// Deletes sessions past their end.
    public func purge(now: Int64) throws {
        try database.execute("DELETE FROM service_sessions WHERE expires_at <= ? OR last_seen_at <= ?",
                             [.integer(now), .integer(now - idleLimit)])
    }
}
