import ComparisonTables
import Forecasting

/// The workbook's Forecast sheet: for each LA in scope (and the group's total), its census counts
/// and the forecast years with the three cases and the 80% and 95% intervals, and the accuracy
/// the backtest found. Figures from the hub's returns that round to a small count show as `c`
/// outside the LA's own view (docs/forecasting.md).
struct ForecastSheet {
    var overview: ForecastOverview
    var geography: LAGeography
    var ownLA: String?
    var threshold: Int

    static let headers = ["LA code", "LA name", "Census", "Kind", "EHCPs (central)", "80% low", "80% high", "95% low", "95% high",
                          "Best case", "Worst case", "Method"]

    func worksheet() -> Worksheet {
        var rows: [[Cell]] = [Self.headers.map { Cell.text($0, style: .header) }]
        for forecast in overview.areas {
            let name = forecast.la.hasPrefix("group:") ? "Total: \(forecast.la.dropFirst(6))" : geography.name(forecast.la)
            func cell(_ value: Double?) -> Cell {
                guard let value else { return .empty }
                if ForecastOverview.withholds(forecast, value: value, ownLA: ownLA, threshold: threshold) { return .text("c") }
                return .number(value.rounded(), style: .whole)
            }
            for year in forecast.history.years.suffix(6) {
                rows.append([.text(forecast.la), .text(name), .text(CensusYear.label(year)), .text("census"), cell(forecast.history[year])])
            }
            for (h, year) in forecast.years.enumerated() {
                let interval = forecast.intervals[h]
                rows.append([.text(forecast.la), .text(name), .text(CensusYear.label(year)), .text("forecast"),
                             cell(forecast.central[h]), cell(interval?.low80), cell(interval?.high80), cell(interval?.low95),
                             cell(interval?.high95), cell(forecast.best[h]), cell(forecast.worst[h]),
                             .text("\(forecast.method.rawValue) (\(forecast.source.rawValue))")])
            }
        }
        rows.append([])
        rows.append([.text(overview.accuracy)])
        if let leftOut = overview.leftOut { rows.append([.text(leftOut)]) }
        rows.append([.text("Best = fewer plans, worst = more; the intervals are prediction intervals around the central forecast. "
            + "Method and assumptions: docs/forecasting.md (hnhub forecast writes every case's assumptions).")])
        var sheet = Worksheet(name: "Forecast", rows: rows, frozenRows: 1, frozenColumns: 2)
        sheet.fitColumns()
        return sheet
    }
}
