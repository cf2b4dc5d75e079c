import Foundation
import Testing

/// `hnhub plugin new` writes a native plugin's code target, entry target and test into a package
/// root, and prints the Package.swift lines. (Compiling the result here would make the suite slow:
/// `scripts/check_plugin_scaffold` builds a copy of the package with a scaffolded plugin of each kind
/// added as the printed lines say and runs the whole test suite; docs/writing-plugins.md.)
@Suite struct PluginScaffoldTests {
    /// A temporary package root holding only a Package.swift.
    func packageRoot() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("Package.swift", "// swift-tools-version:6.0\n")
        return folder
    }

    func read(_ folder: TemporaryFolder, _ path: String) throws -> String {
        try String(contentsOfFile: folder.file(path), encoding: .utf8)
    }

    func scaffold(_ arguments: [String], in folder: String) throws -> HubRun {
        try runHub(["plugin", "new"] + arguments, in: folder)
    }

    @Test func anImporterPluginGetsCodeEntryAndTest() throws {
        let folder = try packageRoot()
        defer { folder.remove() }
        let run = try scaffold(["--kind", "importer", "--name", "LocalReferrals"], in: folder.path)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("""
            created Plugins/LocalReferrals/Sources/LocalReferralsImporter.swift
            created Plugins/LocalReferrals/Entry/Entry.swift
            created Tests/HubTests/LocalReferralsTests.swift

            Next, in Package.swift:
              1. add to the `plugins` list:
                     plugin("LocalReferrals", folder: "LocalReferrals", code: "LocalReferralsImporter"),
              2. add "LocalReferralsImporter" to the dependencies of the HubTests test target.
            """))
        let code = try read(folder, "Plugins/LocalReferrals/Sources/LocalReferralsImporter.swift")
        #expect(code.contains("public final class LocalReferralsImporter: Importer {"))
        #expect(code.contains("ComponentDescriptor(id: \"local-referrals\", version: Self.version,"))
        #expect(code.contains("public var produces: DatasetKind { .population }"))
        #expect(code.contains("public func detect(_ source: ImportSource) -> Int? {"))
        #expect(code.contains("public func read(_ source: ImportSource, into sink: any RecordSink) throws {"))
        let entry = try read(folder, "Plugins/LocalReferrals/Entry/Entry.swift")
        #expect(entry.contains("import LocalReferralsImporter\n"))
        #expect(entry.contains("@_cdecl(\"hnhub_plugin_entry\")"))
        #expect(entry.contains("exportPlugin(PluginManifest(id: \"local-referrals\", version: LocalReferralsImporter.version, importers: [LocalReferralsImporter()]),"))
        let test = try read(folder, "Tests/HubTests/LocalReferralsTests.swift")
        #expect(test.contains("import LocalReferralsImporter\n"))
        #expect(test.contains("@Suite struct LocalReferralsTests {"))
        #expect(test.contains("@Test func readsEveryRow() throws {"))
    }

    @Test func aMetricPluginGetsAProviderWithOneIndicator() throws {
        let folder = try packageRoot()
        defer { folder.remove() }
        let run = try scaffold(["--kind", "metric", "--name", "ReviewCounts"], in: folder.path)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("plugin(\"ReviewCounts\", folder: \"ReviewCounts\", code: \"ReviewCountsMetrics\"),"))
        let code = try read(folder, "Plugins/ReviewCounts/Sources/ReviewCountsMetricProvider.swift")
        #expect(code.contains("public final class ReviewCountsMetricProvider: MetricProvider {"))
        // A rate, with everything a figure carries: numerator, denominator, unavailable reason, sources, counts.
        #expect(code.contains("id: \"review_counts_reviewed_share\", title: \"Plans reviewed in the last 12 months\", unit: .percent,"))
        #expect(code.contains("sources: [.sen2Returns],"))
        #expect(code.contains("counts: IndicatorCounts(numerator: [CountTerm(\"review_counts.reviewed\")], denominator: [CountTerm(\"review_counts.due\")],"))
        #expect(code.contains("LEFT JOIN current_active_plans ap ON ap.request_id = p.request_id"))
        #expect(code.contains("unavailable: \"no plan active at the census had run 12 months\""))
        let entry = try read(folder, "Plugins/ReviewCounts/Entry/Entry.swift")
        #expect(entry.contains("metrics: [ReviewCountsMetricProvider()]"))
        // Its test runs the SQL against a store built from the SEN2 fixture.
        let test = try read(folder, "Tests/HubTests/ReviewCountsTests.swift")
        #expect(test.contains("import HubKitTesting\n"))
        #expect(test.contains("let fixture = try FixtureStore()\n"))
        #expect(test.contains("@Test func computesTheRateFromAStoreBuiltFromTheFixture() throws {"))
    }

    @Test func itNeverOverwritesAndRefusesBadNames() throws {
        let folder = try packageRoot()
        defer { folder.remove() }
        #expect(try scaffold(["--kind", "importer", "--name", "Referrals"], in: folder.path).status == 0)
        let again = try scaffold(["--kind", "metric", "--name", "Referrals"], in: folder.path)
        #expect(again.status == 2)
        #expect(again.errors == "hnhub: ./Plugins/Referrals already exists: choose another --name or remove the folder\n")
        #expect(try scaffold(["--kind", "importer", "--name", "local-referrals"], in: folder.path).status == 2)
        #expect(try scaffold(["--kind", "exporter", "--name", "Other"], in: folder.path).status == 2)
        let bare = try TemporaryFolder()
        defer { bare.remove() }
        let noPackage = try scaffold(["--kind", "importer", "--name", "Other"], in: bare.path)
        #expect(noPackage.status == 2)
        #expect(noPackage.errors.contains("has no Package.swift"))
        #expect(!FileManager.default.fileExists(atPath: bare.file("Plugins")))
    }
}
