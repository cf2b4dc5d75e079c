import Foundation
import Governance
import Yams

/// The hub's configuration (`config/hub.yaml`; every key is optional). See
/// `config/hub.example.yaml` for a documented example.
package struct HubConfiguration: Sendable, Equatable {
    /// The store. Default `hub.sqlite` in the working folder.
    package var databasePath: String?
    /// The hub secret (pseudonyms, sealed archive). Default: beside the database, `<name>.secret`.
    package var secretPath: String?
    /// The folder of bundled reference tables (`Datasets/`); found automatically when nil.
    package var datasetsPath: String?
    /// Declarative metric files (`*.yaml`), relative to the config file's folder. Default `metrics`.
    package var metricsFolder = "metrics"
    /// Declarative importers: one mapping file (`*.yaml`) per CSV/XLSX export layout, relative to
    /// the config file's folder. Default `importers`. See `docs/mapping-importers.md`.
    package var importersFolder = "importers"
    /// Native plugin folders, relative to the config file's folder, searched after the built-in
    /// plugins beside the executable (docs/plugin-loading.md).
    package var pluginDirectories: [String] = []
    /// Load a plugin from `pluginDirectories` (and a mapping file) only when its SHA-256 is in `pins`.
    package var pinning = false
    package var pins: [PluginPin] = []
    /// Counts below this are suppressed when one LA's figures are shown to another.
    package var suppressionThreshold = 5
    /// Named groups of LAs (3-digit codes), e.g. a regional SEND partnership.
    package var groups: [String: [String]] = [:]
    /// Default annual cost of a placement by type (and optionally phase, as `type/phase`), used
    /// when neither the child's nor the establishment's cost is known (docs/indicators.md, "Cost").
    package var defaultCostBands: [String: Double] = [:]
    /// How long each data set is kept (docs/governance.md, "Retention"); none: kept until deleted.
    package var retention = RetentionPolicy()
    /// The uses of the pooled data and the LAs opted in to each (docs/governance.md, "Purposes").
    package var purposes = PurposeRegister.unenforced
    /// How much of a birth date and postcode the store keeps (docs/governance.md, "Minimisation").
    package var minimisation = Minimisation.finest
    /// Where an import writes each LA's findings report; relative to the working folder like the
    /// database. Default: `findings` beside the database.
    package var findingsFolder: String?
    /// Decompression limits for .gz inputs.
    package var maxInflateRatio = 200
    package var maxInflatedBytes: Int64 = 8 << 30
    /// The file this came from, if any.
    package var sourcePath: String?
    /// True when the file was found in the working folder (`config/hub.yaml`) rather than named
    /// with `--config` or `HNHUB_CONFIG`: the working folder is not trusted to say which code runs,
    /// so its plugin folders are not loaded (docs/plugin-loading.md).
    package var foundInWorkingFolder = false

    package init() {}

    /// A path the config names, as this process opens it: a relative path is relative to the
    /// config file's folder (not the working folder), an absolute one is kept.
    package func resolved(_ path: String) -> String {
        guard let sourcePath, !(path as NSString).isAbsolutePath else { return path }
        let folder = (sourcePath as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }

    /// The declarative metrics folder; nil without a config file (no folder is read implicitly).
    package var resolvedMetricsFolder: String? { sourcePath == nil ? nil : resolved(metricsFolder) }

    /// The mapping importers folder; nil without a config file.
    package var resolvedImportersFolder: String? { sourcePath == nil ? nil : resolved(importersFolder) }

    /// The plugin folders the config names, resolved against its folder.
    package var resolvedPluginDirectories: [String] { pluginDirectories.map(resolved) }

    /// The database path to use: `--db`, else the config's, else `./hub.sqlite`.
    package func resolvedDatabasePath(override: String?) -> String {
        override ?? databasePath ?? "hub.sqlite"
    }

    /// The folder of findings reports for a database: the config's, else `findings` beside it.
    package func resolvedFindingsFolder(databasePath: String) -> String {
        if let findingsFolder { return findingsFolder }
        return ((databasePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("findings")
    }

    /// The secret path to use for a database: the config's, else `<database minus extension>.secret`.
    package func resolvedSecretPath(databasePath: String) -> String {
        if let secretPath { return secretPath }
        return (databasePath as NSString).deletingPathExtension + ".secret"
    }
}

/// A pinned plugin checksum.
package struct PluginPin: Sendable, Equatable {
    package var sha256: String
    /// What it is, for people reading the config (e.g. the file name).
    package var note: String?

    package init(sha256: String, note: String? = nil) {
        self.sha256 = sha256
        self.note = note
    }
}

/// A mistake in the configuration file, with where it is.
package struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    package var file: String
    package var line: Int?
    package var key: String
    package var message: String

    package init(file: String, line: Int?, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    package var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(key): \(message)"
    }
}
