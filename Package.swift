// swift-tools-version:6.0
import PackageDescription

/// Swift 6 language mode (strict concurrency) everywhere.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

/// Number-crunching modules run optimised in debug builds as well (docs/disclosure-control.md).
let optimised: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

/// A native plugin: its code in one target, its C entry point in a tiny second target that the
/// `.dynamic` product is built from (docs/plugin-abi.md, rule 5). Product names start with `HubPlugin`
/// so the host can tell plugins from other libraries in the executable's folder. `tests: true` adds
/// the test target `<code>Tests` in `Plugins/<folder>/Tests`, as `hnhub plugin new` writes it.
func plugin(_ name: String, folder: String, code: String, dependencies: [Target.Dependency] = [],
            resources: [Resource]? = nil, tests: Bool = false,
            testDependencies: [Target.Dependency] = []) -> (product: Product, targets: [Target]) {
    let entry = "HubPlugin\(name)"
    return (
        .library(name: entry, type: .dynamic, targets: [entry]),
        [
            .target(name: code, dependencies: [.product(name: "HubKit", package: "HubKit")] + dependencies,
                    path: "Plugins/\(folder)/Sources", swiftSettings: strict),
            .target(name: entry, dependencies: [.target(name: code), .product(name: "HubKit", package: "HubKit")],
                    path: "Plugins/\(folder)/Entry", swiftSettings: strict),
        ] + (tests ? [.testTarget(name: "\(code)Tests", dependencies: [.target(name: code), "HubKitTesting",
                                                                        .product(name: "HubKit", package: "HubKit")]
                                      + testDependencies,
                                  path: "Plugins/\(folder)/Tests", swiftSettings: strict)] : [])
    )
}

/// What the built-in plugins' tests use besides their own code, HubKit and HubKitTesting.
let pluginTestSupport: [Target.Dependency] = ["HubTestSupport", "InputFiles", "HubStore", "ImportPipeline"]

let plugins = [
    plugin("SEN2XML", folder: "SEN2XML", code: "SEN2XMLImporter", tests: true, testDependencies: pluginTestSupport),
    plugin("SEN2Blade", folder: "SEN2Blade", code: "SEN2BladeImporter", tests: true,
           testDependencies: pluginTestSupport + ["SEN2XMLImporter"]),
    plugin("Establishments", folder: "Establishments", code: "EstablishmentImporter", tests: true,
           testDependencies: pluginTestSupport),
    plugin("PublishedStatistics", folder: "PublishedStatistics", code: "PublishedStatisticsImporter", tests: true,
           testDependencies: pluginTestSupport + ["PluginHost", "Pseudonymisation"]),
    plugin("Population", folder: "Population", code: "PopulationImporter", tests: true,
           testDependencies: pluginTestSupport + ["PluginHost", "Pseudonymisation", "ReferenceData"]),
    plugin("PlacementCosts", folder: "PlacementCosts", code: "PlacementCostImporter", tests: true,
           testDependencies: pluginTestSupport + ["PluginHost"]),
    plugin("StatisticalNeighbours", folder: "StatisticalNeighbours", code: "StatisticalNeighbourImporter", tests: true,
           testDependencies: pluginTestSupport + ["ReferenceData"]),
    plugin("Caseload", folder: "CaseloadMetrics", code: "CaseloadMetrics", tests: true,
           testDependencies: pluginTestSupport + ["MappingImporters", "SEN2XMLImporter"]),
]

/// The unit tests of host modules: `Tests/<name>`, in process, with no plugin library built or loaded
/// (docs/testing.md).
func unitTests(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .testTarget(name: name, dependencies: dependencies + ["HubTestSupport", .product(name: "HubKit", package: "HubKit")],
                swiftSettings: strict)
}

