import Foundation
import HubStore

/// Problems with an account request, in words the operator can act on.
package enum AccountError: Error, Equatable, CustomStringConvertible {
    case badUsername(String)
    case duplicate(String)
    case unknownUser(String)
    case weakPassword(String)
    case badScope(String)

    package var description: String {
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
package struct AccountBook {
    package let database: Database
    package var hasher: PasswordHasher

    package init(database: Database, hasher: PasswordHasher = PasswordHasher()) {
        self.database = database
        self.hasher = hasher
    }

    static func account(_ row: ServiceUsers.Row) -> UserAccount {
        UserAccount(id: row.id, username: row.username, role: Role(rawValue: row.role) ?? .groupViewer,
                    laCode: row.laCode, groupName: row.groupName, disabled: row.disabled, createdAt: row.createdAt)
    }

    /// Adds an account. An analyst needs `laCode`, a group viewer `groupName`; an admin neither.
    @discardableResult
    package func add(username: String, role: Role, laCode: String? = nil, groupName: String? = nil,
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
        let id = try ServiceUsers(database: database).add(username: username, role: role.rawValue, laCode: laCode,
                                                            groupName: groupName, passwordHash: hasher.hash(password),
                                                            at: Self.timestamp(now))
        return try user(id: id)!
    }

    /// Every account, by name.
    package func all() throws -> [UserAccount] {
        try ServiceUsers(database: database).all().map(Self.account)
    }

    package func user(named username: String) throws -> UserAccount? {
        try ServiceUsers(database: database).user(named: username).map(Self.account)
    }

    package func user(id: Int64) throws -> UserAccount? {
        try ServiceUsers(database: database).user(id: id).map(Self.account)
    }

    /// Disables (or enables again) an account. Disabling ends its sessions at once; its API tokens
    /// stop working while it is disabled.
    @discardableResult
    package func setDisabled(_ username: String, _ disabled: Bool) throws -> UserAccount {
        guard let account = try user(named: username) else { throw AccountError.unknownUser(username) }
        try database.transaction {
            try ServiceUsers(database: database).setDisabled(id: account.id, disabled)
            if disabled { try ServiceSessions(database: database).closeAll(userID: account.id) }
        }
        return try user(id: account.id)!
    }

    /// Sets a new password and ends every session of the account.
    package func resetPassword(_ username: String, to password: String, now: Date = Date()) throws {
        guard let account = try user(named: username) else { throw AccountError.unknownUser(username) }
        if let weakness = PasswordHasher.weakness(of: password) { throw AccountError.weakPassword(weakness) }
        try database.transaction {
            try ServiceUsers(database: database).setPasswordHash(id: account.id, hasher.hash(password), at: Self.timestamp(now))
            try ServiceSessions(database: database).closeAll(userID: account.id)
        }
    }

    /// The account when `password` is its password and it is enabled; nil otherwise. An unknown
    /// name costs the same hash as a known one, so timing does not tell which names exist.
    package func verify(username: String, password: String) throws -> UserAccount? {
        let row = try ServiceUsers(database: database).userWithPasswordHash(named: username)
        guard let row, let hash = row.passwordHash else {
            _ = hasher.hash(password)   // as slow as a check: timing does not tell which names exist
            return nil
        }
        guard hasher.verify(password, hash: hash) else { return nil }
        let account = Self.account(row.user)
        return account.disabled ? nil : account
    }

    /// 2-64 characters: letters, digits, `.`, `_`, `-`, `@`.
    package static func isUsable(username: String) -> Bool {
        (2...64).contains(username.count)
            && username.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-@".unicodeScalars.contains($0)) }
    }

    /// ISO 8601 in UTC, to the second.
    package static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
