import Foundation

/// One linear equality over nonnegative variables: `Σ coefficient × x[variable] = constant`.
package struct LinearEquation: Sendable {
    /// (variable index, coefficient); a variable may appear once.
    package var terms: [(variable: Int, coefficient: Double)]
    package var constant: Double

    package init(_ terms: [(variable: Int, coefficient: Double)], equals constant: Double) {
        self.terms = terms
        self.constant = constant
    }
}

/// A system `A x = b, x >= 0` over `variableCount` variables: the feasible region linear
/// programming optimises over (see docs/disclosure-control.md, "The auditor").
package struct LinearProgram: Sendable {
    package var variableCount: Int
    package var equations: [LinearEquation]

    package init(variableCount: Int, equations: [LinearEquation]) {
        self.variableCount = variableCount
        self.equations = equations
    }
}

/// What minimising an objective over a ``LinearProgram`` found.
package enum LinearProgramOutcome: Sendable, Equatable {
    /// The least value of the objective, and a point that reaches it.
    case optimal(value: Double, at: [Double])
    /// The objective decreases without limit on the feasible region.
    case unbounded
}

/// The interval a variable can take on the feasible region: `lower...upper`, `upper` nil when
/// the variable can grow without limit.
package struct VariableRange: Sendable, Equatable, CustomStringConvertible {
    package var lower: Double
    package var upper: Double?

    package init(lower: Double, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    package var description: String {
        "\(Self.text(lower))..\(upper.map(Self.text) ?? "inf")"
    }

    /// Whole numbers without decimals, others to two places.
    static func text(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        return String(format: "%.2f", rounded)
    }
}

/// The system has no solution.
package struct InfeasibleProgram: Error, Equatable, CustomStringConvertible {
    /// How far phase 1 stayed from feasibility (the sum of the artificial variables).
    package var residual: Double
    package var description: String { "the equations have no nonnegative solution (residual \(residual))" }
}
