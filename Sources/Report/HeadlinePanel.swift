import ComparisonTables
import HubKit

/// The headline panel of one LA: the six headline measures as tiles, each with value,
/// numerator/denominator, rank, quartile band and the region and England values beside it.
struct HeadlinePanel {
    let context: ReportContext
    let la: String

    func render() -> String {
        let headingID = HTML.id("panel", la)
        var html = "<section class=\"panel\" aria-labelledby=\"\(headingID)\">"
        html += "<h3 id=\"\(headingID)\">\(HTML.escape(context.title(of: la)))</h3>"
        html += "<p class=\"panel-meta\">\(panelMeta())</p>"
        html += "<div class=\"tiles\">"
        for measure in HeadlineMeasure.all { html += tile(measure) }
        html += "</div></section>"
        return html
    }

    /// Region and neighbours, in words.
    func panelMeta() -> String {
        var parts: [String] = []
        if let region = context.regionName(of: la) { parts.append("Region: " + HTML.escape(region)) }
        let neighbours = context.data.geography.neighbours[la] ?? []
        if !neighbours.isEmpty, context.focusLA == la {
            let edition = context.data.neighboursEdition.map { " (edition \(HTML.escape($0)))" } ?? ""
            parts.append("Statistical neighbours\(edition): "
                         + neighbours.map { HTML.escape(context.data.geography.name($0)) }.joined(separator: ", "))
        }
        return parts.isEmpty ? "Not placed in a region by the LA register" : parts.joined(separator: " · ")
    }

    func tile(_ measure: HeadlineMeasure) -> String {
        let id = measure.indicator(in: context)
        let definition = context.data.snapshot.definition(id)
        var html = "<article class=\"tile\"><h4>\(HTML.escape(measure.label))</h4>"
        let view = context.view(id)
        switch context.state(id, la: la) {
        case .shown(let row):
            guard let view, let definition, let value = row.figure.value else { break }
            html += "<p class=\"tile-value\">\(HTML.escape(ReportNumbers.value(value, unit: definition.unit)))"
            if !ReportNumbers.unitSuffix(definition.unit).isEmpty {
                html += " <span class=\"unit\">\(HTML.escape(definition.unit.rawValue))</span>"
            }
            html += "</p>"
            if definition.denominator != nil || definition.unit != .count {
                html += "<p class=\"tile-fraction\">\(fraction(row, definition))</p>"
            }
            if definition.polarity == .none {
                html += "<p class=\"tile-rank\">Not ranked (context measure)</p>"
            } else {
                html += "<p class=\"tile-rank\">Rank <strong>\(HTML.escape(IndicatorText.rank(row, in: view.table)))</strong>"
                if let band = row.band {
                    html += " · <span class=\"band\" title=\"Quartile band: A is the best quarter of LAs\">Band \(band.rawValue)</span>"
                }
                html += "</p>"
            }
            if IndicatorText.isPublished(row.figure) {
                html += "<p class=\"tile-note\">From a published DfE table</p>"
            }
        case .suppressed:
            html += "<p class=\"tile-value\">c</p><p class=\"tile-fraction\">Suppressed: a small count (disclosure control)</p>"
        case .unavailable(let reason):
            html += "<p class=\"tile-missing\">Not available: \(HTML.escape(reason))</p>"
        }
        if let definition {
            let period = view.map { ", \($0.period)" } ?? ""
            html += "<p class=\"tile-what\">\(HTML.escape(definition.title + period))</p>"
            if let view { html += "<p class=\"tile-context\">\(comparators(view))</p>" }
        }
        if let note = measure.fallbackNote(in: context) {
            html += "<p class=\"tile-note\">Shown instead of \(HTML.escape(note))</p>"
        }
        html += "</article>"
        return html
    }

    /// `36 of 239 (numerator words / denominator words)`.
    func fraction(_ row: LATableRow, _ definition: IndicatorDefinition) -> String {
        let pounds = definition.unit == .pounds
        guard let numerator = row.figure.numerator else { return "" }
        guard definition.denominator != nil, let denominator = row.figure.denominator else {
            return HTML.escape(IndicatorText.count(numerator, pounds: pounds) + " " + definition.numerator)
        }
        return "<abbr title=\"\(HTML.escape(definition.numerator + " / " + (definition.denominator ?? "")))\">"
            + HTML.escape("\(IndicatorText.count(numerator, pounds: pounds)) / \(IndicatorText.count(denominator))")
            + "</abbr>"
    }

    /// `South West 12.0 · England 11.4`, and the group's total in a group report.
    func comparators(_ view: IndicatorView) -> String {
        var parts: [String] = []
        // Totals of counts are sums, not rates: say so.
        let total = view.definition.denominator == nil ? " total" : ""
        // A region or England without a figure is said to have none (docs/national-context.md).
        if let name = context.regionName(of: la) {
            parts.append(view.region(named: name)?.value.map { "\(name)\(total) \(ReportNumbers.value($0, unit: view.definition.unit))" }
                         ?? "\(name): no figure for \(view.period)")
        }
        if let group = view.table.group, let value = group.value {
            parts.append("\(group.name)\(total) \(ReportNumbers.value(value, unit: view.definition.unit))")
        }
        parts.append(view.table.england?.value.map { "England\(total) \(ReportNumbers.value($0, unit: view.definition.unit))" }
                     ?? "England: no figure for \(view.period)")
        return HTML.escape(parts.joined(separator: " · "))
    }
}
