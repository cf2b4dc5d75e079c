/// One year's money for a centre option (docs/scoping.md, "Money"), in pounds.
package struct MoneyYear: Sendable, Equatable, Codable {
    /// Fees no longer paid for the children at the centre (each LA's average fee of its eligible children).
    package var feesAvoided: Double
    /// Place cost × filled places, plus the fixed cost.
    package var centreCost: Double
    /// Transport rate × the change in home-to-school kilometres of the children at the centre.
    package var transportChange: Double
    /// The capital annuity.
    package var capital: Double
    package var netSaving: Double
    package var cumulativeSaving: Double
}

/// Money per year for one fill path, and the break-even figures.
package struct CentreMoney: Sendable {
    package var years: [MoneyYear]
    /// First year (1-based) whose cumulative saving is at least zero; nil when none is.
    package var breakEvenYear: Int?

    package init(path: [CentreYear], inputs: [LACentreInputs], assumptions: ScopeAssumptions) {
        var cumulative = 0.0
        var years: [MoneyYear] = []
        let annuity = assumptions.capitalAnnuity
        for year in path {
            var fees = 0.0, travel = 0.0
            for (la, input) in inputs.enumerated() {
                fees += year.occupancy[la] * input.fee
                travel += year.occupancy[la] * input.extraKilometres * assumptions.transportPerKilometre
            }
            let centre = assumptions.placeCost * year.filled + assumptions.fixedCost
            let net = fees - centre - travel - annuity
            cumulative += net
            years.append(MoneyYear(feesAvoided: fees, centreCost: centre, transportChange: travel, capital: annuity,
                                   netSaving: net, cumulativeSaving: cumulative))
        }
        self.years = years
        breakEvenYear = years.firstIndex { $0.cumulativeSaving >= 0 }.map { $0 + 1 }
    }

    /// Filled places at which a year's saving covers the costs that do not grow with places (fixed
    /// cost and capital): those costs ÷ (average fee − place cost − average transport change per
    /// child), with the averages over the eligible children. Nil when a place saves nothing.
    package static func breakEvenPlaces(inputs: [LACentreInputs], assumptions: ScopeAssumptions) -> Double? {
        let eligible = inputs.map(\.eligible).reduce(0, +)
        let weights = eligible > 0 ? inputs.map { $0.eligible / eligible } : inputs.map { _ in 1 / Double(max(inputs.count, 1)) }
        var fee = 0.0, travel = 0.0
        for (input, weight) in zip(inputs, weights) {
            fee += input.fee * weight
            travel += input.extraKilometres * assumptions.transportPerKilometre * weight
        }
        let margin = fee - assumptions.placeCost - travel
        guard margin > 0 else { return nil }
        return (assumptions.fixedCost + assumptions.capitalAnnuity) / margin
    }
}
