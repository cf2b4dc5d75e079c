import Foundation

/// Runs submitted jobs one after another on a thread of its own, in submission order, so that a
/// return's parsing, validation and pseudonymisation (the importer's thread) overlap with its
/// SQLite inserts (this thread). A failed job stops the worker; the failure comes back from the
/// next `submit` or from `finish`.
///
/// The database connection is used by exactly one thread at a time: the worker between the
/// first `submit` and `finish`, the caller outside that window.
final class OrderedWorker: @unchecked Sendable {
    typealias Job = () throws -> Void

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [Job] = []
    private var running = false
    private var stopping = false
    private var failure: (any Error)?
    private var thread: Thread?
    /// Jobs waiting before `submit` blocks (back pressure keeps memory bounded).
    private let capacity: Int

    init(capacity: Int = 16) { self.capacity = capacity }

    /// Queues a job; blocks while the queue is full. Throws the failure of an earlier job.
    func submit(_ job: @escaping Job) throws {
        condition.lock()
        defer { condition.unlock() }
        if thread == nil { start() }
        while jobs.count >= capacity && failure == nil { condition.wait() }
        if let failure { throw failure }
        jobs.append(job)
        condition.broadcast()
    }

    /// Waits for every queued job, stops the thread and throws the first failure, if any.
    func finish() throws {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running || (!jobs.isEmpty && failure == nil && thread != nil) { condition.wait() }
        let failure = self.failure
        jobs.removeAll()
        condition.unlock()
        if let failure { throw failure }
    }

    /// Stops after the job in hand, dropping the rest (the caller is rolling back anyway).
    func abandon() {
        condition.lock()
        jobs.removeAll()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    /// Called with the lock held.
    private func start() {
        running = true
        let thread = Thread { [self] in self.loop() }
        thread.name = "hnhub store writer"
        self.thread = thread
        thread.start()
    }

    private func loop() {
        condition.lock()
        while true {
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty || failure != nil { break }
            let job = jobs.removeFirst()
            condition.broadcast()
            condition.unlock()
            do {
                try job()
                condition.lock()
            } catch {
                condition.lock()
                failure = error
                jobs.removeAll()
                break
            }
        }
        running = false
        condition.broadcast()
        condition.unlock()
    }
}
