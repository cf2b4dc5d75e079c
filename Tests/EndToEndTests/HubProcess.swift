import BuiltInPluginPins
import Foundation
import HubTestSupport
import PluginHost

/// The build folder holding the test binary and the plugin libraries `swift test` built.
var buildFolder: String { PluginLoader.executableFolder() ?? ".build/debug" }

/// The built-in plugins of the build folder, checked against the SHA-256 the build recorded, as
/// `hnhub` loads them.
var builtInPluginPolicy: PluginPolicy {
    PluginPolicy(builtInFolder: buildFolder, builtInPins: BuiltInPluginPins.sha256ByFile)
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
