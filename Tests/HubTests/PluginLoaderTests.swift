import Foundation
import HubKit
import PluginHost
import Testing

/// Loading native plugins with dlopen: what is accepted and every reason a file is refused.
@Suite struct PluginLoaderTests {
    let caseloadPlugin = "\(buildFolder)/libHubPluginCaseload.so"

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

    @Test func theExecutableFolderYieldsEveryBuiltInPluginAndNothingElse() {
        let catalog = PluginCatalog.load(policy: PluginPolicy(directories: [buildFolder], executableFolder: buildFolder))
        let ids = catalog.components.map { "\($0.kind.rawValue):\($0.descriptor.id)" }.sorted()
        #expect(ids == ["importer:ees-table", "importer:gias-establishments", "importer:ons-mid-year-estimates", "importer:placement-costs", "importer:placement-costs-per-child", "importer:population-long", "importer:sen2-blade", "importer:sen2-xml", "importer:statistical-neighbours", "metric:caseload", "metric:costs", "metric:published-figures", "metric:work"])
        // libHubKit.so and the wrong-SDK fixture are not named libHubPlugin*.so: not even tried.
        #expect(catalog.refusals.isEmpty)
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
        #expect(try PluginLoader.load(path: caseloadPlugin, policy: pinned).get().manifest.id == "caseload")
    }

    @Test func refusesASecondPluginWithTheSameID() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let copy = folder.file("libCopyOfCaseload.so")
        try FileManager.default.copyItem(atPath: caseloadPlugin, toPath: copy)
        let catalog = PluginCatalog.load(policy: PluginPolicy(directories: [buildFolder, folder.path],
                                                              executableFolder: buildFolder))
        #expect(catalog.metrics.count == 4)
        #expect(catalog.refusals == [PluginRefusal(path: copy,
            reason: "duplicate id 'caseload': already registered by \(caseloadPlugin)")])
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
