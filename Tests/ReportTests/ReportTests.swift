import Comparison
import CaseloadMetrics
import ComparisonTables
import Foundation
import HubKit
import HubStore
import Report
import Testing

/// A small store for report tests: a register of six LAs in one region (names with `&` and `<`),
/// a neighbours edition, two periods of the headline indicators, a small count that must show as
/// `c`, and two imported returns with validation findings.
struct ReportFixture {
    let folder: TemporaryFolder
    let store: Store

    static let focus = "800"
    static let focusName = "Bath & North <East>"
    static let names = ["800": focusName, "801": "Bristol, City of", "802": "North Somerset", "803": "South Gloucestershire",
                        "865": "Wiltshire", "866": "Swindon", "330": "Birmingham"]

    init() throws {
        folder = try TemporaryFolder()
        store = try Store(path: folder.file("hub.sqlite"))
        let db = store.database
        try db.execute("INSERT INTO regions VALUES ('E12000009', 'South West'), ('E12000005', 'West Midlands')")
        for (code, name) in Self.names {
            try db.execute("INSERT INTO local_authorities (la_code, e_code, name, region_code) VALUES (?,?,?,?)",
                           [.text(code), .text("E0600\(code)"), .text(name), .text(code == "330" ? "E12000005" : "E12000009")])
        }
        for (rank, neighbour) in ["801", "802", "330"].enumerated() {
            try db.execute("INSERT INTO statistical_neighbours (edition, la_code, rank, neighbour_la_code) VALUES ('2025-05', '800', ?, ?)",
                           [.integer(Int64(rank + 1)), .text(neighbour)])
        }
        try Self.insertReturns(db)
        try IndicatorTable(database: db).replace(definitions: Self.definitions, results: Self.results(),
                                                 providerID: "test", providerVersion: "1", computedAt: "2025-06-01T00:00:00Z")
    }

    func remove() { folder.remove() }

    static func definition(_ id: String, _ unit: IndicatorUnit, _ polarity: Polarity, _ type: PeriodType = .census,
                           denominator: String? = "EHC plans") -> IndicatorDefinition {
        // Laid out (topic, order, headline measure) as the caseload plugin lays out the indicator of that id.
        IndicatorDefinition(id: id, title: "Title of \(id)", unit: unit, polarity: polarity, periodType: type,
                            numerator: "numerator of \(id)", denominator: unit == .count ? nil : denominator, sources: [.sen2Returns],
                            presentation: IndicatorLayout.byID[id] ?? IndicatorPresentation())
    }

    static let definitions = [
        definition("ehcp_caseload", .count, .none),
        definition("ehcp_rate_0_25", .per10000, .none, denominator: "residents aged 0-25"),
        definition("special_school_share", .percent, .low),
        definition("independent_special_share", .percent, .low),
        definition("out_of_area_share", .percent, .low),
        definition("out_of_area_cost_per_plan", .pounds, .low, denominator: "out-of-area placements costed"),
        definition("timeliness_20wk_incl", .percent, .high, .calendar, denominator: "new plans"),
        definition("need_share_ASD", .percent, .none),
    ]

    /// Every LA has every indicator in 2024/25 (calendar 2024) and 2023/24 (2023), except the rate
    /// (no population) and the focus LA's independent special share in 2024/25, a count of 2.
    static func results() -> [IndicatorResult] {
        var results: [IndicatorResult] = []
        let codes = names.keys.sorted()
        for (year, census, calendar) in [(2025, Period.census(collectionYear: 2025), Period.calendar(collectionYear: 2025)),
                                         (2024, Period.census(collectionYear: 2024), Period.calendar(collectionYear: 2024))] {
            for (offset, la) in codes.enumerated() {
                let plans = Double(200 + offset * 40 + (year - 2024) * 10)
                func add(_ id: String, _ numerator: Double, _ denominator: Double?, period: Period = census) {
                    results.append(IndicatorResult(indicatorID: id, laCode: la, period: period, numerator: numerator, denominator: denominator))
                }
                add("ehcp_caseload", plans, nil)
                results.append(IndicatorResult(indicatorID: "ehcp_rate_0_25", laCode: la, period: census,
                                               unavailable: "no population for LA \(la) (import a population file)"))
                add("special_school_share", la == focus ? 20 : Double(40 + offset * 7), plans)
                add("independent_special_share", la == focus && year == 2025 ? 2 : Double(10 + offset * 3), plans)
                add("out_of_area_share", Double(12 + offset * 2), plans)
                add("out_of_area_cost_per_plan", Double(600_000 + offset * 90_000), Double(12 + offset * 2))
                add("timeliness_20wk_incl", Double(30 + offset * 5), 60, period: calendar)
                add("need_share_ASD", Double(50 + offset * 4), plans)
            }
        }
        return results
    }

    static func insertReturns(_ db: Database) throws {
        for (id, la) in [(1, "800"), (2, "801")] {
            try db.execute("""
                INSERT INTO imports (id, dataset, scope, source_name, checksum, input_bytes, importer_id, importer_version,
                    imported_at, la_code, collection_year, census_date, records, quarantined, errors, warnings)
                VALUES (?, 'sen2-return', ?, ?, 'x', 1, 'sen2-xml', '1', '2025-05-01T10:00:00Z', ?, 2025, '2025-01-16', 250, ?, ?, 4)
                """, [.integer(Int64(id)), .text("sen2-return/\(la)/2025"), .text("/home/analyst/returns/sen2-\(la)-2025.xml"),
                      .text(la), .integer(la == "800" ? 2 : 7), .integer(la == "800" ? 2 : 9)])
            try db.execute("""
                INSERT INTO validation_issues (import_id, rule_id, severity, message) VALUES
                    (?, '1520', 'error', 'm'), (?, '1520', 'error', 'm'), (?, '2004Q', 'warning', 'm')
                """, [.integer(Int64(id)), .integer(Int64(id)), .integer(Int64(id))])
        }
    }

    func report(_ scope: ReportScope, own: Bool = false, groups: [String: [String]] = [:]) throws -> String {
        let data = try ReportData.load(store.database, groups: groups)
        let options = ReportOptions(scope: scope, ownView: own, generatedAt: Date(timeIntervalSince1970: 1_750_000_000))
        return ReportBuilder(data: data, options: options).html()
    }
}

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
