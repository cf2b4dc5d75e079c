import Foundation

/// One linear equality over nonnegative variables: `Σ coefficient × x[variable] = constant`.
public struct LinearEquation: Sendable {
    /// (variable index, coefficient); a variable may appear once.
    public var terms: [(variable: Int, coefficient: Double)]
    public var constant: Double

    public init(_ terms: [(variable: Int, coefficient: Double)], equals constant: Double) {
        self.terms = terms
        self.constant = constant
    }
}

/// A system `A x = b, x >= 0` over `variableCount` variables: the feasible region linear
/// programming optimises over (see docs/disclosure-control.md, "The auditor").
public struct LinearProgram: Sendable {
    public var variableCount: Int
    public var equations: [LinearEquation]

    public init(variableCount: Int, equations: [LinearEquation]) {
        self.variableCount = variableCount
        self.equations = equations
    }
}

/// What minimising an objective over a ``LinearProgram`` found.
public enum LinearProgramOutcome: Sendable, Equatable {
    /// The least value of the objective, and a point that reaches it.
    case optimal(value: Double, at: [Double])
    /// The objective decreases without limit on the feasible region.
    case unbounded
}

/// The interval a variable can take on the feasible region: `lower...upper`, `upper` nil when
/// the variable can grow without limit.
public struct VariableRange: Sendable, Equatable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double?

    public init(lower: Double, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    public var description: String {
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
public struct InfeasibleProgram: Error, Equatable, CustomStringConvertible {
    /// How far phase 1 stayed from feasibility (the sum of the artificial variables).
    public var residual: Double
    public var description: String { "the equations have no nonnegative solution (residual \(residual))" }
}
