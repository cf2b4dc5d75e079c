import HubStore

/// What the person-level breakdown reads from the store for the LAs of one run: their children at
/// every census, the flows between consecutive censuses, and their population.
package struct PersonLevelInputs: Sendable {
    package var roster: CensusRoster
    package var flows: [ObservedFlows]
    package var population: [String: [Int: [Double]]]

    /// Census years an LA needs for its breakdown (two years of flows).
    package static let minimumYears = 3

    package init(roster: CensusRoster, population: [String: [Int: [Double]]]) {
        self.roster = roster
        flows = ObservedFlows.all(roster)
        self.population = population
    }

    package static func read(_ database: Database, las: Set<String>) throws -> PersonLevelInputs {
        PersonLevelInputs(roster: try CensusRoster.read(database, las: las), population: try PopulationTable.read(database, las: las))
    }

    /// True when the LA has at least `years` (``minimumYears`` unless said) census years, the last
    /// two consecutive.
    package func hasBreakdown(_ la: String, years minimum: Int = minimumYears) -> Bool {
        let years = roster.years(of: la)
        guard years.count >= minimum, let last = years.last else { return false }
        return years.contains(last - 1)
    }

    /// The LA's flow model, simulated from its last census. `minimumYears` is lowered only by the
    /// breakdown's backtest, whose early origins have a single pair of censuses to learn from.
    /// `tally` counts the new placements of every year by its cells too (``PlacementTally``);
    /// `statesKept` false keeps only the tally and the components (``FlowSimulations/statesKept``).
    package func simulate(_ la: String, horizon: Int, simulations: Int, seed: UInt64,
                         adjustments: [FlowAdjustment] = [], minimumYears: Int = minimumYears,
                         tally: PlacementTally? = nil, statesKept: Bool = true) -> FlowSimulations? {
        guard hasBreakdown(la, years: minimumYears), let last = roster.years(of: la).last,
              let parameters = FlowEstimation.parameters(la: la, flows: flows, population: population[la], lastYear: last) else {
            return nil
        }
        return FlowSimulator(parameters: parameters, start: roster.children[la]![last]!, adjustments: adjustments)
            .run(horizon: horizon, simulations: simulations, seed: seed, tally: tally, statesKept: statesKept)
    }

    /// Children who left one of `members` and are in another's next census, by the census they
    /// arrived at: transfers inside the group, which a group's own components leave out.
    package func transfersWithin(_ members: Set<String>) -> [Int: Int] {
        var byYear: [Int: Int] = [:]
        var at: [Int: [String: String]] = [:]   // year -> pseudonym -> member LA
        for la in members {
            for (year, children) in roster.children[la] ?? [:] {
                for child in children { if let key = child.pseudonym { at[year, default: [:]][key] = la } }
            }
        }
        for (year, children) in at {
            guard let next = at[year + 1] else { continue }
            for (key, la) in children { if let other = next[key], other != la { byYear[year + 1, default: 0] += 1 } }
        }
        return byYear
    }
}
