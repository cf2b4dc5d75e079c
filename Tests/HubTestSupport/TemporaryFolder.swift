import BuiltInPluginPins
import Foundation
import HubKit
import PluginHost

/// A fresh temporary folder for one test, removed by the caller with `remove()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hnhub-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The build folder holding the test binary and the plugin libraries `swift test` built.
var buildFolder: String { PluginLoader.executableFolder() ?? ".build/debug" }

/// The built-in plugins of the build folder, checked against the SHA-256 the build recorded, as
/// `hnhub` loads them.
var builtInPluginPolicy: PluginPolicy {
    PluginPolicy(builtInFolder: buildFolder, builtInPins: BuiltInPluginPins.sha256ByFile)
}

/// The package root (two levels above this file's folder).
var packageRoot: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}

/// `../shared` beside the package, when present (a user's fresh clone has none).
var sharedFolder: String? {
    let path = URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared").path
    return FileManager.default.fileExists(atPath: path) ? path : nil
}

/// A UPN with a correct check letter for the 12 characters after it (docs/sen2.md's algorithm).
func validUPN(_ rest: String) -> String {
    let alphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ0123456789")
    var sum = 0
    for (offset, character) in rest.enumerated() {
        sum += alphabet.firstIndex(of: character)! * (offset + 2)
    }
    return String(alphabet[sum % 23]) + rest
}

/// A catalogue holding the given importers and metric providers as if loaded from a plugin file.
func catalog(importers: [any Importer] = [], metrics: [any MetricProvider] = []) -> PluginCatalog {
    PluginCatalog(plugins: [LoadedPlugin(manifest: PluginManifest(id: "test", version: "1.0", importers: importers,
                                                                  metrics: metrics),
                                         path: "(test)", sha256: String(repeating: "0", count: 64))])
}

/// What one run of the built `hnhub` did.
struct HubRun {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs the built `hnhub` (or `executable`) in `folder` (default: the package root), without the
/// user's HNHUB_CONFIG and with `environment` added, and waits for it; through `launcher` (a
/// command and its arguments, e.g. `setpriv` to run as another user) when one is given.
@discardableResult
func runHub(_ arguments: [String], in folder: String = packageRoot, environment extra: [String: String] = [:],
            executable: String = "\(buildFolder)/hnhub", through launcher: [String] = []) throws -> HubRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: launcher.first ?? executable)
    process.arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [executable] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var environment = ProcessInfo.processInfo.environment
    environment["HNHUB_CONFIG"] = nil
    environment.merge(extra) { _, new in new }
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return HubRun(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                  errors: String(decoding: errors, as: UTF8.self))
}
