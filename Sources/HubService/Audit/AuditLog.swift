import Foundation
import HubStore
import Synchronization

/// One line of the audit log (docs/service.md, "Audit").
package struct AuditEntry: Sendable, Equatable {
    package var at: String
    package var userID: Int64?
    package var username: String?
    package var role: String?
    package var laCode: String?
    /// `sign-in`, `sign-out`, `upload`, `download`, `view-findings`, `token-create`, `token-revoke`, `denied`, ...
    package var action: String
    /// What the action was about: an import, a file, a scope.
    package var target: String?
    /// `ok`, `refused` or `failed`.
    package var outcome: String
    package var client: String?

    package init(at: String, userID: Int64? = nil, username: String? = nil, role: String? = nil, laCode: String? = nil,
                action: String, target: String? = nil, outcome: String = "ok", client: String? = nil) {
        self.at = at
        self.userID = userID
        self.username = username
        self.role = role
        self.laCode = laCode
        self.action = action
        self.target = target
        self.outcome = outcome
        self.client = client
    }

    /// An entry about what `user` did now.
    package static func by(_ user: UserAccount?, action: String, target: String? = nil, outcome: String = "ok",
                          client: String? = nil, now: Date = Date()) -> AuditEntry {
        AuditEntry(at: AccountBook.timestamp(now), userID: user?.id, username: user?.username, role: user?.role.rawValue,
                   laCode: user?.laCode ?? user?.groupName, action: action, target: target, outcome: outcome, client: client)
    }
}

/// The audit log in the store (`service_audit`): written by the service, read by `hnhub audit`.
package struct AuditTrail {
    package let database: Database

    package init(database: Database) { self.database = database }

    package func append(_ entries: [AuditEntry]) throws {
        try ServiceAudit(database: database).append(entries.map { e in
            ServiceAudit.Row(at: e.at, userID: e.userID, username: e.username, role: e.role, laCode: e.laCode,
                             action: e.action, target: e.target, outcome: e.outcome, client: e.client)
        })
    }

    /// Entries, newest first, optionally of one user and/or action, since an ISO date or time.
    package func entries(username: String? = nil, action: String? = nil, since: String? = nil, limit: Int = 200) throws -> [AuditEntry] {
        try ServiceAudit(database: database).newest(username: username, action: action, since: since, limit: limit).map { row in
            AuditEntry(at: row.at, userID: row.userID, username: row.username, role: row.role, laCode: row.laCode,
                       action: row.action, target: row.target, outcome: row.outcome, client: row.client)
        }
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
                try await store.write { try AuditTrail(database: $0).append(batch) }
            } catch {
                // Kept for the next attempt: the log loses nothing while the store is busy.
                queue.withLock { $0.pending.insert(contentsOf: batch, at: 0) }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
