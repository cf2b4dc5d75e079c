import Foundation

/// A temporary folder for one demo test (removed by `remove()`).
public struct DemoScratchFolder: Sendable {
    public let path: String

    public init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("hnhub-demo-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    public func bytes(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path(name))) }
    public func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
    public func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Every file under the folder (or under `sub`), as paths relative to it, sorted.
    public func files(in sub: String? = nil) throws -> [String] {
        try Self.files(under: sub.map(path) ?? path)
    }

    /// Every file under `root`, as paths relative to it, sorted.
    public static func files(under root: String) throws -> [String] {
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
