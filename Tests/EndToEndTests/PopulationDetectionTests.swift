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
    @Test func theLoadedPluginsSendEachLayoutToItsOwnImporter() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = PluginCatalog.load(policy: builtInPluginPolicy)
        for (text, expected) in [("la_code,year,age,population\n801,2024,0,10\n", "population-long"),
                                 (PopulationFixtures.onsMidYear, "ons-mid-year-estimates")] {
            let path = try folder.write("input.csv", text)
            guard case .found(let importer) = catalog.detectImporter(for: try InputOpener().source(path: path)) else {
                Issue.record("no single importer for \(expected)")
                continue
            }
            #expect(importer.descriptor.id == expected)
        }
    }
}
