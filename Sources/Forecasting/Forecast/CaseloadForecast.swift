/// A forecast run over the store's caseload series: which LAs, how far ahead, which sums.
public struct ForecastRequest: Sendable {
    /// A sum over LAs to report beside them (a region, a group, England).
    public struct Area: Sendable, Equatable {
        public var code: String
        public var members: [String]

        public init(code: String, members: [String]) {
            self.code = code
            self.members = members
        }
    }

    /// The LAs asked for; nil for every LA with a long enough series.
    public var las: [String]?
    public var areas: [Area]
    public var horizon: Int
    public var simulations: Int
    public var seed: UInt64

    public init(las: [String]? = nil, areas: [Area] = [], horizon: Int = 3, simulations: Int = 1000, seed: UInt64 = 1) {
        self.las = las
        self.areas = areas
        self.horizon = horizon
        self.simulations = simulations
        self.seed = seed
    }
}

/// What a forecast run gives: each LA's total, the sums, and the LAs left out (too short a series).
public struct CaseloadForecast: Sendable {
    public var totals: [AreaForecast]
    /// Each LA's total split by the published setting groups (where the caseload table has them),
    /// the groups adding up to the total.
    public var settings: [AreaForecast]
    public var sums: [AreaForecast]
    /// The person-level breakdown of each LA with enough returns (need x age band x setting, and
    /// the components), by LA.
    public var breakdowns: [String: PersonLevelBreakdown] = [:]
    /// The components of each sum over LAs with breakdowns (transfers between its members left out).
    public var sumComponents: [ComponentsRow] = []
    /// Why LAs were left out (when every LA was forecast).
    public var skipped: [String]

    /// Every figure as output rows, LAs first (by code), then the sums.
    public var rows: [ForecastRow] {
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
        return rows + sums.flatMap { ForecastRow.rows(of: $0) }
    }

    /// Forecasts every LA's total (each from its panel, see ``CaseloadSources/totalPanels``) and
    /// the sums. Throws on a bad request: horizon out of range, fewer than one simulation, an LA
    /// asked for without a series or with too short a one.
    public static func run(_ sources: CaseloadSources, _ request: ForecastRequest,
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
                forecast.breakdowns[total.la] = PersonLevelBreakdown.reconcile(total: total, simulations: simulations,
                                                                               observed: people.flows, seed: request.seed)
            }
            for area in request.areas {
                let members = area.members.filter { forecast.breakdowns[$0] != nil }
                guard members.count > 1 else { continue }
                forecast.sumComponents += ComponentsSum.sum(area: area.code, members.flatMap { forecast.breakdowns[$0]!.components },
                                                            within: people.transfersWithin(Set(members)))
            }
        }
        return forecast
    }
}
