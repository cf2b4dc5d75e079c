import Forecasting
import Foundation
import Testing

/// The person-level cohort flow model on small rosters written here.
struct CohortFlowTests {
    /// LA 801 at three censuses: 60 children in 2023; each year the children of index 0, 7, 14, ...
    /// leave, and 12 join at NCY 0-5; child 3 moves from mainstream to state special in 2024. Child 5
    /// transfers to LA 802 in 2024.
    static let roster: CensusRoster = {
        func child(_ key: String, age: Int, need: Int, setting: FlowSetting) -> RosterChild {
            RosterChild(pseudonym: key, state: FlowState(ncy: age - 4, need: need, setting: setting))
        }
        var children: [String: [Int: [RosterChild]]] = ["801": [:], "802": [:]]
        var current: [(key: String, age: Int, need: Int, setting: FlowSetting)] = (0..<60).map { i in
            ("c\(i)", 4 + i % 14, i % 5, [FlowSetting.mainstream, .stateSpecial, .independentSpecial, .resourcedProvision][i % 4])
        }
        for year in 2023...2025 {
            children["801"]![year] = current.map { child($0.key, age: $0.age, need: $0.need, setting: $0.setting) }
            var next: [(key: String, age: Int, need: Int, setting: FlowSetting)] = []
            for (index, c) in current.enumerated() where index % 7 != 0 && !(year == 2023 && c.key == "c5") {
                let setting = year == 2023 && c.key == "c3" ? FlowSetting.stateSpecial : c.setting
                next.append((c.key, c.age + 1, c.need, setting))
            }
            for j in 0..<12 { next.append(("j\(year)-\(j)", 4 + j % 6, j % 3, j % 4 == 0 ? .independentSpecial : .mainstream)) }
            current = next
        }
        children["802"]![2024] = [child("c5", age: 10, need: 0, setting: .mainstream)]
        children["802"]![2023] = [child("x1", age: 10, need: 0, setting: .mainstream)]
        return CensusRoster(children: children)
    }()

    static func population(scale: Double = 1) -> [Int: [Double]] {
        [2022: Array(repeating: 1000 * scale, count: 26), 2023: Array(repeating: 1000 * scale, count: 26),
         2024: Array(repeating: 1000 * scale, count: 26)]
    }

    static var inputs: PersonLevelInputs { PersonLevelInputs(roster: roster, population: ["801": population()]) }

    @Test func observedFlowsMatchChildrenBetweenCensuses() throws {
        let flows = ObservedFlows.all(Self.roster).filter { $0.la == "801" }
        #expect(flows.map(\.fromYear) == [2023, 2024])
        let first = flows[0]
        // 60 children; indices 0, 7, ..., 56 leave (9), and c5 moves to 802; 12 join.
        #expect(first.stockStart == 60)
        #expect(first.leaverCount == 10)
        #expect(first.transfersOut == 1)
        #expect(first.joinerCount == 12)
        #expect(first.transfersIn == 0)
        #expect(first.movers == 1)
        #expect(first.stockEnd == 62)
        #expect(first.stockEnd == first.stockStart - first.leaverCount + first.joinerCount)
        let arrived = ObservedFlows.all(Self.roster).first { $0.la == "802" }!
        #expect(arrived.transfersIn == 1)   // c5, from 801
        #expect(Self.inputs.transfersWithin(["801", "802"]) == [2024: 1])
    }

