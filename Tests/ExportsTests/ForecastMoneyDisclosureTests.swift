import Comparison
import ComparisonTables
import DisclosureAudit
import Exports
import Forecasting
import Testing

/// Money made from small counts (docs/forecasting.md, "Disclosure control"): a cost is children x
/// unit cost, so a cost made from a withheld caseload is withheld with it, and so is whatever would
/// give it back (the in-year and cumulative balances, funding started from the modelled cost, a
/// group's sum).
@Suite struct ForecastMoneyDisclosureTests {
    /// The caseload rows of one LA's central case: its total and two setting cells per year.
    static func caseload(
        _ la: String, source: SeriesSource, _ years: [(period: String, mainstream: Double, ap: Double)]
    )
        -> [ForecastRow]
    {
        years.flatMap { year in
            [
                ForecastRow(
                    laCode: la, period: year.period, forecastCase: .central, value: year.mainstream + year.ap,
                    method: "test", source: source),
                ForecastRow(
                    laCode: la, period: year.period, setting: "mainstream", forecastCase: .central,
                    value: year.mainstream, method: "test", source: source),
                ForecastRow(
                    laCode: la, period: year.period, setting: "ap", forecastCase: .central, value: year.ap,
                    method: "test", source: source),
            ]
        }
    }

    /// 800 is forecast from its returns: 3 children in AP in January 2026 (withheld with the 37 in
    /// mainstream), 6 in January 2027. 801 from the published series, with 2 in AP.
    static let rows =
        caseload("800", source: .returns, [("2025/26", 37, 3), ("2026/27", 40, 6)])
        + caseload("801", source: .published, [("2025/26", 100, 2), ("2026/27", 104, 2)])

    static var finance: FinanceSettings {
        var finance = FinanceSettings()
        finance.las["801"] = FinanceSettings.LASettings(baselineFunding: 2_000_000)
        return finance
    }

    /// 800 without a baseline (funding starts from its modelled origin cost, 400,000), 801 with one;
    /// the group West adds their pence.
    static var years: [DSGYear] {
        let first = DSGProjection.project(
            area: "800", firstYear: 2026, forecastCase: .central, scenario: nil,
            costs: [41_290_000, 45_000_000], originCostPence: 40_000_000, finance: finance)
        let second = DSGProjection.project(
            area: "801", firstYear: 2026, forecastCase: .central, scenario: nil,
            costs: [150_000_000, 160_000_000], originCostPence: 0, finance: finance)
        let group = zip(first, second).map { a, b in
            var sum = a
            sum.area = "group:West"
            sum.fundingPence += b.fundingPence
            sum.costPence += b.costPence
            sum.inYearPence += b.inYearPence
            sum.cumulativePence += b.cumulativePence
            return sum
        }
        return first + second + group
    }

    static func withheld(ownLA: String? = nil) -> Set<MoneyDisclosure.Figure> {
        let audience = Audience(ownLA: ownLA, pattern: SuppressionPattern(hiding: []))
        return MoneyDisclosure.withheld(
            years, raw: rows, shown: ForecastDisclosure.apply(rows, audience: audience),
            sums: ["group:West": ["800", "801"]], finance: finance, audience: audience)
    }

    @Test func moneyMadeFromAWithheldCaseloadIsWithheldWithIt() {
        // The caseload rule withholds 800's 3 and 37 in January 2026, nothing else.
        let shown = ForecastDisclosure.apply(Self.rows, audience: Audience(pattern: SuppressionPattern(hiding: [])))
        #expect(
            shown.filter { $0.value == nil }.map { "\($0.laCode) \($0.period) \($0.setting ?? "total")" }
                == ["800 2025/26 mainstream", "800 2025/26 ap"])
        #expect(
            DSGFiles.csv(Self.years, withheld: Self.withheld()) == """
                area,period,case,scenario,funding,cost,in_year_balance,cumulative_balance
                800,2025/26,central,,c,c,c,c
                800,2026/27,central,,c,450000.00,c,c
                801,2025/26,central,,2100000.00,1500000.00,600000.00,600000.00
                801,2026/27,central,,2163000.00,1600000.00,563000.00,1163000.00
                group:West,2025/26,central,,c,c,c,c
                group:West,2026/27,central,,c,2050000.00,c,c

                """)
    }

    @Test func theOwnViewAndPublishedSeriesShowEveryFigure() {
        #expect(Self.withheld(ownLA: "800").isEmpty)
        // 801's money is public: the complementary figures are the group's, never 801's.
        #expect(!Self.withheld().contains { Self.years[$0.year].area == "801" })
    }

    @Test func theJSONMoneyRowsCarryNoValueWhereWithheld() {
        let rows = MoneyDisclosure.rows(Array(Self.years.prefix(1)), withheld: Self.withheld(), method: "test")
        #expect(
            rows.map(\.measure) == [
                "high_needs_funding", "high_needs_cost", "dsg_in_year_balance", "dsg_cumulative_balance",
            ])
        #expect(rows.map(\.value) == [nil, nil, nil, nil])
        let shown = MoneyDisclosure.rows(Array(Self.years[2...2]), withheld: [], method: "test")
        #expect(shown.map(\.value) == [2_100_000, 1_500_000, 600_000, 600_000])
    }
}
