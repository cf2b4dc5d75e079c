import Foundation
import HubKit
import Scoping

/// The scoping report (`hnhub scope-centre --out DIR` writes `scope.html`; docs/scoping.md): one
/// self-contained HTML file with the cohort by LA and age, a location plot of the site and the
/// children's home districts, the fill of each option with its band, money, each LA's places,
/// sensitivity, the shared service, assumptions and data coverage, all read through the scope's
/// disclosure control.
package struct ScopeReport {
    package let readout: ScopeReadout

    package init(readout: ScopeReadout) { self.readout = readout }

    package func html() -> String {
        let scope = readout.scope
        let title = "Scope of a shared centre: \(scope.assumptions.group), \(scope.assumptions.needs.joined(separator: ", "))"
        var sections: [(id: String, title: String, body: String)] = [
            ("summary", "Options in summary", table(readout.optionSummary) + table(readout.commitments)),
            ("cohort", "The cohort", table(readout.cohort) + table(readout.yearGroups) + table(readout.cells)),
            ("map", "Where the children live", ScopeLocationPlot(readout: readout).render()),
            ("fill", "Fill year by year", scope.options.indices.map { ScopeFillChart(readout: readout, option: $0).render() }.joined()
                + table(readout.options)),
            ("sensitivity", "Which assumption moves the answer most", ScopeTornado(readout: readout).render() + table(readout.sensitivity)),
        ]
        if let service = readout.service { sections.append(("service", "Shared specialist service", table(service))) }
        sections += [("assumptions", "Assumptions and their sources", table(readout.assumptions)),
                     ("coverage", "Data coverage", table(readout.coverage))]
        var html = "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<meta name=\"generator\" content=\"High Needs Hub (hnhub scope-centre)\">"
        html += "<title>\(HTML.escape(title))</title><style>\(ReportStylesheet.css)</style></head><body><header>"
        html += "<p class=\"kicker\">High Needs Hub · scoping a shared centre</p><h1>\(HTML.escape(title))</h1>"
        html += "<p class=\"meta\">Census \(HTML.escape(scope.cohort.period)); LAs \(HTML.escape(scope.cohort.las.joined(separator: ", "))); "
            + "site \(HTML.escape(scope.siteLabel)); \(scope.assumptions.years) years from "
            + "\(HTML.escape(Period.census(collectionYear: scope.cohort.collectionYear + 1).label)); demand path: "
            + "\(HTML.escape(scope.demand.path.rawValue)).</p>"
        if let own = readout.audience.ownLA {
            html += "<p class=\"audience own\"><strong>Own view of LA \(HTML.escape(own)):</strong> its own figures are shown "
                + "whole. Do not share this report outside the authority; other LAs' small counts show as <strong>c</strong>.</p>"
        } else {
            html += "<p class=\"audience\"><strong>Shareable view:</strong> LAs' counts of 1 to \(readout.audience.threshold - 1), "
                + "and whatever could recover them, show as <strong>c</strong>; an LA's places are hidden with its eligible "
                + "count; money is shown for the group only.</p>"
        }
        html += "<nav aria-label=\"Contents\"><h2 class=\"contents\">Contents</h2><ol>"
        html += sections.map { "<li><a href=\"#\($0.id)\">\(HTML.escape($0.title))</a></li>" }.joined()
        html += "</ol></nav></header><main>"
        for (number, section) in sections.enumerated() {
            html += "<section class=\"report-section\" id=\"\(section.id)\"><h2>\(number + 1). \(HTML.escape(section.title))</h2>"
                + section.body + "</section>"
        }
        html += "</main><footer><p>Made by High Needs Hub (<code>hnhub scope-centre</code>). Figures come from SEN2 returns "
            + "pooled in the hub, the establishment register and the hub's placement costs; defaults are listed with their "
            + "sources under Assumptions. See docs/scoping.md for the method.</p></footer></body></html>\n"
        return html
    }

    /// A table of the readout, numbers right-aligned.
    func table(_ table: ScopeTable) -> String {
        var html = "<div class=\"table-wrap\"><table><caption>\(HTML.escape(table.title))</caption><thead><tr>"
        html += table.columns.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in table.rows {
            html += "<tr>" + row.enumerated().map { index, cell in
                let numeric: Bool
                switch cell {
                case .count, .pounds, .share, .hidden: numeric = true
                case .text, .empty: numeric = false
                }
                let tag = index == 0 ? "th scope=\"row\"" : "td"
                return "<\(tag)\(numeric ? " class=\"num\"" : "")>\(HTML.escape(cell.text))</\(index == 0 ? "th" : "td")>"
            }.joined() + "</tr>"
        }
        return html + "</tbody></table></div>"
    }
}
