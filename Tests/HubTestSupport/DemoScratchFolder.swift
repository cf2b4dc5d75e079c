import Foundation

/// A temporary folder for one demo test (removed by `remove()`).
package struct DemoScratchFolder: Sendable {
    package let path: String

    package init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("hnhub-demo-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    package func path(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    package func bytes(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path(name))) }
    package func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
    package func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Every file under the folder (or under `sub`), as paths relative to it, sorted.
    package func files(in sub: String? = nil) throws -> [String] {
        try Self.files(under: sub.map(path) ?? path)
    }

    /// Every file under `root`, as paths relative to it, sorted.
    package static func files(under root: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var names: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(name), isDirectory: &isFolder),
               !isFolder.boolValue { names.append(name) }
        }
        return names.sorted()
    }
}
