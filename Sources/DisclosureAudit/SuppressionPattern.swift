import Comparison
import HubKit

/// Which figures every output hides: one pattern for a hub's figures, computed once and read by
/// every output (table, CSV, JSON, workbook, report), so that combining outputs reveals nothing
/// one of them hides (docs/disclosure-control.md).
///
/// It is built to pass the auditor for an outsider and for every member LA reading with its own
/// figures known: an LA's own view shows its own figures and this pattern's choices for the rest.
package struct SuppressionPattern: Sendable, Equatable {
    /// Hidden figures: LAs' (unit = LA code) and totals' (unit = the total's key).
    package private(set) var hidden: Set<FigureKey>
    /// Hidden by the primary rule alone (a small count).
    package private(set) var primary: Set<FigureKey>
    /// Cells no further suppression could protect (empty unless the relations contradict each other).
    package private(set) var unresolved: [CellKey]
    /// Rounds of audit and further suppression it took.
    package private(set) var rounds: Int
    /// The totals the pattern was computed with (their keys); any other total is hidden, as
    /// nothing protects what it would reveal. Nil: a hand-made pattern, every total as given.
    package private(set) var totals: Set<String>?
    /// For a pattern over every purpose's outputs: each purpose's total keys (`group:NAME`) -> the
    /// key of the total over its members (``DisclosureInput/purposeTotals``); read through
    /// ``forPurpose(_:)``.
    package private(set) var purposeTotals: [String: [String: String]] = [:]

    /// A pattern that hides exactly `hidden` (e.g. to audit a hand-made pattern).
    package init(hiding hidden: Set<FigureKey>) {
        self.hidden = hidden
        primary = []
        unresolved = []
        rounds = 0
        totals = nil
    }

    /// The pattern as the outputs of one purpose read it: the same LA figures hidden, and each
    /// total under the key its outputs give it (`group:NAME`), hidden when the total over that
    /// purpose's members is. The pattern itself when it was not computed across purposes, or for a
    /// purpose it does not know (whose outputs then show no total the pattern did not model).
    package func forPurpose(_ purpose: String) -> SuppressionPattern {
        guard !purposeTotals.isEmpty else { return self }
        let keys = purposeTotals[purpose] ?? [:]
        let plainOf = Dictionary(keys.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let unionTotals = Set(purposeTotals.values.flatMap(\.values))
        func view(_ figures: Set<FigureKey>) -> Set<FigureKey> {
            Set(figures.compactMap { key in
                if let plain = plainOf[key.unit] {
                    return FigureKey(indicator: key.indicator, period: key.period, unit: plain)
                }
                return unionTotals.contains(key.unit) ? nil : key
            })
        }
        var viewed = SuppressionPattern(hiding: view(hidden))
        viewed.primary = view(primary)
        viewed.unresolved = unresolved
        viewed.rounds = rounds
        viewed.totals = Set(keys.keys)
        return viewed
    }

    /// True when an LA's figure must show as `c`.
    package func hides(_ indicator: String, period: String, la: String) -> Bool {
        hidden.contains(FigureKey(indicator: indicator, period: period, unit: la))
    }

    /// True when a total's figure must show as `c` (`total` as in ``TotalDefinition/key``).
    package func hidesTotal(_ indicator: String, period: String, total: String) -> Bool {
        if let totals, !totals.contains(total) { return true }
        return hidden.contains(FigureKey(indicator: indicator, period: period, unit: total))
    }

    /// Computes the pattern for `input`: primary suppression, then rounds of audit (an outsider,
    /// then each LA with hidden figures as an insider) where every cell pinned too tightly gets the
    /// cheapest further suppression in one of its relations, until every audit passes.
    ///
    /// For an input across purposes (``DisclosureInput/acrossPurposes(_:)``) the audit covers what
    /// every purpose's outputs show together, so a total over one purpose's members less the same
    /// total over another's reveals nothing hidden; outputs read it through ``forPurpose(_:)``.
    package static func compute(_ input: DisclosureInput) -> SuppressionPattern {
        var pattern = compute(system: CountSystem(input), threshold: input.control.threshold)
        pattern.totals = Set(input.totals.map(\.key))
        pattern.purposeTotals = input.purposeTotals
        return pattern
    }

    /// Each purpose's pattern computed from its own outputs alone, as they were before patterns
    /// covered every purpose, put together in `input`'s keys: an LA's figure is hidden when every
    /// purpose showing that LA hides it, a total when every purpose showing it hides it. For the
    /// auditor, to show what differencing across purposes recovers from such patterns; `input`
    /// as made by ``DisclosureInput/acrossPurposes(_:)`` (else the same as ``compute(_:)``).
    package static func computedSeparately(_ input: DisclosureInput) -> SuppressionPattern {
        guard !input.purposes.isEmpty else { return compute(input) }
        var shownBy: [FigureKey: Int] = [:]
        var hiddenBy: [FigureKey: Int] = [:]
        var primaryBy: [FigureKey: Int] = [:]
        for purpose in input.purposes {
            guard let alone = input.alone(purpose.purpose), let keys = input.purposeTotals[purpose.purpose] else {
                continue
            }
            let own = compute(alone)
            func unionKey(_ key: FigureKey) -> FigureKey {
                FigureKey(indicator: key.indicator, period: key.period, unit: keys[key.unit] ?? key.unit)
            }
            for key in CountSystem(alone).figureKeys { shownBy[unionKey(key), default: 0] += 1 }
            for key in own.hidden { hiddenBy[unionKey(key), default: 0] += 1 }
            for key in own.primary { primaryBy[unionKey(key), default: 0] += 1 }
        }
        var pattern = SuppressionPattern(hiding: Set(hiddenBy.filter { $0.value == shownBy[$0.key] }.keys))
        pattern.primary = Set(primaryBy.filter { $0.value == shownBy[$0.key] }.keys)
        pattern.totals = Set(input.totals.map(\.key))
        pattern.purposeTotals = input.purposeTotals
        return pattern
    }

    /// As above, on a system already built.
    package static func compute(system: CountSystem, threshold: Int) -> SuppressionPattern {
        let auditor = DisclosureAuditor(system: system, threshold: threshold)
        let primary = primaryOnly(system: system, threshold: threshold).hidden
        var pattern = SuppressionPattern(hiding: primary)
        pattern.primary = primary
        var bounded = BoundedParts()
        // Each round hides at least one more figure, so this ends; the bound is a guard only.
        for round in 1...(system.figures.count + 1) {
            pattern.rounds = round
            var failed: [CellKey] = []
            var added = false
            let insiders = Set(pattern.hidden.map(\.unit)).intersection(system.hubLAs).sorted()
            var outsider: AuditState?
            for reader in [nil] + insiders.map(Optional.some) {
                // Insiders are audited only once the outsider passed this round: from its view.
                let state = reader.flatMap { insider in outsider.map { AuditState(insider: insider, outsider: $0, threshold: threshold) } }
                    ?? AuditState(system: system, hidden: pattern.hidden, insider: reader, threshold: threshold)
                if reader == nil { outsider = state }
                let report = auditor.audit(state, exact: false, bounded: &bounded)
                // Cells this round's further suppression made unknown: a failure in a relation with
                // one of them waits for the next audit, which may find it protected already.
                var loosened = Set<Int>()
                for cell in report.unprotected {
                    failed.append(cell.cell)
                    guard let index = system.index(of: cell.cell) else { continue }
                    let relations = state.relations(of: [index])
                    if relations.contains(where: { $0.unknown.contains { loosened.contains($0.cell) } }) { continue }
                    if let fix = cheapestFix(for: cell, state: state, hidden: pattern.hidden, reader: reader, threshold: threshold) {
                        added = !fix.isSubset(of: pattern.hidden) || added
                        pattern.hidden.formUnion(fix)
                        for key in fix { loosened.formUnion(system.figure(key)?.cells ?? []) }
                    }
                }
                if !report.passed { break }
            }
            if failed.isEmpty { return pattern }
            if !added {
                pattern.unresolved = failed
                return pattern
            }
        }
        return pattern
    }

    /// Primary suppression alone: every figure showing, or built on, a count from 1 to threshold - 1.
    /// Not safe to publish (sums and differences recover its cells); the auditor shows why.
    package static func primaryOnly(system: CountSystem, threshold: Int) -> SuppressionPattern {
        let primary = Set(system.figures.filter { figure in
            !figure.published && (figure.cells + figure.builtOn).contains { cell in
                let info = system.cells[cell]
                guard info.kind == .children, let value = info.value else { return false }
                return value > 0.5 && value < Double(threshold) - 0.5
            }
        }.map(\.key))
        var pattern = SuppressionPattern(hiding: primary)
        pattern.primary = primary
        return pattern
    }

    /// The shown figures to hide so that `audit`'s cell gains room: among the relations and shown
    /// sums it is in, the cell whose hiding costs least: fewest figures hidden (a total counting
    /// three more, a partition's total such as the caseload twenty more, each step away from the
    /// cell two more), then the one in most of the cell's
    /// relations, a value big enough to cover the gap, then the smallest value.
    static func cheapestFix(for audit: CellAudit, state: AuditState, hidden: Set<FigureKey>, reader: String?,
                            threshold: Int) -> Set<FigureKey>? {
        let system = state.system
        guard let target = system.index(of: audit.cell) else { return nil }
        let needed = audit.requirement == .primary ? Double(threshold) - audit.value : 1
        struct Candidate {
            var fix: Set<FigureKey>
            var sum: Bool
            var value: Double
            var depth: Int
            /// The total of a partition: a headline count, hidden last.
            var headline = false
            var coverage = 0
        }
        // Relations of the cell, then of the unknown cells it shares them with (a hidden part pinned
        // by another relation is loosened there), two steps out.
        var candidates: [FigureKey: Candidate] = [:]
        func consider(_ fix: Set<FigureKey>, sum: Bool, value: Double, depth: Int, headline: Bool = false) {
            guard let first = fix.min() else { return }
            candidates[first, default: Candidate(fix: fix, sum: sum, value: value, depth: depth, headline: headline)].coverage += 1
        }
        var frontier: Set<Int> = [target]
        var seen: Set<Int> = []
        for depth in 0..<3 {
            var next: Set<Int> = []
            for equation in state.relations(of: frontier) {
                if let figure = equation.figure {
                    consider([system.figures[figure].key], sum: system.figures[figure].isTotal, value: .infinity, depth: depth)
                    continue
                }
                for term in equation.unknown where !frontier.contains(term.cell) {
                    let cell = system.cells[term.cell]
                    guard state.known[term.cell] != nil, cell.owner == nil || cell.owner != reader else {
                        if !seen.contains(term.cell) { next.insert(term.cell) }
                        continue
                    }
                    let figures = (system.showing[term.cell] ?? []).map { system.figures[$0] }
                        .filter { !$0.published && !hidden.contains($0.key) }.map(\.key)
                    consider(Set(figures), sum: cell.role == .sum, value: cell.value ?? 0, depth: depth,
                             headline: system.partitionTotals.contains(term.cell))
                }
            }
            seen.formUnion(frontier)
            frontier = next.subtracting(seen)
        }
        // Figures hidden, with two more for each step away from the cell and three more for a total
        // (people read totals first).
        return candidates.values.min { a, b in
            func rank(_ c: Candidate) -> (Int, Int, Int, Double, FigureKey) {
                (c.fix.count + 2 * c.depth + (c.sum ? 3 : 0) + (c.headline ? 20 : 0), -c.coverage, c.value >= needed ? 0 : 1,
                 c.value, c.fix.min()!)
            }
            return rank(a) < rank(b)
        }?.fix
    }
}

extension CountSystem {
    func index(of key: CellKey) -> Int? { indexByKey[key] }
}
