/// The two-phase simplex method on a dense tableau, for the small, sparse, often degenerate systems
/// disclosure auditing builds (a few hundred variables and equations per connected part).
///
/// Phase 1 runs once, in `init`: it finds a feasible basis (or proves there is none) and drops
/// redundant equations. Each ``minimize(_:)`` then starts phase 2 from the basis the previous one
/// ended on, so bounding every variable of a system costs a few pivots per objective.
///
/// Pivoting: the most negative reduced cost enters (Dantzig); after a run of pivots that do not
/// move the objective it switches to Bland's rule (lowest index enters, lowest basic index leaves
/// on ties), which cannot cycle. Numbers are doubles: values within `tolerance` of each other count
/// as equal, which is exact enough for counts of children (whole numbers of modest size).
package struct SimplexTableau: Sendable {
    /// Numbers closer than this are treated as equal.
    package static let tolerance = 1e-9

    package let variableCount: Int
    /// Rows after redundant equations are dropped.
    package private(set) var rowCount: Int
    /// Row-major, `variableCount + 1` numbers a row: the coefficients, then the right-hand side.
    private var cells: [Double]
    /// The basic variable of each row.
    private var basis: [Int]

    private var stride: Int { variableCount + 1 }

    /// Phase 1 on `program`. Throws ``InfeasibleProgram`` when `A x = b, x >= 0` has no solution.
    package init(_ program: LinearProgram) throws {
        let n = program.variableCount
        let m = program.equations.count
        // Phase 1 tableau: the variables, one artificial per row, the right-hand side.
        let width = n + m + 1
        var table = [Double](repeating: 0, count: m * width)
        for (row, equation) in program.equations.enumerated() {
            let sign: Double = equation.constant < 0 ? -1 : 1
            for term in equation.terms {
                precondition(term.variable >= 0 && term.variable < n, "variable \(term.variable) out of range")
                table[row * width + term.variable] += sign * term.coefficient
            }
            table[row * width + n + row] = 1
            table[row * width + n + m] = sign * equation.constant
        }
        var phase1 = Tableau(cells: table, width: width, rows: m, basis: (0..<m).map { n + $0 })
        var costs = [Double](repeating: 0, count: n + m)
        for artificial in n..<(n + m) { costs[artificial] = 1 }
        _ = phase1.minimize(costs)
        let residual = phase1.objective(costs)
        // Relative to the right-hand sides: sums of money run to millions, where doubles keep ~1e-16
        // of the value.
        let scale = program.equations.reduce(1) { max($0, abs($1.constant)) }
        guard residual <= Self.tolerance * scale * Double(max(1, m)) else { throw InfeasibleProgram(residual: residual) }
        // Drive the artificials out of the basis; a row where none can leave is redundant.
        var row = 0
        while row < phase1.rows {
            if phase1.basis[row] >= n {
                if let column = (0..<n).first(where: { abs(phase1.at(row, $0)) > Self.tolerance }) {
                    phase1.pivot(row: row, column: column)
                } else {
                    phase1.removeRow(row)
                    continue
                }
            }
            row += 1
        }
        // Keep the variables' columns and the right-hand side.
        variableCount = n
        rowCount = phase1.rows
        var kept = [Double](repeating: 0, count: phase1.rows * (n + 1))
        for r in 0..<phase1.rows {
            for c in 0..<n { kept[r * (n + 1) + c] = phase1.at(r, c) }
            kept[r * (n + 1) + n] = phase1.at(r, width - 1)
        }
        cells = kept
        basis = phase1.basis
    }

    /// Minimises `Σ objective[v] × x[v]` (missing variables cost 0) over the feasible region,
    /// starting from the current basis.
    package mutating func minimize(_ objective: [Int: Double]) -> LinearProgramOutcome {
        var costs = [Double](repeating: 0, count: variableCount)
        for (variable, cost) in objective { costs[variable] = cost }
        var tableau = Tableau(cells: cells, width: stride, rows: rowCount, basis: basis)
        // Let go of this copy, so pivoting works on the one array instead of copying it.
        cells = []
        let bounded = tableau.minimize(costs)
        cells = tableau.cells
        basis = tableau.basis
        guard bounded else { return .unbounded }
        return .optimal(value: tableau.objective(costs), at: tableau.solution(variableCount))
    }

    /// The least and greatest value `variable` takes on the feasible region.
    package mutating func range(of variable: Int) -> VariableRange {
        let lower: Double
        if case .optimal(let value, _) = minimize([variable: 1]) { lower = value } else { lower = -.infinity }
        let upper: Double?
        if case .optimal(let value, _) = minimize([variable: -1]) { upper = -value } else { upper = nil }
        return VariableRange(lower: lower, upper: upper)
    }

    /// The current basic solution (a feasible point).
    package var solution: [Double] {
        Tableau(cells: cells, width: stride, rows: rowCount, basis: basis).solution(variableCount)
    }
}

