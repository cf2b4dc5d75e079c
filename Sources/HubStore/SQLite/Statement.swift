import CSQLite
import HubKit

/// A value bound to or read from SQLite.
package enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    package var int: Int? {
        switch self {
        case .integer(let v): return Int(v)
        case .real(let v): return Int(v)
        case .text(let t): return Int(t)
        default: return nil
        }
    }
    package var int64: Int64? { int.map(Int64.init) }
    package var double: Double? {
        switch self {
        case .integer(let v): return Double(v)
        case .real(let v): return v
        case .text(let t): return Double(t)
        default: return nil
        }
    }
    package var string: String? {
        switch self {
        case .text(let t): return t
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        default: return nil
        }
    }
    package var bytes: [UInt8]? {
        if case .blob(let b) = self { return b }
        return nil
    }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    package init(stringLiteral value: String) { self = .text(value) }
    package init(integerLiteral value: Int64) { self = .integer(value) }
    package init(nilLiteral: ()) { self = .null }
}

extension SQLValue {
    package init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    package init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    package init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
    package init(_ value: Bool?) { self = value.map { .integer($0 ? 1 : 0) } ?? .null }
}

/// A prepared statement. Bind by position (1-based in SQLite, 0-based arrays here).
package final class Statement {
    let handle: OpaquePointer
    package let sql: String
    private unowned let database: Database

    init(database: Database, sql: String) throws {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw DatabaseError(code: rc, message: database.lastErrorMessage, sql: sql)
        }
        handle = statement
        self.sql = sql
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    package func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    package func bind(_ values: [SQLValue]) throws {
        for (i, value) in values.enumerated() { try bind(value, at: Int32(i + 1)) }
    }

    package func bind(_ value: SQLValue, at index: Int32) throws {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
        case .real(let v): rc = sqlite3_bind_double(handle, index, v)
        case .text(let t): rc = sqlite3_bind_text(handle, index, t, -1, csqlite_transient())
        case .blob(let b):
            rc = b.withUnsafeBytes { raw in
                sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count), csqlite_transient())
            }
        }
        guard rc == SQLITE_OK else { throw DatabaseError(code: rc, message: database.lastErrorMessage, sql: sql) }
    }

    // Typed binders for the hot insert paths: no enum boxing.
    @inline(__always) package func bind(_ value: String?, at index: Int32) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        // Explicit byte length: no strlen, and no C-string bridging of the String.
        value.withUTF8 { utf8 in
            // An empty buffer may have no address, which SQLite would store as NULL.
            guard !utf8.isEmpty else {
                sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
                return
            }
            _ = utf8.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count), csqlite_transient())
            }
        }
    }
    @inline(__always) package func bind(_ value: Int?, at index: Int32) {
        if let value { sqlite3_bind_int64(handle, index, Int64(value)) } else { sqlite3_bind_null(handle, index) }
    }
    @inline(__always) package func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }
    @inline(__always) package func bind(_ value: Bool?, at index: Int32) {
        if let value { sqlite3_bind_int64(handle, index, value ? 1 : 0) } else { sqlite3_bind_null(handle, index) }
    }
    @inline(__always) package func bind(_ value: Double?, at index: Int32) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds a date as ISO `YYYY-MM-DD` text without building a String (hot path of imports).
    @inline(__always) package func bind(_ day: Day?, at index: Int32) {
        guard let day else {
            sqlite3_bind_null(handle, index)
            return
        }
        day.withISOBytes { text in
            _ = text.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(handle, index, chars.baseAddress, 10, csqlite_transient())
            }
        }
    }

    /// Steps once: true when a row is available.
    @discardableResult
    package func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let message = database.lastErrorMessage
            sqlite3_reset(handle)
            throw DatabaseError(code: rc, message: message, sql: sql)
        }
    }

    /// Runs a statement that returns no rows, then resets it.
    package func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Runs an INSERT and returns the new row id.
    @discardableResult
    package func insert() throws -> Int64 {
        try run()
        return sqlite3_last_insert_rowid(sqlite3_db_handle(handle))
    }

    package var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The current row.
    package func row() -> [SQLValue] { (0..<columnCount).map(value) }

    package func value(_ index: Int) -> SQLValue {
        let i = Int32(index)
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(handle, i)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, i))
            guard count > 0, let pointer = sqlite3_column_blob(handle, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default: return .null
        }
    }
}
