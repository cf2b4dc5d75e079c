import Foundation
import HubKit
import PluginHost

/// A fresh temporary folder for one test, removed by the caller with `remove()`.
package struct TemporaryFolder: Sendable {
    package let path: String

    package init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hnhub-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    package func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    package func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    @discardableResult
    package func write(_ name: String, bytes: [UInt8]) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    package func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The package root (two levels above this file's folder, `Tests/HubTestSupport`).
package var packageRoot: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}

/// The reference data folder (docs/testing.md), when present (a user's fresh clone has none).
package var sharedFolder: String? {
    let path = URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared").path
    return FileManager.default.fileExists(atPath: path) ? path : nil
}

/// A UPN with a correct check letter for the 12 characters after it (docs/sen2.md's algorithm).
package func validUPN(_ rest: String) -> String {
    let alphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ0123456789")
    var sum = 0
    for (offset, character) in rest.enumerated() {
        sum += alphabet.firstIndex(of: character)! * (offset + 2)
    }
    return String(alphabet[sum % 23]) + rest
}

/// A catalogue holding the given importers and metric providers as if loaded from a plugin file.
package func catalog(importers: [any Importer] = [], metrics: [any MetricProvider] = []) -> PluginCatalog {
    PluginCatalog(plugins: [LoadedPlugin(manifest: PluginManifest(id: "test", version: "1.0", importers: importers,
                                                                  metrics: metrics),
                                         path: "(test)", sha256: String(repeating: "0", count: 64))])
}
