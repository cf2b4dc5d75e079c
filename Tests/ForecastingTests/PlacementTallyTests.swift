import Forecasting
import HubKit
import Testing

/// The flow model's tally of new placements (docs/forecasting.md): what a scope's demand path
/// counts is exactly the joiners and setting moves of the flow model's own components.
extension CohortFlowTests {
    @Test func everyNewPlacementIsAJoinerOrASettingMove() throws {
        // A tally with one cell for every state counts each year's joiners and movers, exactly.
        let inputs = PersonLevelInputs(roster: CohortFlowTests.roster, population: ["801": CohortFlowTests.population()])
        let run = try #require(inputs.simulate("801", horizon: 3, simulations: 40, seed: 7, tally: PlacementTally(cells: 1) { _ in 0 }))
        for simulation in 0..<40 {
            for year in 0..<3 {
                let components = run.components(simulation: simulation, yearIndex: year)
                #expect(run.newPlacements(simulation: simulation, yearIndex: year, cell: 0) == components.joiners + components.movers)
            }
        }
        // The tally changes nothing else: the same seed without it gives the same children.
        let plain = try #require(inputs.simulate("801", horizon: 3, simulations: 40, seed: 7))
        #expect(plain.components == run.components)
        #expect(plain.totals { _ in true } == run.totals { _ in true })
        // A tally of one need carries only that need's children, and counts what a run of every
        // child counts for it.
        let byNeed = try #require(inputs.simulate("801", horizon: 3, simulations: 40, seed: 7,
                                                  tally: PlacementTally(cells: PrimaryNeed.codes.count) { $0.need }))
        let oneNeed = try #require(inputs.simulate("801", horizon: 3, simulations: 40, seed: 7,
                                                   tally: PlacementTally(cells: 1) { $0.need == 1 ? 0 : nil }))
        #expect(oneNeed.totals { $0.need != 1 }.joined().allSatisfy { $0 == 0 })
        #expect(oneNeed.totals { $0.need == 1 } == plain.totals { $0.need == 1 })
        #expect((0..<40).allSatisfy { simulation in
            (0..<3).allSatisfy { byNeed.newPlacements(simulation: simulation, yearIndex: $0, cell: 1)
                == oneNeed.newPlacements(simulation: simulation, yearIndex: $0, cell: 0) }
        })
        #expect((0..<40).map { byNeed.newPlacements(simulation: $0, yearIndex: 2, cell: 1) }.reduce(0, +) > 0)
    }

    @Test func aTallyOfSomeYearGroupsCarriesOnlyChildrenWhoCanReachThem() throws {
        // Years 1-11 only: older children, and joiners past Year 11, are not carried.
        let inputs = PersonLevelInputs(roster: CohortFlowTests.roster, population: ["801": CohortFlowTests.population()])
        let years = 1...11
        let narrow = PlacementTally(cells: 1) { years.contains($0.ncy) ? 0 : nil }
        // The same cell, and a second at each end of the NCYs: every child carried.
        let ends = [FlowState.ncyRange.lowerBound, FlowState.ncyRange.upperBound]
        let wide = PlacementTally(cells: 2) { years.contains($0.ncy) ? 0 : ends.contains($0.ncy) ? 1 : nil }
        let carried = try #require(inputs.simulate("801", horizon: 3, simulations: 40, seed: 7, tally: narrow))
        let every = try #require(inputs.simulate("801", horizon: 3, simulations: 40, seed: 7, tally: wide))
        for simulation in 0..<40 {
            for year in 0..<3 {
                #expect(carried.newPlacements(simulation: simulation, yearIndex: year, cell: 0)
                    == every.newPlacements(simulation: simulation, yearIndex: year, cell: 0))
            }
        }
        #expect((0..<40).map { carried.newPlacements(simulation: $0, yearIndex: 1, cell: 0) }.reduce(0, +) > 0)
        #expect(carried.components(simulation: 0, yearIndex: 0).stockStart < every.components(simulation: 0, yearIndex: 0).stockStart)
        #expect(carried.totals { $0.ncy > 12 }.joined().allSatisfy { $0 == 0 })
    }

    @Test func aRunKeepingOnlyItsTallyCountsTheSameNewPlacements() throws {
        // What a scope keeps of a run: its tally and components, none of the children by state.
        let inputs = PersonLevelInputs(roster: CohortFlowTests.roster, population: ["801": CohortFlowTests.population()])
        let tally = PlacementTally(cells: 2) { $0.need == 1 ? ($0.setting == .mainstream ? 0 : 1) : nil }
        let whole = try #require(inputs.simulate("801", horizon: 3, simulations: 40, seed: 7, tally: tally))
        let tallied = try #require(inputs.simulate("801", horizon: 3, simulations: 40, seed: 7, tally: tally, statesKept: false))
        #expect(whole.statesKept && !tallied.statesKept)
        #expect(tallied.components == whole.components)
        for simulation in 0..<40 {
            for year in 0..<3 {
                for cell in 0..<2 {
                    #expect(tallied.newPlacements(simulation: simulation, yearIndex: year, cell: cell)
                        == whole.newPlacements(simulation: simulation, yearIndex: year, cell: cell))
                }
            }
        }
        // The weighted mean over the simulations, summed simulation by simulation.
        var sum = 0.0
        for simulation in 0..<40 {
            sum += Double(whole.newPlacements(simulation: simulation, yearIndex: 2, cell: 0)) * 0.25
            sum += Double(whole.newPlacements(simulation: simulation, yearIndex: 2, cell: 1)) * 1
        }
        #expect(tallied.meanNewPlacements(yearIndex: 2, cells: [(0, 0.25), (1, 1)]) == sum / 40)
        #expect(tallied.meanNewPlacements(yearIndex: 2, cells: []) == 0)
        #expect(sum > 0)
    }
}
