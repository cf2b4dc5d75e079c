#if canImport(Glibc)
import Glibc
#endif
import Crypto
import Foundation
import HubKit

/// Signature of a plugin's entry point: writes the SDK version, returns a retained PluginManifest.
typealias PluginEntry = @convention(c) (UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer?

/// A plugin library that was loaded.
public struct LoadedPlugin: Sendable {
    public var manifest: PluginManifest
    /// The file it came from.
    public var path: String
    /// SHA-256 of the file, hex.
    public var sha256: String

    public init(manifest: PluginManifest, path: String, sha256: String) {
        self.manifest = manifest
        self.path = path
        self.sha256 = sha256
    }
}

/// A file that was not loaded, and why.
public struct PluginRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): refused: \(reason)" }
}

/// Where plugins are looked for and whether their checksums must be pinned.
public struct PluginPolicy: Sendable {
    /// Folders searched in order. In `executableFolder` only files named `libHubPlugin*.so` are
    /// considered (the folder also holds other libraries); in the others every `*.so` is.
    public var directories: [String]
    public var executableFolder: String?
    /// When true, only files whose SHA-256 is in `pins` are loaded.
    public var pinning: Bool
    public var pins: Set<String>

    public init(directories: [String], executableFolder: String? = nil, pinning: Bool = false,
                pins: Set<String> = []) {
        self.directories = directories
        self.executableFolder = executableFolder
        self.pinning = pinning
        self.pins = Set(pins.map { $0.lowercased() })
    }
}

/// Loads native plugin libraries with dlopen and checks them before any of their code is used.
///
/// Libraries are never dlclosed: the Swift runtime keeps pointers into their metadata.
public enum PluginLoader {
    /// Loads every plugin the policy allows. Refused files are returned with their reason; loading
    /// continues with the others.
    public static func loadAll(policy: PluginPolicy) -> (plugins: [LoadedPlugin], refusals: [PluginRefusal]) {
        var plugins: [LoadedPlugin] = []
        var refusals: [PluginRefusal] = []
        var seenPaths = Set<String>()
        for directory in policy.directories {
            let onlyPluginNames = directory == policy.executableFolder
            for path in candidateFiles(in: directory, onlyPluginNames: onlyPluginNames) {
                let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                guard seenPaths.insert(real).inserted else { continue }
                switch load(path: path, policy: policy) {
                case .success(let plugin): plugins.append(plugin)
                case .failure(let refusal): refusals.append(refusal)
                }
            }
        }
        return (plugins, refusals)
    }

    /// Loads one file.
    public static func load(path: String, policy: PluginPolicy) -> Result<LoadedPlugin, PluginRefusal> {
        func refuse(_ reason: String) -> Result<LoadedPlugin, PluginRefusal> {
            .failure(PluginRefusal(path: path, reason: reason))
        }
        guard let sha = sha256(ofFile: path) else { return refuse("cannot read the file") }
        if policy.pinning && !policy.pins.contains(sha) {
            return refuse("its SHA-256 \(sha) is not pinned in the config (plugins.pins) and pinning is on")
        }
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE) else {
            let message = dlerror().map { String(cString: $0) } ?? "dlopen failed"
            return refuse("not a loadable library: \(message)")
        }
        guard let symbol = dlsym(handle, HubKitSDK.entrySymbol) else {
            return refuse("not an hnhub plugin: it has no \(HubKitSDK.entrySymbol) entry point")
        }
        let entry = unsafeBitCast(symbol, to: PluginEntry.self)
        var pluginSDK: Int32 = -1
        let pointer = entry(&pluginSDK)
        guard Int(pluginSDK) == HubKitSDK.version else {
            // The manifest's layout is unknown: leave it untouched (and leaked).
            return refuse("built for plugin SDK version \(pluginSDK), this hnhub uses SDK version \(HubKitSDK.version); rebuild the plugin against this HubKit")
        }
        guard let pointer else { return refuse("its entry point returned no manifest") }
        let manifest = Unmanaged<PluginManifest>.fromOpaque(pointer).takeRetainedValue()
        return .success(LoadedPlugin(manifest: manifest, path: path, sha256: sha))
    }

    static func candidateFiles(in directory: String, onlyPluginNames: Bool) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { name in
            name.hasSuffix(".so") && (!onlyPluginNames || name.hasPrefix("libHubPlugin"))
        }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// SHA-256 of a file, hex; nil when unreadable.
    public static func sha256(ofFile path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The folder of the running executable.
    public static func executableFolder() -> String? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        return (path as NSString).deletingLastPathComponent
    }
}
