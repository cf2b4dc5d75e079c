import ComparisonTables
import HubKit

/// Line charts of the headline measures over the periods the hub holds: the focus LA (or each
/// group member) against its region, the group and England. A group of more LAs than can be told
/// apart is drawn as the range of its members (lowest to highest) with the group's own line. Notes
/// under each chart say what the lines cannot: lines that coincide, years taken from published
/// tables, and years without a region or England figure.
struct TrendsSection {
    let context: ReportContext
    /// Up to this many LAs each get a line; more are drawn as their range.
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
        let scope = context.scopeLAs
        let drawsEachLA = scope.count <= Self.maximumLines
        var band: SVGLineChart.Band?
        if drawsEachLA {
            for (index, la) in scope.enumerated() {
                let style = SVGLineChart.style(index)
                let values = visibleValues(of: la, periods: periods, views: views, notes: &notes)
                series.append(.init(name: context.data.geography.name(la), values: values, stroke: style.stroke, dash: style.dash,
                                    marker: style.marker, emphasised: scope.count == 1))
            }
            notes += publishedNotes(scope, periods: periods, views: views)
        } else {
            band = rangeBand(periods: periods, views: views, notes: &notes)
        }
        // Totals of counts are sums over many LAs: drawn only for rates.
        let comparable = definition.denominator != nil
        if comparable, let focus = context.focusLA, let region = context.regionName(of: focus) {
            series.append(.init(name: region, values: views.map { $0?.region(named: region)?.value }, stroke: "#4a4f57",
                                dash: LineDash.region, marker: .triangle, emphasised: false))
            notes += missingTotals(periods: periods, views: views) { view in view.region(named: region) == nil }
                .map { views in "\(region): no figure for \(views) (not published, and not every LA of the region has one)." }
        }
        if comparable, case .group(let name, _) = context.options.scope {
            series.append(.init(name: name, values: views.map { $0?.table.group?.value }, stroke: "#4a4f57",
                                dash: LineDash.group, marker: .openCircle, emphasised: !drawsEachLA))
        }
        if comparable {
            series.append(.init(name: "England", values: views.map { $0?.table.england?.value }, stroke: "#000",
                                dash: LineDash.england, marker: .square, emphasised: false))
            notes += missingTotals(periods: periods, views: views) { view in view.table.england == nil }
                .map { views in "England: no figure for \(views) (not published, and the hub does not hold every LA's)." }
        }
        notes += Self.coincidences(series)
        let title = "\(measure.label): \(definition.title), \(periods.first!) to \(periods.last!)"
        let chart = SVGLineChart(id: HTML.id("line", definition.id), title: title,
                                 description: description(definition, periods: periods, series: series, band: band),
                                 unit: definition.unit, periods: periods,
                                 periodTitle: IndicatorText.periodTitle(definition.periodType), series: series, band: band)
        var html = "<figure class=\"chart-figure\" id=\"\(HTML.id("trend", definition.id))\">"
        html += "<figcaption><span class=\"figure-number\">Figure \(number).</span> \(HTML.escape(title))</figcaption>"
        html += chart.render()
        if !notes.isEmpty { html += "<p class=\"chart-note\">\(HTML.escape(notes.joined(separator: " ")))</p>" }
        html += "</figure>"
        return html
    }

    /// An LA's values a reader may see, one per period (suppressed ones left out, and said so).
    func visibleValues(of la: String, periods: [String], views: [IndicatorView?], notes: inout [String]) -> [Double?] {
        var hiddenPeriods: [String] = []
        let values: [Double?] = zip(periods, views).map { period, view in
            guard let row = view?.row(la) else { return nil }
            if row.hidden { hiddenPeriods.append(period); return nil }
            return row.figure.value
        }
        if !hiddenPeriods.isEmpty {
            notes.append("\(context.title(of: la)): suppressed (c) in \(hiddenPeriods.joined(separator: ", ")), left out.")
        }
        return values
    }

    /// The range of the LAs in scope, period by period, from their visible values.
    func rangeBand(periods: [String], views: [IndicatorView?], notes: inout [String]) -> SVGLineChart.Band {
        var hidden = 0
        let ranges: [(low: Double, high: Double)?] = views.map { view in
            guard let view else { return nil }
            let values = context.scopeLAs.compactMap { la -> Double? in
                guard let row = view.row(la) else { return nil }
                if row.hidden { hidden += 1; return nil }
                return row.figure.value
            }
            guard let low = values.min(), let high = values.max() else { return nil }
            return (low, high)
        }
        let whose = context.options.group?.name ?? "the hub's LAs"
        notes.append("\(context.scopeLAs.count) LAs are too many to tell apart as lines: the shaded band runs from the lowest "
                     + "to the highest of \(whose) each year; the tables give each LA's figures.")
        if hidden > 0 { notes.append("\(hidden) suppressed value\(hidden == 1 ? " is" : "s are") left out of the band.") }
        let published = zip(periods, views).compactMap { period, view in
            context.scopeLAs.contains { la in view?.row(la).map { IndicatorText.isPublished($0.figure) } == true } ? period : nil
        }
        if !published.isEmpty {
            notes.append("In \(published.joined(separator: ", ")) some of the LAs' figures come from published DfE tables "
                         + "(years before the hub holds their returns).")
        }
        return SVGLineChart.Band(name: "Range of \(whose) (\(context.scopeLAs.count) LAs)", ranges: ranges)
    }

    /// Which of the LAs' years come from published tables rather than the hub's returns: one note
    /// per set of years, naming the LAs it holds for.
    func publishedNotes(_ las: [String], periods: [String], views: [IndicatorView?]) -> [String] {
        var lasBySpan: [(span: [String], las: [String])] = []
        for la in las {
            let published = zip(periods, views).compactMap { period, view in
                view?.row(la).flatMap { IndicatorText.isPublished($0.figure) && !$0.hidden ? period : nil }
            }
            guard !published.isEmpty else { continue }
            if let index = lasBySpan.firstIndex(where: { $0.span == published }) {
                lasBySpan[index].las.append(la)
            } else {
                lasBySpan.append((published, [la]))
            }
        }
        return lasBySpan.map { span, las in
            // A run of consecutive years as "first to last".
            let contiguous = periods.firstIndex(of: span[0]).map { Array(periods[$0..<min($0 + span.count, periods.count)]) == span } ?? false
            let years = span.count == periods.count ? "every year"
                : span.count == 1 ? span[0]
                : contiguous ? "\(span.first!) to \(span.last!)" : span.joined(separator: ", ")
            let rest = span.count == periods.count ? "" : ", the other years from the hub's returns"
            return "\(las.map { context.title(of: $0) }.joined(separator: ", ")): \(years) from published DfE tables\(rest)."
        }
    }

    /// The periods in which a total has no figure, as one text (none: an empty list).
    func missingTotals(periods: [String], views: [IndicatorView?], isMissing: (IndicatorView) -> Bool) -> [String] {
        let missing = zip(periods, views).compactMap { period, view in view.map(isMissing) == true ? period : nil }
        return missing.isEmpty ? [] : [missing.joined(separator: ", ")]
    }

    /// Lines that lie on top of one another at every period both have a value (at least two): the
    /// chart cannot show it, so a note does.
    static func coincidences(_ series: [SVGLineChart.Series]) -> [String] {
        var notes: [String] = []
        for (i, first) in series.enumerated() {
            for second in series[(i + 1)...] {
                let shared = zip(first.values, second.values).compactMap { a, b in a.flatMap { a in b.map { (a, $0) } } }
                guard shared.count >= 2,
                      shared.allSatisfy({ abs($0.0 - $0.1) <= max(abs($0.0), abs($0.1), 1) * 1e-9 }) else { continue }
                notes.append("\(first.name) and \(second.name) have the same values in every year both have: one line hides the other.")
            }
        }
        return notes
    }

    func description(_ definition: IndicatorDefinition, periods: [String], series: [SVGLineChart.Series],
                     band: SVGLineChart.Band?) -> String {
        var text = "Line chart of \(definition.title) (\(definition.unit.rawValue)) by period."
        if let band {
            let ranges = zip(periods, band.ranges).map { period, range in
                "\(period) " + (range.map { "\(IndicatorText.value($0.low, definition)) to \(IndicatorText.value($0.high, definition))" }
                                ?? "no value")
            }
            text += " \(band.name): \(ranges.joined(separator: ", "))."
        }
        for line in series {
            let points = zip(periods, line.values).map { period, value in
                "\(period) \(value.map { IndicatorText.value($0, definition) } ?? "no value")"
            }
            text += " \(line.name): \(points.joined(separator: ", "))."
        }
        return text
    }
}
