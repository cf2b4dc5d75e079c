import Foundation
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import MetricEngine
import PluginHost
import Pseudonymisation
import ReferenceData
import Testing

/// The caseload indicators computed by the `caseload` metric plugin (loaded from the build folder)
/// from the bundled fixture returns, checked against a hand computation of docs/sen2.md's census-date
/// logic. LA 800, census 2025-01-16, five children with an active plan:
///
/// | person | current placement at the census | register type (located in) | primary need | age 31/8/2024 |
/// |---|---|---|---|---|
/// | 1 | URN 100001 | 1 community school (800) | ASD | 12 |
/// | 2 | URN 100002 | 7 community special (800) | SEMH | 15 |
/// | 4 | plan ceased 2024-07-31: not counted | | | |
/// | 6 | rank 1 left the day before the census -> rank 2 OLA | educated elsewhere | SLD | 13 |
/// | 7 | URN 100005 | 10 independent special (801: out of area) | SPLD | 11 |
/// | 8 | URN 100006 | 18 further education (800) | PD | 13 |
@Suite struct CaseloadMetricsTests {
    struct Hub {
        let folder: TemporaryFolder
        let store: Store
        let runner: ImportRunner
        let catalog: PluginCatalog

        init() throws {
            folder = try TemporaryFolder()
            store = try Store(path: folder.file("hub.sqlite"))
            try BundledReference.load(from: "\(packageRoot)/Datasets", into: store)
            catalog = PluginCatalog.load(policy: builtInPluginPolicy)
            runner = ImportRunner(catalog: catalog, opener: InputOpener(), store: store,
                                  secret: try HubSecret.create(path: folder.file("hub.secret")))
        }

        func importFile(_ path: String) {
            let outcomes = runner.run(path: path)
            guard case .imported = outcomes.first else {
                Issue.record("\(path) not imported: \(outcomes)")
                return
            }
        }

        /// indicator id -> (numerator, denominator, value, unavailable reason) for one LA and period.
        func values(la: String, period: String) throws -> [String: StoredIndicatorValue] {
            _ = try IndicatorComputation(store: store, catalog: catalog).run()
            let values = try IndicatorTable(database: store.database).values(laCodes: [la], period: period)
            return Dictionary(values.map { ($0.indicatorID, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    func fixtures(_ hub: Hub) {
        for file in ["sen2-800-2024.xml", "sen2-800-2025.xml", "sen2-801-2025.xml"] {
            hub.importFile("\(packageRoot)/Datasets/fixtures/\(file)")
        }
    }

    func register(_ hub: Hub) throws {
        hub.importFile(try hub.folder.write("gias.csv", """
            URN,LA (code),LA (name),EstablishmentName,TypeOfEstablishment (code),TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),Postcode,UKPRN
            100001,800,Bath and North East Somerset,Kelmoor Primary,1,Community school,Open,Primary,BA1 1AA,
            100002,800,Bath and North East Somerset,Orrin Special,7,Community special school,Open,All-through,BA2 2BB,
            100005,801,"Bristol, City of",Tolvane House,10,Other independent special school,Open,Not applicable,BS9 9ZZ,
            100006,800,Bath and North East Somerset,Wessary College,18,Further education,Open,Sixteen plus,BA3 3CC,10012345
            """))
    }

    @Test func placementNeedAndAgeSharesFollowTheCensusDateLogic() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        fixtures(hub)
        try register(hub)
        let v = try hub.values(la: "800", period: "2024/25")
        func fraction(_ id: String) -> [Double?] { [v[id]?.numerator, v[id]?.denominator] }
        #expect(fraction("ehcp_caseload") == [5, nil])
        #expect(fraction("mainstream_share") == [1, 5])
        #expect(fraction("special_school_share") == [2, 5])
        #expect(v["special_school_share"]?.value == 40)
        #expect(fraction("state_special_share") == [1, 5])
        #expect(fraction("independent_special_share") == [1, 5])
        #expect(fraction("post16_fe_share") == [1, 5])
        #expect(fraction("ap_share") == [0, 5])
        #expect(fraction("educated_elsewhere_share") == [1, 5])   // the rank 2 fallback (OLA)
        #expect(fraction("placement_unknown_share") == [0, 5])
        #expect(fraction("out_of_area_share") == [1, 4])          // only located placements count below the line
        #expect(v["out_of_area_share"]?.value == 25)
        #expect(fraction("out_of_area_independent_share") == [1, 4])
        #expect(["ASD", "SEMH", "SLD", "SPLD", "PD", "MLD", "DS"].map { v["need_share_\($0)"]?.numerator }
                == [1, 1, 1, 1, 1, 0, 0])
        #expect(fraction("age_band_share_11to15") == [5, 5])
        #expect(fraction("post16_share") == [0, 5])
        #expect(fraction("ehcp_growth_1y") == [1, 4])
    }

    @Test func placementTypesWithoutARegisterAreUnavailableNotZero() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        fixtures(hub)
        let v = try hub.values(la: "800", period: "2024/25")
        #expect(v["special_school_share"]?.numerator == nil)
        #expect(v["special_school_share"]?.unavailableReason == "no establishment register loaded (import the GIAS establishments file)")
        #expect(v["educated_elsewhere_share"]?.numerator == 1)   // needs no register
    }

    @Test func ratesUseTheMidYearPopulationBeforeTheCensus() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        fixtures(hub)
        // 100 residents at each age 0-25 in mid-2024 for LA 800 (and 2023, which must not be used).
        var rows = ["la_code,year,age,population"]
        for age in 0...25 { rows.append("800,2024,\(age),100"); rows.append("800,2023,\(age),999") }
        hub.importFile(try hub.folder.write("population.csv", rows.joined(separator: "\n")))
        let v = try hub.values(la: "800", period: "2024/25")
        #expect([v["ehcp_rate_0_25"]?.numerator, v["ehcp_rate_0_25"]?.denominator] == [5, 2600])
        #expect(v["ehcp_rate_0_25"]?.value.map { ($0 * 100).rounded() / 100 } == 19.23)
        #expect([v["ehcp_per_1000_2_18"]?.numerator, v["ehcp_per_1000_2_18"]?.denominator] == [5, 1700])
        let other = try hub.values(la: "801", period: "2024/25")
        #expect(other["ehcp_rate_0_25"]?.unavailableReason == "no population for LA 801 in mid-2024 (import a population file)")
    }

