/// A forecast run over the store's caseload series: which LAs, how far ahead, which sums.
package struct ForecastRequest: Sendable {
    /// A sum over LAs to report beside them (a region, a group, England).
    package struct Area: Sendable, Equatable {
        package var code: String
        package var members: [String]

        package init(code: String, members: [String]) {
            self.code = code
            self.members = members
        }
    }

    /// The LAs asked for; nil for every LA with a long enough series.
    package var las: [String]?
    package var areas: [Area]
    package var horizon: Int
    package var simulations: Int
    package var seed: UInt64
    /// Mitigations to forecast beside the unmitigated figures (through the flow model).
    package var scenario: Scenario?

    package init(las: [String]? = nil, areas: [Area] = [], horizon: Int = 3, simulations: Int = 1000, seed: UInt64 = 1,
                scenario: Scenario? = nil) {
        self.scenario = scenario
        self.las = las
        self.areas = areas
        self.horizon = horizon
        self.simulations = simulations
        self.seed = seed
    }
}

/// What a forecast run gives: each LA's total, the sums, and the LAs left out (too short a series).
package struct CaseloadForecast: Sendable {
    package var totals: [AreaForecast]
    /// Each LA's total split by the published setting groups (where the caseload table has them),
    /// the groups adding up to the total.
    package var settings: [AreaForecast]
    package var sums: [AreaForecast]
    /// The person-level breakdown of each LA with enough returns (need x age band x setting, and
    /// the components), by LA.
    package var breakdowns: [String: PersonLevelBreakdown] = [:]
    /// The components of each sum over LAs with breakdowns (transfers between its members left out).
    package var sumComponents: [ComponentsRow] = []
    /// The scenario's effect on each LA with a flow model, by LA.
    package var effects: [String: ScenarioEffect] = [:]
    /// Each sum's mitigated total and change (where a member has an effect).
    package var mitigatedSums: [AreaForecast] = []
    package var sumChanges: [AreaForecast] = []
    /// Why LAs were left out (when every LA was forecast).
    package var skipped: [String]

    /// Every figure as output rows, LAs first (by code), then the sums.
    package var rows: [ForecastRow] {
        var rows: [ForecastRow] = []
        let cells = Dictionary(grouping: settings, by: \.la)
        for total in totals {
            rows += ForecastRow.rows(of: total)
            for cell in cells[total.la] ?? [] { rows += ForecastRow.rows(of: cell, setting: cell.measure) }
            if let breakdown = breakdowns[total.la] {
                for (cell, key) in zip(breakdown.cells, breakdown.cellKeys) {
                    rows += ForecastRow.rows(of: cell, need: key.need, ageBand: key.ageBand.rawValue, setting: key.setting.rawValue)
                }
            }
        }
        rows += sums.flatMap { ForecastRow.rows(of: $0) }
        guard let name = effects.values.first?.scenario else { return rows }
        for la in effects.keys.sorted() {
            let effect = effects[la]!
            rows += ForecastRow.rows(of: effect.total, scenario: name)
            for (cell, key) in zip(effect.cells, effect.cellKeys) {
                rows += ForecastRow.rows(of: cell, need: key.need, ageBand: key.ageBand.rawValue, setting: key.setting.rawValue,
                                         scenario: name)
            }
            rows += ForecastRow.rows(of: effect.change, measure: ForecastMeasure.caseloadChange, scenario: "\(name) (change)")
                .filter { $0.forecastCase == .central }
        }
        rows += mitigatedSums.flatMap { ForecastRow.rows(of: $0, scenario: name) }
        rows += sumChanges.flatMap {
            ForecastRow.rows(of: $0, measure: ForecastMeasure.caseloadChange, scenario: "\(name) (change)").filter { $0.forecastCase == .central }
        }
        return rows
    }

    /// Forecasts every LA's total (each from its panel, see ``CaseloadSources/totalPanels``) and
    /// the sums. Throws on a bad request: horizon out of range, fewer than one simulation, an LA
    /// asked for without a series or with too short a one.
    package static func run(_ sources: CaseloadSources, _ request: ForecastRequest,
                           people: PersonLevelInputs? = nil) throws -> CaseloadForecast {
        try ForecastSettings.check(horizon: request.horizon)
        guard request.simulations >= 1 else { throw ForecastError.simulations(request.simulations) }
        let panels = sources.totalPanels
        guard !panels.isEmpty else { throw ForecastError.nothingToForecast }
        var totals: [AreaForecast] = []
        var skipped: [String] = []
        if let las = request.las {
            for la in las where !panels.contains(where: { $0.series[la] != nil }) { throw ForecastError.noSeries(la: la) }
        }
        for panel in panels {
            let forecaster = TotalForecaster(panel: panel, calibration: sources.calibrationPanel)
            let wanted = request.las.map { $0.filter { panel.series[$0] != nil } }
            if wanted?.isEmpty == true { continue }
            totals += try forecaster.forecast(las: wanted, horizon: request.horizon)
            if wanted == nil { skipped += panel.series.keys.sorted().compactMap(forecaster.skipNote) }
        }
        totals.sort { $0.la < $1.la }
        let byLA = Dictionary(totals.map { ($0.la, $0) }, uniquingKeysWith: { a, _ in a })
        let sums = request.areas.compactMap { area in
            AreaSum.sum(code: area.code, members: area.members.compactMap { byLA[$0] }, simulations: request.simulations,
                        seed: request.seed)
        }
        var settings: [AreaForecast] = []
        if let published = sources.published {
            let split = SettingSplit(settings: published.settings)
            var cache = SettingSplit.ErrorCache()
            for total in totals { settings += split.split(total, cache: &cache) ?? [] }
        }
        var forecast = CaseloadForecast(totals: totals, settings: settings, sums: sums, skipped: skipped)
        if let people {
            for total in totals where total.source == .returns {
                guard let simulations = people.simulate(total.la, horizon: request.horizon, simulations: request.simulations,
                                                        seed: request.seed) else { continue }
                let breakdown = PersonLevelBreakdown.reconcile(total: total, simulations: simulations, observed: people.flows,
                                                               seed: request.seed)
                forecast.breakdowns[total.la] = breakdown
                if let scenario = request.scenario,
                   let mitigated = people.simulate(total.la, horizon: request.horizon, simulations: request.simulations,
                                                   seed: request.seed, adjustments: scenario.mitigations) {
                    forecast.effects[total.la] = ScenarioEffect.measure(scenario: scenario.name, total: total, breakdown: breakdown,
                                                                        mitigated: mitigated)
                }
            }
            if request.scenario != nil {
                for total in totals where forecast.effects[total.la] == nil {
                    forecast.skipped.append("\(total.la): unmitigated in the scenario: it acts through the flow model, which needs \(PersonLevelInputs.minimumYears) census years of the LA's returns")
                }
            }
            for area in request.areas {
                let effects = area.members.compactMap { forecast.effects[$0] }
                if !effects.isEmpty, let sum = sums.first(where: { $0.la == area.code }),
                   let change = ScenarioEffect.sumChange(code: area.code, effects) {
                    var mitigated = sum
                    let h = min(sum.horizon, change.horizon)
                    mitigated.central = (0..<h).map { sum.central[$0] + change.central[$0] }
                    mitigated.best = (0..<h).map { sum.best[$0] + change.central[$0] }
                    mitigated.worst = (0..<h).map { sum.worst[$0] + change.central[$0] }
                    mitigated.intervals = (0..<h).map { i in
                        sum.intervals[i].map { PredictionInterval(low80: $0.low80 + change.central[i], high80: $0.high80 + change.central[i],
                                                                  low95: $0.low95 + change.central[i], high95: $0.high95 + change.central[i]) }
                    }
                    forecast.mitigatedSums.append(mitigated)
                    forecast.sumChanges.append(change)
                }
                let members = area.members.filter { forecast.breakdowns[$0] != nil }
                guard members.count > 1 else { continue }
                forecast.sumComponents += ComponentsSum.sum(area: area.code, members.flatMap { forecast.breakdowns[$0]!.components },
                                                            within: people.transfersWithin(Set(members)))
            }
        }
        return forecast
    }
}
