import Comparison
import ComparisonTables
import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import MetricEngine
import PluginHost
import Pseudonymisation
import ReferenceData
import Testing

/// The bundled published tables through the host and the built plugins, and the national context
/// they give.
@Suite struct NationalContextImportTests {
    /// The bundled extracts and 800's returns: England, the regions and every LA without a return
    /// get published figures; the rate uses the bundled population aged 0-25.
    @Test func theBundledTablesGiveEnglandRegionsAndLAs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Store(path: folder.file("hub.sqlite"))
        try BundledReference.load(from: "\(packageRoot)/Datasets", into: store)
        let catalog = PluginCatalog.load(policy: builtInPluginPolicy)
        let runner = ImportRunner(catalog: catalog, opener: InputOpener(), store: store,
                                  secret: try HubSecret.create(path: folder.file("hub.secret")))
        let files = try PublishedExtracts.files(in: "\(packageRoot)/Datasets")
        #expect(files.map { ($0 as NSString).lastPathComponent } == [
            "assessments_2019_2024.csv", "caseload_all_plans_2019_2024.csv", "ceased_plans_2022_2024.csv",
            "population_0_25.csv", "requests_2019_2024.csv", "sen_needs_all_plans_2025.csv",
            "timeliness_20_week_2019_2024.csv"])
        for file in files + ["\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml"] {
            guard case .imported = runner.run(path: file).first else {
                Issue.record("\(file) not imported")
                return
            }
        }
        _ = try IndicatorComputation(store: store, catalog: catalog).run()
        let snapshot = try IndicatorSnapshot.load(store.database)

        // England 2023/24: the published caseload over the bundled population.
        let rate = try #require(snapshot.areaFigure("ehcp_rate_0_25", period: "2023/24", area: "E92000001"))
        #expect([rate.numerator, rate.denominator] == [576474, 17153473])
        #expect(rate.source == "published: caseload_all_plans_2019_2024; population 0-25: population_0_25 (year not stated)")
        // 2024/25 comes from the needs table's total.
        #expect(snapshot.areaFigure("ehcp_caseload", period: "2024/25", area: "E92000001")?.numerator == 638745)
        let needsMet = try #require(snapshot.areaFigure("ceased_needs_met_share", period: "2024", area: "E12000009"))
        #expect([needsMet.numerator, needsMet.denominator] == [335, 4414])
        // Barnsley (370) has no return: its published figures, ranked with all 153 LAs.
        let barnsley = try #require(snapshot.figure("assessments_issued_rate", period: "2024", la: "370"))
        #expect(barnsley.source == "published: assessments_2019_2024")
        #expect(snapshot.figures("timeliness_20wk_incl", period: "2024").count == 153)
        // Cumbria's successors have no population of their own: no rate, and why.
        #expect(snapshot.figure("ehcp_rate_0_25", period: "2024/25", la: "942") == nil)
        #expect(snapshot.unavailableReason("ehcp_rate_0_25", period: "2024/25", la: "942")?.hasPrefix("no population aged 0-25 for 942") == true)
        // 800's 2024/25 is its return's, over the bundled population (the hub holds none for it).
        let ours = try #require(snapshot.figure("ehcp_rate_0_25", period: "2024/25", la: "800"))
        #expect([ours.numerator, ours.denominator] == [5, 64037])
        #expect(ours.source == "returns; population 0-25: population_0_25 (year not stated)")
    }
}
