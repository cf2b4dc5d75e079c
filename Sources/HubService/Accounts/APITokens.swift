import Foundation
import HubStore

/// An API token as listed (never its value, which is shown once when it is made).
package struct APIToken: Sendable, Equatable {
    package var id: Int64
    package var userID: Int64
    package var label: String
    package var createdAt: String
    package var revokedAt: String?
}

/// Tokens for scripts (`Authorization: Bearer hnhub_...`): each acts as its user, is kept as its
/// SHA-256 only, and can be revoked.
package struct APITokens {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// Makes a token for `userID`; the value is returned once and never stored.
    package func create(userID: Int64, label: String, now: Date = Date()) throws -> (token: APIToken, value: String) {
        let cleaned = String(label.filter { !$0.isNewline && !($0.asciiValue.map { $0 < 32 } ?? false) }.prefix(80))
        let value = SecretToken.make(prefix: "hnhub_")
        let id = try ServiceTokens(database: database).add(userID: userID, label: cleaned.isEmpty ? "token" : cleaned,
                                                           digest: SecretToken.digest(value), at: AccountBook.timestamp(now))
        return (try token(id: id)!, value)
    }

    package func token(id: Int64) throws -> APIToken? {
        try ServiceTokens(database: database).token(id: id).map(Self.token)
    }

    /// A user's tokens, newest first (revoked ones too).
    package func tokens(userID: Int64) throws -> [APIToken] {
        try ServiceTokens(database: database).tokens(userID: userID).map(Self.token)
    }

    /// Revokes a token; true when it was live.
    @discardableResult
    package func revoke(id: Int64, now: Date = Date()) throws -> Bool {
        try ServiceTokens(database: database).revoke(id: id, at: AccountBook.timestamp(now))
    }

    /// The enabled account a live token belongs to.
    package func account(forToken value: String) throws -> (UserAccount, tokenID: Int64)? {
        guard value.hasPrefix("hnhub_"), value.count < 200 else { return nil }
        return try ServiceTokens(database: database).user(digest: SecretToken.digest(value)).map { (AccountBook.account($0.user), $0.tokenID) }
    }

    static func token(_ row: ServiceTokens.Row) -> APIToken {
        APIToken(id: row.id, userID: row.userID, label: row.label, createdAt: row.createdAt, revokedAt: row.revokedAt)
    }
}
