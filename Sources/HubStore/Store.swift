import CSQLite
import Foundation

/// The hub's SQLite store: opens the file with WAL and foreign keys on, and brings its schema up to
/// ``Migrations/current``.
package final class Store {
    package let database: Database

    /// Opens (and creates, unless `readOnly`) the store at `path`, migrating an older schema.
    /// A store written by a newer hnhub is refused rather than damaged.
    package init(path: String, readOnly: Bool = false) throws {
        database = try Database(path: path, readOnly: readOnly)
        if !readOnly {
            try database.execute("PRAGMA journal_mode = WAL")
            try database.execute("PRAGMA synchronous = NORMAL")
            // 8 MiB of page cache: an import touches every index of every module table.
            try database.execute("PRAGMA cache_size = -8192")
        }
        try database.execute("PRAGMA foreign_keys = ON")
        let version = try schemaVersion()
        if version > Migrations.current {
            throw StoreError.newerSchema(path: path, found: version, supported: Migrations.current)
        }
        if version < Migrations.current {
            guard !readOnly else {
                throw StoreError.needsMigration(path: path, found: version, current: Migrations.current)
            }
            try migrate(to: Migrations.current)
        }
    }

    /// Why this user cannot write the store at `path`, or nil when they can: the file must be
    /// writable, and so must its folder, where SQLite creates the `-wal` and `-shm` files it
    /// writes through (see docs/input-rules.md).
    package static func writeProblem(path: String) -> String? {
        if access(path, W_OK) != 0 {
            return "the store file \(path) is read-only for this user (\(String(cString: strerror(errno))))"
        }
        let folder = (path as NSString).deletingLastPathComponent
        let shown = folder.isEmpty ? "." : folder
        if access(shown, W_OK | X_OK) != 0 {
            let name = (path as NSString).lastPathComponent
            return "its folder \(shown) cannot be written by this user (\(String(cString: strerror(errno)))), and SQLite "
                + "must create \(name)-wal and \(name)-shm there to write the store"
        }
        return nil
    }

    /// The schema version recorded in the file (`PRAGMA user_version`).
    package func schemaVersion() throws -> Int {
        try database.scalar("PRAGMA user_version")?.int ?? 0
    }

    /// The schema version recorded in the store file at `path`, read without migrating it.
    package static func schemaVersion(ofFileAt path: String) throws -> Int {
        try Database(path: path, readOnly: true).scalar("PRAGMA user_version")?.int ?? 0
    }

    /// Applies the migrations after the current version, up to `target`, each in a transaction.
    package func migrate(to target: Int) throws {
        let from = try schemaVersion()
        for migration in Migrations.all where migration.version > from && migration.version <= target {
            try database.transaction {
                try database.execute(migration.sql)
                try database.execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }

    /// Creates a store at an older schema version (for migration tests and tools): the file gets
    /// exactly the migrations up to `version`.
    package static func createAtVersion(_ version: Int, path: String) throws {
        let database = try Database(path: path)
        try database.execute("PRAGMA journal_mode = WAL")
        for migration in Migrations.all where migration.version <= version {
            try database.transaction {
                try database.execute(migration.sql)
                try database.execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }
}

/// Problems opening a store.
package enum StoreError: Error, CustomStringConvertible {
    case newerSchema(path: String, found: Int, supported: Int)
    case needsMigration(path: String, found: Int, current: Int)
    case notFound(String)

    package var description: String {
        switch self {
        case let .newerSchema(path, found, supported):
            return "\(path): schema version \(found) was written by a newer hnhub (this one supports up to \(supported)); upgrade hnhub"
        case let .needsMigration(path, found, current):
            return "\(path): schema version \(found) needs migrating to \(current); open it once without read-only (e.g. hnhub init --db \(path))"
        case let .notFound(path):
            return "\(path): no hub store here; create one with: hnhub init --db \(path)"
        }
    }
}
