import Foundation

/// The store-writer thread of an import: runs submitted jobs one after another on a thread of its
/// own, in submission order, so that a return's parsing, validation and pseudonymisation (the
/// importer's thread) overlap with its SQLite inserts (this thread). It lives for a run of SEN2
/// returns: while it stores and commits return N, the importer thread already parses return N+1,
/// whose jobs queue behind return N's commit.
///
/// Each return's jobs carry its `Ticket`. A failed job fails its ticket only: the ticket's later
/// jobs are skipped, except its closing job (`always`), which rolls the transaction back. Other
/// tickets, before and after, are not affected.
///
/// The database connection is used by exactly one thread at a time: this thread while it runs,
/// the caller only once `stop` has returned (or before the first `submit`).
final class StoreWriter: @unchecked Sendable {
    typealias Job = () throws -> Void

    /// One return's jobs.
    final class Ticket: @unchecked Sendable {
        // Guarded by the writer's condition.
        fileprivate var failure: (any Error)?
        fileprivate var outcome: ImportOutcome?
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [(ticket: Ticket, always: Bool, job: Job)] = []
    private var running = false
    private var stopping = false
    private var thread: Thread?
    /// Jobs waiting before `submit` blocks (back pressure keeps memory bounded).
    private let capacity: Int
    /// What jobs are done with, released by the next `submit` on the submitting thread (guarded by
    /// `condition`).
    private var handedBack: [Any] = []

    init(capacity: Int = 16) { self.capacity = capacity }

    /// Queues a job of `ticket`; blocks while the queue is full. Throws the ticket's failure, if
    /// it has failed (an `always` job is queued regardless).
    func submit(_ ticket: Ticket, always: Bool = false, _ job: @escaping Job) throws {
        releaseHandedBack()
        condition.lock()
        defer { condition.unlock() }
        if thread == nil { start() }
        while jobs.count >= capacity && (always || ticket.failure == nil) { condition.wait() }
        if !always, let failure = ticket.failure { throw failure }
        jobs.append((ticket, always, job))
        condition.broadcast()
    }

    /// Hands `value` back to the submitting thread, which releases it at its next `submit`: records
    /// allocated by the importer thread are freed there, not here, so the two threads do not
    /// contend for one malloc arena.
    func handBack(_ value: Any) {
        condition.lock()
        handedBack.append(value)
        condition.unlock()
    }

    private func releaseHandedBack() {
        condition.lock()
        let values = handedBack
        handedBack = []
        condition.unlock()
        withExtendedLifetime(values) {}
    }

    /// Fails `ticket` (if it has not failed already): its queued jobs are skipped.
    func fail(_ ticket: Ticket, _ error: any Error) {
        condition.lock()
        if ticket.failure == nil { ticket.failure = error }
        condition.unlock()
    }

    /// The first failure of `ticket`'s jobs; call from a job of the ticket.
    func failure(of ticket: Ticket) -> (any Error)? {
        condition.lock()
        defer { condition.unlock() }
        return ticket.failure
    }

    /// Sets `ticket`'s outcome; call from its closing job.
    func settle(_ ticket: Ticket, _ outcome: ImportOutcome) {
        condition.lock()
        ticket.outcome = outcome
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for `ticket`'s closing job to settle it.
    func outcome(of ticket: Ticket) -> ImportOutcome {
        condition.lock()
        defer { condition.unlock() }
        while ticket.outcome == nil { condition.wait() }
        return ticket.outcome!
    }

    /// Whether `ticket` is settled (its outcome would not wait).
    func isSettled(_ ticket: Ticket) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return ticket.outcome != nil
    }

    /// Runs every queued job, then stops the thread; the connection is the caller's again. A later
    /// `submit` starts a new thread.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        thread = nil
        stopping = false
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
            if jobs.isEmpty { break }
            let (ticket, always, job) = jobs.removeFirst()
            condition.broadcast()
            if ticket.failure != nil && !always { continue }
            condition.unlock()
            do {
                try job()
                condition.lock()
            } catch {
                condition.lock()
                if ticket.failure == nil { ticket.failure = error }
                condition.broadcast()
            }
        }
        running = false
        condition.broadcast()
        condition.unlock()
    }
}
