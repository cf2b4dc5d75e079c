import Foundation
import HubConfig
import HubTestSupport
import Testing

/// Reading `config/hub.yaml`: every key, the defaults, and mistakes named with line and key.
@Suite struct ConfigurationTests {
    @Test func theShippedExampleParsesToWhatItSays() throws {
        let config = try HubConfiguration.load(path: "\(packageRoot)/config/hub.example.yaml")
        #expect(config.databasePath == "hub.sqlite")
        #expect(config.secretPath == "hub.secret")
        #expect(config.pluginDirectories == [])
        #expect(config.metricsFolder == "metrics")
        #expect(config.resolvedMetricsFolder == "\(packageRoot)/config/metrics")
        #expect(config.resolvedImportersFolder == "\(packageRoot)/config/importers")
        #expect(config.pinning == false)
        #expect(config.suppressionThreshold == 5)
        #expect(config.maxInflateRatio == 200)
        #expect(config.maxInflatedBytes == 8_589_934_592)
        #expect(config.groups == ["Example partnership": ["800", "801", "802", "803", "866"]])
        #expect(config.defaultCostBands == ["independent_special": 62000, "non_maintained_special": 55000,
                                            "state_special": 24000, "mainstream": 9000, "post16": 12000, "ap": 18000])
    }

    @Test func defaultsWithoutAFile() throws {
        let config = try HubConfiguration.load(path: nil)
        #expect(config.resolvedDatabasePath(override: nil) == "hub.sqlite")
        #expect(config.resolvedDatabasePath(override: "demo/x.sqlite") == "demo/x.sqlite")
        #expect(config.resolvedSecretPath(databasePath: "/data/hub.sqlite") == "/data/hub.secret")
        #expect(config.suppressionThreshold == 5)
    }

    /// The folders a config names are relative to the config file, not to the working folder; with
    /// no config file no metrics or importers folder is read at all.
    @Test func foldersAreRelativeToTheConfigFile() throws {
        var config = try HubConfiguration.parse(yaml: """
            metrics_folder: sql
            plugins:
              directories: [plugins, /opt/hnhub/plugins]
            """)
        #expect(config.resolvedMetricsFolder == nil)
        #expect(config.resolvedImportersFolder == nil)
        config.sourcePath = "/srv/hub/config/hub.yaml"
        #expect(config.resolvedMetricsFolder == "/srv/hub/config/sql")
        #expect(config.resolvedImportersFolder == "/srv/hub/config/importers")
        #expect(config.resolvedPluginDirectories == ["/srv/hub/config/plugins", "/opt/hnhub/plugins"])
        config.sourcePath = "hub.yaml"
        #expect(config.resolvedMetricsFolder == "sql")
        #expect(try HubConfiguration.load(path: nil).resolvedMetricsFolder == nil)
    }

    /// A config named with --config or HNHUB_CONFIG is trusted to name plugin folders; one found in
    /// the working folder is not (PluginLoaderTests runs that case through `hnhub`).
    @Test func aConfigFoundInTheWorkingFolderIsMarked() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("hub.yaml", "disclosure:\n  threshold: 5\n")
        #expect(try HubConfiguration.load(explicit: path, environment: [:]).foundInWorkingFolder == false)
        #expect(try HubConfiguration.load(explicit: nil, environment: ["HNHUB_CONFIG": path]).foundInWorkingFolder == false)
    }

    @Test func pinsAsPlainChecksumsOrWithNotes() throws {
        let sha = String(repeating: "ab", count: 32)
        let config = try HubConfiguration.parse(yaml: """
            plugins:
              pinning: yes
              pins:
                - \(sha.uppercased())
                - sha256: \(sha)
                  note: libHubPluginSEN2XML.so
            """)
        #expect(config.pinning)
        #expect(config.pins == [PluginPin(sha256: sha), PluginPin(sha256: sha, note: "libHubPluginSEN2XML.so")])
    }

    @Test func anUnknownKeyIsAnErrorWithItsLine() {
        #expect(throws: ConfigurationError(file: "hub.yaml", line: 3, key: "disclosure.treshold",
                                           message: "unknown key (allowed here: threshold)")) {
            try HubConfiguration.parse(yaml: "database: x.sqlite\ndisclosure:\n  treshold: 3\n")
        }
    }

    @Test func badValuesNameTheKey() {
        #expect(throws: ConfigurationError(file: "hub.yaml", line: 2, key: "disclosure.threshold",
                                           message: "expected a whole number of at least 1")) {
            try HubConfiguration.parse(yaml: "disclosure:\n  threshold: five\n")
        }
        #expect(throws: ConfigurationError(file: "hub.yaml", line: 2, key: "groups.West",
                                           message: "'80' is not a 3-digit LA code")) {
            try HubConfiguration.parse(yaml: "groups:\n  West: [\"800\", \"80\"]\n")
        }
        #expect(throws: ConfigurationError(file: "hub.yaml", line: 3, key: "costs.default_bands.ap",
                                           message: "expected an annual cost in pounds (a number, 0 or more)")) {
            try HubConfiguration.parse(yaml: "costs:\n  default_bands:\n    ap: lots\n")
        }
        #expect(throws: ConfigurationError(file: "hub.yaml", line: 3, key: "plugins.pins",
                                           message: "'abc' is not a SHA-256 (64 hex digits)")) {
            try HubConfiguration.parse(yaml: "plugins:\n  pins:\n    - abc\n")
        }
    }
}
