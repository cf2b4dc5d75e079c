import Foundation
import HubStore
import Synchronization

extension AuditEntry {
    /// An entry about what `user` did now.
    package static func by(_ user: UserAccount?, action: String, target: String? = nil, outcome: String = "ok",
                          client: String? = nil, now: Date = Date()) -> AuditEntry {
        AuditEntry(at: AccountBook.timestamp(now), userID: user?.id, username: user?.username, role: user?.role.rawValue,
                   laCode: user?.laCode ?? user?.groupName, action: action, target: target, outcome: outcome, client: client)
    }
}

/// Collects audit entries from request handlers and writes them in order, in batches, off the
/// request threads (a write may wait for an import's transaction to end).
package final class AuditRecorder: Sendable {
    private struct Queue {
        var pending: [AuditEntry] = []
        var flushing = false
    }

    private let store: ServiceStore
    private let queue = Mutex(Queue())

    package init(store: ServiceStore) { self.store = store }

    package func record(_ entry: AuditEntry) {
        let start = queue.withLock { queue in
            queue.pending.append(entry)
            defer { queue.flushing = true }
            return !queue.flushing
        }
        if start { Task.detached { await self.drain() } }
    }

    /// Waits until every entry recorded so far is in the store.
    package func flush() async {
        while queue.withLock({ !$0.pending.isEmpty || $0.flushing }) {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    private func drain() async {
        while true {
            let batch = queue.withLock { queue in
                let batch = queue.pending
                queue.pending.removeAll()
                if batch.isEmpty { queue.flushing = false }
                return batch
            }
            if batch.isEmpty { return }
            do {
                try await store.write { try ServiceAudit(database: $0).append(batch) }
            } catch {
                // Kept for the next attempt: the log loses nothing while the store is busy.
                queue.withLock { $0.pending.insert(contentsOf: batch, at: 0) }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