    /// Work in calendar 2024 (LA 800's 2025 return): requests from persons 2, 3, 5 (pending), 6 and 8;
    /// person 3 refused; plans issued to persons 2 (131 days), 6 (211 days, Week20 exceptions) and 8
    /// (91 days); person 4's plan ceased with reason 2. Requests received before 2024 do not count.
    @Test func workInTheCalendarYearMatchesAHandCount() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        fixtures(hub)
        let v = try hub.values(la: "800", period: "2024")
        func fraction(_ id: String) -> [Double?] { [v[id]?.numerator, v[id]?.denominator] }
        #expect(fraction("requests_received") == [5, nil])
        #expect(fraction("requests_refused_rate") == [1, 5])           // all requests received, pending included
        #expect(fraction("request_decisions_within_6_weeks") == [4, 4])
        #expect(fraction("assessments_issued_rate") == [3, 3])
        #expect(fraction("new_plans") == [3, nil])
        #expect(fraction("timeliness_20wk_incl") == [2, 3])
        #expect(v["timeliness_20wk_incl"]?.value.map { ($0 * 10).rounded() / 10 } == 66.7)
        #expect(fraction("timeliness_20wk_excl") == [2, 2])            // person 6 (Week20 = 1) left out
        #expect(fraction("plans_ceased") == [1, nil])
        #expect(fraction("ceased_needs_met_share") == [1, 1])
        #expect(fraction("tribunal_rate") == [0, 4])                  // 1 refusal + 3 plans issued
        #expect(v["timeliness_20wk_incl"]?.periodType == "calendar")
    }

