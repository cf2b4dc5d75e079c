import EstablishmentImporter
import Foundation
import HubKit
import HubStore
import ImportPipeline
import InputFiles
import MetricEngine
import PluginHost
import Pseudonymisation
import SEN2XMLImporter

/// A real hub store in a scratch folder, filled the way `hnhub import` fills one (validation,
/// pseudonyms, the store's tables and views): by default LA 800's 2025 SEN2 return of eight
/// invented children (`Datasets/fixtures/sen2-800-2025.xml`) and a six-school establishment
/// register. A metric plugin's SQL runs against it exactly as in the hub:
///
/// ```swift
/// let fixture = try FixtureStore()
/// let results = try fixture.compute(MyMetricProvider())
/// ```
///
/// The fixture's children are listed in docs/writing-plugins.md ("Testing a plugin").
package final class FixtureStore {
    package let folder: ScratchFolder
    package let store: Store

    /// The package's `Datasets/fixtures/sen2-800-2025.xml`: LA 800, census day 16 January 2025.
    package static var sen2Return: String { packageRoot + "/Datasets/fixtures/sen2-800-2025.xml" }

    /// The establishments the fixture return places children in (GIAS layout): URNs 100001-100006,
    /// two mainstream primaries, an academy, a maintained special school and an FE college in LA
    /// 800, and an independent special school in LA 801.
    package static let establishmentRegister = """
        URN,LA (code),LA (name),EstablishmentName,TypeOfEstablishment (code),TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),Postcode,UKPRN
        100001,800,Bath and North East Somerset,Kelmoor Primary,1,Community school,Open,Primary,BA1 1AA,
        100002,800,Bath and North East Somerset,Orrin Special,7,Community special school,Open,All-through,BA2 2BB,
        100003,800,Bath and North East Somerset,Ashby Primary,1,Community school,Open,Primary,BA4 4DD,
        100004,800,Bath and North East Somerset,Brookfield Academy,28,Academy sponsor led,Open,Secondary,BA5 5EE,
        100005,801,"Bristol, City of",Tolvane House,10,Other independent special school,Open,Not applicable,BS9 9ZZ,
        100006,800,Bath and North East Somerset,Wessary College,18,Further education,Open,Sixteen plus,BA3 3CC,10012345
        """

    /// The package root: three folders above this file (`Sources/HubKitTesting/FixtureStore.swift`).
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    let runner: ImportRunner

    /// Imports `files` (SEN2 XML returns, GIAS register files, or inputs of `importers`) after the
    /// fixture register when `register` is true. Throws when one is not imported whole.
    package init(files: [String] = [FixtureStore.sen2Return], register: Bool = true, importers: [any Importer] = []) throws {
        folder = try ScratchFolder()
        store = try Store(path: folder.file("hub.sqlite"))
        let catalog = PluginCatalog(plugins: [LoadedPlugin(
            manifest: PluginManifest(id: "fixture", version: "1", importers: [SEN2XMLImporter(), GIASEstablishmentImporter()] + importers),
            path: "(fixture)", sha256: String(repeating: "0", count: 64))])
        runner = ImportRunner(catalog: catalog, opener: InputOpener(), store: store,
                              secret: HubSecret(bytes: [UInt8](repeating: 7, count: 32)))
        let inputs = (register ? [try folder.write("establishments.csv", Self.establishmentRegister)] : []) + files
        for path in inputs { try importFile(path) }
    }

    /// Imports one more file, as `hnhub import` would; throws unless it is stored.
    @discardableResult
    package func importFile(_ path: String) throws -> ImportOutcome {
        let outcome = runner.run(path: path).first
        guard let outcome, case .imported = outcome else {
            throw InputRejected(file: path, message: "the fixture was not imported: \(outcome.map { "\($0)" } ?? "nothing read")")
        }
        return outcome
    }

    /// What `provider` computes from the store, on a read-only connection as in the hub.
    package func compute(_ provider: any MetricProvider) throws -> [IndicatorResult] {
        try provider.compute(in: StoreMetricContext(path: store.database.path))
    }

    /// Rows of a query on the store, for looking at what a test set up.
    package func rows(_ sql: String) throws -> [[StoreValue]] {
        var rows: [[StoreValue]] = []
        try StoreMetricContext(path: store.database.path).query(sql, []) { rows.append($0) }
        return rows
    }
}
