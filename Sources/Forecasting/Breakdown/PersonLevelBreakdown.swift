import Foundation

/// One year of an area's components: the "why" behind a caseload (docs/forecasting.md,
/// "Components"). Observed years come from matching children between censuses; forecast years
/// are the flow model's means over the simulations, and `adjustment` is what the reconciled total
/// adds to them, so `stockEnd = stockStart + newPlans + transfersIn - ceased - transfersOut +
/// adjustment` in every row.
package struct ComponentsRow: Sendable, Equatable {
    package var area: String
    /// The census at the end of the year.
    package var year: Int
    package var observed: Bool
    package var scenario: String?
    package var stockStart: Double
    package var newPlans: Double
    package var transfersIn: Double
    package var ceased: Double
    package var transfersOut: Double
    package var movers: Double
    package var adjustment: Double
    package var stockEnd: Double

    package init(area: String, year: Int, observed: Bool, scenario: String?, stockStart: Double, newPlans: Double,
                transfersIn: Double, ceased: Double, transfersOut: Double, movers: Double, adjustment: Double, stockEnd: Double) {
        self.area = area
        self.year = year
        self.observed = observed
        self.scenario = scenario
        self.stockStart = stockStart
        self.newPlans = newPlans
        self.transfersIn = transfersIn
        self.ceased = ceased
        self.transfersOut = transfersOut
        self.movers = movers
        self.adjustment = adjustment
        self.stockEnd = stockEnd
    }
}