    /// A plan transferred in from another LA (AssessmentOutcome H) is in the caseload but is not a
    /// new plan, and does not enter the 20-week timeliness.
    @Test func aTransferredInPlanIsNotANewPlan() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        var text = try String(contentsOfFile: "\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml", encoding: .utf8)
        let issued = "<AssessmentOutcome>Y</AssessmentOutcome>"
        let last = try #require(text.range(of: issued, options: .backwards))   // person 8's
        text.replaceSubrange(last, with: "<AssessmentOutcome>H</AssessmentOutcome>")
        // A plan transferred in during the period says where from (else SEN2-COND-HISTORICAL-DATE).
        let active = try #require(text.range(of: "<ActivePlans>", options: .backwards))
        text.replaceSubrange(active, with: "<ActivePlans><TransferLA>801</TransferLA>")
        hub.importFile(try hub.folder.write("800-transfer.xml", text))
        let census = try hub.values(la: "800", period: "2024/25")
        #expect(census["ehcp_caseload"]?.numerator == 5)
        let work = try hub.values(la: "800", period: "2024")
        #expect([work["new_plans"]?.numerator, work["timeliness_20wk_incl"]?.numerator, work["timeliness_20wk_incl"]?.denominator]
                == [2, 1, 2])
    }

    /// LAs without returns in the hub are compared on their published figures (source shown);
    /// an LA and period the hub holds a return for keeps the hub's own figure.
    @Test(.enabled(if: sharedFolder != nil, "the reference data folder is absent (docs/testing.md)"))
    func publishedFiguresFillInLAsWithoutReturns() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        fixtures(hub)
        hub.importFile("\(sharedFolder!)/data/ees/caseload_all_plans_2019_2024.csv")
        hub.importFile("\(sharedFolder!)/data/ees/timeliness_20_week_2019_2024.csv")
        _ = try IndicatorComputation(store: hub.store, catalog: hub.catalog).run()
        let table = IndicatorTable(database: hub.store.database)
        let barnsley = try #require(try table.values(indicators: ["special_school_share"], laCodes: ["370"], period: "2023/24").first)
        #expect(barnsley.source == "published: caseload_all_plans_2019_2024")
        #expect(barnsley.denominator == 2752)
        let ours = try #require(try table.values(indicators: ["ehcp_caseload"], laCodes: ["800"], period: "2023/24").first)
        #expect(ours.source == nil)
        #expect(ours.numerator == 4)                  // the hub's return, not the published figure
        let timeliness = try #require(try table.values(indicators: ["timeliness_20wk_incl"], laCodes: ["370"], period: "2024").first)
        #expect(timeliness.source == "published: timeliness_20_week_2019_2024")
        #expect(timeliness.numerator == 351)
        // Every LA, then England and the nine regions under their area codes: the published totals.
        let caseloads = try table.values(indicators: ["ehcp_caseload"], period: "2023/24")
        #expect(caseloads.count == 153 + 10)
        #expect(caseloads.last.map { [$0.laCode, $0.source] } == ["E92000001", "published: caseload_all_plans_2019_2024"])
        #expect(caseloads.last?.numerator == 576474)
        #expect(caseloads.first { $0.laCode == "E12000009" }?.numerator == 55707)
    }

    /// Each placement is costed by the first route that knows it: the child's own cost, the
    /// establishment's, the LA's default for the type, the config's band.
    @Test func costsTakeTheFirstRouteThatKnowsThePlacement() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        fixtures(hub)
        try register(hub)
        hub.importFile(try hub.folder.write("costs.csv", """
            la_code,urn,placement_type,annual_cost
            800,100005,,62000
            800,,post16,12000
            """))
        hub.importFile(try hub.folder.write("child-costs.csv", """
            la_code,upn,urn,annual_cost
            800,\(validUPN("800000000021")),100002,30000
            """))
        let computation = IndicatorComputation(store: hub.store, catalog: hub.catalog)
        try computation.setDefaultCostBands(["mainstream": 9000])
        _ = try computation.run()
        let values = try IndicatorTable(database: hub.store.database).values(laCodes: ["800"], period: "2024/25")
        let v = Dictionary(values.map { ($0.indicatorID, $0) }, uniquingKeysWith: { a, _ in a })
        // Person 1 band 9,000; person 2 own 30,000; person 6 (OLA) not costed; person 7 establishment
        // 62,000 (out of area, independent special); person 8 LA default for post16 12,000.
        #expect([v["high_needs_cost_per_plan"]?.numerator, v["high_needs_cost_per_plan"]?.denominator] == [113_000, 4])
        #expect(v["high_needs_cost_per_plan"]?.value == 28_250)
        #expect(v["out_of_area_cost"]?.numerator == 62_000)
        #expect([v["out_of_area_cost_per_plan"]?.numerator, v["out_of_area_cost_per_plan"]?.denominator] == [62_000, 1])
        #expect(v["independent_special_cost"]?.value == 62_000)
        #expect(v["out_of_area_cost"]?.source == "costed per child 1, per establishment 1, LA default 1, config band 1; not costed 1")
    }

    /// Person 2 moved to an out-of-area independent special school on 1 October 2024 without a
    /// LeavingDate at the old school, and the new placement comes second in the file: both are rank
    /// 1 on the census day. The census summaries (whole pounds) and the plugin's child-by-child
    /// reading (pence) both count the one entered latest, so the two routes give one figure.
    @Test(arguments: [(62_000.0, 124_000.0), (62_000.5, 124_001.0)])
    func overlappingPlacementsAreCountedAlikeByTheSummariesAndChildByChild(cost: Double, outOfArea: Double) throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let moved = """
                    <PlacementDetail>
                      <URN>100002</URN>
                      <PlacementRank>1</PlacementRank>
                      <EntryDate>2024-09-01</EntryDate>
                      <SENunitIndicator>0</SENunitIndicator>
                      <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
                    </PlacementDetail>
                    <PlacementDetail>
                      <URN>100005</URN>
                      <PlacementRank>1</PlacementRank>
                      <EntryDate>2024-10-01</EntryDate>
                    </PlacementDetail>
            """
        let text = try String(contentsOfFile: "\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml", encoding: .utf8)
        let original = try #require(text.range(of: """
                    <PlacementDetail>
                      <URN>100002</URN>
                      <PlacementRank>1</PlacementRank>
                      <EntryDate>2024-09-01</EntryDate>
                      <SENunitIndicator>0</SENunitIndicator>
                      <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
                    </PlacementDetail>
            """))
        hub.importFile(try hub.folder.write("800-2025-moved.xml", text.replacingCharacters(in: original, with: moved)))
        try register(hub)
        hub.importFile(try hub.folder.write("costs.csv", "la_code,urn,placement_type,annual_cost\n800,100005,,\(cost)\n"))
        let v = try hub.values(la: "800", period: "2024/25")
        #expect([v["out_of_area_share"]?.numerator, v["out_of_area_share"]?.denominator] == [2, 4])
        #expect([v["out_of_area_cost"]?.numerator, v["out_of_area_cost_per_plan"]?.denominator] == [outOfArea, 2])
    }

    /// Costs with pence are summed child by child, in the children's order (whole pounds are
    /// counted from the per-return placement summaries): the figures are the same either way.
    @Test func costsWithPenceAreCostedLikeWholePounds() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        fixtures(hub)
        try register(hub)
        hub.importFile(try hub.folder.write("costs.csv", """
            la_code,urn,placement_type,annual_cost
            800,100005,,62000.5
            800,,post16,12000.25
            """))
        let computation = IndicatorComputation(store: hub.store, catalog: hub.catalog)
        try computation.setDefaultCostBands(["mainstream": 9000, "state_special": 24000.125])
        _ = try computation.run()
        let values = try IndicatorTable(database: hub.store.database).values(laCodes: ["800"], period: "2024/25")
        let v = Dictionary(values.map { ($0.indicatorID, $0) }, uniquingKeysWith: { a, _ in a })
        // Person 1 band 9,000; person 2 band 24,000.125; person 6 (OLA) not costed; person 7
        // establishment 62,000.5; person 8 LA default 12,000.25.
        #expect([v["high_needs_cost_per_plan"]?.numerator, v["high_needs_cost_per_plan"]?.denominator]
                == [9000 + 24000.125 + 62000.5 + 12000.25, 4])
        #expect(v["out_of_area_cost"]?.numerator == 62000.5)
        #expect(v["out_of_area_cost"]?.source == "costed per child 0, per establishment 1, LA default 1, config band 2; not costed 1")
    }

    /// A plan that ceases on the census date is not active at it; one ceasing the day after is.
    @Test(arguments: [("2025-01-16", 5.0), ("2025-01-17", 6.0)])
    func aPlanCeasingOnTheCensusDateIsNotActive(ceaseDate: String, caseload: Double) throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        // Person 4's plan ceased in July 2024; move its cease date (and its placement's leaving date).
        let text = try String(contentsOfFile: "\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml", encoding: .utf8)
            .replacingOccurrences(of: "<CeaseDate>2024-07-31</CeaseDate>", with: "<CeaseDate>\(ceaseDate)</CeaseDate>")
            .replacingOccurrences(of: "<LeavingDate>2024-07-20</LeavingDate>", with: "<LeavingDate>\(ceaseDate)</LeavingDate>")
        hub.importFile(try hub.folder.write("800.xml", text))
        #expect(try hub.values(la: "800", period: "2024/25")["ehcp_caseload"]?.numerator == caseload)
    }
}
