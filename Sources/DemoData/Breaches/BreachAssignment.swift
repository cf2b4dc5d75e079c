/// Which return each breach goes into (`--with-errors`): breaches are dealt out over the returns
/// of every authority and year the rule applies to, each from a different position in its file.
/// A breach that finds no suitable person in its return moves on to the next authority's returns;
/// one that finds none at all is reported as not broken.
struct BreachAssignment: Sendable {
    private struct FileKey: Hashable {
        let authority: Int
        let year: Int
    }

    private var queues: [FileKey: BreachQueue] = [:]
    private let years: [Int]
    private let authorities: Int
    /// Breaches written, in the order their returns were finished.
    private(set) var written: [IntendedBreach] = []
    /// Breaches no return could take, with why.
    private(set) var unbroken: [(breach: Breach, reason: String)] = []

    init(options: DemoOptions) {
        years = options.years.sorted()
        authorities = options.authorities.count
        guard options.withErrors else { return }
        let files = (0..<authorities).flatMap { a in years.map { FileKey(authority: a, year: $0) } }
        for (i, breach) in Breach.allCases.enumerated() {
            let eligible = files.filter { breach.years.contains($0.year) }
            guard !eligible.isEmpty else {
                unbroken.append((breach, "the rule applies to returns from \(breach.years.lowerBound) on; this set has none"))
                continue
            }
            let file = eligible[i % eligible.count]
            let spread = max(1, options.persons(at: file.authority) / 2)
            queues[file, default: BreachQueue()].add(breach, fromPerson: 1 + (i * 7) % spread)
        }
    }

    /// The breaches to write into the return of `authority` (index) and `year`.
    func queue(authority: Int, year: Int) -> BreachQueue {
        queues[FileKey(authority: authority, year: year)] ?? BreachQueue()
    }

    /// Takes note of what a finished return holds, and moves what it could not take on.
    mutating func finished(authority: Int, year: Int, file: String, queue: BreachQueue) {
        for item in queue.written {
            written.append(IntendedBreach(file: file, person: item.person, ruleID: item.breach.ruleID,
                                          severity: item.breach.severity, change: item.change))
        }
        for item in queue.pending {
            let years = self.years.filter { item.breach.years.contains($0) }
            let later = ((authority + 1)..<authorities).first.flatMap { a in
                years.first.map { FileKey(authority: a, year: $0) }
            }
            if let later {
                queues[later, default: BreachQueue()].add(item.breach, fromPerson: 1)
            } else {
                unbroken.append((item.breach, "no person in this set has what the edit needs (a larger --persons helps)"))
            }
        }
    }
}
