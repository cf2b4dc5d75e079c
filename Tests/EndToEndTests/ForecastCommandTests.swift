import Foundation
import Forecasting
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import PluginHost
import Pseudonymisation
import Testing

/// `hnhub forecast` and `hnhub backtest` end to end on a small published caseload table written
/// here, and on the real published series when the reference data folder is present (docs/testing.md).
@Suite(.serialized) struct ForecastCommandTests {
    /// A caseload table in the EES layout: England and three South West LAs, January 2019-2024;
    /// LA 802's AP column is suppressed (x) in 2024, so it has no setting split that year.
    static let caseloadTable: String = {
        var lines = ["time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
            + "new_la_code,old_la_code,la_name,breakdown_topic,breakdown,ehcplans,mainstream_total,special_la_maintained,"
            + "special_academy_free,special_independent,special_non_maintained,fe_total,ap_pru_total"]
        let las: [(code: String, name: String, first: Double, growth: Double)] = [
            ("800", "Bath and North East Somerset", 1000, 1.08), ("801", "Bristol", 3000, 1.12), ("802", "North Somerset", 1500, 1.05),
        ]
        for (index, year) in (2019...2024).enumerated() {
            let period = "\(year - 1)\(year % 100)"
            var england = 0
            for la in las {
                let total = Int((la.first * pow(la.growth, Double(index))).rounded())
                england += total
                let ap = la.code == "802" && year == 2024 ? "x" : "10"
                lines.append("\(period),Academic year,Local authority,E92000001,England,E12000009,South West,E0600002\(la.code.suffix(1)),"
                    + "\(la.code),\(la.name),All EHC plans,All EHC plans,\(total),\(total / 2),\(total / 10),\(total / 10),"
                    + "\(total / 20),5,\(total / 10),\(ap)")
            }
            lines.append("\(period),Academic year,National,E92000001,England,,,,,,All EHC plans,All EHC plans,\(england * 30),"
                + "1,1,1,1,1,1,1")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    /// A store at `folder`/hub.sqlite with the register and the caseload table imported (not the
    /// bundled published tables).
    func publishedStore(_ folder: TemporaryFolder) throws {
        #expect(try runHub(["init", "--db", "hub.sqlite", "--no-published"], in: folder.path).status == 0)
        try folder.write("caseload_test.csv", Self.caseloadTable)
        let imported = try runHub(["import", "--db", "hub.sqlite", "caseload_test.csv"], in: folder.path)
        #expect(imported.status == 0, "\(imported.errors)")
    }

    @Test func theJSONListHasExactlyTheDocumentedKeysAndTheCSVIsWrittenUnderOut() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try publishedStore(folder)
        let run = try runHub(["forecast", "--db", "hub.sqlite", "--horizon", "2", "--format", "json", "--out", "out"], in: folder.path)
        #expect(run.status == 0, "\(run.errors)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
        let keys: Set<String> = ["la_code", "period", "measure", "need", "age_band", "setting", "case", "scenario", "value",
                                 "lo80", "hi80", "lo95", "hi95", "method"]
        #expect(list.allSatisfy { Set($0.keys) == keys })
        // 3 LAs, the South West and England, 2 years, 3 cases; the 6 setting groups of each LA; and the
        // 4 money measures (funding, cost, in-year and cumulative balance) of the 5 areas.
        #expect(list.count == 30 + 108 + 120)
        let measures = Set(list.compactMap { $0["measure"] as? String })
        #expect(measures == ["ehcp_caseload", "high_needs_funding", "high_needs_cost", "dsg_in_year_balance", "dsg_cumulative_balance"])
        #expect(Set(list.compactMap { $0["la_code"] as? String }) == ["800", "801", "802", "E12000009", "E92000001"])
        let central = try #require(list.first { $0["la_code"] as? String == "801" && $0["period"] as? String == "2024/25"
            && $0["case"] as? String == "central" })
        #expect(central["measure"] as? String == "ehcp_caseload")
        #expect(central["setting"] is NSNull && central["scenario"] is NSNull)
        #expect(central["method"] as? String == "shrunk-growth (published)")
        let value = try #require(central["value"] as? Double)
        let low80 = try #require(central["lo80"] as? Double), high95 = try #require(central["hi95"] as? Double)
        #expect(low80 < value && value < high95)
        let best = try #require(list.first { $0["la_code"] as? String == "801" && $0["period"] as? String == "2024/25"
            && $0["case"] as? String == "best" })
        #expect(best["lo80"] is NSNull)
        #expect((best["value"] as? Double).map { $0 < value } == true)

        let csv = try String(contentsOfFile: folder.file("out/forecast.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "la_code,period,need,age_band,setting,case,scenario,value,lo80,hi80,lo95,hi95")
        #expect(lines.count == 1 + 138)
        #expect(lines.contains { $0.hasPrefix("801,2024/25,,,independent_special,central,,") })
        let dsg = try String(contentsOfFile: folder.file("out/dsg.csv"), encoding: .utf8)
        #expect(dsg.hasPrefix("area,period,case,scenario,funding,cost,in_year_balance,cumulative_balance\n800,2024/25,central,,"))
        let costs = try String(contentsOfFile: folder.file("out/costs.csv"), encoding: .utf8)
        #expect(costs.contains("800,independent_special,63000.00,\"default: DfE independent special school average fee, February 2026\"\n"))
        // How far to trust it, measured on the store's own series, on standard error and in accuracy.txt.
        let accuracy = try String(contentsOfFile: folder.file("out/accuracy.txt"), encoding: .utf8)
        // The LAs grow at constant rates, England's differently: the baselines that carry an LA's own
        // growth forward are all but exact here; on the real series the method beats them.
        // Errors at 2022/23: 800 +1.08%, 801 -1.79%, 802 +3.41% (England's 9.5% a year plus a fifth of
        // each LA's lead over it, against its constant growth).
        #expect(accuracy == "Backtest on the published series, forecasting 2023/24 from 2022/23 (3 LAs): mean absolute error 2.1%, "
            + "median 1.8%, mean signed error +0.9%. The best baseline (mean-growth-5y) had 0.0%. The 80% intervals held the actual "
            + "for 67% of LAs, the 95% intervals for 100%. Further ahead the errors grow (hnhub backtest).\n")
        #expect(run.errors.hasPrefix("hnhub: accuracy: " + accuracy))
        let assumptions = try String(contentsOfFile: folder.file("out/assumptions.csv"), encoding: .utf8)
        #expect(assumptions.contains("801,total,2023/24,shrunk-growth (published),central,\"growth +10.0% a year: that of England since "
            + "2018/19 (+9.5%) with 20% of the LA's lead over it in its last 3 years (+2.2% a year, each year's lead capped at 7% "
            + "either way; the LA's own growth +12.0%), and no requests lead (no published requests in 2023 beside a published "
            + "caseload in 2023/24)\""))
    }

    @Test func badInputIsRefusedNamingTheFieldAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try publishedStore(folder)
        let horizon = try runHub(["forecast", "--db", "hub.sqlite", "--horizon", "0", "--out", "out"], in: folder.path)
        #expect(horizon.status == 2)
        #expect(horizon.errors == "hnhub: --horizon: 0 is not between 1 and 5 (census years ahead)\n")
        let six = try runHub(["forecast", "--db", "hub.sqlite", "--horizon", "6"], in: folder.path)
        #expect(six.status == 2)
        #expect(six.errors == "hnhub: --horizon: 6 is not between 1 and 5 (census years ahead)\n")
        let backtestHorizon = try runHub(["backtest", "--db", "hub.sqlite", "--horizon", "0"], in: folder.path)
        #expect(backtestHorizon.status == 2)
        #expect(backtestHorizon.errors == "hnhub: --horizon: 0 is not between 1 and 5 (census years ahead)\n")
        let unknown = try runHub(["forecast", "--db", "hub.sqlite", "--la", "999", "--out", "out"], in: folder.path)
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("--la 999: no caseload series for this LA"))
        let simulations = try runHub(["forecast", "--db", "hub.sqlite", "--simulations", "0", "--out", "out"], in: folder.path)
        #expect(simulations.status == 2)
        #expect(simulations.errors.contains("--simulations: 0 is not a positive number of simulations"))
        try folder.write("plan.yaml", "name: plan\nmitigations:\n  - name: fewer\n    change: joiners\n    multiplier: -1\n    start: 2026\n")
        let scenario = try runHub(["forecast", "--db", "hub.sqlite", "--scenario", "plan.yaml", "--out", "out"], in: folder.path)
        #expect(scenario.status == 2)
        #expect(scenario.errors == "hnhub: scenario plan.yaml line 5, mitigations[1] (fewer).multiplier: -1.0 is negative: a multiplier is 0 or more (1 = no change)\n")
        #expect(!FileManager.default.fileExists(atPath: folder.file("out")))
        let origins = try runHub(["backtest", "--db", "hub.sqlite", "--origins", "2019/20,2030/31"], in: folder.path)
        #expect(origins.status == 2)
        #expect(origins.errors.contains("--origins: '2030/31' is not a possible origin (possible: 2019/20, 2020/21, 2021/22, 2022/23)"))
        let returns = try runHub(["backtest", "--db", "hub.sqlite", "--source", "returns"], in: folder.path)
        #expect(returns.status == 2)
        #expect(returns.errors.contains("--source returns: the store holds no SEN2 returns"))
    }

    @Test func theBacktestListsEveryMethodAtEveryOriginAndHorizon() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try publishedStore(folder)
        let run = try runHub(["backtest", "--db", "hub.sqlite", "--horizon", "2", "--format", "csv"], in: folder.path)
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.split(separator: "\n")
        #expect(lines.first == "source,measure,method,origin,target,horizon,count,mape,median_ape,bias,mase,wape,coverage80,coverage95,interval_score80,interval_score95")
        // Totals: 6 methods; origins 2019/20-2022/23 one year ahead, 2019/20-2021/22 two years ahead.
        // Setting cells: 3 approaches, the same origins.
        #expect(lines.count == 1 + 6 * (4 + 3) + 3 * (4 + 3))
        // Last value at January 2023 for 2024: 800 1360 for 1469 (-7.42%), 801 4721 for 5287 (-10.71%),
        // 802 1823 for 1914 (-4.75%): MAPE 7.63, median 7.42, bias -7.63.
        #expect(lines.contains { $0.hasPrefix("published,total,last-value,2022/23,2023/24,1,3,7.63,7.42,-7.63,") })
        // Every LA grows at a constant rate (rounded to whole plans): last growth is all but exact.
        // The settings are fixed shares of each LA (England's shares do not move): the cells are as
        // good as the totals; 802 has no AP figure in 2024, so 2 LAs x 6 cells one year ahead.
        #expect(lines.contains { $0.hasPrefix("published,setting_cells,held-shares,2022/23,2023/24,1,12,") })
        #expect(lines.contains { $0.hasPrefix("published,total,last-growth,2022/23,2023/24,1,3,0.04,0.02,-0.01,") })
    }

    @Test func thePublishedRequestsAreReadBesideTheCaseloadAndMoveTheForecast() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try publishedStore(folder)
        let store = try Store(path: folder.file("hub.sqlite"))
        let before = try CaseloadSources.read(store.database)
        #expect(before.published?.total.requests == nil)
        // Requests in the layout of the bundled table; 802's 2023 figure is suppressed (x).
        try folder.write("requests_test.csv", """
            time_period,time_identifier,geographic_level,country_code,region_code,old_la_code,la_name,requests_received_in_year,requests_decided_not_to_assess
            2023,Calendar year,National,E92000001,,,,60000,1000
            2023,Calendar year,Local authority,E92000001,E12000009,800,Bath and North East Somerset,400,10
            2023,Calendar year,Local authority,E92000001,E12000009,801,Bristol,1000,10
            2023,Calendar year,Local authority,E92000001,E12000009,802,North Somerset,x,x

            """)
        let imported = try runHub(["import", "--db", "hub.sqlite", "requests_test.csv"], in: folder.path)
        #expect(imported.status == 0, "\(imported.errors)")
        let sources = try CaseloadSources.read(store.database)
        let requests = try #require(sources.published?.total.requests)
        #expect(requests.byLA["800"]![2023] == 400 && requests.byLA["801"]![2023] == 1000)
        #expect(requests.byLA["802"] == nil)
        #expect(requests.england[2023] == 60000)
        // January 2024: 800 holds round(1000 x 1.08^5) = 1469 plans, England 30 x its LAs' total.
        let england = try #require(sources.published?.total.pool[2024])
        let lead = try #require(requests.lead("800", origin: 2024))
        #expect(abs(lead - log((400 / 1469) / (60000 / england))) < 1e-12)
        #expect(requests.lead("802", origin: 2024) == nil)
        // 800's forecast moves by exp(0.08 x lead) a year; 802's does not move.
        let withRequests = try CaseloadForecast.run(sources, ForecastRequest(horizon: 1)).totals
        let without = try CaseloadForecast.run(before, ForecastRequest(horizon: 1)).totals
        #expect(abs(withRequests[0].central[0] / without[0].central[0] - exp(0.08 * lead)) < 1e-12)
        #expect(withRequests[2].central[0] == without[2].central[0])
    }

    @Test func thePublishedTableIsReadAsTotalsAndSettingGroupsThatAddUp() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try publishedStore(folder)
        let store = try Store(path: folder.file("hub.sqlite"))
        let published = try #require(try PublishedCaseload.read(store.database))
        #expect(published.total.series.keys.sorted() == ["800", "801", "802"])
        #expect(published.total.series["801"]![2019] == 3000)
        #expect(published.total.series["801"]![2020] == 3360)
        #expect(published.total.pool[2019] == 165_000)
        #expect(published.total.poolName == "England")
        // 801 in 2020: 3360 = mainstream 1680 + state special 336 + 336 + independent 168 + 5 + post-16 336 + AP 10,
        // other = the rest (489).
        let split = PublishedSettingGroup.allCases.map { published.settings[$0]!.series["801"]![2020]! }
        #expect(split == [1680, 672, 173, 336, 10, 489])
        #expect(split.reduce(0, +) == 3360)
        // 802's AP is x in 2024: no split that year.
        #expect(published.settings[.mainstream]!.series["802"]![2024] == nil)
        #expect(published.settings[.mainstream]!.series["802"]![2023] != nil)
        #expect(published.names["800"] == "Bath and North East Somerset")
    }
}

