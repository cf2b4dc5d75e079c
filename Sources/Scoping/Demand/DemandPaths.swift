/// New placements a centre could take, year by year ahead (docs/scoping.md, "Demand"): per LA and
/// national curriculum year, the expected number and, per simulation, one drawn number. Counts are
/// of the scoped cells (need, age, current setting in `--from-settings`) before the distance limit,
/// which the scope applies. Any demand model gives its figures in this form: the hub's fallback
/// (``HeldFlowDemand``) or a forecast's simulations.
package struct DemandPaths: Sendable {
    /// National curriculum years a path covers (birth to 25).
    package static let ncyRange = -4...21
    package static var ncyCount: Int { ncyRange.count }

    /// Which model a path comes from, as outputs name it.
    package enum Model: String, Sendable {
        case flowModel = "forecast: cohort flow model"
        case heldFlows = "held flows (hub fallback)"
        case forecastCases = "forecast cases"
    }

    /// What the demand is, for the assumptions list.
    package var description: String
    /// The model the path comes from.
    package var path: Model = .heldFlows
    /// Where the figures come from, for the assumptions list (nil: the held flows' growth).
    package var source: String?
    package var las: [String]
    package var years: Int
    package var simulations: Int
    /// [LA index][year index][NCY - ncyRange.lowerBound].
    package var expected: [[[Double]]]
    /// [((simulation × LAs + LA) × years + year) × NCYs + NCY].
    private var draws: [UInt16]

    /// `expected(la, year, ncy)` and `draw(simulation, la, year, ncy)` give each cell (LA by index).
    package init(description: String, las: [String], years: Int, simulations: Int,
                expected: (Int, Int, Int) -> Double, draw: (Int, Int, Int, Int) -> Int) {
        self.description = description
        self.las = las
        self.years = years
        self.simulations = simulations
        let ncys = Self.ncyRange
        self.expected = las.indices.map { la in (0..<years).map { year in ncys.map { expected(la, year, $0) } } }
        var draws = [UInt16](repeating: 0, count: simulations * las.count * years * ncys.count)
        var index = 0
        for simulation in 0..<simulations {
            for la in las.indices {
                for year in 0..<years {
                    for ncy in ncys {
                        draws[index] = UInt16(clamping: draw(simulation, la, year, ncy))
                        index += 1
                    }
                }
            }
        }
        self.draws = draws
    }

    /// New placements drawn in one simulation (LA by index, NCY as a year, not an offset).
    package func drawn(simulation: Int, la: Int, year: Int, ncy: Int) -> Int {
        Int(draws[((simulation * las.count + la) * years + year) * Self.ncyCount + ncy - Self.ncyRange.lowerBound])
    }

    /// Expected new placements of one year and LA, by NCY offset.
    package func expected(la: Int, year: Int) -> [Double] { expected[la][year] }

    /// The group's new placements a year: the expected total as central, and the 10th (best) and
    /// 90th (worst) percentiles of the simulations' totals (the expected total without simulations).
    package func yearlyCases() -> [DemandCase] {
        (0..<years).map { year in
            let central = las.indices.map { expected[$0][year].reduce(0, +) }.reduce(0, +)
            guard simulations > 0 else { return DemandCase(central) }
            let totals = (0..<simulations).map { simulation in
                Double(las.indices.map { la in Self.ncyRange.map { drawn(simulation: simulation, la: la, year: year, ncy: $0) }.reduce(0, +) }
                    .reduce(0, +))
            }
            return DemandCase(central: central, best: quantile(totals, 0.1), worst: quantile(totals, 0.9))
        }
    }
}

/// A model of future new placements for a scope: the fallback below, or a forecast.
package protocol DemandSource: Sendable {
    /// New placements in the scope's cells, for each of the cohort's LAs and `assumptions.years` years.
    func paths(cohort: Cohort, assumptions: ScopeAssumptions) -> DemandPaths
}
