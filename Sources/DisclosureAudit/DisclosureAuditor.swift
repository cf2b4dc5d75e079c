import HubKit
import LinearProgramming

/// What a hidden cell must stay compatible with (docs/disclosure-control.md, "The protection interval").
package enum ProtectionRequirement: String, Sendable, Codable {
    /// A count of 1 to threshold - 1: the reader must not be able to rule out 0, nor the threshold.
    case primary
    /// Any other hidden count or sum of money above zero: the reader must not be able to pin it.
    case secondary
}

/// One hidden cell as a reader sees it.
package struct CellAudit: Sendable {
    package var cell: CellKey
    package var value: Double
    package var requirement: ProtectionRequirement
    /// Where linear arithmetic on everything shown leaves the cell. In a full audit the exact
    /// range; in a quick check, as far as the search went (enough to decide `protected`).
    package var range: VariableRange
    package var protected: Bool
    /// The hidden figures that show the cell (none for the rest of a partition).
    package var hiddenIn: [FigureKey]
}

/// The result of auditing one suppression pattern for one reader.
package struct AuditReport: Sendable {
    /// The LA reading with its own figures known; nil: a reader with no figures of its own.
    package var insider: String?
    package var cells: [CellAudit]
    /// Connected parts of the system bounded by linear programming, and their largest size.
    package var programs: Int
    package var largestProgram: Int

    package var unprotected: [CellAudit] { cells.filter { !$0.protected } }
    package var passed: Bool { unprotected.isEmpty }
}

