import Comparison
import ComparisonTables
import DisclosureAudit
@testable import Exports
import Forecasting
import HubKit
import Report
import Testing

/// The forecast in the HTML report and the Excel workbook, with disclosure control.
struct ForecastOutputsTests {
    /// LA 800's caseload from its returns is small (3 plans, then 4); the group's total is not.
    static let overview: ForecastOverview = {
        let small = AreaForecast(
            la: "800", measure: "total", source: .returns, method: .shrunkGrowth, origin: 2025,
            history: YearSeries([2024: 3, 2025: 4]), central: [4.4, 12], best: [4.2, 11], worst: [4.6, 13],
            intervals: [PredictionInterval(low80: 4, high80: 5, low95: 3.8, high95: 5.2), nil], errors: [],
            assumptions: [.central: "growth +10% a year", .best: "lower", .worst: "higher"])
        let group = AreaForecast(
            la: "group:Partnership", measure: "total", source: .returns, method: .shrunkGrowth, origin: 2025,
            history: YearSeries([2024: 900, 2025: 1000]), central: [1100, 1210], best: [1050, 1100], worst: [1150, 1320],
            intervals: [PredictionInterval(low80: 1060, high80: 1140, low95: 1040, high95: 1160), nil], errors: [],
            assumptions: [.central: "the sum of its LAs' central forecasts"])
        return ForecastOverview(areas: [small, group], accuracy: "Backtest: mean absolute error 4.9%.")
    }()

    func report(own: Bool) -> String {
        var options = ReportOptions(scope: .la("800"), ownView: own)
        options.forecast = Self.overview
        return ReportBuilder(data: ReportData(snapshot: IndicatorSnapshot(definitions: [], figures: [:]), geography: LAGeography()),
                             options: options).html()
    }

    @Test func theReportHasAForecastSectionWithAFanChartPerArea() throws {
        let html = report(own: false)
        #expect(html.contains("<h2 id=\"forecast-heading\">4. Forecast</h2>"))
        #expect(html.contains("Backtest: mean absolute error 4.9%."))
        let fan = try #require(ReportTests.element("svg", id: "forecast-1", in: html))
        #expect(fan.contains("Partnership: EHCPs at the January census, history and forecast"))
        #expect(fan.contains("95% interval") && fan.contains("best and worst cases"))
        #expect(fan.contains("2026/27: 1,210 central"))
        // The small LA's figures from returns show as c in a shared view, and are not drawn.
        let section = try #require(html.range(of: "<h3>LA 800</h3>").map { String(html[$0.lowerBound...]) })
        // 4.4 (4-5, 3.8-5.2), best 4.2, worst 4.6: only what rounds to 5 shows. No interval in 2026/27.
        #expect(section.contains("<tbody><tr><th scope=\"row\">2025/26</th><td>c</td><td>c</td><td>c</td><td>c</td><td>5</td></tr>"
            + "<tr><th scope=\"row\">2026/27</th><td>12</td><td>-</td><td>-</td><td>11</td><td>13</td></tr></tbody>"))
        let smallFan = try #require(ReportTests.element("svg", id: "forecast-0", in: html))
        #expect(!smallFan.contains("2024/25: 4 (census)"))
    }

    @Test func anLASeesItsOwnSmallForecastInItsOwnReport() throws {
        let html = report(own: true)
        let smallFan = try #require(ReportTests.element("svg", id: "forecast-0", in: html))
        #expect(smallFan.contains("2024/25: 4 (census)"))
        #expect(html.contains("<tr><th scope=\"row\">2025/26</th><td>4</td><td>4-5</td><td>4-5</td><td>4</td><td>5</td></tr>"))
        #expect(html.contains("<p class=\"meta\">Central: growth +10% a year. Best: lower. Worst: higher.</p>"))
    }

    @Test func theWorkbookHasAForecastSheetBeforeTheNotes() throws {
        var workbook = IndicatorWorkbook(snapshot: IndicatorSnapshot(definitions: [], figures: [:]), geography: LAGeography(),
                                         scope: .la("800", own: false), generated: Day(year: 2025, month: 6, day: 1)!)
        workbook.forecast = Self.overview
        let sheets = workbook.workbook().sheets
        #expect(sheets.suffix(2).map(\.name) == ["Forecast", "Notes"])
        let forecast = sheets[sheets.count - 2]
        #expect(forecast.rows[0].map { $0.content } == ForecastSheetHeaders.expected)
        // 800: 2 census rows and 2 forecast rows; every small figure withheld.
        #expect(forecast.rows[1].map(\.content) == [.text("800"), .text("800"), .text("2023/24"), .text("census"), .text("c")])
        // The 80% interval's top, 5, is not a small count.
        #expect(forecast.rows[3].prefix(7).map(\.content) == [.text("800"), .text("800"), .text("2025/26"), .text("forecast"),
                                                              .text("c"), .text("c"), .number(5)])
        let groupCensus: [Cell.Content] = [.text("group:Partnership"), .text("Total: Partnership"), .text("2024/25"), .text("census"),
                                           .number(1000)]
        #expect(forecast.rows[6].map(\.content) == groupCensus)
        #expect(forecast.rows.contains { $0.first?.content == .text("Backtest: mean absolute error 4.9%.") })
    }
}

