import BuiltInPluginPins
import Foundation
import HubStore
import ImportPipeline
import InputFiles
import PluginHost
import Pseudonymisation

/// A fresh hub in a temporary folder: store, a fixed secret, and the plugins beside the executable.
struct BenchHub {
    let folder: String
    let store: Store
    let secret: HubSecret
    let catalog: PluginCatalog

    var storePath: String { (folder as NSString).appendingPathComponent("hub.sqlite") }

    init() throws {
        folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("hnhub-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        store = try Store(path: (folder as NSString).appendingPathComponent("hub.sqlite"))
        secret = HubSecret(bytes: (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        catalog = try Self.plugins()
    }

    /// The plugins in the executable's folder; fails when the SEN2 XML importer is not among them.
    static func plugins() throws -> PluginCatalog {
        guard let executableFolder = PluginLoader.executableFolder() else {
            throw BenchFailure("cannot tell the executable's folder (no /proc/self/exe)")
        }
        let catalog = PluginCatalog.load(policy: PluginPolicy(builtInFolder: executableFolder,
                                                             builtInPins: BuiltInPluginPins.sha256ByFile))
        for refusal in catalog.refusals { log("plugin \(refusal)") }
        guard catalog.importer(id: "sen2-xml") != nil else {
            throw BenchFailure("the sen2-xml importer plugin is not in \(executableFolder): build the whole package "
                               + "(swift build -c release --scratch-path .build-bench) so the plugins sit beside hnhub-bench")
        }
        return catalog
    }

    func runner() -> ImportRunner {
        ImportRunner(catalog: catalog, opener: InputOpener(), store: store, secret: secret)
    }

    /// Bytes of the store file with its WAL and shared-memory files.
    var storeBytes: Int {
        ["", "-wal", "-shm"].reduce(0) { total, suffix in
            let size = (try? FileManager.default.attributesOfItem(atPath: storePath + suffix))?[.size] as? NSNumber
            return total + (size?.intValue ?? 0)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
