import Foundation
import HubStore
import NIOPosix

/// The store as the running service uses it: many short reads on a small pool of connections, and
/// writes (sessions, tokens, audit, upload jobs) on one connection, off the request threads.
///
/// An import holds the store's write lock for its whole transaction (one file, one transaction),
/// so a write may wait for it: writes run on a thread pool with a long busy timeout, never on the
/// threads that serve pages. Reads never wait for a writer (the store is in WAL mode).
package final class ServiceStore: @unchecked Sendable {
    package let path: String
    private let lock = NSLock()
    private var idleReaders: [Database] = []
    private let writeLock = NSLock()
    private let writer: Database
    /// Seconds a write waits for the write lock before it fails.
    static let writeWaitSeconds = 120

    /// Opens the store at `path`, migrating an older schema first.
    package init(path: String) throws {
        self.path = path
        let store = try Store(path: path)
        writer = store.database
        writer.setBusyTimeout(seconds: Self.writeWaitSeconds)
    }

    /// Runs `body` on a reader connection (inline: reads are short and never wait for writers).
    package func read<T>(_ body: (Database) throws -> T) throws -> T {
        let database = try takeReader()
        defer { giveBack(database) }
        return try body(database)
    }

    /// Runs `body` on the writer connection on a pool thread and waits for it.
    package func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive { [self] in try writeNow(body) }
    }

    /// Runs `body` on the writer connection on this thread (the CLI, the import worker, tests).
    package func writeNow<T>(_ body: (Database) throws -> T) throws -> T {
        writeLock.lock()
        defer { writeLock.unlock() }
        return try body(writer)
    }

    private func takeReader() throws -> Database {
        lock.lock()
        if let database = idleReaders.popLast() {
            lock.unlock()
            return database
        }
        lock.unlock()
        let database = try Database(path: path, readOnly: true)
        database.setBusyTimeout(seconds: 5)
        return database
    }

    private func giveBack(_ database: Database) {
        lock.lock()
        defer { lock.unlock() }
        if idleReaders.count < 8 { idleReaders.append(database) }
    }
}