/// The working tableau: rows of coefficients with the right-hand side last.
private struct Tableau {
    var cells: [Double]
    let width: Int
    var rows: Int
    var basis: [Int]

    private var columns: Int { width - 1 }

    func at(_ row: Int, _ column: Int) -> Double { cells[row * width + column] }

    /// The objective's value at the current basic solution.
    func objective(_ costs: [Double]) -> Double {
        (0..<rows).reduce(0) { $0 + costs[basis[$1]] * at($1, columns) }
    }

    func solution(_ count: Int) -> [Double] {
        var x = [Double](repeating: 0, count: count)
        for row in 0..<rows where basis[row] < count { x[basis[row]] = max(0, at(row, columns)) }
        return x
    }

    /// Simplex iterations to optimality; false when the objective is unbounded below.
    mutating func minimize(_ costs: [Double]) -> Bool {
        let tolerance = SimplexTableau.tolerance
        // Reduced costs d_j = c_j - c_B B^-1 A_j, kept up to date by each pivot.
        var reduced = Array(costs.prefix(columns))
        for row in 0..<rows {
            let cost = costs[basis[row]]
            guard cost != 0 else { continue }
            let base = row * width
            for column in 0..<columns where cells[base + column] != 0 { reduced[column] -= cost * cells[base + column] }
        }
        var stalled = 0
        while true {
            // Bland's rule after 50 pivots in a row that did not move the objective.
            let bland = stalled > 50
            var entering = -1
            var best = -tolerance
            for column in 0..<columns where reduced[column] < best {
                entering = column
                if bland { break }
                best = reduced[column]
            }
            guard entering >= 0 else { return true }
            var leaving = -1
            var ratio = Double.infinity
            for row in 0..<rows {
                let coefficient = at(row, entering)
                guard coefficient > tolerance else { continue }
                let candidate = max(0, at(row, columns)) / coefficient
                if candidate < ratio - tolerance || (candidate <= ratio + tolerance && leaving >= 0 && basis[row] < basis[leaving]) {
                    ratio = candidate
                    leaving = row
                }
            }
            guard leaving >= 0 else { return false }
            stalled = ratio <= tolerance ? stalled + 1 : 0
            let step = reduced[entering]
            pivot(row: leaving, column: entering)
            // The pivot row is now scaled: subtract step x row from the reduced costs.
            let base = leaving * width
            for column in 0..<columns where cells[base + column] != 0 { reduced[column] -= step * cells[base + column] }
            reduced[entering] = 0
        }
    }

    /// Makes `column` basic in `row`.
    mutating func pivot(row: Int, column: Int) {
        let (width, rows) = (self.width, self.rows)
        precondition(row >= 0 && row < rows && column >= 0 && column < width && cells.count >= rows * width)
        // The pivot row's nonzero entries, once scaled, as (column, value) pairs: the other rows
        // subtract multiples of these only (the same numbers, in the same order, as entry by entry).
        var nonzero = [Int](repeating: 0, count: width)
        var values = [Double](repeating: 0, count: width)
        var count = 0
        cells.withUnsafeMutableBufferPointer { table in
            let pivotRow = table.baseAddress! + row * width
            let scale = 1 / pivotRow[column]
            for c in 0..<width where pivotRow[c] != 0 {
                pivotRow[c] *= scale
                if abs(pivotRow[c]) < 1e-12 { pivotRow[c] = 0 } else {
                    nonzero[count] = c
                    count += 1
                }
            }
            pivotRow[column] = 1
            for k in 0..<count { values[k] = pivotRow[nonzero[k]] }
            nonzero.withUnsafeBufferPointer { nonzero in
                values.withUnsafeBufferPointer { values in
                    for other in 0..<rows where other != row {
                        let otherRow = table.baseAddress! + other * width
                        let factor = otherRow[column]
                        guard factor != 0 else { continue }
                        for k in 0..<count {
                            let c = nonzero[k]
                            let value = otherRow[c] - factor * values[k]
                            otherRow[c] = abs(value) < 1e-12 ? 0 : value
                        }
                        otherRow[column] = 0
                    }
                }
            }
        }
        basis[row] = column
    }

    mutating func removeRow(_ row: Int) {
        cells.removeSubrange((row * width)..<((row + 1) * width))
        basis.remove(at: row)
        rows -= 1
    }
}
