import CSQLite

/// An error from SQLite, with the statement that failed.
package struct DatabaseError: Error, CustomStringConvertible, Sendable {
    package var code: Int32
    package var message: String
    package var sql: String?

    package var description: String {
        if let sql { return "SQLite error \(code): \(message) (in: \(sql.prefix(200)))" }
        return "SQLite error \(code): \(message)"
    }
}

/// A connection to one SQLite database file: a thin wrapper over the C API.
///
/// Not thread-safe: use one connection per thread of work.
package final class Database {
    /// The raw handle, for the few calls this wrapper does not cover (authorizer, progress handler).
    package let handle: OpaquePointer
    package let path: String
    package let isReadOnly: Bool
    private var statementCache: [String: Statement] = [:]

    /// Opens (creating when `readOnly` is false) the database at `path`.
    ///
    /// Read-only, a WAL store whose folder cannot be written (so SQLite cannot create the `-shm`
    /// file its readers share) is opened as immutable instead: nothing can be writing it then, as
    /// a writer would need that folder too (docs/input-rules.md).
    package init(path: String, readOnly: Bool = false) throws {
        _ = Self.configured
        let flags = readOnly
            ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        var db = try Self.open(path, flags: flags)
        if readOnly, sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nil, nil, nil) != SQLITE_OK {
            sqlite3_close_v2(db)
            db = try Self.open(Self.immutableURI(path), flags: flags | SQLITE_OPEN_URI, shownAs: path)
        }
        handle = db
        self.path = path
        isReadOnly = readOnly
        sqlite3_busy_timeout(db, 5_000)
        sqlite3_extended_result_codes(db, 1)
    }

    private static func open(_ name: String, flags: Int32, shownAs path: String? = nil) throws -> OpaquePointer {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(name, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw DatabaseError(code: rc, message: "\(path ?? name): \(message)")
        }
        return db
    }

    /// `file:PATH?immutable=1`, with the characters a URI gives meaning to escaped.
    static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0 ..< 0x21, 0x7F...:
                escaped += "%" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            default:
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return "file:\(escaped)?immutable=1"
    }

    /// Process-wide SQLite settings, applied once before the library initialises: no memory
    /// statistics (they take a global mutex on every allocation, on every thread).
    private static let configured: Bool = {
        _ = csqlite_disable_memory_statistics()
        return true
    }()

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows.
    package func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(error)
            throw DatabaseError(code: rc, message: message, sql: sql)
        }
    }

    /// Runs one statement with arguments.
    package func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        let statement = try cached(sql)
        try statement.bind(arguments)
        try statement.run()
    }

    /// A new prepared statement (not cached).
    package func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// A prepared statement kept for reuse on this connection; reset before it is returned.
    package func cached(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            statement.reset()
            return statement
        }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    /// All rows of a query.
    package func rows(_ sql: String, _ arguments: [SQLValue] = []) throws -> [[SQLValue]] {
        let statement = try cached(sql)
        try statement.bind(arguments)
        var result: [[SQLValue]] = []
        while try statement.step() { result.append(statement.row()) }
        statement.reset()
        return result
    }

    /// The first column of the first row, or nil.
    package func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue? {
        try rows(sql, arguments).first?.first
    }

    /// How long a statement waits for another connection's lock before it fails with SQLITE_BUSY
    /// (5 seconds unless set).
    package func setBusyTimeout(seconds: Int) {
        sqlite3_busy_timeout(handle, Int32(clamping: seconds * 1000))
    }

    package var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    /// Rows the last INSERT, UPDATE or DELETE changed.
    package var changes: Int { Int(sqlite3_changes(handle)) }
    /// Rows changed since the connection opened, counting those foreign-key cascades deleted.
    package var totalChanges: Int { Int(sqlite3_total_changes(handle)) }
    package var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    package func transaction<T>(_ body: () throws -> T) throws -> T {
        try begin()
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            try? rollback()
            throw error
        }
    }

    /// Starts a write transaction now (`BEGIN IMMEDIATE`), for work whose end ``transaction(_:)``
    /// cannot bracket; end it with ``commit()`` or ``rollback()``.
    package func begin() throws { try execute("BEGIN IMMEDIATE") }

    package func commit() throws { try execute("COMMIT") }

    package func rollback() throws { try execute("ROLLBACK") }
}
