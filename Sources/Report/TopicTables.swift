import Comparison
import ComparisonTables
import HubKit

/// One table per topic: each indicator's value, numerator, denominator, rank and band for the LAs
/// in scope, beside the neighbours' mean, the region, the group and England.
struct TopicTables {
    let context: ReportContext

    func render() -> String {
        var html = ""
        for topic in IndicatorTopic.allCases {
            let views = context.views.filter { IndicatorTopic.of($0.definition) == topic }
            guard !views.isEmpty else { continue }
            html += table(topic, views)
        }
        return html.isEmpty ? "<p>No indicator values yet: import returns and run <code>hnhub indicators</code>.</p>" : html
    }

    private var several: Bool { context.scopeLAs.count > 1 }
    private var showsNeighbours: Bool { context.focusLA != nil }
    private var isGroup: Bool { context.options.group != nil }

    func table(_ topic: IndicatorTopic, _ views: [IndicatorView]) -> String {
        let regionHeader = context.focusLA.flatMap { context.regionName(of: $0) } ?? "Region"
        var headers = ["Indicator"]
        if several { headers.append("LA") }
        headers += ["Period", "Value", "Numerator", "Denominator", "Rank", "Band"]
        if showsNeighbours { headers.append("Neighbours' mean") }
        headers.append(regionHeader)
        if let group = context.options.group { headers.append(group.name) }
        headers.append("England")
        let scopeText = context.focusLA.map { context.title(of: $0) } ?? context.options.group?.name ?? "LAs in the hub"
        // A table of many columns scrolls sideways on a narrow screen: the caption says so there.
        let wide = headers.count >= Self.wideColumns
        var html = "<div class=\"table-wrap\(wide ? " wide" : "")\"><table class=\"topic\" id=\"\(HTML.id("topic", topic.rawValue))\">"
        html += "<caption>\(HTML.escape(topic.rawValue)): \(HTML.escape(scopeText))"
            + "<span class=\"caption-note\">Rank and band among all LAs with a value; – where not ranked (context measures); "
            + "c = suppressed (small numbers).\(showsNeighbours ? " Neighbours' mean: how many neighbours in brackets." : "")"
            + " Region and England: published totals where published (source on hover), – where there is none."
            + (wide ? "<span class=\"scroll-hint\"> Scroll sideways for every column →</span>" : "") + "</span></caption>"
        html += "<thead><tr>" + headers.enumerated().map { index, header in
            "<th scope=\"col\"\(index >= (several ? 3 : 2) ? " class=\"num\"" : "")>\(HTML.escape(header))</th>"
        }.joined() + "</tr></thead>"
        for view in views {
            html += "<tbody>"
            for (index, la) in context.scopeLAs.enumerated() {
                html += "<tr>"
                if index == 0 {
                    let span = several ? " rowspan=\"\(context.scopeLAs.count)\"" : ""
                    html += "<th scope=\"\(several ? "rowgroup" : "row")\"\(span)>\(HTML.escape(view.definition.title))"
                        + "<span class=\"unit-note\">\(HTML.escape(Self.unitNote(view.definition)))</span></th>"
                }
                if several { html += "<th scope=\"row\" class=\"la\">\(HTML.escape(context.data.geography.name(la)))</th>" }
                html += "<td>\(HTML.escape(view.period))</td>"
                html += figureCells(view, la: la)
                if showsNeighbours {
                    let neighbours = context.data.geography.neighbours[la] ?? []
                    html += numberCell(view.visibleMean(of: neighbours).map {
                        ReportNumbers.value($0.mean, unit: view.definition.unit) + " (\($0.count))"
                    })
                }
                // A total disclosure control hides shows as c (docs/disclosure-control.md); one there is
                // none of, as – with the reason on hover (docs/national-context.md).
                let hidden = view.table.hiddenTotals
                let regionName = context.regionName(of: la)
                html += totalCell(regionName.flatMap { view.region(named: $0) }, view,
                                  hidden: regionName.map { hidden.contains(TotalKey.region($0)) } ?? false,
                                  missing: regionName.flatMap { view.table.regionNotes[$0] },
                                  suffix: several ? regionName.map { " (\($0))" } ?? "" : "")
                if isGroup {
                    html += numberCell(view.table.group?.value.map { ReportNumbers.value($0, unit: view.definition.unit) }
                                       ?? context.options.group.flatMap { hidden.contains(TotalKey.group($0.name)) ? "c" : nil })
                }
                html += totalCell(view.table.england, view, hidden: hidden.contains(TotalKey.england), missing: view.table.englandNote)
                html += "</tr>"
            }
            html += "</tbody>"
        }
        html += "</table></div>"
        return html
    }

    /// Value, numerator, denominator, rank and band; `c` when suppressed, the reason when missing.
    func figureCells(_ view: IndicatorView, la: String) -> String {
        let definition = view.definition
        switch context.state(definition.id, la: la) {
        case .shown(let row):
            let published = IndicatorText.isPublished(row.figure) ? "<span class=\"source-mark\" title=\"\(HTML.escape(row.figure.source ?? ""))\"> (published)</span>" : ""
            let ranked = definition.polarity != .none
            return "<td class=\"num\">\(HTML.escape(ReportNumbers.value(row.figure.value!, unit: definition.unit)))\(published)</td>"
                + numberCell(IndicatorText.count(row.figure.numerator, pounds: definition.unit == .pounds))
                + numberCell(definition.denominator == nil ? "" : IndicatorText.count(row.figure.denominator))
                + numberCell(ranked ? IndicatorText.rank(row, in: view.table) : "–")
                + numberCell(ranked ? IndicatorText.band(row, in: view.table) : "–")
        case .suppressed:
            let denominator = definition.denominator == nil ? "" : "c"
            return "<td class=\"num suppressed\">c</td><td class=\"num suppressed\">c</td>"
                + "<td class=\"num suppressed\">\(denominator)</td><td class=\"num suppressed\">c</td><td class=\"num suppressed\">c</td>"
        case .unavailable(let reason):
            return "<td colspan=\"5\" class=\"missing\">Not available: \(HTML.escape(reason))</td>"
        }
    }

    /// From this many columns a table is marked wide (a scroll hint on narrow screens).
    static let wideColumns = 11

    /// `%, lower is better`; `count, not ranked`.
    static func unitNote(_ definition: IndicatorDefinition) -> String {
        let unit = definition.unit == .count ? "number" : definition.unit.rawValue
        return "\(unit), " + (definition.polarity == .none ? "not ranked" : IndicatorText.polarity(definition.polarity))
    }

    /// A region or England figure, with its source on hover; `–` with the reason when there is none.
    func totalCell(_ total: AggregateFigure?, _ view: IndicatorView, hidden: Bool, missing: String?, suffix: String = "") -> String {
        if hidden { return numberCell("c") }
        guard let total, let value = total.value else {
            return "<td class=\"num\"" + (missing.map { " title=\"\(HTML.escape($0))\"" } ?? "") + ">–</td>"
        }
        return "<td class=\"num\" title=\"\(HTML.escape(total.source))\">"
            + HTML.escape(ReportNumbers.value(value, unit: view.definition.unit) + suffix) + "</td>"
    }

    func numberCell(_ text: String?) -> String {
        "<td class=\"num\">\(HTML.escape(text ?? "–"))</td>"
    }
}
