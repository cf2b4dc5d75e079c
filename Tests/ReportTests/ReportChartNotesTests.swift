import Foundation
import ReportFixtures
@testable import Report
import Testing

/// What the report's charts and tables say beyond their marks: a group too big for a line each
/// drawn as its range, lines that coincide, years from published tables or without a total, labels
/// kept clear of reference lines, and a cue that a wide table scrolls.
@Suite struct ReportChartNotesTests {
    func report(_ scope: ReportScope) throws -> String {
        let fixture = try LongNamesFixture()
        defer { fixture.folder.remove() }
        return ReportBuilder(data: try ReportData.load(fixture.store.database), options: ReportOptions(scope: scope)).html()
    }

    /// The trend figure of one indicator.
    func trend(_ id: String, in html: String) throws -> String {
        let start = try #require(html.range(of: "<figure class=\"chart-figure\" id=\"trend-\(id)\">"))
        return String(html[start.lowerBound...].prefix { _ in true }.components(separatedBy: "</figure>")[0])
    }

    @Test func aGroupTooBigForALineEachIsDrawnAsItsRange() throws {
        let html = try report(.group(name: "Ten long-named LAs", members: LongNamesFixture.codes))
        let figure = try trend("special_school_share", in: html)
        #expect(figure.contains("<g class=\"band\"><title>Range of Ten long-named LAs (10 LAs)</title><polygon points="))
        #expect(figure.contains("10 LAs are too many to tell apart as lines: the shaded band runs from the lowest to the highest of Ten long-named LAs each year"))
        // The group's own line and England's are drawn over it.
        #expect(figure.contains("<g><title>Ten long-named LAs</title><path"))
        #expect(figure.contains("<g><title>England</title><path"))
    }

    @Test func coincidingLinesAndMissingTotalsAreSaid() throws {
        let html = try report(.la("800"))
        // The headline tile says there is no England figure rather than leaving it out.
        #expect(html.contains("<p class=\"tile-context\">South West: no figure for 2024/25 · England: no figure for 2024/25</p>"))
        let figure = try trend("special_school_share", in: html)
        #expect(figure.contains("South West and England have the same values in every year both have: one line hides the other."))
        #expect(figure.contains("Bath and North East Somerset (800): 2022/23 from published DfE tables, the other years from the hub&#39;s returns."))
        #expect(figure.contains("England: no figure for 2024/25 (not published, and the hub does not hold every LA&#39;s)."))
        // England's line stops a year early: its end label says when.
        #expect(figure.contains("31.0% (2023/24)  England</text>"))
    }

    @Test func aValueLabelALineRunsThroughGetsAWhiteBox() {
        #expect(SVGBarChart.clearing([100], x: 90, y: 50, width: 30)
                == "<rect x=\"88\" y=\"40.5\" width=\"34\" height=\"12.5\" fill=\"#fff\"/>")
        #expect(SVGBarChart.clearing([200], x: 90, y: 50, width: 30) == "")
    }

    @Test func aLongNameWrapsOntoASecondLineInsteadOfBeingCut() {
        #expect(SVGLineChart.endLabel("46.9%", name: "Bath and North East Somerset", bold: true)
                == ["46.9% Bath and North East", "Somerset"])
        #expect(SVGLineChart.endLabel("32.1%", name: "England", bold: false) == ["32.1%  England"])
    }

    @Test func aWideTableSaysItScrolls() throws {
        let html = try report(.group(name: "Ten long-named LAs", members: LongNamesFixture.codes))
        #expect(html.contains("<div class=\"table-wrap wide\"><table class=\"topic\""))
        #expect(html.contains("<span class=\"scroll-hint\"> Scroll sideways for every column →</span>"))
    }
}
