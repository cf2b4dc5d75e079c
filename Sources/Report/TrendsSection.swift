import ComparisonTables
import HubKit

/// Line charts of the headline measures over the periods the hub holds: the focus LA (or each
/// group member) against its region, the group and England.
struct TrendsSection {
    let context: ReportContext
    /// Lines for more LAs than this are not drawn (the tables hold the figures).
    static let maximumLines = 8
    static let maximumPeriods = 6

    func render() -> String {
        var html = ""
        var drawn = 0
        for (index, measure) in HeadlineMeasure.all.enumerated() {
            let id = measure.indicator(in: context)
            guard let definition = context.data.snapshot.definition(id) else { continue }
            let periods = Array(context.data.snapshot.periods(of: id).prefix(Self.maximumPeriods).reversed())
            guard periods.count >= 2 else { continue }
            html += figure(measure, definition, periods: periods, number: HeadlineMeasure.all.count + index + 1)
            drawn += 1
        }
        return drawn == 0 ? "<p>Only one period is held for each headline measure: no time series to draw yet.</p>" : html
    }

    func figure(_ measure: HeadlineMeasure, _ definition: IndicatorDefinition, periods: [String], number: Int) -> String {
        let views = periods.map { context.view(definition.id, period: $0) }
        var series: [SVGLineChart.Series] = []
        var notes: [String] = []
        let las = context.scopeLAs.count <= Self.maximumLines ? context.scopeLAs : []
        if las.isEmpty { notes.append("Lines for \(context.scopeLAs.count) LAs are too many to draw; the tables give each LA's figures.") }
        for (index, la) in las.enumerated() {
            let style = SVGLineChart.style(index)
            var hiddenPeriods: [String] = []
            let values: [Double?] = zip(periods, views).map { period, view in
                guard let row = view?.row(la) else { return nil }
                if row.hidden { hiddenPeriods.append(period); return nil }
                return row.figure.value
            }
            if !hiddenPeriods.isEmpty {
                notes.append("\(context.title(of: la)): suppressed (c) in \(hiddenPeriods.joined(separator: ", ")), left out.")
            }
            series.append(.init(name: context.data.geography.name(la), values: values, stroke: style.stroke, dash: style.dash,
                                marker: style.marker, emphasised: las.count == 1))
        }
        // Totals of counts are sums over many LAs: drawn only for rates.
        let comparable = definition.denominator != nil
        if comparable, let focus = context.focusLA, let region = context.regionName(of: focus) {
            series.append(.init(name: region, values: views.map { $0?.region(named: region)?.value }, stroke: "#4a4f57",
                                dash: LineDash.region, marker: .triangle, emphasised: false))
        }
        if comparable, case .group(let name, _) = context.options.scope {
            series.append(.init(name: name, values: views.map { $0?.table.group?.value }, stroke: "#4a4f57",
                                dash: LineDash.group, marker: .openCircle, emphasised: false))
        }
        if comparable {
            series.append(.init(name: "England", values: views.map { $0?.table.england?.value }, stroke: "#000",
                            dash: LineDash.england, marker: .square, emphasised: false))
        }
        let title = "\(measure.label): \(definition.title), \(periods.first!) to \(periods.last!)"
        let chart = SVGLineChart(id: HTML.id("line", definition.id), title: title,
                                 description: description(definition, periods: periods, series: series),
                                 unit: definition.unit, periods: periods,
                                 periodTitle: IndicatorText.periodTitle(definition.periodType), series: series)
        var html = "<figure class=\"chart-figure\" id=\"\(HTML.id("trend", definition.id))\">"
        html += "<figcaption><span class=\"figure-number\">Figure \(number).</span> \(HTML.escape(title))</figcaption>"
        html += chart.render()
        if !notes.isEmpty { html += "<p class=\"chart-note\">\(HTML.escape(notes.joined(separator: " ")))</p>" }
        html += "</figure>"
        return html
    }

    func description(_ definition: IndicatorDefinition, periods: [String], series: [SVGLineChart.Series]) -> String {
        var text = "Line chart of \(definition.title) (\(definition.unit.rawValue)) by period."
        for line in series {
            let points = zip(periods, line.values).map { period, value in
                "\(period) \(value.map { IndicatorText.value($0, definition) } ?? "no value")"
            }
            text += " \(line.name): \(points.joined(separator: ", "))."
        }
        return text
    }
}
