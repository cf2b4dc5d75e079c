#if canImport(Glibc)
import Glibc
#endif
import Crypto
import Foundation
import HubKit

/// Signature of a plugin's entry point: writes the SDK version, returns a retained PluginManifest.
typealias PluginEntry = @convention(c) (UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer?

/// A plugin library that was loaded.
package struct LoadedPlugin: Sendable {
    package var manifest: PluginManifest
    /// The file it came from.
    package var path: String
    /// SHA-256 of the file, hex.
    package var sha256: String
    /// What vouched for the file's bytes before it was opened.
    package var pin: Pin

    /// Who vouched for a plugin file.
    package enum Pin: String, Sendable {
        /// A built-in plugin: the build that made this hnhub recorded the file's SHA-256.
        case build
        /// The config's `plugins.pins` lists its SHA-256.
        case config
        /// Nothing: a folder the config or the command line names, with pinning off.
        case none
    }

    package init(manifest: PluginManifest, path: String, sha256: String, pin: Pin = .none) {
        self.manifest = manifest
        self.path = path
        self.sha256 = sha256
        self.pin = pin
    }

    /// A plugin built with this hnhub: its ids are reserved for it (see PluginCatalog).
    package var isBuiltIn: Bool { pin == .build }
}

/// A file that was not loaded, and why.
package struct PluginRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    package var path: String
    package var reason: String
    /// The importer and metric ids the refused file would have provided, when known (e.g.
    /// `mapping:caseview-children`), so that asking for one can say it was refused.
    package var ids: [String]

    package init(path: String, reason: String, ids: [String] = []) {
        self.path = path
        self.reason = reason
        self.ids = ids
    }

    package var description: String { "\(path): refused: \(reason)" }
}

/// Where plugins are looked for and which bytes may be loaded (docs/plugin-loading.md).
///
/// Two kinds of folder, and nothing else: the built-in folder (the executable's own), where only
/// `libHubPlugin*.so` files whose SHA-256 the build recorded are loaded; and folders named
/// explicitly (the config's `plugins.directories`, `--plugin-dir`), where every `*.so` is a
/// candidate, loaded when its SHA-256 is in `pins` or, with pinning off, whatever it holds.
/// The working folder is never searched unless named.
package struct PluginPolicy: Sendable {
    /// The folder of the built-in plugins (the executable's), searched first.
    package var builtInFolder: String?
    /// File name -> SHA-256 of every built-in plugin, as the build recorded them.
    package var builtInPins: [String: String]
    /// Folders named explicitly, searched in order after the built-in folder.
    package var directories: [String]
    /// When true, a plugin from `directories` loads only when its SHA-256 is in `pins`.
    package var pinning: Bool
    package var pins: Set<String>

    package init(builtInFolder: String? = nil, builtInPins: [String: String] = [:], directories: [String] = [],
                pinning: Bool = false, pins: Set<String> = []) {
        self.builtInFolder = builtInFolder
        self.builtInPins = builtInPins.mapValues { $0.lowercased() }
        self.directories = directories
        self.pinning = pinning
        self.pins = Set(pins.map { $0.lowercased() })
    }
}

/// Loads native plugin libraries with dlopen. Every check that can be made on the file (its
/// SHA-256 against the pins) is made before dlopen, which runs the library's constructors; the
/// checks that need its code (entry point, SDK version) follow.
///
/// Libraries are never dlclosed: the Swift runtime keeps pointers into their metadata.
package enum PluginLoader {
    /// Loads every plugin the policy allows. Refused files are returned with their reason; loading
    /// continues with the others.
    package static func loadAll(policy: PluginPolicy) -> (plugins: [LoadedPlugin], refusals: [PluginRefusal]) {
        var plugins: [LoadedPlugin] = []
        var refusals: [PluginRefusal] = []
        var seenPaths = Set<String>()
        var builtInIntact = true
        var folders = policy.directories.map { (folder: $0, builtIn: false) }
        if let builtIn = policy.builtInFolder { folders.insert((builtIn, true), at: 0) }
        for (folder, builtIn) in folders {
            let candidates = candidateFiles(in: folder, onlyPluginNames: builtIn)
            if builtIn {
                let present = Set(candidates.map { ($0 as NSString).lastPathComponent })
                builtInIntact = Set(policy.builtInPins.keys).isSubset(of: present)
            }
            for path in candidates {
                let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                guard seenPaths.insert(real).inserted else { continue }
                let result: Result<LoadedPlugin, PluginRefusal>
                if builtIn {
                    result = loadBuiltIn(path: path, policy: policy)
                    if case .failure = result { builtInIntact = false }
                } else if !builtInIntact {
                    // The ids a missing or refused built-in plugin would reserve are unknown: no
                    // other plugin may take them (docs/plugin-loading.md).
                    result = .failure(PluginRefusal(path: path, reason: "not loaded while the built-in plugins in \(policy.builtInFolder ?? "-") are not the ones the build made (see the other refusals; a missing one counts): run `swift build` again"))
                } else {
                    result = load(path: path, policy: policy)
                }
                switch result {
                case .success(let plugin): plugins.append(plugin)
                case .failure(let refusal): refusals.append(refusal)
                }
            }
        }
        return (plugins, refusals)
    }

    /// Loads a file of the built-in folder: only when the build recorded its name and its bytes.
    package static func loadBuiltIn(path: String, policy: PluginPolicy) -> Result<LoadedPlugin, PluginRefusal> {
        let name = (path as NSString).lastPathComponent
        guard let recorded = policy.builtInPins[name] else {
            return .failure(PluginRefusal(path: path, reason: "not a plugin this hnhub was built with (the build recorded no SHA-256 for \(name)); put a plugin of your own in a folder the config names (plugins.directories) or give it with --plugin-dir"))
        }
        return open(path: path) { sha in
            sha == recorded ? nil : "its SHA-256 \(sha) is not the one the build recorded (\(recorded)): the file changed after it was built; run `swift build` again, or restore the file"
        }.map { var plugin = $0; plugin.pin = .build; return plugin }
    }

    /// Loads one file of a named folder (or any path): with pinning on, only when its SHA-256 is pinned.
    package static func load(path: String, policy: PluginPolicy) -> Result<LoadedPlugin, PluginRefusal> {
        open(path: path) { sha in
            policy.pinning && !policy.pins.contains(sha)
                ? "its SHA-256 \(sha) is not pinned in the config (plugins.pins) and pinning is on" : nil
        }.map { var plugin = $0; plugin.pin = policy.pinning ? .config : .none; return plugin }
    }

    /// Hashes the file, asks `refusal` whether those bytes may be loaded, and only then dlopens it.
    static func open(path: String, refusal: (String) -> String?) -> Result<LoadedPlugin, PluginRefusal> {
        func refuse(_ reason: String) -> Result<LoadedPlugin, PluginRefusal> {
            .failure(PluginRefusal(path: path, reason: reason))
        }
        if let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int,
           mode & 0o022 != 0 {
            return refuse("writable by other users (mode \(String(mode & 0o777, radix: 8))): whoever can write it can change the code hnhub runs; run `chmod go-w \(path)`")
        }
        guard let sha = sha256(ofFile: path) else { return refuse("cannot read the file") }
        if let reason = refusal(sha) { return refuse(reason) }
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
    package static func sha256(ofFile path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The folder of the running executable.
    package static func executableFolder() -> String? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        return (path as NSString).deletingLastPathComponent
    }
}
