import HubKit
import HubStore

/// The read-only view of the store a metric plugin gets (also what `HubKitTesting` runs plugins on,
/// and the host's own readers, e.g. the scoping of a shared centre, that share code with plugins).
package final class StoreMetricContext: MetricContext {
    private let database: Database

    /// Opens its own read-only connection to the store file.
    package init(path: String) throws {
        database = try Database(path: path, readOnly: true)
        try database.execute("PRAGMA query_only = ON")
    }

    package func query(_ sql: String, _ arguments: [StoreValue], row: ([StoreValue]) throws -> Void) throws {
        let statement = try database.cached(sql)
        try statement.bind(arguments.map(Self.sqlValue))
        defer { statement.reset() }
        while try statement.step() {
            try row(statement.row().map(Self.storeValue))
        }
    }

    static func sqlValue(_ value: StoreValue) -> SQLValue {
        switch value {
        case .null: return .null
        case .integer(let v): return .integer(v)
        case .real(let v): return .real(v)
        case .text(let t): return .text(t)
        }
    }

    static func storeValue(_ value: SQLValue) -> StoreValue {
        switch value {
        case .null, .blob: return .null
        case .integer(let v): return .integer(v)
        case .real(let v): return .real(v)
        case .text(let t): return .text(t)
        }
    }
}
