import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import PluginHost
import Pseudonymisation
import ReferenceData
import Testing

/// Among all the built plugins, each population layout is claimed by its own importer alone.
@Suite struct PopulationDetectionTests {
    /// The population plugin tests' ONS mid-year layout (districts, a county, a region, England, Wales).
    static let midYearFixture = """
        ladcode21,laname21,country,sex,age,population_2021,population_2022
        E07000008,Cambridge,E,1,0,600,610
        E07000008,Cambridge,E,2,0,580,590
        E07000008,Cambridge,E,1,90+,100,105
        E07000008,Cambridge,E,2,90,200,210
        E06000023,"Bristol, City of",E,1,0,2900,2950
        E06000023,"Bristol, City of",E,2,0,2800,2850
        E12000006,East of England,E,1,0,35000,35500
        E92000001,England,E,1,0,300000,301000
        W06000015,Cardiff,W,1,0,4000,4050
        W06000015,Cardiff,W,2,0,3900,3950

        """

    @Test func theLoadedPluginsSendEachLayoutToItsOwnImporter() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = PluginCatalog.load(policy: builtInPluginPolicy)
        for (text, expected) in [("la_code,year,age,population\n801,2024,0,10\n", "population-long"),
                                 (Self.midYearFixture, "ons-mid-year-estimates")] {
            let path = try folder.write("input.csv", text)
            guard case .found(let importer) = catalog.detectImporter(for: try InputOpener().source(path: path)) else {
                Issue.record("no single importer for \(expected)")
                continue
            }
            #expect(importer.descriptor.id == expected)
        }
    }
}
