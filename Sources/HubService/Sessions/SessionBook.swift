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
        try ServiceSessions(database: database).open(digest: SecretToken.digest(cookie), userID: userID, csrfToken: csrf,
                                                     at: now, expiresAt: now + lifetime)
        return (cookie, csrf)
    }

    /// The live session a cookie names, with its (enabled) user; nil when there is none.
    public func session(cookie: String, now: Int64) throws -> SignedInSession? {
        guard !cookie.isEmpty, cookie.count < 200 else { return nil }
        let digest = SecretToken.digest(cookie)
        guard let row = try ServiceSessions(database: database).live(digest: digest, now: now, seenAfter: now - idleLimit) else {
            return nil
        }
        return SignedInSession(user: AccountBook.account(row.user), tokenDigest: digest, csrfToken: row.csrfToken,
                               expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt)
    }

    /// Records use of a session (keeps it from going idle).
    public func touch(tokenDigest: String, now: Int64) throws {
        try ServiceSessions(database: database).touch(digest: tokenDigest, at: now)
    }

    /// Ends one session (sign-out).
    public func close(tokenDigest: String) throws {
        try ServiceSessions(database: database).close(digest: tokenDigest)
    }

    /// Deletes sessions past their end.
    public func purge(now: Int64) throws {
        try ServiceSessions(database: database).purge(now: now, seenBy: now - idleLimit)
    }
}