/// The person-level breakdown of one LA: need x age band x setting cells reconciled to the LA's
/// total forecast, and the components, from the flow model's simulations.
package struct PersonLevelBreakdown: Sendable {
    package var cells: [AreaForecast]
    /// The cell each forecast is: need code, age band, setting; and its index (``cell(_:)``).
    package var cellKeys: [CellKey]
    package var cellIndices: [Int]
    package var components: [ComponentsRow]
    package var simulations: FlowSimulations

    package struct CellKey: Sendable, Hashable {
        package var need: String
        package var ageBand: AgeBand
        package var setting: FlowSetting
    }

    package static let cellCount = PrimaryNeed.codes.count * AgeBand.allCases.count * FlowSetting.allCases.count

    package static func cell(_ state: FlowState) -> Int {
        (state.need * AgeBand.allCases.count + AgeBand.allCases.firstIndex(of: state.ageBand)!) * FlowSetting.allCases.count
            + state.setting.position
    }

    package static func key(_ cell: Int) -> CellKey {
        let settings = FlowSetting.allCases.count, bands = AgeBand.allCases.count
        return CellKey(need: PrimaryNeed.codes[cell / settings / bands], ageBand: AgeBand.allCases[(cell / settings) % bands],
                       setting: FlowSetting.list[cell % settings])
    }

    /// Splits `total` (the LA's total forecast, from the census the simulations start at) into
    /// cells: in every simulation each cell's share of the flow model's total, the mean share
    /// times the total in each case; the interval from the shares of each simulation times a draw
    /// of the total from its error distribution. Cells with no child in any simulation are left out.
    package static func reconcile(total: AreaForecast, simulations: FlowSimulations, observed: [ObservedFlows],
                                 seed: UInt64) -> PersonLevelBreakdown {
        let horizon = min(total.horizon, simulations.horizon)
        let byCell = simulations.cellTotals(cells: cellCount, { cell($0) })
        let flowTotals = byCell.map { $0.map { $0.reduce(0, +) } }
        var generator = SeededGenerator(seed: CounterRandom.mix(seed ^ 0x5EED))
        // A draw of the total per simulation and year.
        let drawn: [[Double]] = (0..<simulations.simulations).map { _ in
            let shock = generator.normal()
            return (0..<horizon).map { h in
                guard h < total.errors.count, let errors = total.errors[h], !errors.residuals.isEmpty else { return total.central[h] }
                let residual = errors.residuals[Int(generator.uniform() * Double(errors.residuals.count))]
                return total.central[h] * exp(shock * errors.shockSD + residual)
            }
        }
        var cells: [AreaForecast] = []
        var keys: [CellKey] = []
        var indices: [Int] = []
        let n = Double(simulations.simulations)
        var occupied = [Bool](repeating: false, count: cellCount)
        for simulation in byCell { for year in simulation { for cell in 0..<cellCount where year[cell] > 0 { occupied[cell] = true } } }
        for cell in 0..<cellCount where occupied[cell] {
            var meanShare = [Double](repeating: 0, count: horizon)
            var samples = [[Double]](repeating: [], count: horizon)
            for h in 0..<horizon { samples[h].reserveCapacity(simulations.simulations) }
            for simulation in 0..<simulations.simulations {
                for h in 0..<horizon {
                    let count = byCell[simulation][h][cell]
                    let share = flowTotals[simulation][h] > 0 ? count / flowTotals[simulation][h] : 0
                    meanShare[h] += share / n
                    samples[h].append(share * drawn[simulation][h])
                }
            }
            let intervals: [PredictionInterval?] = samples.map { values in
                let sorted = values.sorted()
                return PredictionInterval(low80: AreaSum.quantile(sorted, 0.1), high80: AreaSum.quantile(sorted, 0.9),
                                          low95: AreaSum.quantile(sorted, 0.025), high95: AreaSum.quantile(sorted, 0.975))
            }
            let key = key(cell)
            let note = "this cell's share of the flow model's total (mean of \(simulations.simulations) simulations) times the LA total"
            cells.append(AreaForecast(
                la: total.la, measure: ForecastMeasure.caseload, source: .returns, method: total.method, origin: total.origin,
                history: YearSeries(), central: (0..<horizon).map { meanShare[$0] * total.central[$0] },
                best: (0..<horizon).map { meanShare[$0] * total.best[$0] },
                worst: (0..<horizon).map { meanShare[$0] * total.worst[$0] }, intervals: intervals, errors: [],
                assumptions: [.central: note, .best: "\(note) (best case)", .worst: "\(note) (worst case)"]))
            keys.append(key)
            indices.append(cell)
        }
        return PersonLevelBreakdown(cells: cells, cellKeys: keys, cellIndices: indices,
                                    components: components(total: total, simulations: simulations, observed: observed, horizon: horizon),
                                    simulations: simulations)
    }

    /// Observed years, then the forecast years (the flow model's mean components, reconciled).
    static func components(total: AreaForecast, simulations: FlowSimulations, observed: [ObservedFlows], horizon: Int,
                           scenario: String? = nil) -> [ComponentsRow] {
        var rows = scenario != nil ? [] : observed.filter { $0.la == total.la }.sorted { $0.fromYear < $1.fromYear }.map { flow in
            ComponentsRow(area: flow.la, year: flow.fromYear + 1, observed: true, scenario: nil, stockStart: Double(flow.stockStart),
                          newPlans: Double(flow.joinerCount - flow.transfersIn), transfersIn: Double(flow.transfersIn),
                          ceased: Double(flow.leaverCount - flow.transfersOut), transfersOut: Double(flow.transfersOut),
                          movers: Double(flow.movers), adjustment: 0, stockEnd: Double(flow.stockEnd))
        }
        let n = Double(simulations.simulations)
        var start = total.history[total.origin] ?? Double(simulations.components(simulation: 0, yearIndex: 0).stockStart)
        for h in 0..<horizon {
            var mean = (new: 0.0, transfersIn: 0.0, ceased: 0.0, transfersOut: 0.0, movers: 0.0)
            for simulation in 0..<simulations.simulations {
                let c = simulations.components(simulation: simulation, yearIndex: h)
                mean.new += Double(c.newPlans) / n
                mean.transfersIn += Double(c.transfersIn) / n
                mean.ceased += Double(c.ceased) / n
                mean.transfersOut += Double(c.transfersOut) / n
                mean.movers += Double(c.movers) / n
            }
            let end = total.central[h]
            rows.append(ComponentsRow(
                area: total.la, year: total.origin + h + 1, observed: false, scenario: scenario, stockStart: start, newPlans: mean.new,
                transfersIn: mean.transfersIn, ceased: mean.ceased, transfersOut: mean.transfersOut, movers: mean.movers,
                adjustment: end - (start + mean.new + mean.transfersIn - mean.ceased - mean.transfersOut), stockEnd: end))
            start = end
        }
        return rows
    }
}
