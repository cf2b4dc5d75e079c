import Foundation
import HubStore

/// A signed-in browser: whose it is and the CSRF token its forms carry.
package struct SignedInSession: Sendable, Equatable {
    package var user: UserAccount
    /// The digest the store keys the session by (the cookie's value is never stored).
    package var tokenDigest: String
    package var csrfToken: String
    package var expiresAt: Int64
    package var lastSeenAt: Int64
}

/// Sign-in sessions (`service_sessions`). A session ends at sign-out, after `lifetime` seconds
/// whatever happens, after `idleLimit` seconds unused, and at once when its user is disabled or
/// their password reset (docs/service.md, "Sessions").
package struct SessionBook {
    package let database: Database
    package var lifetime: Int64 = 8 * 3600
    package var idleLimit: Int64 = 3600

    package init(database: Database) { self.database = database }

    /// Opens a session for `userID`; returns the cookie's value (shown to the browser only) and the session.
    package func open(userID: Int64, now: Int64) throws -> (cookie: String, csrfToken: String) {
        let cookie = SecretToken.make()
        let csrf = SecretToken.make()
        try ServiceSessions(database: database).open(digest: SecretToken.digest(cookie), userID: userID, csrfToken: csrf,
                                                     at: now, expiresAt: now + lifetime)
        return (cookie, csrf)
    }

    /// The live session a cookie names, with its (enabled) user; nil when there is none.
    package func session(cookie: String, now: Int64) throws -> SignedInSession? {
        guard !cookie.isEmpty, cookie.count < 200 else { return nil }
        let digest = SecretToken.digest(cookie)
        guard let row = try ServiceSessions(database: database).live(digest: digest, now: now, seenAfter: now - idleLimit) else {
            return nil
        }
        return SignedInSession(user: AccountBook.account(row.user), tokenDigest: digest, csrfToken: row.csrfToken,
                               expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt)
    }

    /// Records use of a session (keeps it from going idle).
    package func touch(tokenDigest: String, now: Int64) throws {
        try ServiceSessions(database: database).touch(digest: tokenDigest, at: now)
    }

    /// Ends one session (sign-out).
    package func close(tokenDigest: String) throws {
        try ServiceSessions(database: database).close(digest: tokenDigest)
    }

    /// Deletes sessions past their end.
    package func purge(now: Int64) throws {
        try ServiceSessions(database: database).purge(now: now, seenBy: now - idleLimit)
    }
}
