import Foundation
import Yams

/// The hub's configuration (`config/hub.yaml`; every key is optional). See
/// `config/hub.example.yaml` for a documented example.
public struct HubConfiguration: Sendable, Equatable {
    /// The store. Default `hub.sqlite` in the working folder.
    public var databasePath: String?
    /// The hub secret (pseudonyms, sealed archive). Default: beside the database, `<name>.secret`.
    public var secretPath: String?
    /// The folder of bundled reference tables (`Datasets/`); found automatically when nil.
    public var datasetsPath: String?
    /// Declarative metric files (`*.yaml`), relative to the config file's folder. Default `metrics`.
    public var metricsFolder = "metrics"
    /// Declarative importers: one mapping file (`*.yaml`) per CSV/XLSX export layout, relative to
    /// the config file's folder. Default `importers`. See `docs/mapping-importers.md`.
    public var importersFolder = "importers"
    /// Native plugin folders, relative to the config file's folder, searched after the built-in
    /// plugins beside the executable (docs/plugin-loading.md).
    public var pluginDirectories: [String] = []
    /// Load a plugin from `pluginDirectories` (and a mapping file) only when its SHA-256 is in `pins`.
    public var pinning = false
    public var pins: [PluginPin] = []
    /// Counts below this are suppressed when one LA's figures are shown to another.
    public var suppressionThreshold = 5
    /// Named groups of LAs (3-digit codes), e.g. a regional SEND partnership.
    public var groups: [String: [String]] = [:]
    /// Default annual cost of a placement by type (and optionally phase, as `type/phase`), used
    /// when neither the child's nor the establishment's cost is known (docs/indicators.md, "Cost").
    public var defaultCostBands: [String: Double] = [:]
    /// Decompression limits for .gz inputs.
    public var maxInflateRatio = 200
    public var maxInflatedBytes: Int64 = 8 << 30
    /// The file this came from, if any.
    public var sourcePath: String?
    /// True when the file was found in the working folder (`config/hub.yaml`) rather than named
    /// with `--config` or `HNHUB_CONFIG`: the working folder is not trusted to say which code runs,
    /// so its plugin folders are not loaded (docs/plugin-loading.md).
    public var foundInWorkingFolder = false

    public init() {}

    /// A path the config names, as this process opens it: a relative path is relative to the
    /// config file's folder (not the working folder), an absolute one is kept.
    public func resolved(_ path: String) -> String {
        guard let sourcePath, !(path as NSString).isAbsolutePath else { return path }
        let folder = (sourcePath as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }

    /// The declarative metrics folder; nil without a config file (no folder is read implicitly).
    public var resolvedMetricsFolder: String? { sourcePath == nil ? nil : resolved(metricsFolder) }

    /// The mapping importers folder; nil without a config file.
    public var resolvedImportersFolder: String? { sourcePath == nil ? nil : resolved(importersFolder) }

    /// The plugin folders the config names, resolved against its folder.
    public var resolvedPluginDirectories: [String] { pluginDirectories.map(resolved) }

    /// The database path to use: `--db`, else the config's, else `./hub.sqlite`.
    public func resolvedDatabasePath(override: String?) -> String {
        override ?? databasePath ?? "hub.sqlite"
    }

    /// The secret path to use for a database: the config's, else `<database minus extension>.secret`.
    public func resolvedSecretPath(databasePath: String) -> String {
        if let secretPath { return secretPath }
        return (databasePath as NSString).deletingPathExtension + ".secret"
    }
}

/// A pinned plugin checksum.
public struct PluginPin: Sendable, Equatable {
    public var sha256: String
    /// What it is, for people reading the config (e.g. the file name).
    public var note: String?

    public init(sha256: String, note: String? = nil) {
        self.sha256 = sha256
        self.note = note
    }
}

/// A mistake in the configuration file, with where it is.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var key: String
    public var message: String

    public init(file: String, line: Int?, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(key): \(message)"
    }
}