/// Bounds every hidden cell by linear programming on the system of everything a reader is shown
/// (docs/disclosure-control.md, "The auditor"): shown figures are constants, hidden cells
/// nonnegative unknowns, partitions and totals equalities. A cell pinned tighter than its
/// protection interval fails the audit.
package struct DisclosureAuditor: Sendable {
    package let system: CountSystem
    package let threshold: Int

    package init(system: CountSystem, threshold: Int) {
        self.system = system
        self.threshold = threshold
    }

    private static let epsilon = 1e-6

    /// Audits `hidden` for `insider` (nil: an outsider). `exact`: compute every range in full (the
    /// auditor's listing); otherwise stop each cell's search once it is decided (suppression).
    package func audit(hidden: Set<FigureKey>, insider: String? = nil, exact: Bool = true) -> AuditReport {
        audit(AuditState(system: system, hidden: hidden, insider: insider, threshold: threshold), exact: exact)
    }

    func audit(_ state: AuditState, exact: Bool) -> AuditReport {
        var bounded = BoundedParts()
        return audit(state, exact: exact, bounded: &bounded)
    }

    /// As above, taking the ranges of a connected part from `bounded` when the same linear program
    /// was bounded before (a pattern's rounds and readers audit many of the same parts again), and
    /// keeping those it bounds.
    func audit(_ state: AuditState, exact: Bool, bounded: inout BoundedParts) -> AuditReport {
        var report = AuditReport(insider: state.insider, cells: [], programs: 0, largestProgram: 0)
        var ranges: [Int: VariableRange] = [:]
        for (cell, value) in state.derived { ranges[cell] = VariableRange(lower: value, upper: value) }
        for component in state.components() where component.contains(where: { state.required[$0] != nil })
            && (state.focus.map { focus in component.contains { focus.contains($0) } } ?? true) {
            report.programs += 1
            report.largestProgram = max(report.largestProgram, component.count)
            let program = PartProgram(component, state: state, exact: exact)
            let found = bounded.ranges[program] ?? bound(component, state: state, exact: exact)
            bounded.ranges[program] = found
            for (cell, range) in found { ranges[cell] = range }
        }
        for cell in state.required.keys.sorted(by: { system.cells[$0].key < system.cells[$1].key }) {
            let (requirement, figures) = state.required[cell]!
            // An insider's own part of a total is known to it: what is protected is the others' part.
            let own = state.ownPart[cell] ?? 0
            let whole = ranges[cell] ?? VariableRange(lower: own, upper: nil)
            let range = VariableRange(lower: whole.lower - own, upper: whole.upper.map { $0 - own })
            report.cells.append(CellAudit(cell: system.cells[cell].key, value: (system.cells[cell].value ?? 0) - own,
                                          requirement: requirement, range: range,
                                          protected: isProtected(range, requirement),
                                          hiddenIn: figures.sorted()))
        }
        return report
    }

    func isProtected(_ range: VariableRange, _ requirement: ProtectionRequirement) -> Bool {
        switch requirement {
        case .primary:
            return range.lower <= Self.epsilon && (range.upper.map { $0 >= Double(threshold) - Self.epsilon } ?? true)
        case .secondary:
            return range.upper.map { $0 - range.lower >= 1 - Self.epsilon } ?? true
        }
    }

    /// Ranges of the required cells of one connected part, by linear programming.
    private func bound(_ component: [Int], state: AuditState, exact: Bool) -> [Int: VariableRange] {
        let local = Dictionary(uniqueKeysWithValues: component.enumerated().map { ($1, $0) })
        let equations = state.equations(touching: component).map { equation in
            LinearEquation(equation.unknown.map { (local[$0.cell]!, $0.coefficient) }, equals: equation.constant)
        }
        guard var tableau = try? SimplexTableau(LinearProgram(variableCount: component.count, equations: equations)) else {
            // The true values satisfy every equation, so this means numbers too far apart for doubles:
            // report the part as unprotected rather than pass it unchecked.
            return Dictionary(uniqueKeysWithValues: component.map { cell in
                (cell, VariableRange(lower: system.cells[cell].value ?? 0, upper: system.cells[cell].value ?? 0))
            })
        }
        // Every feasible point seen so far is a witness of how low and high each cell can go.
        var lowest = component.map { system.cells[$0].value ?? 0 }
        var highest = lowest
        func witness(_ point: [Double]) {
            for (i, x) in point.enumerated() {
                lowest[i] = min(lowest[i], x)
                highest[i] = max(highest[i], x)
            }
        }
        var result: [Int: VariableRange] = [:]
        for cell in component {
            guard let (requirement, _) = state.required[cell] else { continue }
            let i = local[cell]!
            if exact {
                result[cell] = tableau.range(of: i)
                continue
            }
            let own = state.ownPart[cell] ?? 0
            let t = Double(threshold)
            let lowEnough = { requirement == .primary ? lowest[i] - own <= Self.epsilon : highest[i] - lowest[i] >= 1 - Self.epsilon }
            let highEnough = { requirement == .primary ? highest[i] - own >= t - Self.epsilon : highest[i] - lowest[i] >= 1 - Self.epsilon }
            var upperOpen = false
            if !lowEnough(), case .optimal(let value, let point) = tableau.minimize([i: 1]) {
                witness(point)
                lowest[i] = min(lowest[i], value)
            }
            if !highEnough() {
                switch tableau.minimize([i: -1]) {
                case .optimal(let value, let point):
                    witness(point)
                    highest[i] = max(highest[i], -value)
                case .unbounded:
                    upperOpen = true
                }
            }
            result[cell] = VariableRange(lower: lowest[i], upper: upperOpen ? nil : highest[i])
        }
        return result
    }
}

/// The ranges of connected parts already bounded, by the linear program that bounded them.
struct BoundedParts {
    var ranges: [PartProgram: [Int: VariableRange]] = [:]
}

/// Everything that decides the ranges ``DisclosureAuditor`` finds for one connected part of a
/// reader's system: its cells in order, its open equations in order (cells, coefficients and
/// constants, bit for bit), which cells must be protected and how, each one's known own part, and
/// whether every range is computed in full. Two parts with the same program get the same ranges.
struct PartProgram: Hashable {
    /// The part's cells, then for each equation its term count and term cells.
    var cells: [Int]
    /// Coefficients and constant of each equation, then each required cell's own part, as bit patterns.
    var numbers: [UInt64]
    /// Per cell of the part: 0 not required, 1 primary, 2 secondary.
    var requirements: [UInt8]
    var exact: Bool

