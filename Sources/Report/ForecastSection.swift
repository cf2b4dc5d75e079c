import Forecasting

/// The forecast: for each LA in scope (and the group's total), a fan chart of the EHCP caseload
/// with its history, and a table of the three cases and the intervals, with the accuracy the
/// backtest found. Figures from the hub's returns that round to a small count show as `c` outside
/// the LA's own view (docs/forecasting.md).
struct ForecastSection {
    let context: ReportContext
    let overview: ForecastOverview

    func render() -> String {
        var html = "<p>EHCPs at the coming January censuses: the central forecast with its 80% and 95% prediction intervals, "
            + "and the best (fewer plans) and worst (more plans) cases. \(HTML.escape(overview.accuracy)) "
            + "Method, assumptions and how to read the intervals: docs/forecasting.md.</p>"
        if let leftOut = overview.leftOut { html += "<p><strong>Purpose:</strong> \(HTML.escape(leftOut))</p>" }
        for (index, forecast) in overview.areas.enumerated() {
            let name = forecast.la.hasPrefix("group:") ? String(forecast.la.dropFirst(6)) : context.title(of: forecast.la)
            let own = context.audience.ownLA
            let threshold = context.options.suppressionThreshold
            // Whole children, and nothing a shared view must not show.
            func shown(_ value: Double?) -> Double? {
                guard let value = value?.rounded() else { return nil }
                return ForecastOverview.withholds(forecast, value: value, ownLA: own, threshold: threshold) ? nil : value
            }
            var points = forecast.history.years.suffix(6).map { year in
                SVGFanChart.Point(label: CensusYear.label(year), isHistory: true, history: shown(forecast.history[year]))
            }
            for (h, year) in forecast.years.enumerated() {
                let interval = forecast.intervals[h]
                points.append(SVGFanChart.Point(
                    label: CensusYear.label(year), central: shown(forecast.central[h]), low80: shown(interval?.low80),
                    high80: shown(interval?.high80), low95: shown(interval?.low95), high95: shown(interval?.high95),
                    best: shown(forecast.best[h]), worst: shown(forecast.worst[h])))
            }
            html += "<h3>\(HTML.escape(name))</h3>"
            html += SVGFanChart(id: "forecast-\(index)", title: "\(name): EHCPs at the January census, history and forecast",
                                description: "Census counts to \(CensusYear.label(forecast.origin)), then the central forecast with "
                                    + "80% and 95% prediction intervals and the best and worst cases.",
                                points: points).render()
            html += "<table><thead><tr><th scope=\"col\">Census</th><th scope=\"col\">Central</th><th scope=\"col\">80% interval</th>"
                + "<th scope=\"col\">95% interval</th><th scope=\"col\">Best</th><th scope=\"col\">Worst</th></tr></thead><tbody>"
            func n(_ value: Double?) -> String { value.map { ReportNumbers.value($0, unit: .count) } ?? "c" }
            for (h, point) in points.filter({ !$0.isHistory }).enumerated() {
                // No interval where no earlier origin measured the method's errors; c where withheld.
                let hasInterval = forecast.intervals[h] != nil
                let eighty = !hasInterval ? "-" : point.low80 == nil || point.high80 == nil ? "c" : "\(n(point.low80))-\(n(point.high80))"
                let ninetyFive = !hasInterval ? "-" : point.low95 == nil || point.high95 == nil ? "c" : "\(n(point.low95))-\(n(point.high95))"
                html += "<tr><th scope=\"row\">\(HTML.escape(point.label))</th><td>\(n(point.central))</td><td>\(eighty)</td>"
                    + "<td>\(ninetyFive)</td><td>\(n(point.best))</td><td>\(n(point.worst))</td></tr>"
            }
            html += "</tbody></table>"
            let assumptions = ForecastCase.allCases.compactMap { forecastCase in
                forecast.assumptions[forecastCase].map { "\(forecastCase.rawValue.capitalized): \($0)." }
            }
            if !assumptions.isEmpty { html += "<p class=\"meta\">\(HTML.escape(assumptions.joined(separator: " ")))</p>" }
        }
        return html
    }
}
