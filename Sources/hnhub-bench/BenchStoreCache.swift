import Foundation
import HubStore
import PluginHost
import ReferenceData

/// A store holding a whole generated set (establishments and every return), imported once and
/// kept in the set's cache folder for benchmarks that read a full store (`indicators`).
enum BenchStoreCache {
    /// The cached store of `set`, importing it first when it is missing or holds another number of
    /// persons. A store from an older hnhub is migrated when it is opened.
    static func prepare(_ set: BenchDataSet, log: (String) -> Void) throws -> String {
        let path = try importedStore(set, log: log)
        // The LA register, as `hnhub init` loads it: metrics refuse rows of LAs it does not hold
        // (docs/metric-sandbox.md).
        guard let datasets = DatasetsFolder.locate(executableFolder: PluginLoader.executableFolder()) else {
            throw BenchFailure("no Datasets/ folder found (run from the package root or set HNHUB_DATASETS)")
        }
        _ = try BundledReference.load(from: datasets, into: Store(path: path))
        return path
    }

    private static func importedStore(_ set: BenchDataSet, log: (String) -> Void) throws -> String {
        let folder = set.path("store")
        let path = (folder as NSString).appendingPathComponent("hub.sqlite")
        if FileManager.default.fileExists(atPath: path) {
            let (persons, seconds) = try timed { try HeldImports(database: Store(path: path).database).personCount() }
            if persons == set.manifest.persons {
                log(String(format: "using the cached store %@ (%d persons; opened in %.1f s)", path, persons, seconds))
                return path
            }
            log("the cached store \(path) holds \(persons) persons, not \(set.manifest.persons): importing again")
        }
        try? FileManager.default.removeItem(atPath: folder)
        let imported = try importAll(set, log: log)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: imported.store, toPath: path)
        try? FileManager.default.removeItem(atPath: imported.folder)
        return path
    }

    /// Imports the set into a fresh hub in a temporary folder; the store is closed and checkpointed
    /// when this returns.
    private static func importAll(_ set: BenchDataSet, log: (String) -> Void) throws -> (folder: String, store: String) {
        let hub = try BenchHub()
        let runner = hub.runner()
        log("importing \(set.manifest.persons) persons into \(hub.storePath) ...")
        let (_, seconds) = try timed {
            let checkpoints = try BackgroundCheckpoints(store: hub.store)
            defer { try? checkpoints.finish() }
            let files = set.manifest.establishments.map { [$0] } ?? []
            for file in files + set.manifest.returns {
                for case let .rejected(source, reason) in runner.run(path: set.path(file.name)) {
                    throw BenchFailure("\(source) was rejected: \(reason)")
                }
            }
        }
        log(String(format: "imported in %.1f s", seconds))
        return (hub.folder, hub.storePath)
    }
}
