/// A scope of a shared centre for a group (docs/scoping.md): the cohort, who is eligible for a site,
/// the demand ahead, and for each capacity the fill, money, uncertainty and each LA's places; the
/// sensitivity of the answer to each assumption; and, if asked, a shared specialist service.
///
/// ```swift
/// let scope = Scope(cohort: cohort, assumptions: assumptions, site: GridPoint(easting: 359_000, northing: 173_000))
/// for option in scope.options { print(option.capacity, option.money.breakEvenYear ?? 0) }
/// ```
package struct Scope: Sendable {
    package var cohort: Cohort
    package var assumptions: ScopeAssumptions
    package var site: GridPoint
    /// The site as given (URN and name, or the grid reference).
    package var siteLabel: String
    package var demand: DemandPaths
    package var eligibility: Eligibility
    package var options: [CentreOption]
    /// The option the sensitivity is computed for: the largest cumulative saving at the last year.
    package var referenceOption: Int
    package var sensitivity: [SensitivityLine]
    package var service: SharedService?
    /// The scenario's assumptions, when a scenario file was given (its result is a sensitivity line).
    package var scenario: ScopeAssumptions?

    /// `eligibility`, when given, is the cohort's for `site` and `assumptions`, already worked out.
    package init(cohort: Cohort, assumptions: ScopeAssumptions, site: GridPoint, siteLabel: String? = nil,
                demandSource: any DemandSource = HeldFlowDemand(), scenario: ScopeAssumptions? = nil,
                eligibility known: Eligibility? = nil) {
        self.cohort = cohort
        self.assumptions = assumptions
        self.site = site
        self.siteLabel = siteLabel ?? "\(Int(site.easting)),\(Int(site.northing))"
        self.scenario = scenario
        let demand = demandSource.paths(cohort: cohort, assumptions: assumptions)
        let eligibility = known ?? Eligibility(cohort: cohort, site: site, assumptions: assumptions)
        self.demand = demand
        self.eligibility = eligibility
        let options = assumptions.capacities.map { capacity in
            Self.option(capacity: capacity, inputs: eligibility.inputs, demand: demand, assumptions: assumptions)
        }
        self.options = options
        let finals = options.map { $0.money.years.last?.cumulativeSaving ?? 0 }
        referenceOption = finals.indices.max { finals[$0] < finals[$1] || (finals[$0] == finals[$1] && $0 > $1) } ?? 0
        sensitivity = assumptions.capacities.isEmpty ? [] : Sensitivity.lines(
            cohort: cohort, assumptions: assumptions, site: site, capacity: assumptions.capacities[referenceOption],
            demandSource: demandSource, scenario: scenario)
        service = assumptions.service.map { service in
            SharedService(caseloads: cohort.las.map { la in cohort.children.filter { $0.la == la }.count }, assumptions: service)
        }
    }

    /// The expected path of one capacity, then its simulations.
    static func option(capacity: Int, inputs: [LACentreInputs], demand: DemandPaths, assumptions: ScopeAssumptions) -> CentreOption {
        let fill = CentreFill(capacity: capacity, conversion: assumptions.centralConversion, ages: assumptions.ages)
        let years = assumptions.years
        let path = fill.expected(inputs, newPlacements: { demand.expected(la: $0, year: $1) }, years: years)
        let money = CentreMoney(path: path, inputs: inputs, assumptions: assumptions)
        var filled = [[Double]](repeating: [], count: years)
        var finals: [Double] = []
        var nearlyFull = 0, saving = 0
        let checkYear = min(3, years) - 1
        for simulation in 0..<demand.simulations {
            var random = ScopeRandom(assumptions.seed, 0x5C09E, UInt64(simulation))
            let simulated = fill.simulated(inputs, newPlacements: { la, year in
                DemandPaths.ncyRange.map { Double(demand.drawn(simulation: simulation, la: la, year: year, ncy: $0)) }
            }, years: years, random: &random)
            for (year, record) in simulated.enumerated() { filled[year].append(record.filled) }
            if checkYear >= 0, simulated[checkYear].filled >= ScopeDefaults.nearlyFull * Double(capacity) - 1e-9 { nearlyFull += 1 }
            let final = CentreMoney(path: simulated, inputs: inputs, assumptions: assumptions).years.last?.cumulativeSaving ?? 0
            finals.append(final)
            if final > 0 { saving += 1 }
        }
        let runs = Double(max(demand.simulations, 1))
        return CentreOption(
            capacity: capacity, path: path, money: money,
            breakEvenPlaces: CentreMoney.breakEvenPlaces(inputs: inputs, assumptions: assumptions),
            fillBand: filled.map { (quantile($0, 0.1), quantile($0, 0.5), quantile($0, 0.9)) },
            cumulativeBand: (quantile(finals, 0.1), quantile(finals, 0.9)),
            probabilityNearlyFull: demand.simulations == 0 ? 0 : Double(nearlyFull) / runs,
            probabilityNetSaving: demand.simulations == 0 ? 0 : Double(saving) / runs,
            commitments: wholeShares(path.last?.occupancy ?? inputs.map { _ in 0 }))
    }
}