let package = Package(
    name: "hnhub",
    products: [
        .executable(name: "hnhub", targets: ["hnhub"]),
        // Import throughput on a generated England-scale set (see Sources/hnhub-bench).
        .executable(name: "hnhub-bench", targets: ["hnhub-bench"]),
        // A plugin built against another SDK version, for the loader's refusal test only.
        .library(name: "TestPluginWrongSDK", type: .dynamic, targets: ["TestPluginWrongSDK"]),
        // A library whose constructor leaves a file beside it, for the tests that prove the loader
        // refuses planted and tampered files before dlopen.
        .library(name: "TestPluginPlanted", type: .dynamic, targets: ["TestPluginPlanted"]),
        // For testing plugins against a real store (docs/writing-plugins.md, "Testing a plugin").
        .library(name: "HubKitTesting", targets: ["HubKitTesting"]),
    ] + plugins.map(\.product),
    dependencies: [
        .package(path: "Sources/HubKit"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // hnhub serve: the web application and JSON API (Sources/HubService); bcrypt for passwords.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),

        // The build step that records the SHA-256 of every built-in plugin library, and the module
        // the executables read them from (docs/plugin-loading.md).
        .executableTarget(name: "PluginPinRecorder", path: "Sources/BuildSteps/PluginPinRecorder", swiftSettings: strict),
        .plugin(name: "RecordPluginPins", capability: .buildTool(), dependencies: ["PluginPinRecorder"],
                path: "Sources/BuildSteps/RecordPluginPins"),
        .target(name: "BuiltInPluginPins", swiftSettings: strict, plugins: ["RecordPluginPins"]),

        // The host, in the order data flows through it.
        // What the data-sharing agreement sets: retention periods, purposes and opt-ins, the level of
        // minimisation (docs/governance.md).
        .target(name: "Governance", dependencies: [.product(name: "HubKit", package: "HubKit")],
                swiftSettings: strict),
        .target(name: "HubConfig", dependencies: ["Governance", .product(name: "Yams", package: "Yams")],
                swiftSettings: strict),
        .target(name: "PluginHost", dependencies: [
            .product(name: "HubKit", package: "HubKit"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        .target(name: "InputFiles", dependencies: [
            "CZlib", .product(name: "HubKit", package: "HubKit"), .product(name: "Crypto", package: "swift-crypto"),
        ],
                swiftSettings: strict),
        .target(name: "Validation", dependencies: [.product(name: "HubKit", package: "HubKit")],
                swiftSettings: strict),
        .target(name: "Pseudonymisation", dependencies: [
            "Governance", .product(name: "HubKit", package: "HubKit"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        .target(name: "HubStore", dependencies: [
            "CSQLite", "Pseudonymisation", "Governance", .product(name: "HubKit", package: "HubKit"),
        ], swiftSettings: strict),
        .target(name: "ImportPipeline", dependencies: [
            "InputFiles", "Validation", "Pseudonymisation", "HubStore", "PluginHost", "Governance",
            .product(name: "HubKit", package: "HubKit"),
        ], swiftSettings: strict),
        .target(name: "ReferenceData", dependencies: [
            "HubStore", "InputFiles", "Validation", .product(name: "HubKit", package: "HubKit"),
        ], swiftSettings: strict),
        .target(name: "Comparison", dependencies: [.product(name: "HubKit", package: "HubKit")],
                swiftSettings: strict),
        // Linear programming (two-phase simplex), for the disclosure auditor. Both are optimised in
        // debug builds too: every output computes the suppression pattern, tests included.
        .target(name: "LinearProgramming", swiftSettings: strict + optimised),
        // The linear system of what an audience is shown, its audit by linear programming, and the
        // suppression pattern that passes it (docs/disclosure-control.md).
        .target(name: "DisclosureAudit", dependencies: [
            "Comparison", "LinearProgramming", .product(name: "HubKit", package: "HubKit"),
        ], swiftSettings: strict + optimised),
        .target(name: "MetricEngine", dependencies: [
            "HubStore", "PluginHost", "HubConfig", .product(name: "HubKit", package: "HubKit"),
        ], swiftSettings: strict),
        // Importers described by a mapping file in config/importers (CSV and XLSX exports).
        .target(name: "MappingImporters", dependencies: [
            "InputFiles", "PluginHost", .product(name: "HubKit", package: "HubKit"), .product(name: "Yams", package: "Yams"),
        ], swiftSettings: strict),
        // Stored indicator values laid out for people: per indicator and period, with comparisons and
        // disclosure control applied for the audience.
        .target(name: "ComparisonTables", dependencies: [
            "HubStore", "Comparison", "DisclosureAudit", "ReferenceData", "Governance", .product(name: "HubKit", package: "HubKit"),
        ], swiftSettings: strict),
        // Caseload forecasts: series, methods, intervals, the backtest (docs/forecasting.md).
        .target(name: "Forecasting", dependencies: [
            "HubStore", .product(name: "HubKit", package: "HubKit"), .product(name: "Yams", package: "Yams"),
        ], swiftSettings: strict),
        // Scoping a shared centre or specialist service for a group (docs/scoping.md).
        .target(name: "Scoping", dependencies: [
            "HubStore", "Comparison", "DisclosureAudit", "Forecasting", .product(name: "HubKit", package: "HubKit"),
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: strict + optimised),
        // Files people open: CSV, JSON and the Excel workbook.
        .target(name: "Exports", dependencies: [
            "CZlib", "ComparisonTables", "DisclosureAudit", "HubStore", "Forecasting", "Scoping", .product(name: "HubKit", package: "HubKit"),
        ], swiftSettings: strict),
        // The self-contained HTML benchmarking report with SVG charts.
        .target(name: "Report", dependencies: [
            "ComparisonTables", "DisclosureAudit", "HubStore", "Forecasting", "Scoping", .product(name: "HubKit", package: "HubKit"),
        ], swiftSettings: strict),
        // Deterministic synthetic SEN2 returns and establishments for demos, tests and benchmarks.
        .target(name: "DemoData", dependencies: [.product(name: "HubKit", package: "HubKit")],
                swiftSettings: strict),
        // `hnhub serve`: accounts, sessions, access control, pages, the JSON API, uploads, audit.
        .target(name: "HubService", dependencies: [
            "HubConfig", "PluginHost", "InputFiles", "HubStore", "ImportPipeline", "MetricEngine", "ReferenceData",
            "Comparison", "ComparisonTables", "DisclosureAudit", "Exports", "Report", "Forecasting", "Governance", "Scoping",
            .product(name: "HubKit", package: "HubKit"), .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        .executableTarget(name: "hnhub", dependencies: [
            "HubConfig", "PluginHost", "InputFiles", "Pseudonymisation", "HubStore", "ImportPipeline",
            "MetricEngine", "ReferenceData", "Comparison", "DemoData", "MappingImporters", "ComparisonTables", "Exports",
            "Report", "Forecasting", "DisclosureAudit", "BuiltInPluginPins", "Validation", "Governance", "HubService", "Scoping", .product(name: "HubKit", package: "HubKit"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),
        .executableTarget(name: "hnhub-bench", dependencies: [
            "BuiltInPluginPins", "CZlib", "DemoData", "ImportPipeline", "HubStore", "InputFiles", "MappingImporters", "PluginHost",
            "Pseudonymisation", "Validation", "HubConfig", "HubService", "MetricEngine", "ReferenceData", "Scoping",
            .product(name: "HubKit", package: "HubKit"), .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),

        // A collecting sink, a scratch folder and a store built from fixtures, for plugin tests.
        .target(name: "HubKitTesting", dependencies: [
            "HubStore", "ImportPipeline", "InputFiles", "MetricEngine", "PluginHost", "Pseudonymisation",
            "SEN2XMLImporter", "EstablishmentImporter", .product(name: "HubKit", package: "HubKit"),
        ], swiftSettings: strict),

        .target(name: "TestPluginWrongSDK", dependencies: [.product(name: "HubKit", package: "HubKit")],
                path: "Tests/Fixtures/TestPluginWrongSDK", swiftSettings: strict),
        .target(name: "TestPluginPlanted", path: "Tests/Fixtures/TestPluginPlanted"),

        // Helpers the test targets share: a temporary folder, the package root, test importers and
        // returns (docs/testing.md).
        .target(name: "HubTestSupport", dependencies: ["PluginHost", .product(name: "HubKit", package: "HubKit")],
                path: "Tests/HubTestSupport", swiftSettings: strict),
        // Small stores laid out for the report's tests and its browser test.
        .target(name: "ReportFixtures", dependencies: [
            "HubTestSupport", "HubStore", "Report", "CaseloadMetrics", .product(name: "HubKit", package: "HubKit"),
        ], path: "Tests/ReportFixtures", swiftSettings: strict),

        unitTests("HubKitTests", []),
        unitTests("HubConfigTests", ["HubConfig", "Governance"]),
        unitTests("PseudonymisationTests", ["Pseudonymisation"]),
        unitTests("HubStoreTests", ["HubStore", "Pseudonymisation"]),
        unitTests("InputFilesTests", ["InputFiles"]),
        unitTests("ValidationTests", ["Validation", "HubStore", "ReferenceData"]),
        unitTests("ReferenceDataTests", ["ReferenceData", "HubStore"]),
        unitTests("ImportPipelineTests", ["ImportPipeline", "HubStore", "InputFiles", "Pseudonymisation"]),
        unitTests("ComparisonTests", [
            "Comparison", "ComparisonTables", "HubStore", "ImportPipeline", "InputFiles", "MetricEngine", "PluginHost",
            "Pseudonymisation", "ReferenceData",
        ]),
        unitTests("LinearProgrammingTests", ["LinearProgramming"]),
        unitTests("DisclosureAuditTests", ["DisclosureAudit", "LinearProgramming", "Comparison", "ComparisonTables", "Report"]),
        unitTests("ForecastingTests", ["Forecasting"]),
        unitTests("ScopingTests", ["Scoping", "Comparison", "DisclosureAudit", "Forecasting", "Report"]),
        unitTests("ExportsTests", [
            "Exports", "Comparison", "ComparisonTables", "DisclosureAudit", "Forecasting", "HubStore", "InputFiles", "Report",
        ]),
        unitTests("ReportTests", [
            "Report", "ReportFixtures", "Comparison", "ComparisonTables", "DisclosureAudit", "Exports", "Forecasting", "HubStore",
        ]),
        unitTests("MappingImportersTests", ["MappingImporters", "Exports", "HubStore", "ImportPipeline", "InputFiles"]),
        unitTests("MetricEngineTests", [
            "MetricEngine", "HubConfig", "HubStore", "ImportPipeline", "InputFiles", "PluginHost", "Pseudonymisation",
        ]),
        unitTests("DemoDataTests", ["DemoData", "HubStore", "ImportPipeline", "InputFiles", "PluginHost", "Pseudonymisation", "Validation"]),
        unitTests("HubServiceTests", [
            "HubService", "HubStore", "Comparison", "ComparisonTables", .product(name: "NIOCore", package: "swift-nio"),
        ]),

        // Everything through the built `hnhub`, the built plugin libraries or the whole pipeline.
        .testTarget(name: "EndToEndTests", dependencies: [
            "HubTestSupport", "ReportFixtures",
            "HubConfig", "PluginHost", "InputFiles", "Validation", "Pseudonymisation", "HubStore",
            "ImportPipeline", "MetricEngine", "ReferenceData", "Comparison", "DemoData", "MappingImporters",
            "ComparisonTables", "Exports", "Report", "Forecasting", "DisclosureAudit", "BuiltInPluginPins", "Governance",
            "HubService", "Scoping", "SEN2XMLImporter", "EstablishmentImporter", "CaseloadMetrics", "PublishedStatisticsImporter",
            "PopulationImporter", "PlacementCostImporter", "StatisticalNeighbourImporter",
            .product(name: "HubKit", package: "HubKit"), .product(name: "HummingbirdTesting", package: "hummingbird"),
        ], swiftSettings: strict),
    ] + plugins.flatMap(\.targets)
)

/// `HNHUB_TEST_ONLY=HubStoreTests,ValidationTests swift test` (what `scripts/test-module` runs): the
/// package declares only those test targets and the targets they need, and no products, so the
/// build compiles nothing else: no plugin library, no `hnhub` (docs/testing.md).
if let only = Context.environment["HNHUB_TEST_ONLY"], !only.isEmpty {
    let targets = Dictionary(uniqueKeysWithValues: package.targets.map { ($0.name, $0) })
    var needed = Set<String>()
    var queue = only.split(separator: ",").map { String($0) }
    while let name = queue.popLast() {
        guard let target = targets[name], needed.insert(name).inserted else { continue }
        for dependency in target.dependencies {
            switch dependency {
            case .targetItem(let name, _), .byNameItem(let name, _): queue.append(name)
            default: break
            }
        }
        for usage in target.plugins ?? [] {
            switch usage {
            case .plugin(let name, _): queue.append(name)
            @unknown default: break
            }
        }
    }
    package.targets = package.targets.filter { needed.contains($0.name) }
    package.products = []
    // Its own test binary (hnhub-modulesPackageTests), so the full suite's stays whole.
    package.name = "hnhub-modules"
}
