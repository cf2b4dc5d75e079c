import CSQLite
import Foundation

/// A read-only connection for SQL written by users (declarative metrics), with the limits of
/// docs/metric-sandbox.md:
///
/// * an authorizer allows reading only (SELECT, reads, recursive CTEs; every write, ATTACH, PRAGMA
///   and schema change is denied) and only the SQL functions of `allowedFunctions`;
/// * a progress handler checks the time every `progressInterval` VM steps and stops a statement
///   past its time limit;
/// * per-connection limits cap the size of any text or blob value (which bounds what one VM step
///   can allocate or scan), the statement's length and complexity, and the rows a query may return;
/// * temporary tables and sorts spill to files instead of growing in memory.
///
/// SQLite's process-wide heap limit is not used: it is only enforced with SQLite's memory
/// statistics on, which the import turns off (a global mutex on every allocation), and it would
/// limit every connection of the process, not this one.
package final class SandboxedDatabase {
    package let database: Database
    private let state = SandboxState()
    /// Seconds one query may run.
    package let timeLimit: TimeInterval

    /// The longest text or blob value (bytes) a query may make or read.
    package static let maxValueBytes: Int32 = 10_000
    /// The most rows one query may return.
    package static let maxRows = 10_000
    /// VM steps between two looks at the clock.
    package static let progressInterval: Int32 = 200

    /// The SQL functions a metric may call: aggregates, window functions, and the scalar functions
    /// for numbers, dates and short text. Nothing that makes large or random values (`randomblob`,
    /// `zeroblob`, `printf`/`format` with widths, `hex`), reads the environment (`sqlite_version`,
    /// `load_extension`, `fts3_tokenizer`) or parses documents (`json_*`).
    package static let allowedFunctions: Set<String> = [
        // aggregates
        "count", "sum", "total", "avg", "min", "max", "group_concat", "string_agg",
        // window functions
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
        "first_value", "last_value", "nth_value",
        // numbers
        "abs", "round", "sign", "ceil", "ceiling", "floor", "trunc", "sqrt", "pow", "power", "exp", "ln",
        "log", "log10", "log2", "mod",
        // choices and types
        "coalesce", "ifnull", "iif", "nullif", "typeof", "likely", "unlikely", "likelihood",
        // dates
        "date", "time", "datetime", "julianday", "strftime", "unixepoch",
        // short text
        "length", "lower", "upper", "substr", "substring", "trim", "ltrim", "rtrim", "replace", "instr",
        "like", "glob",
    ]

    /// What the authorizer of one connection writes: the function it denied last.
    final class SandboxState {
        var deniedFunction: String?
    }

    /// When the running statement must stop (seconds on `csqlite_monotonic_seconds`), read by the
    /// progress handler in C.
    private let deadline: UnsafeMutablePointer<Double> = {
        let pointer = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        pointer.initialize(to: .infinity)
        return pointer
    }()

    package init(path: String, timeLimit: TimeInterval = 5) throws {
        database = try Database(path: path, readOnly: true)
        self.timeLimit = timeLimit
        let handle = database.handle
        // Before the authorizer, which denies PRAGMA.
        try database.execute("PRAGMA temp_store = FILE")
        for (limit, value) in [
            (SQLITE_LIMIT_LENGTH, Self.maxValueBytes), (SQLITE_LIMIT_SQL_LENGTH, 100_000),
            (SQLITE_LIMIT_COLUMN, 200), (SQLITE_LIMIT_EXPR_DEPTH, 200), (SQLITE_LIMIT_COMPOUND_SELECT, 50),
            (SQLITE_LIMIT_VDBE_OP, 50_000), (SQLITE_LIMIT_FUNCTION_ARG, 8), (SQLITE_LIMIT_ATTACHED, 0),
            (SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100), (SQLITE_LIMIT_VARIABLE_NUMBER, 10),
            (SQLITE_LIMIT_WORKER_THREADS, 0),
        ] {
            sqlite3_limit(handle, limit, value)
        }
        let context = Unmanaged.passUnretained(state).toOpaque()
        sqlite3_set_authorizer(handle, { context, action, _, name, _, _ in
            switch action {
            case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE: return SQLITE_OK
            case SQLITE_FUNCTION:
                let function = name.map { String(cString: $0).lowercased() } ?? ""
                if SandboxedDatabase.allowedFunctions.contains(function) { return SQLITE_OK }
                if let context { Unmanaged<SandboxState>.fromOpaque(context).takeUnretainedValue().deniedFunction = function }
                return SQLITE_DENY
            default: return SQLITE_DENY
            }
        }, context)
        csqlite_stop_at_deadline(handle, Self.progressInterval, deadline)
    }

    deinit {
        sqlite3_progress_handler(database.handle, 0, nil, nil)
        deadline.deallocate()
    }

    /// Calls `body` with each row of `sql` as it is read. A query past the time limit, past a limit
    /// of the sandbox or calling a function that is not allowed fails with a message that says which.
    package func query(_ sql: String, row body: ([SQLValue]) throws -> Void) throws {
        deadline.pointee = csqlite_monotonic_seconds() + timeLimit
        state.deniedFunction = nil
        defer { deadline.pointee = .infinity }
        do {
            let statement = try database.prepare(sql)
            var count = 0
            while try statement.step() {
                count += 1
                guard count <= Self.maxRows else {
                    throw DatabaseError(code: SQLITE_TOOBIG, message: "more than \(Self.maxRows) rows, the sandbox's limit for one query", sql: sql)
                }
                try body(statement.row())
            }
        } catch let error as DatabaseError {
            throw explained(error, sql: sql)
        }
    }

    /// Every row of `sql` (see `query`).
    package func rows(_ sql: String) throws -> [[SQLValue]] {
        var rows: [[SQLValue]] = []
        try query(sql) { rows.append($0) }
        return rows
    }

    /// SQLite's error in the sandbox's words, where one of its limits caused it.
    private func explained(_ error: DatabaseError, sql: String) -> DatabaseError {
        switch error.code & 0xff {
        case SQLITE_INTERRUPT:
            return DatabaseError(code: error.code, message: "stopped after the time limit of \(String(format: "%g", timeLimit)) s", sql: sql)
        case _ where state.deniedFunction != nil && error.message.hasPrefix("not authorized"):
            return DatabaseError(code: error.code, message: "the function \(state.deniedFunction!)() is not allowed in a metric (docs/metric-sandbox.md lists the functions that are)", sql: sql)
        case SQLITE_TOOBIG where error.message.hasPrefix("string or blob too big"):
            return DatabaseError(code: error.code, message: "a text or blob value grew past \(Self.maxValueBytes) bytes, the sandbox's limit", sql: sql)
        case SQLITE_NOMEM:
            return DatabaseError(code: error.code, message: "ran out of memory", sql: sql)
        default:
            return error
        }
    }
}
