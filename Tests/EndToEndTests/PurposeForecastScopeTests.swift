@testable import Forecasting
import Foundation
import HubTestSupport
import Testing

/// Forecasting and centre scoping are purposes of their own (docs/governance.md, "Purposes"): a
/// member not opted in loses its returns from `forecast`, `backtest` and `scope-centre`, each output
/// says so, and asking for that LA by name is refused naming the purpose.
@Suite(.serialized) struct PurposeForecastScopeTests {
    static let config = """
        purposes:
          benchmarking: { opted_in: ["800", "801"] }
          forecasting: { opted_in: ["800"] }
          centre-scoping: { opted_in: ["800"] }
        groups:
          west: ["800", "801"]

        """
    static let forecastNotice = "Left out of this forecast (not opted in to the purpose 'forecasting', Forecasting, under the "
        + "data-sharing agreement): 801. Their SEN2 returns are not used in any figure or total; an LA among them with a "
        + "published caseload series is forecast from that public series alone."

    @Test func theReturnsOfAnLANotOptedInAreDroppedAndThePoolIsRebuiltWithoutThem() {
        let returns = CaseloadPanel(measure: "total", source: .returns, series: [
            "800": YearSeries([2023: 100, 2024: 110]), "801": YearSeries([2023: 50, 2024: 70]),
        ])
        let published = PublishedCaseload(total: CaseloadPanel(measure: "total", source: .published,
                                                                series: ["801": YearSeries([2023: 52, 2024: 71])]), settings: [:], names: [:])
        // Without a published pool the returns' pool is their own chain-linked total.
        #expect(returns.pool == YearSeries([2023: 150, 2024: 180]))
        let kept = CaseloadSources(published: nil, returns: returns).leavingOut(["801"])
        #expect(kept.returns?.series.keys.sorted() == ["800"])
        #expect(kept.returns?.pool == YearSeries([2023: 100, 2024: 110]))
        #expect(kept.laCodes == ["800"])
        // A published series is public: 801 is still forecast, from it alone.
        let withPublished = CaseloadSources(published: published, returns: returns).leavingOut(["801"])
        #expect(withPublished.laCodes == ["800", "801"])
        #expect(withPublished.totalPanels.map { $0.series.keys.sorted() } == [["801"], ["800"]])
        #expect(withPublished.totalPanels.first?.source == .published)
        #expect(CaseloadSources(published: nil, returns: returns).leavingOut(["800", "801"]).returns == nil)
    }

    @Test func forecastBacktestAndScopeCentreLeaveOutAnLANotOptedInAndSaySo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("hub.yaml", Self.config)
        #expect(try runHub(["init", "--no-published"], in: folder.path).status == 0)
        let imported = try runHub(["import", "--config", "hub.yaml"] + ["800-2024", "800-2025", "801-2025"].map {
            "\(packageRoot)/Datasets/fixtures/sen2-\($0).xml"
        }, in: folder.path)
        #expect(imported.status == 0, "\(imported.errors)")
        let config = ["--config", "hub.yaml"]

        let csv = try runHub(["forecast", "--format", "csv", "--horizon", "1", "--out", "out"] + config, in: folder.path)
        #expect(csv.status == 0, "\(csv.errors)")
        let areas = Set(csv.output.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) })
        #expect(!areas.contains("801"))
        #expect(areas.contains("800"))
        #expect(csv.errors.contains(Self.forecastNotice + "\n"))
        #expect(try String(contentsOfFile: folder.file("out/left_out.txt"), encoding: .utf8) == Self.forecastNotice + "\n")
        let table = try runHub(["forecast", "--horizon", "1"] + config, in: folder.path)
        #expect(table.output.hasSuffix(Self.forecastNotice + "\n"))

        let refused = try runHub(["forecast", "--la", "801"] + config, in: folder.path)
        #expect(refused.status == 2)
        #expect(refused.errors.hasPrefix("hnhub: LA 801 has not opted in to the purpose 'forecasting' (Forecasting)"))

        let backtest = try runHub(["backtest", "--source", "returns"] + config, in: folder.path)
        #expect(backtest.status == 2)
        #expect(backtest.errors.contains("too little history to backtest (2 census years; at least 3 are needed)"))

        let scope = ["scope-centre", "--group", "west", "--needs", "ASD,MLD,PD,SEMH,SLCN,SLD,SPLD", "--age", "0-25",
                     "--site", "360000,170000", "--simulations", "10"] + config
        let json = try runHub(scope + ["--format", "json"], in: folder.path)
        #expect(json.status == 0, "\(json.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let cohort = try #require(object["cohort"] as? [[String: Any]])
        #expect(cohort.map { $0["la"] as? String } == ["800", "group west"])
        #expect(json.output.contains("LA 801: not opted in to the purpose 'centre-scoping' (Centre scoping) under the data-sharing "
            + "agreement: none of its figures is used"))
        #expect(json.errors.contains("Left out of this output (not opted in to the purpose 'centre-scoping', Centre scoping, "
            + "under the data-sharing agreement): 801."))
        let own = try runHub(scope + ["--la", "801", "--own"], in: folder.path)
        #expect(own.status == 2)
        #expect(own.errors.hasPrefix("hnhub: LA 801 has not opted in to the purpose 'centre-scoping' (Centre scoping)"))
    }
}
