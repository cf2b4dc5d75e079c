import Foundation

/// Runs independent jobs on every core and hands back their outcomes in the jobs' order. Jobs are
/// started in the order given (each free thread takes the next one), so the longest should come first.
enum ConcurrentJobs {
    static func run<Job: Sendable, Outcome: Sendable>(_ jobs: [Job], _ body: @Sendable (Job) -> Outcome) -> [Outcome] {
        let outcomes = Slots<Outcome>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            outcomes.set(index, body(jobs[index]))
        }
        return outcomes.values
    }

    /// One slot per job, each written once by the thread that ran it.
    private final class Slots<Outcome: Sendable>: @unchecked Sendable {
        // @unchecked: every access holds `lock`.
        private let lock = NSLock()
        private var slots: [Outcome?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ outcome: Outcome) {
            lock.lock()
            slots[index] = outcome
            lock.unlock()
        }

        var values: [Outcome] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0! }
        }
    }
}
