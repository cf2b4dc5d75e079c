import Foundation
import HubKit

/// What each indicator measures, in words, and where the figures come from: the returns held,
/// reference data, the statistical neighbours edition and published DfE tables (with the OGL
/// attribution).
struct DefinitionsSection {
    let context: ReportContext

    static let openGovernmentLicence = "Contains public sector information licensed under the Open Government Licence v3.0."
    static let licenceAddress = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

    func render() -> String {
        definitions() + returnsHeld() + referenceData() + published()
    }

    func definitions() -> String {
        var html = "<h3 id=\"definitions-list\">Indicator definitions</h3>"
        html += "<p>Rank 1 is the best by the indicator's direction; tied values share the lowest rank; “n of N” counts LAs with a value. "
            + "Quartile bands are over all LAs' values that period: A is the best quarter, D the worst. "
            + "England and region figures are the published DfE totals where a published table gives the period; "
            + "else the total of every LA's figure when every LA of the area has one; else they are not shown (–), "
            + "rather than a total of only the LAs the hub holds. A group's figure is the total of its members'. "
            + "Totals are of numerators over totals of denominators, never a mean of LA rates. LAs whose returns the hub does not hold "
            + "are shown with their published figures (marked “published”). "
            + "The neighbours' mean is the unweighted mean of the neighbours' visible values (how many in brackets).</p>"
        html += "<div class=\"table-wrap\"><table class=\"definitions\"><caption>Indicators in this report</caption><thead><tr>"
            + ["Indicator", "Counts (numerator)", "Out of (denominator)", "Unit", "Direction", "Measured", "Data needed", "Period shown"]
                .map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead><tbody>"
        for view in context.views {
            let d = view.definition
            html += "<tr><th scope=\"row\">\(HTML.escape(d.title))<span class=\"unit-note\"><code>\(HTML.escape(d.id))</code></span></th>"
            html += [d.numerator, d.denominator ?? "(a count)", d.unit.rawValue, IndicatorText.polarity(d.polarity),
                     IndicatorText.periodType(d.periodType), d.sources.map(\.rawValue).joined(separator: ", "), view.period]
                .map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>"
        }
        html += "</tbody></table></div>"
        return html
    }

    func returnsHeld() -> String {
        let returns = context.data.returns
        var html = "<h3>SEN2 returns held</h3>"
        guard !returns.isEmpty else { return html + "<p>The hub holds no SEN2 returns.</p>" }
        let years = Dictionary(grouping: returns, by: \.collectionYear)
        html += "<p>The hub holds \(returns.count) current SEN2 return\(returns.count == 1 ? "" : "s") from "
            + "\(Set(returns.map(\.laCode)).count) LAs. Each collection counts plans active at its January census date and "
            + "work done in the calendar year before it.</p>"
        html += "<div class=\"table-wrap\"><table><caption>SEN2 returns by collection year</caption><thead><tr>"
            + ["Collection", "Census period", "Census date(s)", "LAs", "Imported"].map { "<th scope=\"col\">\($0)</th>" }.joined()
            + "</tr></thead><tbody>"
        for year in years.keys.sorted(by: >) {
            let list = years[year]!
            let dates = Set(list.compactMap(\.censusDate)).sorted().joined(separator: ", ")
            let imported = list.map { String($0.importedAt.prefix(10)) }.sorted()
            let names = list.map { context.data.geography.name($0.laCode) }.sorted().joined(separator: ", ")
            html += "<tr><th scope=\"row\">\(year)</th><td>\(HTML.escape(Period.census(collectionYear: year).label))</td>"
                + "<td>\(HTML.escape(dates))</td><td>\(list.count): \(HTML.escape(names))</td>"
                + "<td>\(HTML.escape(imported.first == imported.last ? imported.first ?? "" : "\(imported.first!) to \(imported.last!)"))</td></tr>"
        }
        html += "</tbody></table></div>"
        return html
    }

    func referenceData() -> String {
        var html = "<h3>Reference data</h3><ul>"
        html += "<li>LA register, regions and statistical neighbours: the hub's bundled tables, derived from DfE and ONS publications"
        if let edition = context.data.neighboursEdition {
            html += "; statistical neighbours edition \(HTML.escape(edition))"
        }
        html += ".</li>"
        for item in context.data.referenceImports where item.dataset != "published-statistics" {
            html += "<li>\(HTML.escape(item.dataset)): \(HTML.escape(Self.fileName(item.sourceName))), "
                + "\(item.records) rows, imported \(HTML.escape(String(item.importedAt.prefix(10))))</li>"
        }
        html += "</ul>"
        return html
    }

    func published() -> String {
        var html = "<h3>Published DfE tables</h3>"
        let tables = context.data.publishedTables
        if tables.isEmpty {
            html += "<p>No published tables are loaded: every figure comes from the hub's own returns.</p>"
        } else {
            html += "<p>Figures marked “published” come from Explore Education Statistics tables, for LAs and periods "
                + "whose returns the hub does not hold.</p><ul>"
            for table in tables {
                html += "<li>\(HTML.escape(table.name)): periods \(HTML.escape(table.periods.joined(separator: ", "))), "
                    + "imported \(HTML.escape(String(table.importedAt.prefix(10))))</li>"
            }
            html += "</ul>"
        }
        html += "<p class=\"licence\">\(Self.openGovernmentLicence) "
            + "<a href=\"\(Self.licenceAddress)\" rel=\"license\">\(Self.licenceAddress)</a></p>"
        return html
    }

    /// The file's name without its folders (paths can hold user names).
    static func fileName(_ path: String) -> String { (path as NSString).lastPathComponent }
}
