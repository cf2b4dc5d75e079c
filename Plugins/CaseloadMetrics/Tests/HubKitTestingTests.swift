import CaseloadMetrics
import Foundation
import HubKit
import HubKitTesting
import SEN2XMLImporter
import Testing

/// HubKitTesting, the kit a scaffolded plugin's tests use (docs/writing-plugins.md, "Testing a
/// plugin"): what its fixture store holds and what its sink and scratch folder do.
@Suite struct HubKitTestingTests {
    @Test func theFixtureStoreHoldsLA800s2025ReturnAndTheRegister() throws {
        let fixture = try FixtureStore()
        #expect(try fixture.rows("SELECT la_code, collection_year, census_date FROM current_returns")
                == [[.text("800"), .integer(2025), .text("2025-01-16")]])
        #expect(try fixture.rows("SELECT COUNT(*) FROM current_persons") == [[.integer(8)]])
        #expect(try fixture.rows("SELECT COUNT(*), SUM(type_code = 10) FROM establishments") == [[.integer(6), .integer(1)]])
    }

    /// A metric provider runs on the fixture as in the hub: the caseload plugin counts the five plans
    /// active at the census that docs/writing-plugins.md lists.
    @Test func computeRunsAProvidersSQLOnTheStore() throws {
        let results = try FixtureStore().compute(CaseloadMetricProvider())
        #expect(results.first { $0.indicatorID == "ehcp_caseload" } == IndicatorResult(
            indicatorID: "ehcp_caseload", laCode: "800", period: .census(collectionYear: 2025), numerator: 5, denominator: nil))
    }

    @Test func aStoreWithoutFilesHasNoReturnsAndABadFileIsRefused() throws {
        let fixture = try FixtureStore(files: [], register: false)
        #expect(try fixture.rows("SELECT COUNT(*) FROM current_returns") == [[.integer(0)]])
        #expect(try fixture.compute(CaseloadMetricProvider()).isEmpty)
        let folder = try ScratchFolder()
        let notAReturn = try folder.write("notes.txt", "nothing an importer reads\n")
        let error = #expect(throws: InputRejected.self) { try fixture.importFile(notAReturn) }
        #expect(error?.file == notAReturn)
    }

    @Test func theSinkKeepsWhatAnImporterHandsIt() throws {
        let xml = try String(contentsOfFile: FixtureStore.sen2Return, encoding: .utf8)
        let source = ImportSource.text(xml, name: "sen2-800-2025.xml")
        #expect(SEN2XMLImporter().detect(source) != nil)
        let sink = CollectingSink()
        try SEN2XMLImporter().read(source, into: sink)
        #expect(sink.headers.map(\.laCode) == ["800"])
        #expect(sink.persons.count == 8)
    }

    @Test func aScratchFolderGoesWhenReleased() throws {
        var folder: ScratchFolder? = try ScratchFolder()
        let path = try #require(folder).write("a/b.txt", "x")
        #expect(FileManager.default.fileExists(atPath: path))
        folder = nil
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
