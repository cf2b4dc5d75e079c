import Foundation

/// Moves WAL checkpoints off the importing thread during a batch of imports.
///
/// By default SQLite checkpoints on the connection that commits, so every return's commit would
/// also copy its pages from the WAL into the database before the next return can start. During
/// a batch the store's own checkpointing is switched off and a second connection checkpoints
/// (PASSIVE: never blocking the writer) on a thread of its own; at the end one final checkpoint
/// truncates the WAL and the usual automatic checkpoints are switched back on.
package final class BackgroundCheckpoints: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopping = false
    private var running = true
    private let store: Store

    /// Starts checkpointing `store`'s file from a second connection every `interval` seconds.
    package init(store: Store, interval: TimeInterval = 0.25) throws {
        self.store = store
        try store.database.execute("PRAGMA wal_autocheckpoint = 0")
        let path = store.database.path
        let thread = Thread { [self] in
            let connection = try? Database(path: path)
            condition.lock()
            while !stopping {
                condition.unlock()
                _ = try? connection?.execute("PRAGMA wal_checkpoint(PASSIVE)")
                condition.lock()
                if !stopping { _ = condition.wait(until: Date().addingTimeInterval(interval)) }
            }
            running = false
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "hnhub checkpoints"
        thread.start()
    }

    /// Stops the thread, checkpoints what is left and restores automatic checkpoints.
    package func finish() throws {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
        try store.database.execute("PRAGMA wal_autocheckpoint = 1000")
        try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
