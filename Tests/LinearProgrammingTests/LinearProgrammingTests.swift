import LinearProgramming
import Testing

/// The simplex solver on problems small enough to solve by hand.
struct LinearProgrammingTests {
    /// `x + y = 4`: each of x and y can be anything from 0 to 4.
    @Test func oneEquationLeavesEachVariableBetweenZeroAndTheTotal() throws {
        var tableau = try SimplexTableau(LinearProgram(variableCount: 2, equations: [
            LinearEquation([(0, 1), (1, 1)], equals: 4),
        ]))
        #expect(tableau.range(of: 0) == VariableRange(lower: 0, upper: 4))
        #expect(tableau.range(of: 1) == VariableRange(lower: 0, upper: 4))
    }

    /// `x + y = 10, x - y = 2` pins x = 6 and y = 4.
    @Test func twoIndependentEquationsPinBothVariables() throws {
        var tableau = try SimplexTableau(LinearProgram(variableCount: 2, equations: [
            LinearEquation([(0, 1), (1, 1)], equals: 10),
            LinearEquation([(0, 1), (1, -1)], equals: 2),
        ]))
        #expect(tableau.range(of: 0) == VariableRange(lower: 6, upper: 6))
        #expect(tableau.range(of: 1) == VariableRange(lower: 4, upper: 4))
    }

    /// A hidden age band: bands a + b + c = 5 and b + c = 3 (a subtotal) leave a = 2 exactly,
    /// while b and c stay between 0 and 3.
    @Test func aSubtotalSubtractedFromItsTotalPinsTheRest() throws {
        var tableau = try SimplexTableau(LinearProgram(variableCount: 3, equations: [
            LinearEquation([(0, 1), (1, 1), (2, 1)], equals: 5),
            LinearEquation([(1, 1), (2, 1)], equals: 3),
        ]))
        #expect(tableau.range(of: 0) == VariableRange(lower: 2, upper: 2))
        #expect(tableau.range(of: 1) == VariableRange(lower: 0, upper: 3))
        #expect(tableau.range(of: 2) == VariableRange(lower: 0, upper: 3))
    }

    /// `x - y = 1`: x is at least 1 and has no upper bound.
    @Test func aDifferenceAloneLeavesTheUpperBoundOpen() throws {
        var tableau = try SimplexTableau(LinearProgram(variableCount: 2, equations: [
            LinearEquation([(0, 1), (1, -1)], equals: 1),
        ]))
        #expect(tableau.range(of: 0) == VariableRange(lower: 1, upper: nil))
        #expect(tableau.range(of: 1) == VariableRange(lower: 0, upper: nil))
        #expect(tableau.range(of: 0).description == "1..inf")
    }

    /// Minimise x + 2y subject to x + y = 3 and x + s = 2 (x at most 2): x = 2, y = 1, cost 4.
    @Test func theMinimumAndAPointThatReachesIt() throws {
        var tableau = try SimplexTableau(LinearProgram(variableCount: 3, equations: [
            LinearEquation([(0, 1), (1, 1)], equals: 3),
            LinearEquation([(0, 1), (2, 1)], equals: 2),
        ]))
        #expect(tableau.minimize([0: 1, 1: 2]) == .optimal(value: 4, at: [2, 1, 0]))
        #expect(tableau.minimize([1: -1]) == .optimal(value: -3, at: [0, 3, 2]))
    }

    @Test func contradictoryEquationsAreInfeasible() {
        #expect(throws: InfeasibleProgram.self) {
            _ = try SimplexTableau(LinearProgram(variableCount: 1, equations: [
                LinearEquation([(0, 1)], equals: 1), LinearEquation([(0, 1)], equals: 2),
            ]))
        }
        // Nonnegative variables cannot add up to a negative total.
        #expect(throws: InfeasibleProgram.self) {
            _ = try SimplexTableau(LinearProgram(variableCount: 2, equations: [LinearEquation([(0, 1), (1, 1)], equals: -1)]))
        }
    }

    /// The same equation twice, once doubled: one row survives phase 1.
    @Test func redundantEquationsAreDropped() throws {
        var tableau = try SimplexTableau(LinearProgram(variableCount: 2, equations: [
            LinearEquation([(0, 1), (1, 1)], equals: 4),
            LinearEquation([(0, 2), (1, 2)], equals: 8),
        ]))
        #expect(tableau.rowCount == 1)
        #expect(tableau.range(of: 0) == VariableRange(lower: 0, upper: 4))
    }

    /// Beale's example, on which the most-negative-cost rule cycles forever without an
    /// anti-cycling rule; its optimum is -5/4 at x4 = 1, x6 = 1, x1 = 3/4.
    @Test func bealesCyclingExampleReachesItsOptimum() throws {
        var tableau = try SimplexTableau(LinearProgram(variableCount: 7, equations: [
            LinearEquation([(0, 1), (3, 0.25), (4, -8), (5, -1), (6, 9)], equals: 0),
            LinearEquation([(1, 1), (3, 0.5), (4, -12), (5, -0.5), (6, 3)], equals: 0),
            LinearEquation([(2, 1), (5, 1)], equals: 1),
        ]))
        guard case .optimal(let value, let x) = tableau.minimize([3: -0.75, 4: 20, 5: -0.5, 6: 6]) else {
            Issue.record("Beale's example is bounded")
            return
        }
        #expect(abs(value + 1.25) < 1e-9)
        #expect(x.map { ($0 * 1e6).rounded() / 1e6 } == [0.75, 0, 0, 1, 0, 1, 0])
    }
}
