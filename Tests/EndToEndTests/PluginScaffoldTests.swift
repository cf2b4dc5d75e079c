import Foundation
import HubTestSupport
import Testing

/// `hnhub plugin new` writes a native plugin's code target, entry target and test target into a
/// package root, and prints the one Package.swift line. The generated files are type-checked here
/// against the modules this build made (seconds); `scripts/check_plugin_scaffold` goes further and
/// builds a copy of the package with a scaffolded plugin of each kind added, running the whole test
/// suite (a full build: docs/writing-plugins.md).
@Suite struct PluginScaffoldTests {
    /// A temporary package root holding only a Package.swift.
    func scratchPackage() throws -> TemporaryFolder {
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
        let folder = try scratchPackage()
        defer { folder.remove() }
        let run = try scaffold(["--kind", "importer", "--name", "LocalReferrals"], in: folder.path)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("""
            created Plugins/LocalReferrals/Sources/LocalReferralsImporter.swift
            created Plugins/LocalReferrals/Entry/Entry.swift
            created Plugins/LocalReferrals/Tests/LocalReferralsTests.swift

            Next, in Package.swift, add to the `plugins` list:
                     plugin("LocalReferrals", folder: "LocalReferrals", code: "LocalReferralsImporter", tests: true),
            Then build and test:
                 swift build && swift test --filter LocalReferralsImporterTests
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
        let test = try read(folder, "Plugins/LocalReferrals/Tests/LocalReferralsTests.swift")
        #expect(test.contains("import LocalReferralsImporter\n"))
        #expect(test.contains("@Suite struct LocalReferralsTests {"))
        #expect(test.contains("@Test func readsEveryRow() throws {"))
    }

    @Test func aMetricPluginGetsAProviderWithOneIndicator() throws {
        let folder = try scratchPackage()
        defer { folder.remove() }
        let run = try scaffold(["--kind", "metric", "--name", "ReviewCounts"], in: folder.path)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("plugin(\"ReviewCounts\", folder: \"ReviewCounts\", code: \"ReviewCountsMetrics\", tests: true),"))
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
        let test = try read(folder, "Plugins/ReviewCounts/Tests/ReviewCountsTests.swift")
        #expect(test.contains("import HubKitTesting\n"))
        #expect(test.contains("let fixture = try FixtureStore()\n"))
        #expect(test.contains("@Test func computesTheRateFromAStoreBuiltFromTheFixture() throws {"))
    }

    @Test func itNeverOverwritesAndRefusesBadNames() throws {
        let folder = try scratchPackage()
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

    /// `swiftc` on the PATH, as `swift test` has it.
    static var compiler: String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { "\($0)/swiftc" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The generated code, entry and test compile against this package's modules as they are now,
    /// so a change to HubKit or HubKitTesting that breaks the scaffold fails here, not for an analyst.
    @Test(.enabled(if: compiler != nil, "needs swiftc on the PATH"), arguments: ["importer", "metric"])
    func theGeneratedPluginTypeChecksAgainstThisBuild(kind: String) throws {
        let folder = try scratchPackage()
        defer { folder.remove() }
        #expect(try scaffold(["--kind", kind, "--name", "Checked"], in: folder.path).status == 0)
        let code = kind == "importer" ? "CheckedImporter" : "CheckedMetrics"
        let build = URL(fileURLWithPath: buildFolder)
        let modules = FileManager.default.fileExists(atPath: build.appendingPathComponent("Modules").path)
            ? build.appendingPathComponent("Modules").path : build.path
        // The C modules the package's modules import (SQLite, zlib, YAML, ...), as SwiftPM passes them.
        let checkouts = build.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("checkouts")
        var moduleMaps = try FileManager.default.contentsOfDirectory(atPath: "\(packageRoot)/Sources")
            .map { "\(packageRoot)/Sources/\($0)/module.modulemap" }
        for package in (try? FileManager.default.contentsOfDirectory(atPath: checkouts.path)) ?? [] {
            let sources = checkouts.appendingPathComponent(package).appendingPathComponent("Sources").path
            moduleMaps += ((try? FileManager.default.contentsOfDirectory(atPath: sources)) ?? [])
                .map { "\(sources)/\($0)/include/module.modulemap" }
        }
        // A scaffolded plugin is a target of this package and sees its `package` declarations; SwiftPM
        // names the package after its folder, as a C identifier.
        let packageName = String(URL(fileURLWithPath: packageRoot).lastPathComponent.lowercased()
            .map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        let flags = ["-swift-version", "6", "-package-name", packageName, "-I", modules, "-I", folder.path]
            + moduleMaps.filter { FileManager.default.fileExists(atPath: $0) }.flatMap { ["-Xcc", "-fmodule-map-file=\($0)"] }
        func swiftc(_ arguments: [String], _ folderName: String) throws -> HubRun {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.file("Plugins/Checked/\(folderName)"))
                .map { folder.file("Plugins/Checked/\(folderName)/\($0)") }
            return try runHub(arguments + flags + files, in: folder.path, executable: Self.compiler!)
        }
        let module = try swiftc(["-emit-module", "-module-name", code, "-emit-module-path", folder.file("\(code).swiftmodule")], "Sources")
        #expect(module.status == 0, "\(module.errors)")
        let entry = try swiftc(["-typecheck", "-parse-as-library"], "Entry")
        #expect(entry.status == 0, "\(entry.errors)")
        let tests = try swiftc(["-typecheck", "-parse-as-library"], "Tests")
        #expect(tests.status == 0, "\(tests.errors)")
    }
}
