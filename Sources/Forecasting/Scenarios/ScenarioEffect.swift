import Foundation

/// What a scenario does to one LA: its mitigated forecast beside the unmitigated one, and the
/// difference. Both runs use the same seed, so each simulation of the mitigated run is the
/// unmitigated one changed only where the mitigations act: the difference is taken simulation by
/// simulation (paired), and its range is the spread of those differences.
package struct ScenarioEffect: Sendable {
    package var scenario: String
    package var total: AreaForecast
    /// Mitigated minus unmitigated caseload: the mean paired difference, its 80% and 95% ranges.
    package var change: AreaForecast
    package var cells: [AreaForecast]
    package var cellKeys: [PersonLevelBreakdown.CellKey]
    package var components: [ComponentsRow]
    package var simulations: FlowSimulations
    /// Mean mitigated minus unmitigated children by setting group, per year.
    package var settingChange: [FlowSetting: [Double]]
    /// The paired difference of the total in each simulation: [year index][simulation].
    package var changeBySimulation: [[Double]]

    /// `total` and `breakdown` are the unmitigated LA forecast; `mitigated` the simulations with
    /// the scenario's adjustments from the same seed.
    package static func measure(scenario: String, total: AreaForecast, breakdown: PersonLevelBreakdown,
                               mitigated: FlowSimulations) -> ScenarioEffect {
        let unmitigated = breakdown.simulations
        let horizon = min(total.horizon, mitigated.horizon, unmitigated.horizon)
        let n = Double(mitigated.simulations)
        let before = unmitigated.cellTotals(cells: PersonLevelBreakdown.cellCount, { PersonLevelBreakdown.cell($0) })
        let after = mitigated.cellTotals(cells: PersonLevelBreakdown.cellCount, { PersonLevelBreakdown.cell($0) })
        // Paired differences of the total, and mean differences by cell.
        var totalChange = [[Double]](repeating: [], count: horizon)
        var cellChange = [[Double]](repeating: [Double](repeating: 0, count: PersonLevelBreakdown.cellCount), count: horizon)
        for simulation in 0..<mitigated.simulations {
            for h in 0..<horizon {
                var difference = 0.0
                for cell in 0..<PersonLevelBreakdown.cellCount {
                    let d = after[simulation][h][cell] - before[simulation][h][cell]
                    if d != 0 {
                        difference += d
                        cellChange[h][cell] += d / n
                    }
                }
                totalChange[h].append(difference)
            }
        }
        let meanChange = (0..<horizon).map { h in totalChange[h].reduce(0, +) / n }
        let changeIntervals: [PredictionInterval?] = totalChange.map { values in
            let sorted = values.sorted()
            return PredictionInterval(low80: AreaSum.quantile(sorted, 0.1), high80: AreaSum.quantile(sorted, 0.9),
                                      low95: AreaSum.quantile(sorted, 0.025), high95: AreaSum.quantile(sorted, 0.975))
        }
        func shifted(_ forecast: AreaForecast, by change: [Double]) -> AreaForecast {
            var copy = forecast
            copy.central = (0..<horizon).map { forecast.central[$0] + change[$0] }
            copy.best = (0..<horizon).map { forecast.best[$0] + change[$0] }
            copy.worst = (0..<horizon).map { forecast.worst[$0] + change[$0] }
            copy.intervals = (0..<horizon).map { h in
                forecast.intervals[h].map { PredictionInterval(low80: $0.low80 + change[h], high80: $0.high80 + change[h],
                                                               low95: $0.low95 + change[h], high95: $0.high95 + change[h]) }
            }
            return copy
        }
        var mitigatedTotal = shifted(total, by: meanChange)
        mitigatedTotal.assumptions = total.assumptions.mapValues { "\($0); with scenario \(scenario): the mean paired change of the flow model" }
        let change = AreaForecast(
            la: total.la, measure: ForecastMeasure.caseloadChange, source: total.source, method: total.method, origin: total.origin,
            history: YearSeries(), central: meanChange, best: meanChange, worst: meanChange, intervals: changeIntervals, errors: [],
            assumptions: [.central: "mean of the paired differences (mitigated - unmitigated) over \(mitigated.simulations) simulations"])
        // Cells: the unmitigated cell plus the mean change of that cell.
        var cells: [AreaForecast] = []
        var keys: [PersonLevelBreakdown.CellKey] = []
        let known = Dictionary(uniqueKeysWithValues: zip(breakdown.cellIndices, breakdown.cells))
        for cell in 0..<PersonLevelBreakdown.cellCount {
            let change = (0..<horizon).map { cellChange[$0][cell] }
            let existing = known[cell]
            guard existing != nil || change.contains(where: { $0 != 0 }) else { continue }
            let base = existing ?? AreaForecast(
                la: total.la, measure: ForecastMeasure.caseload, source: .returns, method: total.method, origin: total.origin, history: YearSeries(),
                central: Array(repeating: 0, count: horizon), best: Array(repeating: 0, count: horizon),
                worst: Array(repeating: 0, count: horizon), intervals: Array(repeating: nil, count: horizon), errors: [], assumptions: [:])
            var mitigatedCell = shifted(base, by: change)
            mitigatedCell.central = mitigatedCell.central.map { max(0, $0) }
            cells.append(mitigatedCell)
            keys.append(PersonLevelBreakdown.key(cell))
        }
        var settingChange: [FlowSetting: [Double]] = [:]
        for setting in FlowSetting.allCases {
            settingChange[setting] = (0..<horizon).map { h in
                (0..<PersonLevelBreakdown.cellCount).filter { PersonLevelBreakdown.key($0).setting == setting }
                    .map { cellChange[h][$0] }.reduce(0, +)
            }
        }
        let components = PersonLevelBreakdown.components(total: mitigatedTotal, simulations: mitigated, observed: [], horizon: horizon,
                                                         scenario: scenario)
        return ScenarioEffect(scenario: scenario, total: mitigatedTotal, change: change, cells: cells, cellKeys: keys,
                              components: components, simulations: mitigated, settingChange: settingChange,
                              changeBySimulation: totalChange)
    }
}

extension ScenarioEffect {
    /// A sum's change: the members' paired differences added simulation by simulation.
    package static func sumChange(code: String, _ effects: [ScenarioEffect]) -> AreaForecast? {
        guard let first = effects.first else { return nil }
        let horizon = effects.map { $0.change.horizon }.min()!
        let simulations = effects.map { $0.changeBySimulation.first?.count ?? 0 }.min()!
        var mean = [Double](repeating: 0, count: horizon)
        var intervals: [PredictionInterval?] = []
        for h in 0..<horizon {
            let totals = (0..<simulations).map { s in effects.map { $0.changeBySimulation[h][s] }.reduce(0, +) }.sorted()
            mean[h] = totals.reduce(0, +) / Double(max(simulations, 1))
            intervals.append(PredictionInterval(low80: AreaSum.quantile(totals, 0.1), high80: AreaSum.quantile(totals, 0.9),
                                                low95: AreaSum.quantile(totals, 0.025), high95: AreaSum.quantile(totals, 0.975)))
        }
        return AreaForecast(la: code, measure: ForecastMeasure.caseloadChange, source: .returns, method: first.change.method,
                            origin: first.change.origin, history: YearSeries(), central: mean, best: mean, worst: mean,
                            intervals: intervals, errors: [],
                            assumptions: [.central: "the members' paired differences added simulation by simulation"])
    }
}