    init(_ component: [Int], state: AuditState, exact: Bool) {
        cells = component
        numbers = []
        for equation in state.equations(touching: component) {
            cells.append(equation.unknown.count)
            for term in equation.unknown {
                cells.append(term.cell)
                numbers.append(term.coefficient.bitPattern)
            }
            numbers.append(equation.constant.bitPattern)
        }
        requirements = component.map { cell in
            switch state.required[cell]?.0 {
            case nil: return 0
            case .primary: return 1
            case .secondary: return 2
            }
        }
        for cell in component where state.required[cell] != nil {
            numbers.append((state.ownPart[cell] ?? 0).bitPattern)
        }
        self.exact = exact
    }
}

/// What one reader knows under one pattern: cells known outright, cells derived by substitution,
/// and the equations left with two or more unknowns.
struct AuditState {
    struct Equation {
        var unknown: [(cell: Int, coefficient: Double)]
        var constant: Double
        /// The shown figure the equation comes from (a side with several terms); nil: a relation.
        var figure: Int?
        var structural: Int?
    }

    let system: CountSystem
    let insider: String?
    /// Cells read from a shown figure, or the insider's own.
    var known: [Int: Double] = [:]
    /// Cells pinned by substitution.
    var derived: [Int: Double] = [:]
    /// Cells that must stay protected, with the hidden figures that show them.
    var required: [Int: (ProtectionRequirement, [FigureKey])] = [:]
    /// For an insider, its own part of each sum cell it is a member of.
    var ownPart: [Int: Double] = [:]
    /// Every cell of a hidden figure (with the figures), and every rest: what may need protecting.
    var candidates: [Int: [FigureKey]] = [:]
    /// When set, only connected parts with one of these cells can have changed since the outsider's
    /// audit (which passed): the others are not bounded again.
    var focus: Set<Int>?
    /// Every equation with its terms before substitution.
    var all: [Equation] = []
    /// Equations with two or more unknown cells after substitution.
    var open: [Equation] = []
    /// The equations (indexes into `all`) each cell is in.
    var equationsOfCell: [Int: [Int]] = [:]

    init(system: CountSystem, hidden: Set<FigureKey>, insider: String?, threshold: Int) {
        self.system = system
        self.insider = insider
        for (index, figure) in system.figures.enumerated() where !figure.published && !hidden.contains(figure.key) {
            for side in figure.sides {
                if let cell = side.directCell {
                    known[cell] = (side.value - side.constant) / side.terms[0].coefficient
                } else if !side.terms.isEmpty {
                    all.append(Equation(unknown: side.terms, constant: side.value - side.constant, figure: index))
                }
            }
        }
        if let insider {
            for (index, cell) in system.cells.enumerated() where cell.owner == insider {
                if let value = cell.value { known[index] = value }
            }
        }
        for (index, equation) in system.equations.enumerated() {
            all.append(Equation(unknown: equation.terms, constant: 0, structural: index))
        }
        for (index, equation) in all.enumerated() {
            for term in equation.unknown { equationsOfCell[term.cell, default: []].append(index) }
        }
        for figure in system.figures where !figure.published && hidden.contains(figure.key) {
            for cell in Set(figure.cells) { candidates[cell, default: []].append(figure.key) }
        }
        for (index, cell) in system.cells.enumerated() where cell.role == .rest { candidates[index] = candidates[index] ?? [] }
        classify(threshold: threshold)
        substitute(all)
    }

