import Foundation

/// The fallback demand (docs/scoping.md, "Demand"): each LA's new placements of the last year in the
/// scoped cells (children whose current placement in `--from-settings` started after the previous
/// census), by national curriculum year, grown each year by the group's recent growth of the cohort
/// (or `--growth`). Simulations draw each cell as a Poisson count around its expected value.
package struct HeldFlowDemand: DemandSource {
    package init() {}

    package func paths(cohort: Cohort, assumptions: ScopeAssumptions) -> DemandPaths {
        let growth = Self.growth(cohort: cohort, assumptions: assumptions)
        let members = Set(cohort.las)
        var base = [[Double]](repeating: [Double](repeating: 0, count: DemandPaths.ncyCount), count: cohort.las.count)
        let index = Dictionary(uniqueKeysWithValues: cohort.las.enumerated().map { ($1, $0) })
        for child in cohort.children where child.newPlacement && child.isFromSetting(assumptions.fromSettings, members: members) {
            guard let la = index[child.la], DemandPaths.ncyRange.contains(child.ncy) else { continue }
            base[la][child.ncy - DemandPaths.ncyRange.lowerBound] += 1
        }
        func expected(_ la: Int, _ year: Int, _ ncy: Int) -> Double {
            base[la][ncy - DemandPaths.ncyRange.lowerBound] * assumptions.demandScale * pow(growth, Double(year + 1))
        }
        let seed = assumptions.seed
        let description = "new placements of the last year in the scoped settings, held by NCY and grown "
            + String(format: "%.3f", growth) + " a year (hub fallback)"
        return DemandPaths(description: description, las: cohort.las, years: assumptions.years,
                           simulations: assumptions.simulations, expected: expected) { simulation, la, year, ncy in
            let mean = expected(la, year, ncy)
            guard mean > 0 else { return 0 }
            var random = ScopeRandom(seed, 0xDE3A4D, UInt64(simulation), UInt64(la), UInt64(year), UInt64(ncy + 10))
            return random.poisson(mean)
        }
    }

    /// Yearly growth: `--growth`, else the group's cohort now over the census before, else 1.
    package static func growth(cohort: Cohort, assumptions: ScopeAssumptions) -> Double {
        assumptions.demandGrowth ?? cohort.recentGrowth ?? 1
    }
}