enum ForecastSheetHeaders {
    static let expected: [Cell.Content] = ["LA code", "LA name", "Census", "Kind", "EHCPs (central)", "80% low", "80% high", "95% low",
                                           "95% high", "Best case", "Worst case", "Method"].map { .text($0) }
}

/// components.csv under disclosure control.
struct ComponentsDisclosureTests {
    /// A group of 801 and 802 in January 2024: 801 had one transfer out, 802 three children who moved
    /// setting.
    static let components: [ComponentsRow] = [
        ComponentsRow(area: "801", year: 2024, observed: true, scenario: nil, stockStart: 129, newPlans: 27, transfersIn: 0,
                      ceased: 11, transfersOut: 1, movers: 16, adjustment: 0, stockEnd: 144),
        ComponentsRow(area: "802", year: 2024, observed: true, scenario: nil, stockStart: 100, newPlans: 20, transfersIn: 0,
                      ceased: 10, transfersOut: 0, movers: 3, adjustment: 0, stockEnd: 110),
        ComponentsRow(area: "group:g", year: 2024, observed: true, scenario: nil, stockStart: 229, newPlans: 47, transfersIn: 0,
                      ceased: 21, transfersOut: 1, movers: 19, adjustment: 0, stockEnd: 254),
    ]

    @Test func componentsHideWhatCouldGiveASmallCountAway() {
        let control = DisclosureControl()
        let shared = ComponentsFile.csv(Self.components, audience: Audience(control: control, pattern: SuppressionPattern(hiding: [])),
                                        sums: ["group:g": ["801", "802"]])
        // 801's one transfer out would follow from its stocks and other flows: its ceased goes too.
        // 802's 3 movers would follow from the group's 19 less 801's 16: 801's movers go too.
        #expect(shared.split(separator: "\n").dropFirst() == [
            "801,2023/24,observed,,129.0,27.0,0.0,c,c,c,0.0,144.0",
            "802,2023/24,observed,,100.0,20.0,0.0,10.0,0.0,c,0.0,110.0",
            "group:g,2023/24,observed,,229.0,47.0,0.0,c,c,19.0,0.0,254.0",
        ])
        // 801's own view: its figures whole; what it could take from the group for 802 is hidden.
        let own = ComponentsFile.csv(Self.components,
                                     audience: Audience(ownLA: "801", control: control, pattern: SuppressionPattern(hiding: [])),
                                     sums: ["group:g": ["801", "802"]])
        #expect(own.split(separator: "\n").dropFirst() == [
            "801,2023/24,observed,,129.0,27.0,0.0,11.0,1.0,16.0,0.0,144.0",
            "802,2023/24,observed,,100.0,20.0,0.0,c,c,c,0.0,110.0",
            "group:g,2023/24,observed,,229.0,47.0,0.0,c,c,c,0.0,254.0",
        ])
    }

    @Test func oneHiddenCellOfABreakdownHidesTheNextSmallestToo() {
        let control = DisclosureControl()
        // 3 is small; the next smallest non-zero cell (6, not the 0) is hidden with it.
        #expect(ForecastDisclosure.hiddenCells([40, 3, 0, 6, 12], control: control) == [1, 3])
        // Two small cells protect each other.
        #expect(ForecastDisclosure.hiddenCells([40, 3, 2, 12], control: control) == [1, 2])
        // Nothing small, nothing hidden; missing values are never hidden.
        #expect(ForecastDisclosure.hiddenCells([40, nil, 12], control: control) == [])
        #expect(ForecastDisclosure.hiddenCells([4, nil], control: control) == [0])
    }
}