    /// An insider's view, from the outsider's of the same pattern when that one passed: the
    /// insider's own cells join what is known, and only the parts of the system they touch (and
    /// the totals the insider is a member of) are bounded again.
    init(insider: String, outsider: AuditState, threshold: Int) {
        system = outsider.system
        self.insider = insider
        all = outsider.all
        equationsOfCell = outsider.equationsOfCell
        known = outsider.known
        derived = outsider.derived
        candidates = outsider.candidates
        var own = Set<Int>()
        for (index, cell) in system.cells.enumerated() where cell.owner == insider {
            if let value = cell.value {
                known[index] = value
                own.insert(index)
            }
        }
        classify(threshold: threshold)
        let touched = outsider.open.filter { $0.unknown.contains { own.contains($0.cell) } }
        focus = Set(touched.flatMap { $0.unknown.map(\.cell) }).subtracting(own).union(ownPart.keys)
        substitute(outsider.open)
    }

    /// The requirement of each candidate cell for this reader.
    private mutating func classify(threshold: Int) {
        if let insider {
            for (sum, members) in system.sumMembers {
                let own = members.filter { system.cells[$0].owner == insider }
                if !own.isEmpty { ownPart[sum] = own.reduce(0) { $0 + (system.cells[$1].value ?? 0) } }
            }
        }
        for (cell, figures) in candidates {
            let info = system.cells[cell]
            guard let whole = info.value, known[cell] == nil else { continue }
            let value = whole - (ownPart[cell] ?? 0)
            if info.kind == .children && value > 0.5 && value < Double(threshold) - 0.5 {
                required[cell] = (.primary, figures)
            } else if insider == nil && info.kind != .reference && info.role == .count && value > 0.5 {
                // Secondary cells hide nothing small themselves: an LA's hidden count is checked for
                // the outsider (the reader every shared output is made for); primary ones for all.
                required[cell] = (.secondary, figures)
            }
        }
    }

    /// Substitutes known cells into `equations`, and solves those left with one unknown, until
    /// nothing changes.
    private mutating func substitute(_ equations: [Equation]) {
        var pending = equations
        var changed = true
        while changed {
            changed = false
            var next: [Equation] = []
            for var equation in pending {
                var constant = equation.constant
                equation.unknown = equation.unknown.filter { term in
                    if let value = known[term.cell] ?? derived[term.cell] {
                        constant -= value * term.coefficient
                        return false
                    }
                    return true
                }
                equation.constant = constant
                switch equation.unknown.count {
                case 0: continue
                case 1:
                    derived[equation.unknown[0].cell] = constant / equation.unknown[0].coefficient
                    changed = true
                default: next.append(equation)
                }
            }
            pending = next
        }
        open = pending
    }

    /// The unknown cells of the open equations, in connected parts.
    func components() -> [[Int]] {
        var parent: [Int: Int] = [:]
        func find(_ x: Int) -> Int {
            var root = x
            while let p = parent[root], p != root { root = p }
            var node = x
            while let p = parent[node], p != root { parent[node] = root; node = p }
            return root
        }
        for equation in open {
            for term in equation.unknown where parent[term.cell] == nil { parent[term.cell] = term.cell }
            let first = find(equation.unknown[0].cell)
            for term in equation.unknown.dropFirst() {
                let root = find(term.cell)
                if root != first { parent[root] = first }
            }
        }
        var groups: [Int: [Int]] = [:]
        for cell in parent.keys.sorted() { groups[find(cell), default: []].append(cell) }
        return groups.keys.sorted().map { groups[$0]! }
    }

    /// Every equation (before substitution) with one of `cells` in it.
    func relations(of cells: Set<Int>) -> [Equation] {
        Set(cells.flatMap { equationsOfCell[$0] ?? [] }).sorted().map { all[$0] }
    }

    /// The open equations over a connected part.
    func equations(touching component: [Int]) -> [Equation] {
        let cells = Set(component)
        return open.filter { cells.contains($0.unknown[0].cell) }
    }
}
