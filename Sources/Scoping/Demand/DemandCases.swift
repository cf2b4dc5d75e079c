import Foundation

/// New placements of one scoped cell (an LA, a year ahead, a national curriculum year) as a
/// forecast gives them: the central figure and the best (fewer) and worst (more) cases.
package struct DemandCase: Sendable, Equatable {
    package var central: Double
    package var best: Double
    package var worst: Double

    /// Negative figures count as 0; best above central, or worst below it, count as central.
    package init(central: Double, best: Double, worst: Double) {
        self.central = max(0, central)
        self.best = min(max(0, best), self.central)
        self.worst = max(worst, self.central)
    }

    /// The same figure in every case.
    package init(_ figure: Double) { self.init(central: figure, best: figure, worst: figure) }

    /// The mean of a simulation whose standard normal draw is `z` (docs/scoping.md, "Demand"):
    /// best and worst are read as the 10th and 90th percentiles, so the distance from central to
    /// each is 1.2816 standard deviations on its side; never below 0.
    package func mean(z: Double) -> Double {
        let spread = z >= 0 ? worst - central : central - best
        return max(0, central + z * spread / 1.2816)
    }
}

/// Demand given as cases per cell (docs/scoping.md, "Demand"): the way to drive a scope from a
/// forecast's central, best and worst new placements. The expected path is the central one; each
/// simulation draws one standard normal per LA, shared by all its cells and years (a high year is
/// followed by high years), sets each cell's mean from it (``DemandCase/mean(z:)``) and draws the
/// count as Poisson around that mean. `--growth` does not apply (the cases carry their own trend);
/// the sensitivity's scaling of new placements does.
package struct DemandCases: DemandSource {
    /// What the cases are, for the assumptions list (e.g. "hnhub forecast, person-level, 2025 origin").
    package var description: String
    /// LA code -> [year index][NCY - DemandPaths.ncyRange.lowerBound]; an LA, year or NCY not given
    /// has no new placements.
    package var cases: [String: [[DemandCase]]]

    package init(description: String, cases: [String: [[DemandCase]]]) {
        self.description = description
        self.cases = cases
    }

    /// The case of one cell (LA by code, NCY as a year group).
    package func cell(la: String, year: Int, ncy: Int) -> DemandCase {
        let offset = ncy - DemandPaths.ncyRange.lowerBound
        guard let years = cases[la], year < years.count, offset >= 0, offset < years[year].count else { return DemandCase(0) }
        return years[year][offset]
    }

    /// The standard normal draw of one simulation and LA.
    package static func z(seed: UInt64, simulation: Int, la: Int) -> Double {
        var random = ScopeRandom(seed, 0xCA5E5, UInt64(simulation), UInt64(la))
        return random.normal()
    }

    package func paths(cohort: Cohort, assumptions: ScopeAssumptions) -> DemandPaths {
        let scale = assumptions.demandScale, seed = assumptions.seed
        let las = cohort.las
        let zs = (0..<assumptions.simulations).map { simulation in las.indices.map { Self.z(seed: seed, simulation: simulation, la: $0) } }
        var paths = DemandPaths(description: description, las: las, years: assumptions.years, simulations: assumptions.simulations,
                                expected: { la, year, ncy in cell(la: las[la], year: year, ncy: ncy).central * scale }) { simulation, la, year, ncy in
            let mean = cell(la: las[la], year: year, ncy: ncy).mean(z: zs[simulation][la]) * scale
            guard mean > 0 else { return 0 }
            var random = ScopeRandom(seed, 0xCA5E6, UInt64(simulation), UInt64(la), UInt64(year), UInt64(ncy + 10))
            return random.poisson(mean)
        }
        paths.path = .forecastCases
        return paths
    }
}
