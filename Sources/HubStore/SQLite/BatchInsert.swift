import CSQLite
import HubKit

/// A multi-row `INSERT` into one table, for the import's hot path: a batch of N rows runs a
/// handful of statements of 32, 8, 2 or 1 rows (`INSERT ... VALUES (...), (...), ...`) instead of N,
/// so SQLite opens its cursors and checks its transaction once a statement, not once a row. Text
/// is copied into an arena that the statement reads in place, instead of into a SQLite allocation
/// a value.
///
/// Rows are bound in order through a `RowBinder`, one `bind` a column in the table's column order.
package final class BatchInsert {
    package let table: String
    package let columns: [String]
    private let database: Database
    /// Prepared on first use, by rows a statement.
    private var statements: [Int: Statement] = [:]
    fileprivate let arena: Arena

    static let groupSizes = [32, 8, 2, 1]

    package init(database: Database, table: String, columns: [String]) {
        self.database = database
        self.table = table
        self.columns = columns
        // Enough for the largest group of rows of short codes and dates; longer text falls back
        // to a SQLite copy (see `RowBinder.bind(_:String?)`).
        arena = Arena(capacity: 64 << 10)
    }

    /// Inserts `count` rows; `bindRow(&binder, i)` binds row `i`'s columns in order.
    package func insert(count: Int, _ bindRow: (inout RowBinder, Int) throws -> Void) throws {
        var rows = self.rows(count: count)
        for i in 0..<count { try rows.add { try bindRow(&$0, i) } }
        rows.finish()
    }

    /// Rows to add one at a time, `count` in all (for rows found by walking nested records). One
    /// `BatchRows` of an insert at a time: they share its text arena.
    package func rows(count: Int) -> BatchRows { BatchRows(insert: self, remaining: count) }

    fileprivate func statement(forRemaining remaining: Int) throws -> (Statement, rows: Int) {
        let size = Self.groupSizes.first { $0 <= remaining }!
        return (try statement(rows: size), size)
    }

    private func statement(rows: Int) throws -> Statement {
        if let statement = statements[rows] { return statement }
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ",")
        // Kept by the connection: each return's writer uses the same statements, prepared once.
        let statement = try database.cached(sql)
        statements[rows] = statement
        return statement
    }

    /// Bytes that bound text points into until the statement has run.
    final class Arena {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        var used = 0

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        deinit { base.deallocate() }
    }
}

/// The rows of one `BatchInsert.rows(count:)`: each `add` binds a row; a statement runs as soon
/// as its rows are bound.
package struct BatchRows {
    fileprivate let insert: BatchInsert
    fileprivate var remaining: Int
    private var statement: Statement?
    private var binder: RowBinder?
    private var rowsLeftInStatement = 0

    fileprivate init(insert: BatchInsert, remaining: Int) {
        self.insert = insert
        self.remaining = remaining
    }

    /// Binds the next row: `bind` binds each column in order.
    package mutating func add(_ bind: (inout RowBinder) throws -> Void) throws {
        precondition(remaining > 0, "\(insert.table): more rows than counted")
        if rowsLeftInStatement == 0 {
            let (statement, rows) = try insert.statement(forRemaining: remaining)
            self.statement = statement
            binder = RowBinder(statement: statement.handle, arena: insert.arena)
            rowsLeftInStatement = rows
        }
        let expected = binder!.next + Int32(insert.columns.count)
        try bind(&binder!)
        precondition(binder!.next == expected, "\(insert.table): a row bound \(binder!.next - expected + Int32(insert.columns.count)) of \(insert.columns.count) columns")
        remaining -= 1
        rowsLeftInStatement -= 1
        if rowsLeftInStatement == 0 { try statement!.run() }
    }

    /// Checks that every counted row was added (and so stored).
    package func finish() {
        precondition(remaining == 0, "\(insert.table): \(remaining) counted rows never added")
    }
}

/// Binds one statement's parameters in order (see `BatchInsert`).
package struct RowBinder {
    fileprivate let statement: OpaquePointer
    fileprivate let arena: BatchInsert.Arena
    fileprivate var next: Int32 = 1

    fileprivate init(statement: OpaquePointer, arena: BatchInsert.Arena) {
        self.statement = statement
        self.arena = arena
        arena.used = 0
    }

    package mutating func bind(_ value: Int64) {
        sqlite3_bind_int64(statement, next, value)
        next += 1
    }

    package mutating func bind(_ value: Int?) {
        if let value { sqlite3_bind_int64(statement, next, Int64(value)) } else { sqlite3_bind_null(statement, next) }
        next += 1
    }

    package mutating func bind(_ value: Bool?) {
        if let value { sqlite3_bind_int64(statement, next, value ? 1 : 0) } else { sqlite3_bind_null(statement, next) }
        next += 1
    }

    package mutating func bind(_ value: String?) {
        defer { next += 1 }
        guard var value else {
            sqlite3_bind_null(statement, next)
            return
        }
        value.withUTF8 { utf8 in bindText(utf8) }
    }

    /// A date as ISO `YYYY-MM-DD` text, written straight into the arena.
    package mutating func bind(_ day: Day?) {
        defer { next += 1 }
        guard let day else {
            sqlite3_bind_null(statement, next)
            return
        }
        day.withISOBytes { bindText($0) }
    }

    private func bindText(_ utf8: UnsafeBufferPointer<UInt8>) {
        let count = utf8.count
        guard count > 0 else {
            // An empty buffer may have no address, which SQLite would store as NULL.
            sqlite3_bind_text(statement, next, "", 0, csqlite_transient())
            return
        }
        guard arena.capacity - arena.used >= count else {
            _ = utf8.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(statement, next, chars.baseAddress, Int32(count), csqlite_transient())
            }
            return
        }
        let target = arena.base + arena.used
        target.update(from: utf8.baseAddress!, count: count)
        arena.used += count
        // Static: SQLite reads the arena in place; it is not touched again before the statement ran.
        target.withMemoryRebound(to: CChar.self, capacity: count) { chars in
            _ = sqlite3_bind_text(statement, next, chars, Int32(count), nil)
        }
    }
}
