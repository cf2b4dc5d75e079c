import ComparisonTables
import HubKit

/// The bar chart of all LAs for each headline measure, with what was left out and why.
struct ChartsSection {
    let context: ReportContext

    func render() -> String {
        var html = ""
        for (index, measure) in HeadlineMeasure.all.enumerated() {
            let id = measure.indicator(in: context)
            guard let view = context.view(id) else {
                html += "<h3>\(HTML.escape(measure.label))</h3><p class=\"missing\">Not available: "
                    + HTML.escape(context.scopeLAs.first.map { context.unavailableReason(id, la: $0) } ?? "no figures") + "</p>"
                continue
            }
            html += figure(measure, view, number: index + 1)
        }
        return html
    }

    func figure(_ measure: HeadlineMeasure, _ view: IndicatorView, number: Int) -> String {
        let definition = view.definition
        let rows = view.visibleRowsByValue
        let marks = self.marks()
        let bars = rows.map { row in
            SVGBarChart.Bar(code: row.figure.laCode, name: row.name, value: row.figure.value!,
                            mark: marks.mark[row.figure.laCode] ?? .other)
        }
        var references: [SVGBarChart.Reference] = []
        // A total of counts is no yardstick for one LA's count: reference lines only for rates.
        let comparable = definition.denominator != nil
        if comparable, let focus = context.focusLA, let name = context.regionName(of: focus), let value = view.region(named: name)?.value {
            references.append(.init(name: name, value: value, dash: LineDash.region))
        }
        if comparable, let group = view.table.group, let value = group.value {
            references.append(.init(name: group.name, value: value, dash: LineDash.group))
        }
        if comparable, let value = view.table.england?.value { references.append(.init(name: "England", value: value, dash: LineDash.england)) }
        let chartID = HTML.id("bar", definition.id)
        let title = "\(measure.label): \(definition.title), \(view.period), all LAs"
        let chart = SVGBarChart(id: chartID, title: title, description: description(view, bars: bars, references: references),
                                unit: definition.unit, bars: bars, references: references, markLabels: marks.labels)
        var html = "<figure class=\"chart-figure\" id=\"\(HTML.id("chart", definition.id))\">"
        html += "<figcaption><span class=\"figure-number\">Figure \(number).</span> \(HTML.escape(title)) "
            + "<span class=\"polarity\">(\(HTML.escape(IndicatorText.polarity(definition.polarity))))</span></figcaption>"
        html += bars.isEmpty ? "<p class=\"missing\">No LA's value can be shown.</p>" : chart.render()
        var notes = self.notes(view)
        if comparable {
            let regionNote = context.focusLA.flatMap { context.regionName(of: $0) }.flatMap { view.table.regionNotes[$0] }
            notes += [regionNote, view.table.englandNote].compactMap { $0.map { $0 + "." } }
        }
        if !notes.isEmpty { html += "<p class=\"chart-note\">" + HTML.escape(notes.joined(separator: " ")) + "</p>" }
        html += "</figure>"
        return html
    }

    /// Which bars are marked, and how the legend names each mark.
    func marks() -> (mark: [String: BarMark], labels: [BarMark: String]) {
        let geography = context.data.geography
        var mark: [String: BarMark] = [:]
        var labels: [BarMark: String] = [.other: "Other LAs"]
        switch context.options.scope {
        case .la(let focus):
            for code in geography.regionMembers(of: focus) { mark[code] = .region }
            for code in geography.neighbours[focus] ?? [] { mark[code] = .neighbour }
            mark[focus] = .focus
            labels[.focus] = context.title(of: focus)
            labels[.neighbour] = "Statistical neighbours"
            labels[.region] = "Other LAs in \(context.regionName(of: focus) ?? "the region")"
        case .group(let name, let members):
            for code in members { mark[code] = .focus }
            labels[.focus] = "Members of \(name)"
        case .hub:
            for code in context.scopeLAs { mark[code] = .focus }
            labels[.focus] = "LAs whose returns the hub holds"
            labels[.other] = "LAs from published tables"
        }
        return (mark, labels)
    }

    /// What the chart leaves out: suppressed values, LAs in scope without a value.
    func notes(_ view: IndicatorView) -> [String] {
        var notes: [String] = []
        let hidden = view.hiddenCount
        if hidden > 0 {
            notes.append("\(hidden) LA\(hidden == 1 ? "'s value is" : "s' values are") suppressed (shown as c in the tables) and left out of the chart.")
        }
        for la in context.scopeLAs {
            switch context.state(view.definition.id, la: la) {
            case .shown: break
            case .suppressed: notes.append("\(context.title(of: la)): suppressed (c), not shown.")
            case .unavailable(let reason): notes.append("\(context.title(of: la)): not available (\(reason)).")
            }
        }
        return notes
    }

    /// The chart in words, for screen readers.
    func description(_ view: IndicatorView, bars: [SVGBarChart.Bar], references: [SVGBarChart.Reference]) -> String {
        let definition = view.definition
        var text = "Horizontal bar chart of \(bars.count) LAs' values of \(definition.title) (\(definition.unit.rawValue)) in \(view.period), sorted from highest to lowest."
        if let high = bars.first, let low = bars.last {
            text += " Highest \(high.name) \(IndicatorText.value(high.value, definition)); lowest \(low.name) \(IndicatorText.value(low.value, definition))."
        }
        for la in context.scopeLAs.prefix(12) {
            if case .shown(let row) = context.state(definition.id, la: la), let value = row.figure.value {
                let rank = definition.polarity == .none ? "" : ", rank \(IndicatorText.rank(row, in: view.table))"
                text += " \(context.title(of: la)): \(IndicatorText.value(value, definition))\(rank)."
            }
        }
        for reference in references { text += " \(reference.name): \(IndicatorText.value(reference.value, definition))." }
        return text
    }
}
