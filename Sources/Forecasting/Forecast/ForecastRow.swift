/// One figure of a forecast as every output lays it out: `hnhub forecast --format json` prints
/// exactly these fields, `forecast.csv` all but `measure` and `method`.
package struct ForecastRow: Sendable, Equatable {
    /// The 3-digit LA code; for a sum over LAs, the region's code (`E12...`), `E92000001` for
    /// England, or `group:NAME`.
    package var laCode: String
    /// The census period, e.g. "2025/26" for January 2026.
    package var period: String
    /// A caseload measure (`ForecastMeasure`), or a cost or DSG measure.
    package var measure: String
    /// Nil for totals.
    package var need: String?
    package var ageBand: String?
    package var setting: String?
    package var forecastCase: ForecastCase
    /// Nil when unmitigated.
    package var scenario: String?
    /// Nil when withheld by disclosure control.
    package var value: Double?
    package var low80: Double?
    package var high80: Double?
    package var low95: Double?
    package var high95: Double?
    package var method: String
    /// Where the figure comes from: figures from published tables are public already; those from
    /// the hub's returns are subject to disclosure control.
    package var source: SeriesSource

    package init(laCode: String, period: String, measure: String = ForecastMeasure.caseload, need: String? = nil,
                ageBand: String? = nil, setting: String? = nil, forecastCase: ForecastCase, scenario: String? = nil,
                value: Double?, interval: PredictionInterval? = nil, method: String, source: SeriesSource) {
        self.laCode = laCode
        self.period = period
        self.measure = measure
        self.need = need
        self.ageBand = ageBand
        self.setting = setting
        self.forecastCase = forecastCase
        self.scenario = scenario
        self.value = value
        low80 = interval?.low80
        high80 = interval?.high80
        low95 = interval?.low95
        high95 = interval?.high95
        self.method = method
        self.source = source
    }

    /// The rows of one forecast: each year, the three cases, the intervals on the central case.
    package static func rows(of forecast: AreaForecast, measure: String = ForecastMeasure.caseload, need: String? = nil,
                            ageBand: String? = nil, setting: String? = nil, scenario: String? = nil) -> [ForecastRow] {
        var rows: [ForecastRow] = []
        for (h, year) in forecast.years.enumerated() {
            for forecastCase in ForecastCase.allCases {
                rows.append(ForecastRow(
                    laCode: forecast.la, period: CensusYear.label(year), measure: measure, need: need, ageBand: ageBand,
                    setting: setting, forecastCase: forecastCase, scenario: scenario, value: forecast.values(forecastCase)[h],
                    interval: forecastCase == .central ? forecast.intervals[h] : nil,
                    method: "\(forecast.method.rawValue) (\(forecast.source.rawValue))", source: forecast.source))
            }
        }
        return rows
    }
}
