import Foundation
import HubStore

/// Problems with an account request, in words the operator can act on.
public enum AccountError: Error, Equatable, CustomStringConvertible {
    case badUsername(String)
    case duplicate(String)
    case unknownUser(String)
    case weakPassword(String)
    case badScope(String)

    public var description: String {
        switch self {
        case .badUsername(let name):
            return "'\(name)' is not a usable user name (2-64 characters: letters, digits, '.', '_', '-', '@')"
        case .duplicate(let name): return "there is already a user '\(name)'"
        case .unknownUser(let name): return "no user '\(name)' (see `hnhub users list`)"
        case .weakPassword(let reason): return reason
        case .badScope(let message): return message
        }
    }
}

/// The accounts of the service (`service_users`): added, listed, disabled and reset from the CLI
/// (`hnhub users`), checked at sign-in by the service.
public struct AccountBook {
    public let database: Database
    public var hasher: PasswordHasher

    public init(database: Database, hasher: PasswordHasher = PasswordHasher()) {
        self.database = database
        self.hasher = hasher
    }

    static let columns = "id, username, role, la_code, group_name, disabled, created_at"

    static func account(_ row: [SQLValue]) -> UserAccount {
        UserAccount(id: row[0].int64 ?? 0, username: row[1].string ?? "", role: Role(rawValue: row[2].string ?? "") ?? .groupViewer,
                    laCode: row[3].string, groupName: row[4].string, disabled: (row[5].int ?? 0) != 0,
                    createdAt: row[6].string ?? "")
    }

    /// Adds an account. An analyst needs `laCode`, a group viewer `groupName`; an admin neither.
    @discardableResult
    public func add(username: String, role: Role, laCode: String? = nil, groupName: String? = nil,
                    password: String, now: Date = Date()) throws -> UserAccount {
        guard Self.isUsable(username: username) else { throw AccountError.badUsername(username) }
        if let weakness = PasswordHasher.weakness(of: password) { throw AccountError.weakPassword(weakness) }
        switch role {
        case .admin:
            guard laCode == nil, groupName == nil else { throw AccountError.badScope("an admin sees every LA: give neither --la nor --group") }
        case .analyst:
            guard let laCode, laCode.count == 3, laCode.allSatisfy(\.isASCIIDigit), groupName == nil else {
                throw AccountError.badScope("an analyst needs --la with a 3-digit DfE LA code (e.g. 801), and no --group")
            }
        case .groupViewer:
            guard let groupName, !groupName.isEmpty, laCode == nil else {
                throw AccountError.badScope("a group viewer needs --group NAME (a group of the config), and no --la")
            }
        }
        if try user(named: username) != nil { throw AccountError.duplicate(username) }
        let stamp = Self.timestamp(now)
        try database.execute("""
            INSERT INTO service_users (username, role, la_code, group_name, password_hash, created_at, password_changed_at)
            VALUES (?,?,?,?,?,?,?)
            """, [.text(username), .text(role.rawValue), SQLValue(laCode), SQLValue(groupName), .text(hasher.hash(password)),
                  .text(stamp), .text(stamp)])
        return try user(id: database.lastInsertedRowID)!
    }

    /// Every account, by name.
    public func all() throws -> [UserAccount] {
        try database.rows("SELECT \(Self.columns) FROM service_users ORDER BY username").map(Self.account)
    }

    public func user(named username: String) throws -> UserAccount? {
        try database.rows("SELECT \(Self.columns) FROM service_users WHERE username = ?", [.text(username)])
            .first.map(Self.account)
    }

    public func user(id: Int64) throws -> UserAccount? {
        try database.rows("SELECT \(Self.columns) FROM service_users WHERE id = ?", [.integer(id)]).first.map(Self.account)
    }

    /// Disables (or enables again) an account. Disabling ends its sessions at once; its API tokens
    /// stop working while it is disabled.
    @discardableResult
    public func setDisabled(_ username: String, _ disabled: Bool) throws -> UserAccount {
        guard let account = try user(named: username) else { throw AccountError.unknownUser(username) }
        try database.transaction {
            try database.execute("UPDATE service_users SET disabled = ? WHERE id = ?",
                                 [.integer(disabled ? 1 : 0), .integer(account.id)])
            if disabled { try database.execute("DELETE FROM service_sessions WHERE user_id = ?", [.integer(account.id)]) }
        }
        return try user(id: account.id)!
    }

    /// Sets a new password and ends every session of the account.
    public func resetPassword(_ username: String, to password: String, now: Date = Date()) throws {
        guard let account = try user(named: username) else { throw AccountError.unknownUser(username) }
        if let weakness = PasswordHasher.weakness(of: password) { throw AccountError.weakPassword(weakness) }
        try database.transaction {
            try database.execute("UPDATE service_users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
                                 [.text(hasher.hash(password)), .text(Self.timestamp(now)), .integer(account.id)])
            try database.execute("DELETE FROM service_sessions WHERE user_id = ?", [.integer(account.id)])
        }
    }

    /// The account when `password` is its password and it is enabled; nil otherwise. An unknown
    /// name costs the same hash as a known one, so timing does not tell which names exist.
    public func verify(username: String, password: String) throws -> UserAccount? {
        let row = try database.rows("SELECT \(Self.columns), password_hash FROM service_users WHERE username = ?",
                                    [.text(username)]).first
        guard let row, let hash = row[7].string else {
            _ = hasher.hash(password)   // as slow as a check: timing does not tell which names exist
            return nil
        }
        guard hasher.verify(password, hash: hash) else { return nil }
        let account = Self.account(row)
        return account.disabled ? nil : account
    }

    /// 2-64 characters: letters, digits, `.`, `_`, `-`, `@`.
    public static func isUsable(username: String) -> Bool {
        (2...64).contains(username.count)
            && username.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-@".unicodeScalars.contains($0)) }
    }

    /// ISO 8601 in UTC, to the second.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
