import BuiltInPluginPins
import CaseloadMetrics
import Foundation
import HubKit
import HubTestSupport
import PluginHost
import Testing

/// Loading native plugins with dlopen: what is accepted and every reason a file is refused
/// (docs/plugin-loading.md). The planted test library leaves `<file>.constructor-ran` beside itself
/// when anything opens it, so a test can tell a file refused before dlopen from one refused after.
@Suite struct PluginLoaderTests {
    let caseloadPlugin = "\(buildFolder)/libHubPluginCaseload.so"
    let plantedLibrary = "\(buildFolder)/libTestPluginPlanted.so"

    /// A copy of the planted library at `path`; true once its constructor has run there.
    func plant(at path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: plantedLibrary, toPath: path)
    }

    func constructorRan(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path + ".constructor-ran")
    }

    @Test func loadsARealPluginFromTheBuildFolder() throws {
        let result = PluginLoader.load(path: caseloadPlugin, policy: PluginPolicy(directories: []))
        let plugin = try result.get()
        #expect(plugin.manifest.id == "caseload")
        #expect(plugin.manifest.sdkVersion == HubKitSDK.version)
        #expect(plugin.manifest.metrics.map(\.descriptor.id) == ["caseload", "work", "costs", "published-figures"])
        #expect(plugin.manifest.metrics[0].indicators.prefix(4).map(\.id) == ["ehcp_caseload", "ehcp_growth_1y", "ehcp_rate_0_25", "ehcp_per_1000_2_18"])
        #expect(plugin.manifest.metrics[0].indicators.count == 34)   // 4 + 8 placement + 2 out-of-area + 13 need + need unknown + 6 age shares
        #expect(plugin.sha256 == PluginLoader.sha256(ofFile: caseloadPlugin))
        #expect(plugin.sha256.count == 64)
    }

    /// The plugins this package ships, by file and by component: asserted by id, so that a plugin
    /// added to the package (docs/writing-plugins.md) never breaks these tests.
    static let shippedFiles = ["libHubPluginCaseload.so", "libHubPluginEstablishments.so", "libHubPluginPlacementCosts.so",
                               "libHubPluginPopulation.so", "libHubPluginPublishedStatistics.so", "libHubPluginSEN2Blade.so",
                               "libHubPluginSEN2XML.so", "libHubPluginStatisticalNeighbours.so"]
    static let shippedComponents = ["importer:ees-table", "importer:gias-establishments", "importer:ons-mid-year-estimates",
                                    "importer:placement-costs", "importer:placement-costs-per-child", "importer:population-long",
                                    "importer:sen2-blade", "importer:sen2-xml", "importer:statistical-neighbours", "metric:caseload",
                                    "metric:costs", "metric:published-figures", "metric:work"]

    @Test func theExecutableFolderYieldsEveryBuiltInPluginAndNothingElse() {
        let catalog = PluginCatalog.load(policy: builtInPluginPolicy)
        let ids = Set(catalog.components.map { "\($0.kind.rawValue):\($0.descriptor.id)" })
        #expect(ids.isSuperset(of: Self.shippedComponents))
        // Nothing else: every component comes from a file the build made and pinned.
        #expect(catalog.components.allSatisfy { $0.plugin.pin == .build })
        #expect(catalog.components.allSatisfy {
            BuiltInPluginPins.sha256ByFile[($0.plugin.path as NSString).lastPathComponent] != nil
        })
        // libHubKit.so and the test fixtures are not named libHubPlugin*.so: not even tried.
        #expect(catalog.refusals.isEmpty)
        #expect(!constructorRan(plantedLibrary))
    }

    /// The build step hashes the libraries with its own SHA-256; here swift-crypto checks every one.
    @Test func theBuildRecordedTheSHA256OfEveryBuiltInPlugin() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: buildFolder)
            .filter { $0.hasPrefix("libHubPlugin") && $0.hasSuffix(".so") }
        #expect(BuiltInPluginPins.sha256ByFile.keys.sorted() == files.sorted())
        #expect(Set(files).isSuperset(of: Self.shippedFiles))
        for file in files {
            #expect(BuiltInPluginPins.sha256ByFile[file] == PluginLoader.sha256(ofFile: "\(buildFolder)/\(file)"), "\(file)")
        }
    }

    /// A built-in plugin's bytes must be the ones its build recorded: a changed file, a library
    /// planted under a built-in's name and one the build never made are all refused unopened.
    @Test func aTamperedOrUnknownFileInTheBuiltInFolderIsRefusedBeforeItIsOpened() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: caseloadPlugin)))
        bytes[bytes.count / 2] ^= 0x01
        let flipped = try folder.write("libHubPluginCaseload.so", bytes: bytes)
        let flippedSHA = try #require(PluginLoader.sha256(ofFile: flipped))
        let impostor = folder.file("libHubPluginSEN2XML.so")
        try plant(at: impostor)
        let stranger = folder.file("libHubPluginExtra.so")
        try plant(at: stranger)

        let named = folder.file("named/libLocal.so")
        try plant(at: named)

        let pins = BuiltInPluginPins.sha256ByFile
        let catalog = PluginCatalog.load(policy: PluginPolicy(builtInFolder: folder.path, builtInPins: pins,
                                                              directories: [folder.file("named")]))
        #expect(catalog.components.isEmpty)
        #expect(catalog.refusals.map(\.path) == [flipped, stranger, impostor, named])
        #expect(catalog.refusals[0].reason == "its SHA-256 \(flippedSHA) is not the one the build recorded (\(pins["libHubPluginCaseload.so"]!)): the file changed after it was built; run `swift build` again, or restore the file")
        #expect(catalog.refusals[1].reason == "not a plugin this hnhub was built with (the build recorded no SHA-256 for libHubPluginExtra.so); put a plugin of your own in a folder the config names (plugins.directories) or give it with --plugin-dir")
        #expect(catalog.refusals[2].reason.hasPrefix("its SHA-256 "))
        // With the built-ins not as built, the ids they reserve are unknown: nothing else loads.
        #expect(catalog.refusals[3].reason == "not loaded while the built-in plugins in \(folder.path) are not the ones the build made (see the other refusals; a missing one counts): run `swift build` again")
        #expect(!constructorRan(impostor))
        #expect(!constructorRan(stranger))
        #expect(!constructorRan(named))
    }

    /// With pinning on, a plugin of a named folder whose bytes changed since it was pinned is refused
    /// unopened; with pinning off it is opened (its constructor runs), then refused as no plugin.
    @Test func aPinnedFolderRefusesAChangedLibraryBeforeOpeningIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let planted = folder.file("libPlanted.so")
        try plant(at: planted)
        let pinnedSHA = try #require(PluginLoader.sha256(ofFile: plantedLibrary))
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: planted)))
        bytes[bytes.count - 1] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: planted))

        let pinned = PluginPolicy(directories: [folder.path], pinning: true, pins: [pinnedSHA])
        let refusal = try #require(PluginLoader.loadAll(policy: pinned).refusals.first)
        #expect(refusal.reason.hasSuffix("is not pinned in the config (plugins.pins) and pinning is on"))
        #expect(!constructorRan(planted))

        let unpinned = PluginLoader.loadAll(policy: PluginPolicy(directories: [folder.path]))
        #expect(unpinned.refusals.first?.reason == "not an hnhub plugin: it has no hnhub_plugin_entry entry point")
        #expect(constructorRan(planted))
    }

    @Test func aLibraryOthersCanWriteIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let planted = folder.file("libPlanted.so")
        try plant(at: planted)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: planted)
        let refusal = try #require(PluginLoader.loadAll(policy: PluginPolicy(directories: [folder.path])).refusals.first)
        #expect(refusal.reason == "writable by other users (mode 777): whoever can write it can change the code hnhub runs; run `chmod go-w \(planted)`")
        #expect(!constructorRan(planted))
    }

    /// The working folder is never searched: a library in ./config/plugins is not opened with a
    /// config named elsewhere, nor when ./config/hub.yaml (found, not named) names that folder. Only
    /// when the user names that config does hnhub open it (and the constructor runs).
    @Test func aLibraryPlantedInTheWorkingFolderIsNeverOpened() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let planted = folder.file("config/plugins/libHubPluginPlanted.so")
        try plant(at: planted)
        try folder.write("config/hub.yaml", "plugins:\n  directories: [plugins]\n")
        try FileManager.default.createDirectory(atPath: folder.file("elsewhere"), withIntermediateDirectories: true)
        try folder.write("elsewhere/hub.yaml", "disclosure:\n  threshold: 5\n")

        let elsewhere = try runHub(["plugins", "--config", "elsewhere/hub.yaml"], in: folder.path)
        #expect(elsewhere.status == 0, "\(elsewhere.output)")
        let found = try runHub(["plugins"], in: folder.path)
        #expect(found.status == 1)
        #expect(found.output.contains("refused: config/plugins: refused: plugin folder named by config/hub.yaml, which was found in the working folder and not named with --config or HNHUB_CONFIG"))
        #expect(!constructorRan(planted))

        let named = try runHub(["plugins", "--config", "config/hub.yaml"], in: folder.path)
        #expect(named.status == 1)
        #expect(named.output.contains("refused: config/plugins/libHubPluginPlanted.so: refused: not an hnhub plugin"))
        #expect(constructorRan(planted))
    }

    @Test func refusesAFileThatIsNotALibrary() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("libHubPluginFake.so", "this is not a shared library")
        let refusal = try #require(PluginLoader.load(path: path, policy: PluginPolicy(directories: [])).failure)
        #expect(refusal.path == path)
        #expect(refusal.reason.hasPrefix("not a loadable library: "))
    }

    @Test func refusesALibraryWithoutTheEntryPoint() throws {
        let path = "\(buildFolder)/libHubKit.so"
        let refusal = try #require(PluginLoader.load(path: path, policy: PluginPolicy(directories: [])).failure)
        #expect(refusal.reason == "not an hnhub plugin: it has no hnhub_plugin_entry entry point")
    }

    @Test func refusesAPluginBuiltForAnotherSDKVersion() throws {
        let path = "\(buildFolder)/libTestPluginWrongSDK.so"
        let refusal = try #require(PluginLoader.load(path: path, policy: PluginPolicy(directories: [])).failure)
        #expect(refusal.reason == "built for plugin SDK version \(HubKitSDK.version + 1), this hnhub uses SDK version \(HubKitSDK.version); rebuild the plugin against this HubKit")
    }

    @Test func pinningRefusesAnUnpinnedPluginAndLoadsAPinnedOne() throws {
        let sha = try #require(PluginLoader.sha256(ofFile: caseloadPlugin))
        let unpinned = PluginPolicy(directories: [], pinning: true, pins: ["00" + String(sha.dropFirst(2))])
        let refusal = try #require(PluginLoader.load(path: caseloadPlugin, policy: unpinned).failure)
        #expect(refusal.reason == "its SHA-256 \(sha) is not pinned in the config (plugins.pins) and pinning is on")

        let pinned = PluginPolicy(directories: [], pinning: true, pins: [sha.uppercased()])
        let plugin = try PluginLoader.load(path: caseloadPlugin, policy: pinned).get()
        #expect(plugin.manifest.id == "caseload")
        #expect(plugin.pin == .config)
    }

    /// `hnhub plugins --pins` prints config lines for what the build did not pin (here a mapping
    /// file); pasted into the config, they pin it, and a changed file is then refused.
    @Test func pinsPrintsTheLinesForWhatTheBuildDidNotPin() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("config/importers"), withIntermediateDirectories: true)
        let mapping = folder.file("config/importers/caseview-children.yaml")
        try FileManager.default.copyItem(atPath: "\(packageRoot)/config/importers/caseview-children.yaml", toPath: mapping)
        try folder.write("config/hub.yaml", "disclosure:\n  threshold: 5\n")
        let sha = try #require(PluginLoader.sha256(ofFile: mapping))

        let printed = try runHub(["plugins", "--config", "config/hub.yaml", "--pins"], in: folder.path)
        #expect(printed.status == 0)
        #expect(printed.output == """
            # \(BuiltInPluginPins.sha256ByFile.count) built-in plugin files are pinned by the build; these lines pin the others
            plugins:
              pinning: true
              pins:
                - sha256: \(sha)
                  note: caseview-children.yaml

            """)
        try folder.write("config/hub.yaml", printed.output)
        let listed = try runHub(["plugins", "--config", "config/hub.yaml", "--json"], in: folder.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [String: Any])
        let rows = try #require(object["plugins"] as? [[String: Any]])
        #expect(rows.first { $0["id"] as? String == "mapping:caseview-children" }?["pinned_by"] as? String == "config")
        let pinnedByBuild = rows.filter { $0["pinned_by"] as? String == "build" }.map { "\($0["kind"] as? String ?? ""):\($0["id"] as? String ?? "")" }
        #expect(Set(pinnedByBuild).isSuperset(of: Self.shippedComponents))

        let original = try String(contentsOfFile: mapping, encoding: .utf8)
        try Data((original + "\n# changed\n").utf8).write(to: URL(fileURLWithPath: mapping))
        let changed = try runHub(["plugins", "--config", "config/hub.yaml"], in: folder.path)
        #expect(changed.status == 1)
        #expect(changed.output.contains("refused: config/importers/caseview-children.yaml: refused: its SHA-256 "))
    }

    @Test func aPluginTakingABuiltInPluginsIDIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let copy = folder.file("libCopyOfCaseload.so")
        try FileManager.default.copyItem(atPath: caseloadPlugin, toPath: copy)
        var policy = builtInPluginPolicy
        policy.directories = [folder.path]
        let catalog = PluginCatalog.load(policy: policy)
        // The built-in keeps its metrics; the copy provides none.
        #expect(catalog.metrics.filter { $0.component.plugin.path == caseloadPlugin }.map(\.component.descriptor.id)
                == ["caseload", "work", "costs", "published-figures"])
        #expect(!catalog.metrics.contains { $0.component.plugin.path == copy })
        #expect(catalog.refusals == [PluginRefusal(path: copy,
            reason: "claims plugin id 'caseload', which belongs to the built-in plugin \(caseloadPlugin)",
            ids: ["caseload", "work", "costs", "published-figures"])])
    }

    /// Ids are checked across plugins: plugin ids, importer and metric ids, and the indicators a
    /// metric declares. Two plugins that are not built in and claim one id are both refused.
    @Test func twoPluginsClaimingOneIDAreBothRefused() {
        func plugin(_ path: String, id: String, importers: [any Importer] = [], metrics: [any MetricProvider] = [],
                    pin: LoadedPlugin.Pin = .none) -> LoadedPlugin {
            LoadedPlugin(manifest: PluginManifest(id: id, version: "1", importers: importers, metrics: metrics),
                         path: path, sha256: String(repeating: "0", count: 64), pin: pin)
        }
        let builtIn = plugin("/bin/libHubPluginCaseload.so", id: "caseload", metrics: [CaseloadMetricProvider()], pin: .build)
        let catalog = PluginCatalog(plugins: [
            builtIn,
            plugin("/x/a.so", id: "local-a", importers: [TestReturnImporter()]),
            plugin("/x/b.so", id: "local-b", importers: [TestReturnImporter()]),
            plugin("/x/c.so", id: "local-c", metrics: [CaseloadMetricProvider()]),
            plugin("/x/d.so", id: "caseload"),
            plugin("/x/e.so", id: "local-e"),
        ])
        #expect(Set(catalog.components.map(\.plugin.path)) == ["/bin/libHubPluginCaseload.so"])
        #expect(catalog.metrics.count == 1)
        #expect(catalog.refusals == [
            PluginRefusal(path: "/x/a.so", reason: "claims id 'test-return', which /x/b.so claims too: neither is loaded; remove or rename one of them", ids: ["test-return"]),
            PluginRefusal(path: "/x/b.so", reason: "claims id 'test-return', which /x/a.so claims too: neither is loaded; remove or rename one of them", ids: ["test-return"]),
            PluginRefusal(path: "/x/c.so", reason: "claims id 'caseload', which belongs to the built-in plugin /bin/libHubPluginCaseload.so", ids: ["caseload"]),
            PluginRefusal(path: "/x/d.so", reason: "claims plugin id 'caseload', which belongs to the built-in plugin /bin/libHubPluginCaseload.so"),
        ])
        #expect(catalog.indicatorOwners["ehcp_caseload"] == "caseload")
    }

    @Test func aPluginDirectoryReportsEveryNonPluginFileItHolds() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let junk = try folder.write("notes.so", "hello")
        let catalog = PluginCatalog.load(policy: PluginPolicy(directories: [folder.path]))
        #expect(catalog.components.isEmpty)
        #expect(catalog.refusals.map(\.path) == [junk])
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
