import CSQLite
import Foundation

/// A read-only connection for SQL written by users (declarative metrics): an authorizer allows
/// reading only (SELECT, reads, functions, recursive CTEs; every write, ATTACH, PRAGMA and schema
/// change is denied) and a progress handler stops any statement that runs past its time limit.
public final class SandboxedDatabase {
    public let database: Database
    private let deadline = Deadline()
    /// Seconds one query may run.
    public let timeLimit: TimeInterval

    final class Deadline {
        var time: TimeInterval = .infinity
    }

    public init(path: String, timeLimit: TimeInterval = 5) throws {
        database = try Database(path: path, readOnly: true)
        self.timeLimit = timeLimit
        sqlite3_set_authorizer(database.handle, { _, action, _, _, _, _ in
            switch action {
            case SQLITE_SELECT, SQLITE_READ, SQLITE_FUNCTION, SQLITE_RECURSIVE: return SQLITE_OK
            default: return SQLITE_DENY
            }
        }, nil)
        sqlite3_progress_handler(database.handle, 10_000, { pointer in
            guard let pointer else { return 0 }
            let deadline = Unmanaged<Deadline>.fromOpaque(pointer).takeUnretainedValue()
            return Date().timeIntervalSinceReferenceDate > deadline.time ? 1 : 0
        }, Unmanaged.passUnretained(deadline).toOpaque())
    }

    /// Every row of `sql`; a query past the time limit fails with a message that says so.
    public func rows(_ sql: String) throws -> [[SQLValue]] {
        deadline.time = Date().timeIntervalSinceReferenceDate + timeLimit
        defer { deadline.time = .infinity }
        do {
            let statement = try database.prepare(sql)
            var rows: [[SQLValue]] = []
            while try statement.step() { rows.append(statement.row()) }
            return rows
        } catch let error as DatabaseError where error.code == SQLITE_INTERRUPT {
            throw DatabaseError(code: error.code, message: "stopped after the time limit of \(String(format: "%g", timeLimit)) s", sql: sql)
        }
    }
}