    @Test func everySimulationKeepsTheStockIdentityExactly() throws {
        let simulations = try #require(Self.inputs.simulate("801", horizon: 3, simulations: 50, seed: 3))
        let counted = simulations.totals { _ in true }
        for simulation in 0..<50 {
            for year in 0..<3 {
                let c = simulations.components(simulation: simulation, yearIndex: year)
                #expect(c.stockEnd == c.stockStart + c.newPlans + c.transfersIn - c.ceased - c.transfersOut)
                #expect(Double(c.stockEnd) == counted[simulation][year])
                if year > 0 { #expect(c.stockStart == simulations.components(simulation: simulation, yearIndex: year - 1).stockEnd) }
            }
            #expect(simulations.components(simulation: simulation, yearIndex: 0).stockStart == 62 + 12 - 9)
        }
    }

    @Test func theSameSeedGivesTheSameBytes() throws {
        func csv(seed: UInt64) throws -> String {
            let simulations = try #require(Self.inputs.simulate("801", horizon: 2, simulations: 40, seed: seed))
            let total = AreaForecast(la: "801", measure: "total", source: .returns, method: .shrunkGrowth, origin: 2025,
                                     history: YearSeries([2025: 65]), central: [70, 75], best: [68, 70], worst: [72, 80],
                                     intervals: [nil, nil], errors: [nil, nil], assumptions: [:])
            let breakdown = PersonLevelBreakdown.reconcile(total: total, simulations: simulations, observed: Self.inputs.flows, seed: seed)
            let rows = zip(breakdown.cells, breakdown.cellKeys).flatMap { cell, key in
                ForecastRow.rows(of: cell, need: key.need, ageBand: key.ageBand.rawValue, setting: key.setting.rawValue)
            }
            return rows.map { "\($0.laCode),\($0.period),\($0.need!),\($0.ageBand!),\($0.setting!),\($0.forecastCase),\($0.value!),\($0.low80 ?? -1)" }
                .joined(separator: "\n")
        }
        let first = try csv(seed: 11)
        #expect(try csv(seed: 11) == first)
        #expect(try csv(seed: 12) != first)
    }

    @Test func withNoJoinersTheCaseloadNeverGrows() throws {
        let noJoiners = FlowAdjustment(name: "no new plans", target: .joiners(multiplier: 0), start: 2024)
        let simulations = try #require(Self.inputs.simulate("801", horizon: 4, simulations: 40, seed: 1, adjustments: [noJoiners]))
        for simulation in 0..<40 {
            for year in 0..<4 {
                let c = simulations.components(simulation: simulation, yearIndex: year)
                #expect(c.joiners == 0)
                #expect(c.stockEnd <= c.stockStart)
            }
        }
    }

    @Test func doublingThePopulationDoublesTheExpectedJoiners() throws {
        let flows = Self.inputs.flows
        let base = try #require(FlowEstimation.parameters(la: "801", flows: flows, population: Self.population(), lastYear: 2025))
        var doubled = base
        doubled.population = Self.population(scale: 2)
        for ncy in 0..<26 {
            let expected = base.expectedJoiners(ncy: ncy, census: 2026)
            #expect(abs(doubled.expectedJoiners(ncy: ncy, census: 2026) - 2 * expected) < 1e-9)
        }
        // 12 joiners a year at ages 4-9 (NCY offsets 4-9) out of 1,000 children at each age: 2 per
        // 1,000 at each of those ages; the rate did not move, so there is no trend.
        #expect(abs(base.expectedJoiners(ncy: 4, census: 2026) - 2) < 1e-9)
        #expect(base.joinTrend == 0)
        #expect(base.expectedJoiners(ncy: 0, census: 2026) == 0)
        #expect(base.expectedJoiners(ncy: 14, census: 2026) == 0)
    }

    @Test func aMitigationThatReducesJoinersNeverRaisesAYearsTotal() throws {
        let fewerASD = FlowAdjustment(name: "early help", target: .joiners(multiplier: 0.5), needs: [0], start: 2025, rampYears: 2)
        let unmitigated = try #require(Self.inputs.simulate("801", horizon: 4, simulations: 60, seed: 5))
        let mitigated = try #require(Self.inputs.simulate("801", horizon: 4, simulations: 60, seed: 5, adjustments: [fewerASD]))
        let before = unmitigated.totals { _ in true }, after = mitigated.totals { _ in true }
        var lower = 0
        for simulation in 0..<60 {
            for year in 0..<4 {
                #expect(after[simulation][year] <= before[simulation][year])
                if after[simulation][year] < before[simulation][year] { lower += 1 }
            }
        }
        #expect(lower > 0)
        // It starts in 2025, so the first year it shows in is the census of 2026, at half strength.
        #expect(fewerASD.strength(census: 2025) == 0)
        #expect(fewerASD.strength(census: 2026) == 0.5)
        #expect(fewerASD.strength(census: 2027) == 1)
    }

    @Test func aRedirectNeverExceedsItsCapacity() throws {
        let unit = FlowAdjustment(name: "local unit", target: .redirect(from: .independentSpecial, to: .stateSpecial, share: 1, capacity: 3),
                                  start: 2025)
        let simulations = try #require(Self.inputs.simulate("801", horizon: 4, simulations: 40, seed: 2, adjustments: [unit]))
        let unmitigated = try #require(Self.inputs.simulate("801", horizon: 4, simulations: 40, seed: 2))
        var used = 0
        for simulation in 0..<40 {
            for year in 0..<4 {
                let c = simulations.components(simulation: simulation, yearIndex: year)
                #expect(c.redirected <= 3)
                used = max(used, c.redirected)
            }
            // The first year, a redirect only moves children between settings (later their new
            // setting's chances of leaving apply).
            #expect(simulations.components(simulation: simulation, yearIndex: 0).stockEnd
                == unmitigated.components(simulation: simulation, yearIndex: 0).stockEnd)
        }
        #expect(used == 3)
        let independent = simulations.totals { $0.setting == .independentSpecial }
        let independentBefore = unmitigated.totals { $0.setting == .independentSpecial }
        let after: Double = independent.map { $0[0] }.reduce(0, +)
        let before: Double = independentBefore.map { $0[0] }.reduce(0, +)
        #expect(after < before)
    }