/// The backtest on the real published series of the reference data folder (docs/testing.md), the figures docs/forecasting.md
/// quotes.
@Suite(.enabled(if: sharedFolder != nil, "the reference data folder is absent (docs/testing.md)"))
struct PublishedBacktestTests {
    static func store(_ folder: TemporaryFolder) throws -> Store {
        let store = try Store(path: folder.file("hub.sqlite"))
        let catalog = PluginCatalog.load(policy: builtInPluginPolicy)
        let runner = ImportRunner(catalog: catalog, opener: InputOpener(), store: store,
                                  secret: try HubSecret.create(path: folder.file("hub.secret")))
        for file in ["caseload_all_plans_2019_2024", "sen_needs_all_plans_2025", "requests_2019_2024"] {
            guard case .imported = runner.run(path: "\(sharedFolder!)/data/ees/\(file).csv").first else {
                throw CocoaError(.fileReadCorruptFile)
            }
        }
        return store
    }

    @Test func oneYearAheadTheMethodBeatsEveryBaselineAtTheLatestOriginAndEveryLAIsForecast() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sources = try CaseloadSources.read(try Self.store(folder).database)
        let panel = try #require(sources.published?.total)
        #expect(panel.years == Array(2019...2025))
        #expect(panel.pool[2025] == 638_745)
        let scores = RollingOriginBacktest(panel: panel).run(origins: [2021, 2022, 2023, 2024], horizon: 1)
        func score(_ method: ForecastMethod, _ origin: Int) -> ForecastAccuracy {
            scores.first { $0.method == method && $0.origin == origin }!.accuracy
        }
        let latest = score(.shrunkGrowth, 2024)
        #expect(latest.count == 151)
        #expect(String(format: "%.2f %.2f %.2f", latest.mape, latest.medianAPE, latest.bias) == "4.56 2.45 0.49")
        #expect(String(format: "%.2f", score(.lastValue, 2024).mape) == "10.67")
        for baseline in ForecastMethod.baselines { #expect(latest.mape < score(baseline, 2024).mape, "\(baseline)") }
        let coverage = [2021, 2022, 2023, 2024].map { String(format: "%.1f", score(.shrunkGrowth, $0).coverage80!) }
        #expect(coverage == ["85.3", "77.3", "79.5", "81.5"])
        let checks = AccuracyTargets.check(scores)
        #expect(checks.filter(\.met).count == 9)
        #expect(checks.filter { !$0.met }.map(\.target) == [
            "MAPE <= 4.00% at the latest origin (2023/24)", "80% interval coverage 78.00-85.00% at 2020/21", "80% interval coverage 78.00-85.00% at 2021/22",
        ])

        // Every current LA is forecast; the reorganised ones are left out with the reason.
        let run = try CaseloadForecast.run(sources, ForecastRequest(horizon: 3))
        #expect(run.totals.count == 153)
        #expect(run.totals.allSatisfy { $0.origin == 2025 && $0.intervals.allSatisfy { $0 != nil } })
        #expect(run.skipped.map { String($0.prefix(3)) } == ["835", "836", "837", "909", "928"])
    }
}
