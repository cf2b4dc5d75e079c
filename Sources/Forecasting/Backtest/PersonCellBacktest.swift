/// The person-level breakdown's backtest: at each origin, the flow model learned from the
/// censuses up to it (and the LA total forecast from them), its need x age band x setting cells
/// held against the children counted at the censuses that followed. Scored beside the origin's
/// cell shares held fixed (times the same total forecast).
package enum PersonCellBacktest {
    package enum Approach: String, CaseIterable, Sendable {
        case flowModel = "flow-model"
        case heldShares = "held-shares"
    }

    package struct Score: Sendable, Equatable {
        package var approach: Approach
        package var origin: Int
        package var horizon: Int
        /// Over every LA x cell with a child at the origin or the target.
        package var accuracy: ForecastAccuracy
    }

    /// Origins with at least one pair of censuses before them and a census after them.
    package static func possibleOrigins(_ roster: CensusRoster) -> [Int] {
        let years = Set(roster.children.values.flatMap(\.keys)).sorted()
        guard let first = years.first, let last = years.last, last - first >= 2 else { return [] }
        return Array((first + 1)...(last - 1))
    }

    package static func run(_ inputs: PersonLevelInputs, total: CaseloadPanel, origins: [Int], horizon: Int, simulations: Int,
                           seed: UInt64) -> [Score] {
        var scores: [Score] = []
        for origin in origins.sorted() {
            // Everything the model sees, cut at the origin.
            let known = CensusRoster(children: inputs.roster.children.mapValues { $0.filter { $0.key <= origin } })
            let atOrigin = PersonLevelInputs(roster: known, population: inputs.population)
            let knownTotal = total.through(origin)
            for h in 1...max(horizon, 1) {
                var byApproach: [Approach: [ScoredForecast]] = [:]
                for la in known.children.keys.sorted() {
                    guard let actualChildren = inputs.roster.children[la]?[origin + h], known.children[la]?[origin] != nil,
                          let series = knownTotal.series[la],
                          let central = knownTotal.forecast(.shrunkGrowth, la: la, origin: origin, horizon: h),
                          let simulated = atOrigin.simulate(la, horizon: h, simulations: simulations, seed: seed, minimumYears: 2) else { continue }
                    let forecast = AreaForecast(la: la, measure: "total", source: .returns, method: .shrunkGrowth, origin: origin,
                                                history: series, central: central, best: central, worst: central,
                                                intervals: Array(repeating: nil, count: h), errors: [], assumptions: [:])
                    let breakdown = PersonLevelBreakdown.reconcile(total: forecast, simulations: simulated, observed: [], seed: seed)
                    var actual = [Double](repeating: 0, count: PersonLevelBreakdown.cellCount)
                    for child in actualChildren { actual[PersonLevelBreakdown.cell(child.state)] += 1 }
                    var originShare = [Double](repeating: 0, count: PersonLevelBreakdown.cellCount)
                    let originChildren = known.children[la]![origin]!
                    for child in originChildren { originShare[PersonLevelBreakdown.cell(child.state)] += 1 / Double(originChildren.count) }
                    var modelled = [Double](repeating: 0, count: PersonLevelBreakdown.cellCount)
                    for (cell, index) in zip(breakdown.cells, breakdown.cellIndices) { modelled[index] = cell.central[h - 1] }
                    for cell in 0..<PersonLevelBreakdown.cellCount where actual[cell] > 0 || originShare[cell] > 0 {
                        byApproach[.flowModel, default: []].append(
                            ScoredForecast(la: "\(la) \(cell)", forecast: modelled[cell], actual: actual[cell]))
                        byApproach[.heldShares, default: []].append(
                            ScoredForecast(la: "\(la) \(cell)", forecast: originShare[cell] * central[h - 1], actual: actual[cell]))
                    }
                }
                for approach in Approach.allCases {
                    guard let scored = byApproach[approach], !scored.isEmpty else { continue }
                    scores.append(Score(approach: approach, origin: origin, horizon: h, accuracy: ForecastAccuracy(scored)))
                }
            }
        }
        return scores
    }
}