    @Test func theCellsAddUpToTheLATotalInEveryCase() throws {
        let simulations = try #require(Self.inputs.simulate("801", horizon: 3, simulations: 30, seed: 9))
        let total = AreaForecast(la: "801", measure: "total", source: .returns, method: .shrunkGrowth, origin: 2025,
                                 history: YearSeries([2024: 62, 2025: 65]), central: [70, 75, 80], best: [66, 67, 68],
                                 worst: [74, 82, 90], intervals: [nil, nil, nil], errors: [nil, nil, nil], assumptions: [:])
        let breakdown = PersonLevelBreakdown.reconcile(total: total, simulations: simulations, observed: Self.inputs.flows, seed: 9)
        #expect(breakdown.cells.count == breakdown.cellKeys.count)
        #expect(!breakdown.cells.isEmpty)
        for h in 0..<3 {
            for forecastCase in ForecastCase.allCases {
                let sum: Double = breakdown.cells.map { $0.values(forecastCase)[h] }.reduce(0, +)
                let expected: Double = total.values(forecastCase)[h]
                #expect(abs(sum - expected) < 1e-9)
            }
        }
        // Components: two observed years, then three forecast years whose identity holds.
        #expect(breakdown.components.map(\.observed) == [true, true, false, false, false])
        for row in breakdown.components {
            let identity: Double = row.stockStart + row.newPlans + row.transfersIn - row.ceased - row.transfersOut + row.adjustment
            #expect(abs(identity - row.stockEnd) < 1e-9)
        }
        #expect(breakdown.components[2].stockStart == 65)
        #expect(breakdown.components[4].stockEnd == 80)
    }

    @Test func aScenarioIsForecastBesideTheUnmitigatedFiguresWithThePairedChange() throws {
        let total = AreaForecast(la: "801", measure: "total", source: .returns, method: .shrunkGrowth, origin: 2025,
                                 history: YearSeries([2024: 62, 2025: 65]), central: [70, 75, 80], best: [66, 67, 68],
                                 worst: [74, 82, 90], intervals: [nil, nil, nil], errors: [nil, nil, nil], assumptions: [:])
        let unmitigated = try #require(Self.inputs.simulate("801", horizon: 3, simulations: 50, seed: 4))
        let breakdown = PersonLevelBreakdown.reconcile(total: total, simulations: unmitigated, observed: Self.inputs.flows, seed: 4)
        let fewer = FlowAdjustment(name: "fewer", target: .joiners(multiplier: 0.5), start: 2025)
        let mitigated = try #require(Self.inputs.simulate("801", horizon: 3, simulations: 50, seed: 4, adjustments: [fewer]))
        let effect = ScenarioEffect.measure(scenario: "plan", total: total, breakdown: breakdown, mitigated: mitigated)
        let before = unmitigated.totals { _ in true }, after = mitigated.totals { _ in true }
        for h in 0..<3 {
            let paired: Double = (0..<50).map { after[$0][h] - before[$0][h] }.reduce(0, +) / 50
            #expect(abs(effect.change.central[h] - paired) < 1e-9)
            #expect(effect.change.central[h] < 0)
            #expect(abs(effect.total.central[h] - (total.central[h] + paired)) < 1e-9)
            let high80: Double = effect.change.intervals[h]!.high80
            #expect(high80 <= 0)
            let cells: Double = effect.cells.map { $0.central[h] }.reduce(0, +)
            #expect(abs(cells - effect.total.central[h]) < 1e-6)
        }
        #expect(effect.components.allSatisfy { $0.scenario == "plan" && !$0.observed })
    }

    @Test func theBreakdownIsBacktestedOnTheCensusesAfterEachOrigin() throws {
        let panel = CaseloadPanel(measure: "total", source: .returns,
                                  series: ["801": YearSeries([2023: 60, 2024: 62, 2025: 65])])
        #expect(PersonCellBacktest.possibleOrigins(Self.roster) == [2024])
        let scores = PersonCellBacktest.run(Self.inputs, total: panel, origins: [2024], horizon: 1, simulations: 20, seed: 1)
        #expect(scores.map(\.approach) == [.flowModel, .heldShares])
        // The same cells for both: every cell of 801 with a child in 2024 or 2025.
        #expect(scores[0].accuracy.count == scores[1].accuracy.count)
        #expect(scores[0].accuracy.count > 20)
        #expect(scores.allSatisfy { $0.accuracy.wape > 0 && $0.accuracy.wape < 200 })
        // What happens after the origin changes the actuals only.
        var later = Self.roster
        later.children["801"]![2025] = Array(later.children["801"]![2025]!.prefix(30))
        let again = PersonCellBacktest.run(PersonLevelInputs(roster: later, population: ["801": Self.population()]), total: panel,
                                           origins: [2024], horizon: 1, simulations: 20, seed: 1)
        #expect(again[0].accuracy.wape != scores[0].accuracy.wape)
    }
}
