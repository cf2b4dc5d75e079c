import Foundation
import HubStore

/// An API token as listed (never its value, which is shown once when it is made).
public struct APIToken: Sendable, Equatable {
    public var id: Int64
    public var userID: Int64
    public var label: String
    public var createdAt: String
    public var revokedAt: String?
}

/// Tokens for scripts (`Authorization: Bearer hnhub_...`): each acts as its user, is kept as its
/// SHA-256 only, and can be revoked.
public struct APITokens {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Makes a token for `userID`; the value is returned once and never stored.
    public func create(userID: Int64, label: String, now: Date = Date()) throws -> (token: APIToken, value: String) {
        let cleaned = String(label.filter { !$0.isNewline && !($0.asciiValue.map { $0 < 32 } ?? false) }.prefix(80))
        let value = SecretToken.make(prefix: "hnhub_")
        try database.execute("INSERT INTO service_tokens (user_id, label, token_hash, created_at) VALUES (?,?,?,?)",
                             [.integer(userID), .text(cleaned.isEmpty ? "token" : cleaned), .text(SecretToken.digest(value)),
                              .text(AccountBook.timestamp(now))])
        return (try token(id: database.lastInsertedRowID)!, value)
    }

    public func token(id: Int64) throws -> APIToken? {
        try database.rows("SELECT id, user_id, label, created_at, revoked_at FROM service_tokens WHERE id = ?", [.integer(id)])
            .first.map(Self.token)
    }

    /// A user's tokens, newest first (revoked ones too).
    public func tokens(userID: Int64) throws -> [APIToken] {
        try database.rows("SELECT id, user_id, label, created_at, revoked_at FROM service_tokens WHERE user_id = ? ORDER BY id DESC",
                          [.integer(userID)]).map(Self.token)
    }

    /// Revokes a token; true when it was live.
    @discardableResult
    public func revoke(id: Int64, now: Date = Date()) throws -> Bool {
        try database.execute("UPDATE service_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                             [.text(AccountBook.timestamp(now)), .integer(id)])
        return sqlite3Changes(database) > 0
    }

    /// The enabled account a live token belongs to.
    public func account(forToken value: String) throws -> (UserAccount, tokenID: Int64)? {
        guard value.hasPrefix("hnhub_"), value.count < 200 else { return nil }
        let row = try database.rows("""
            SELECT u.id, u.username, u.role, u.la_code, u.group_name, u.disabled, u.created_at, t.id
            FROM service_tokens t JOIN service_users u ON u.id = t.user_id
            WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0
            """, [.text(SecretToken.digest(value))]).first
        return row.map { (AccountBook.account($0), $0[7].int64 ?? 0) }
    }

    static func token(_ row: [SQLValue]) -> APIToken {
        APIToken(id: row[0].int64 ?? 0, userID: row[1].int64 ?? 0, label: row[2].string ?? "", createdAt: row[3].string ?? "",
                 revokedAt: row[4].string)
    }
}

/// Rows changed by the last statement on this connection.
func sqlite3Changes(_ database: Database) -> Int {
    (try? database.scalar("SELECT changes()")?.int) ?? 0
}
