import ArgumentParser
import Foundation
import HubService
import HubStore

/// `hnhub users`: the service's accounts (docs/service.md, "Accounts").
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Add, list, disable, enable and reset the service's accounts; make and revoke API tokens.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, Reset.self, Token.self, RevokeToken.self])

    /// Opens the store and runs `body` with its account book, turning account errors into exit 2.
    static func withAccounts<T>(_ hub: HubOptions, _ body: (AccountBook, Store) throws -> T) throws -> T {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config, for: .write)
        do {
            return try body(AccountBook(database: store.database), store)
        } catch let error as AccountError {
            throw HubFailure.unusable(error.description)
        }
    }

    /// Opens the store and runs `body` with the account `target` names, turning account errors
    /// (an unknown user among them) into exit 2.
    static func withUser<T>(_ target: AccountArguments, _ body: (UserAccount, AccountBook, Store) throws -> T) throws -> T {
        try withAccounts(target.hub) { accounts, store in
            guard let account = try accounts.user(named: target.username) else { throw AccountError.unknownUser(target.username) }
            return try body(account, accounts, store)
        }
    }

    /// Disables or enables the account `target` names.
    static func setDisabled(_ target: AccountArguments, _ disabled: Bool) throws -> UserAccount {
        try withAccounts(target.hub) { accounts, _ in try accounts.setDisabled(target.username, disabled) }
    }

    /// Prints a password that was made here, once; one read from standard input is not echoed.
    static func printPassword(_ password: String, generated: Bool) {
        if generated { print("password (shown once; give it to them privately): \(password)") }
    }

    /// The new password: one line on standard input, or a random one printed once.
    static func newPassword(fromStandardInput: Bool) throws -> (password: String, generated: Bool) {
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw HubFailure.unusable("--password-stdin: no password on standard input")
            }
            return (line, false)
        }
        // 24 characters of base64url: about 144 bits.
        return (String(SecretToken.make().prefix(24)), true)
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account: --role admin, analyst (with --la) or group-viewer (with --group).")
        @OptionGroup var hub: HubOptions
        @Option(name: .long, help: "User name (letters, digits, . _ - @).") var username: String
        @Option(name: .long, help: "admin, analyst or group-viewer.") var role: String
        @Option(name: .long, help: "An analyst's LA (3-digit DfE code).") var la: String?
        @Option(name: .long, help: "A group viewer's group (a name under groups in the config).") var group: String?
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (else one is made and printed once).")
        var passwordStdin = false

        func run() throws {
            guard let role = Role(rawValue: role) else { throw HubFailure.unusable("--role takes admin, analyst or group-viewer (got '\(role)')") }
            let config = try hub.loadConfiguration()
            if let group, config.groups[group] == nil {
                throw HubFailure.unusable("no group '\(group)' in the config (groups: \(config.groups.keys.sorted().joined(separator: ", ")))")
            }
            let (password, generated) = try UsersCommand.newPassword(fromStandardInput: passwordStdin)
            let account = try UsersCommand.withAccounts(hub) { accounts, store in
                if let la {
                    let known = try LARegister(database: store.database).knownCodes()
                    if !known.isEmpty && !known.contains(la) { throw HubFailure.unusable("no LA '\(la)' in the register (3-digit DfE codes, e.g. 801)") }
                }
                return try accounts.add(username: username, role: role, laCode: la, groupName: group, password: password)
            }
            print("added \(account.summary)")
            UsersCommand.printPassword(password, generated: generated)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var hub: HubOptions
        @Flag(name: .long, help: "Print JSON.") var json = false

        func run() throws {
            let accounts = try UsersCommand.withAccounts(hub) { accounts, _ in try accounts.all() }
            if json {
                let objects: [[String: Any]] = accounts.map {
                    ["username": $0.username, "role": $0.role.rawValue, "la_code": $0.laCode ?? NSNull(), "group": $0.groupName ?? NSNull(),
                     "disabled": $0.disabled, "created_at": $0.createdAt]
                }
                let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            if accounts.isEmpty {
                print("no accounts yet; add the first admin with: hnhub users add --username NAME --role admin")
                return
            }
            var table = TextTable(header: ["user", "role", "la", "group", "state", "created"])
            table.rows = accounts.map { [$0.username, $0.role.rawValue, $0.laCode ?? "", $0.groupName ?? "", $0.disabled ? "disabled" : "active", $0.createdAt] }
            print(table.render())
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: its sessions end at once, its tokens stop working.")
        @OptionGroup var account: AccountArguments

        func run() throws {
            let disabled = try UsersCommand.setDisabled(account, true)
            print("disabled \(disabled.summary); their sessions have ended")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @OptionGroup var account: AccountArguments

        func run() throws {
            let enabled = try UsersCommand.setDisabled(account, false)
            print("enabled \(enabled.summary)")
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new password (ends the account's sessions).")
        @OptionGroup var account: AccountArguments
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (else one is made and printed once).")
        var passwordStdin = false

        func run() throws {
            let (password, generated) = try UsersCommand.newPassword(fromStandardInput: passwordStdin)
            try UsersCommand.withAccounts(account.hub) { accounts, _ in try accounts.resetPassword(account.username, to: password) }
            print("reset the password of \(account.username); their sessions have ended")
            UsersCommand.printPassword(password, generated: generated)
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an API token for an account (printed once; the store keeps its hash).")
        @OptionGroup var account: AccountArguments
        @Option(name: .long, help: "What the token is for.") var label = "token"

        func run() throws {
            let made = try UsersCommand.withUser(account) { user, _, store in
                try APITokens(database: store.database).create(userID: user.id, label: label)
            }
            print("token #\(made.token.id) for \(account.username) (\(made.token.label)), shown once:")
            print(made.value)
        }
    }

    struct RevokeToken: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke-token", abstract: "Revoke an API token by its number.")
        @OptionGroup var hub: HubOptions
        @Argument(help: "Token number (from `hnhub users token` or the Account page).") var id: Int64

        func run() throws {
            let revoked = try UsersCommand.withAccounts(hub) { _, store in try APITokens(database: store.database).revoke(id: id) }
            guard revoked else { throw HubFailure.unusable("no live token #\(id)") }
            print("revoked token #\(id)")
        }
    }
}

/// The account a `hnhub users` subcommand acts on: the hub's options and the user name.
struct AccountArguments: ParsableArguments {
    @OptionGroup var hub: HubOptions
    @Argument(help: "User name.") var username: String
}
