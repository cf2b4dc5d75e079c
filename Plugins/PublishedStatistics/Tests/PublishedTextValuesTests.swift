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
@testable import PublishedStatisticsImporter

/// EES files whose indicators hold words (`Yes`, `No`, `n/a`), such as the SEN2 table of LAs with a
/// designated medical or clinical officer: the values are imported as text and a declarative metric
/// can count them.
@Suite struct PublishedTextValuesTests {
    /// Only text indicators, and a filter that is `Total` throughout before them.
    static let officers = """
        time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown,dmo_in_place,dco_in_place
        2025,Calendar year,National,E92000001,England,,,,,,Total,n/a,n/a
        2025,Calendar year,Local authority,E92000001,England,E12000009,South West,E06000022,800,Bath and North East Somerset,Total,Yes,No
        2025,Calendar year,Local authority,E92000001,England,E12000009,South West,E06000023,801,"Bristol, City of",Total,No,n/a
        2025,Calendar year,Local authority,E92000001,England,E12000009,South West,E06000024,802,North Somerset,Total,Yes,Yes

        """

    func read(_ text: String) throws -> ObservationCollector {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let collector = ObservationCollector()
        try EESTableImporter().read(try InputOpener().source(path: try folder.write("officers.csv", text)), into: collector)
        return collector
    }

    @Test func wordsWhereIndicatorsGoAreMeasuresStoredAsText() throws {
        let observations = try read(Self.officers).observations
        #expect(observations.map { "\($0.areaCode) \($0.measure)=\($0.value)" } == [
            "E92000001 dmo_in_place=n/a", "E92000001 dco_in_place=n/a",
            "800 dmo_in_place=Yes", "800 dco_in_place=No",
            "801 dmo_in_place=No", "801 dco_in_place=n/a",
            "802 dmo_in_place=Yes", "802 dco_in_place=Yes",
        ])
        #expect(observations.allSatisfy { $0.number == nil })
        // The constant filter before them stays a filter.
        #expect(observations.allSatisfy { $0.dimensions.map { "\($0.name)=\($0.value)" } == ["breakdown=Total"] })
    }

    /// With a numeric measure, the word columns after the first one are measures; a filter before
    /// it (that tells rows apart) stays one.
    @Test func afterTheFirstNumericMeasureWordsAreMeasures() throws {
        let observations = try read("""
            time_period,time_identifier,geographic_level,country_code,country_name,phase,plans,dmo_in_place
            2025,Calendar year,National,E92000001,England,Primary,10,Yes
            2025,Calendar year,National,E92000001,England,Secondary,12,No

            """).observations
        #expect(observations.map { "\($0.dimensions.first?.value ?? "") \($0.measure)=\($0.value)" } == [
            "Primary plans=10", "Primary dmo_in_place=Yes", "Secondary plans=12", "Secondary dmo_in_place=No",
        ])
    }

    /// Without a numeric measure, the leading word columns that tell rows apart are filters.
    @Test func withoutANumericMeasureTheColumnsThatTellRowsApartAreFilters() throws {
        let observations = try read("""
            time_period,time_identifier,geographic_level,country_code,country_name,phase,dmo_in_place
            2025,Calendar year,National,E92000001,England,Primary,Yes
            2025,Calendar year,National,E92000001,England,Secondary,No

            """).observations
        #expect(observations.map { "\($0.dimensions.map(\.value)) \($0.measure)=\($0.value)" } == [
            "[\"Primary\"] dmo_in_place=Yes", "[\"Secondary\"] dmo_in_place=No",
        ])
        // Rows alike even with every word column: all are filters, nothing to import (as before).
        #expect(try read("""
            time_period,time_identifier,geographic_level,country_code,country_name,note
            2025,Calendar year,National,E92000001,England,Same
            2025,Calendar year,National,E92000001,England,Same

            """).observations.isEmpty)
    }

    /// Through the host into the store, and counted by a metric written in SQL.
    @Test func theTextIsStoredAndADeclarativeMetricCountsIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Store(path: folder.file("hub.sqlite"))
        // The metric's rows are checked against the LA register.
        try BundledReference.load(from: "\(packageRoot)/Datasets", into: store)
        let catalog = HubTestSupport.catalog(importers: PublishedStatisticsImporter.importers)
        let runner = ImportRunner(catalog: catalog, opener: InputOpener(), store: store,
                                  secret: try HubSecret.create(path: folder.file("hub.secret")))
        guard case let .imported(entry, _, _) = runner.run(path: try folder.write("officers.csv", Self.officers)).first else {
            Issue.record("not imported")
            return
        }
        #expect(entry.records == 8)
        #expect(try store.database.rows("""
            SELECT area_code, value_text, value FROM published_values WHERE measure = 'dmo_in_place' ORDER BY area_code
            """) == [[.text("800"), .text("Yes"), .null], [.text("801"), .text("No"), .null],
                     [.text("802"), .text("Yes"), .null], [.text("E92000001"), .text("n/a"), .null]])

        let metrics = folder.file("metrics")
        try FileManager.default.createDirectory(atPath: metrics, withIntermediateDirectories: true)
        try folder.write("metrics/dmo.yaml", """
            id: has_dmo
            title: A designated medical officer in place
            unit: count
            polarity: none
            period_type: calendar
            numerator: 1 when the published table says Yes
            numerator_sql: |
              SELECT area_code, CAST(time_period AS INTEGER) + 1, 1 FROM published_values
              WHERE source_table = 'officers' AND measure = 'dmo_in_place' AND value_text = 'Yes'
            """)
        let runs = try IndicatorComputation(store: store, catalog: catalog).run(metricsFolder: metrics)
        #expect(runs.first { $0.providerID == "declarative:has_dmo" }?.failure == nil)
        let values = try IndicatorTable(database: store.database).values(indicators: ["has_dmo"])
        #expect(values.map { [$0.laCode, $0.period] } == [["800", "2025"], ["802", "2025"]])
    }
}
