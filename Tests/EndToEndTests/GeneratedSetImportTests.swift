import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import PluginHost
import Pseudonymisation
import Testing
import Validation
@testable import DemoData

/// A generated demo set through the host and the built plugins.
@Suite struct GeneratedSetImportTests {
    /// Three South West authorities, 50 persons in each latest return, the 2023 and 2025 returns.
    static func smallSet(seed: UInt64 = 7) throws -> DemoOptions {
        DemoOptions(authorities: try LocalAuthorityCatalogue.builtIn.first(3), persons: .perAuthority(50),
                    seed: seed, years: [2023, 2025])
    }

    @Test func aGeneratedSetImportsWithNoErrorsAndNoWarnings() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        let summary = try DemoGenerator(options: Self.smallSet(), catalogue: .builtIn).write(to: folder.path("set"))
        let store = try Store(path: folder.path("hub.sqlite"))
        let plugins = PluginCatalog.load(policy: builtInPluginPolicy)
        let runner = ImportRunner(catalog: plugins, opener: InputOpener(), store: store,
                                  secret: HubSecret(bytes: Array(repeating: 7, count: 32)))

        let establishments = runner.run(path: folder.path("set/establishments.csv"))
        guard case .imported(let register, _, _) = establishments.first else {
            Issue.record("establishments.csv was not imported: \(establishments)")
            return
        }
        #expect(register.records == summary.establishments)

        for file in summary.returns {
            let outcomes = runner.run(path: file.path)
            guard case .imported(let entry, _, let findings) = outcomes.first else {
                Issue.record("\(file.path) was not imported: \(outcomes)")
                continue
            }
            #expect(entry.laCode == file.laCode)
            #expect(entry.collectionYear == file.year)
            #expect(entry.records == file.persons)
            #expect(entry.quarantined == 0)
            #expect(entry.errors == 0, "\(file.path): \(findings.render())")
            #expect(entry.warnings == 0, "\(file.path): \(findings.render())")
        }
    }
}
