import Comparison
import ReportFixtures
import ComparisonTables
import Foundation
import HubKit
import HubStore
import Report
import Testing

/// The report's structure: sections, charts with titles, tables with headers, disclosure control,
/// nothing fetched from the network, and escaping of names from data.
@Suite struct ReportTests {
    /// The report knows no indicator ids: its headline measures, their order and which topic table
    /// an indicator sits in are what the definitions declare.
    @Test func headlinesAndTopicsAreWhatTheDefinitionsDeclare() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let declared = ReportFixture.definitions.map { definition -> IndicatorDefinition in
            switch definition.id {
            case "need_share_ASD":
                return definition.presented(in: .other, order: 1, headline: HeadlineRole(measure: "Autism share", position: 0))
            case "special_school_share": return definition.presented(in: .costs, order: 1)
            default: return definition
            }
        }
        try IndicatorTable(database: fixture.store.database).replace(
            definitions: declared, results: ReportFixture.results(), providerID: "test", providerVersion: "1",
            computedAt: "2025-06-01T00:00:00Z")
        let html = try fixture.report(.la(ReportFixture.focus))
        let tiles = html.components(separatedBy: "<article class=\"tile\"><h4>").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(tiles == ["Autism share", "EHCP rate", "Independent special share", "Out-of-area share", "Out-of-area cost",
                          "20-week timeliness"])
        #expect(html.contains("<title id=\"bar-need_share_ASD-title\">"))
        #expect(!html.contains("<title id=\"bar-special_school_share-title\">"))
        let costs = try #require(html.components(separatedBy: "<caption>Costs:").last)
        #expect(costs.components(separatedBy: "</table>")[0].contains("Title of special_school_share"))
    }

    @Test func theReportHasEverySectionAndAChartWithATitlePerHeadlineIndicator() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let html = try fixture.report(.la(ReportFixture.focus))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for heading in ["Headlines", "How all LAs compare", "Over time", "All indicators by topic", "Definitions and sources",
                        "Data quality"] {
            #expect(html.contains("\(heading)</h2>"), "missing section \(heading)")
        }
        // The rate has no population: the caseload stands in for it.
        for id in ["ehcp_caseload", "special_school_share", "independent_special_share", "out_of_area_share",
                   "out_of_area_cost_per_plan", "timeliness_20wk_incl"] {
            #expect(html.contains("<title id=\"bar-\(id)-title\">"), "no bar chart for \(id)")
            #expect(html.contains("<desc id=\"bar-\(id)-desc\">"))
            #expect(html.contains("<title id=\"line-\(id)-title\">"), "no time series for \(id)")
        }
        #expect(html.components(separatedBy: "<svg ").count - 1 == 12)
        #expect(html.contains("Not available: no population for LA 800") || html.contains("no population for LA 800"))
        for header in ["Indicator", "Period", "Value", "Numerator", "Denominator", "Rank", "Band", "South West", "England"] {
            #expect(html.contains("<th scope=\"col\" class=\"num\">\(header)</th>") || html.contains("<th scope=\"col\">\(header)</th>"),
                    "no column \(header)")
        }
        #expect(html.contains("<caption>Caseload and placements:"))
        #expect(html.contains("<caption>Timeliness:"))
        #expect(html.contains("Contains public sector information licensed under the Open Government Licence v3.0."))
        // Rank and band of the focus LA: special school share 20/250 is the lowest of seven (polarity low).
        #expect(html.contains("Rank <strong>1 of 7</strong>"))
        #expect(html.contains("Band A"))
        #expect(html.contains("not ranked") || html.contains("Not ranked"))
    }

    @Test func aSuppressedValueShowsAsCAndIsLeftOutOfTheChart() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let html = try fixture.report(.la(ReportFixture.focus))
        let chart = try #require(Self.element("svg", id: "bar-independent_special_share", in: html))
        #expect(!chart.contains("Bath &amp; North &lt;East&gt;:"), "the suppressed focus value is drawn")
        #expect(Self.element("svg", id: "bar-special_school_share", in: html)?.contains("Bath &amp; North &lt;East&gt;:") == true)
        let figure = try #require(Self.element("figure", id: "chart-independent_special_share", in: html))
        #expect(figure.contains("suppressed (c), not shown"))
        let table = try #require(Self.element("table", id: "topic-Caseload_and_placements", in: html))
        #expect(table.contains("<td class=\"num suppressed\">c</td>"))
        // Its own view shows the count of 2.
        let own = try fixture.report(.la(ReportFixture.focus), own: true)
        let ownChart = try #require(Self.element("svg", id: "bar-independent_special_share", in: own))
        #expect(ownChart.contains("Bath &amp; North &lt;East&gt;:"))
        #expect(!(Self.element("table", id: "topic-Caseload_and_placements", in: own)?.contains("num suppressed") ?? true))
        #expect(own.contains("Own view of"))
    }

    @Test func nothingIsFetchedFromTheNetwork() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        for html in [try fixture.report(.la(ReportFixture.focus)), try fixture.report(.hub)] {
            var rest = html
            for allowed in ["http://www.w3.org/2000/svg", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"] {
                rest = rest.replacingOccurrences(of: allowed, with: "")
            }
            #expect(!rest.contains("http://") && !rest.contains("https://"))
            #expect(!rest.contains("<script") && !rest.contains("<img") && !rest.contains("<link") && !rest.contains("@import"))
            #expect(!rest.contains("src="))
        }
    }

    @Test func namesFromDataAreEscaped() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let html = try fixture.report(.la(ReportFixture.focus))
        #expect(html.contains("Bath &amp; North &lt;East&gt; (800)"))
        #expect(!html.contains("<East>"))
        #expect(!html.contains("Bath & North"))
        // File names lose their folders (which can hold user names).
        #expect(html.contains("sen2-800-2025.xml") && !html.contains("/home/analyst"))
    }

    @Test func aGroupReportHasAPanelPerMemberTheGroupTotalAndSuppressesEveryone() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let members = ["800", "801", "866"]
        let html = try fixture.report(.group(name: "West & Co", members: members), groups: ["West & Co": members])
        #expect(html.contains("West &amp; Co: EHCP benchmarking report"))
        for la in members { #expect(html.contains("id=\"panel-\(la)\"")) }
        #expect(html.contains("<th scope=\"col\" class=\"num\">West &amp; Co</th>"))
        #expect(html.contains("Members of West &amp; Co"))
        // 800's count of 2 is hidden from the group, and 801's data quality counts are there.
        #expect(html.contains("<td class=\"num suppressed\">c</td>"))
        // No LA's data quality counts of 1-4 reach the group (docs/disclosure-control.md).
        let quality = try #require(Self.element("section", id: "quality", in: html))
        #expect(quality.contains(Self.qualityCells(import: 1, persons: "250", quarantined: "c", errors: "c", warnings: "c",
                                                   findings: "1520 (error); 2004Q (warning)")))
        #expect(quality.contains(Self.qualityCells(import: 2, persons: "250", quarantined: "7", errors: "9", warnings: "c",
                                                   findings: "1520 (error); 2004Q (warning)")))
        #expect(!quality.contains("×"))
    }

    /// 800 quarantined 2 persons with 2 errors and 4 warnings; 801 quarantined 7 with 9 errors and 4
    /// warnings. 800's own report shows its own counts and findings per rule; its shared report hides them.
    @Test func anLAsOwnReportShowsItsOwnDataQualityCountsAndHidesTheOthersSmallOnes() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let own = try #require(Self.element("section", id: "quality", in: try fixture.report(.la(ReportFixture.focus), own: true)))
        #expect(own.contains(Self.qualityCells(import: 1, persons: "250", quarantined: "2", errors: "2", warnings: "4",
                                               findings: "1520 (error) × 2; 2004Q (warning) × 1")))
        #expect(!own.contains("<td>#2</td>"), "the own view is of 800 alone")
        let shared = try #require(Self.element("section", id: "quality", in: try fixture.report(.la(ReportFixture.focus))))
        #expect(shared.contains(Self.qualityCells(import: 1, persons: "250", quarantined: "c", errors: "c", warnings: "c",
                                                  findings: "1520 (error); 2004Q (warning)")))
    }

    static func qualityCells(import id: Int, persons: String, quarantined: String, errors: String, warnings: String,
                             findings: String) -> String {
        "<td>#\(id)</td><td>2025-05-01</td>" + [persons, quarantined, errors, warnings].map { "<td class=\"num\">\($0)</td>" }.joined()
            + "<td>\(findings)</td>"
    }

    @Test func barChartsAndLineChartsHaveAxesGridlinesAndALegend() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let html = try fixture.report(.la(ReportFixture.focus))
        let bar = try #require(Self.element("svg", id: "bar-special_school_share", in: html))
        #expect(bar.contains("role=\"img\""))
        #expect(bar.contains("Per cent (%)"))
        #expect(bar.contains("class=\"grid\""))
        #expect(bar.contains("class=\"legend\""))
        #expect(bar.contains("Statistical neighbours"))
        #expect(bar.contains("class=\"hatch\""))
        #expect(bar.contains("stroke-dasharray"))
        let line = try #require(Self.element("svg", id: "line-special_school_share", in: html))
        #expect(line.contains("2023/24") && line.contains("2024/25") && line.contains("England"))
    }

    @Test func anEmptyHubGivesAReportThatSaysSo() {
        let html = ReportBuilder(data: ReportData(snapshot: IndicatorSnapshot(definitions: [], figures: [:]), geography: LAGeography()),
                                 options: ReportOptions(scope: .hub)).html()
        #expect(html.contains("No LAs in scope"))
    }

    /// The element of `tag` whose id starts with `id` (to its closing tag; no nesting of the same tag).
    static func element(_ tag: String, id: String, in html: String) -> String? {
        guard let start = html.range(of: "<\(tag) [^>]*id=\"\(id)", options: .regularExpression),
              let end = html.range(of: "</\(tag)>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }
}
