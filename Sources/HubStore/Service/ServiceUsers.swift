/// The service's accounts as stored (`service_users`); the service gives them their meaning
/// (docs/service.md, "Accounts").
package struct ServiceUsers {
    /// One account row.
    package struct Row: Sendable, Hashable {
        package var id: Int64
        package var username: String
        /// `admin`, `analyst` or `group-viewer`.
        package var role: String
        package var laCode: String?
        package var groupName: String?
        package var disabled: Bool
        package var createdAt: String
    }

    static let columns = "id, username, role, la_code, group_name, disabled, created_at"

    /// The row of ``columns`` (or the same columns under an alias) starting at `row[0]`.
    static func user(_ row: [SQLValue]) -> Row {
        Row(id: row[0].int64 ?? 0, username: row[1].string ?? "", role: row[2].string ?? "", laCode: row[3].string,
            groupName: row[4].string, disabled: (row[5].int ?? 0) != 0, createdAt: row[6].string ?? "")
    }

    package let database: Database
    package init(database: Database) { self.database = database }

    /// Adds an account (enabled); returns its id.
    package func add(username: String, role: String, laCode: String?, groupName: String?, passwordHash: String,
                    at time: String) throws -> Int64 {
        try database.execute("""
            INSERT INTO service_users (username, role, la_code, group_name, password_hash, created_at, password_changed_at)
            VALUES (?,?,?,?,?,?,?)
            """, [.text(username), .text(role), SQLValue(laCode), SQLValue(groupName), .text(passwordHash),
                  .text(time), .text(time)])
        return database.lastInsertedRowID
    }

    /// Every account, by name.
    package func all() throws -> [Row] {
        try database.rows("SELECT \(Self.columns) FROM service_users ORDER BY username").map(Self.user)
    }

    package func user(named username: String) throws -> Row? {
        try database.rows("SELECT \(Self.columns) FROM service_users WHERE username = ?", [.text(username)]).first.map(Self.user)
    }

    package func user(id: Int64) throws -> Row? {
        try database.rows("SELECT \(Self.columns) FROM service_users WHERE id = ?", [.integer(id)]).first.map(Self.user)
    }

    /// The account named `username` with its password hash, for checking a sign-in.
    package func userWithPasswordHash(named username: String) throws -> (user: Row, passwordHash: String?)? {
        try database.rows("SELECT \(Self.columns), password_hash FROM service_users WHERE username = ?", [.text(username)])
            .first.map { (Self.user($0), $0[7].string) }
    }

    package func setDisabled(id: Int64, _ disabled: Bool) throws {
        try database.execute("UPDATE service_users SET disabled = ? WHERE id = ?", [.integer(disabled ? 1 : 0), .integer(id)])
    }

    package func setPasswordHash(id: Int64, _ hash: String, at time: String) throws {
        try database.execute("UPDATE service_users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
                             [.text(hash), .text(time), .integer(id)])
    }
}
