import Foundation

/// The files `hnhub plugin new` writes for a native plugin, following the built-in plugins: the code
/// in `Plugins/NAME/Sources` (target `NAMEImporter` or `NAMEMetrics`), the C entry point in
/// `Plugins/NAME/Entry` (the `.dynamic` product `HubPluginNAME` is built from it, see the `plugin(...)`
/// helper in Package.swift), and a test in `Tests/HubTests/NAMETests.swift`.
struct PluginScaffold {
    enum Kind { case importer, metric }

    let kind: Kind
    /// UpperCamelCase, e.g. `LocalReferrals`.
    let name: String

    /// The code target and module: `LocalReferralsImporter` or `LocalReferralsMetrics`.
    var codeTarget: String { name + (kind == .importer ? "Importer" : "Metrics") }
    /// The main type: `LocalReferralsImporter` or `LocalReferralsMetricProvider`.
    var typeName: String { kind == .importer ? name + "Importer" : name + "MetricProvider" }
    /// The id users see: `local-referrals`.
    var id: String {
        var out = ""
        for (offset, character) in name.enumerated() {
            if character.isUppercase, offset > 0 { out += "-" }
            out += character.lowercased()
        }
        return out
    }
    /// The indicator id of the metric template: `local_referrals_children`.
    var indicatorID: String { id.replacingOccurrences(of: "-", with: "_") + "_children" }

    /// Path (from the package root) -> contents.
    var files: [(String, String)] {
        [("Plugins/\(name)/Sources/\(typeName).swift", kind == .importer ? importerSource : metricSource),
         ("Plugins/\(name)/Entry/Entry.swift", entrySource),
         ("Tests/HubTests/\(name)Tests.swift", kind == .importer ? importerTest : metricTest)]
    }

    /// What to do next, with the Package.swift lines.
    var instructions: String {
        """
        Next, in Package.swift:
          1. add to the `plugins` list:
                 plugin("\(name)", folder: "\(name)", code: "\(codeTarget)"),
          2. add "\(codeTarget)" to the dependencies of the HubTests test target.
        Then build and test:
             swift build && swift test --filter \(name)Tests
        The host loads .build/debug/libHubPlugin\(name).so next to hnhub; `hnhub plugins` lists \(kind == .importer ? "importer" : "metric") \(id).
        See docs/writing-plugins.md, "Write a native plugin".
        """
    }

    // MARK: - Templates

    private var entrySource: String {
        let registration = kind == .importer ? "importers: [\(typeName)()]" : "metrics: [\(typeName)()]"
        return """
            import HubKit
            import \(codeTarget)

            /// The plugin's one C entry point (see HubKit's `PluginManifest`). Keep it the only code in
            /// this target: the host links the code target as a built-in, the product is built from this.
            @_cdecl("hnhub_plugin_entry")
            public func hnhubPluginEntry(_ sdkVersion: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer {
                exportPlugin(PluginManifest(id: "\(id)", version: \(typeName).version, \(registration)),
                             sdkVersion: sdkVersion)
            }

            """
    }

    private var importerSource: String {
        """
        import HubKit

        /// Reads a CSV of residents by LA, year and age (`la_code,year,age,residents`) into population
        /// records. A starting point: change the columns, the detection and the records to your file.
        ///
        /// An importer recognises its input by content (never by file name) in `detect`, and streams it
        /// into the host's sink in `read`; the host validates, pseudonymises and stores what it is given.
        public final class \(typeName): Importer {
            /// The plugin's and the importer's version.
            public static let version = "0.1.0"

            public init() {}

            public var descriptor: ComponentDescriptor {
                ComponentDescriptor(id: "\(id)", version: Self.version,
                                    summary: "Residents by LA, year and age (CSV: la_code,year,age,residents)")
            }

            public var produces: DatasetKind { .population }

            /// 80 when the header row has every column this importer reads, otherwise nil.
            public func detect(_ source: ImportSource) -> Int? {
                guard source.files.count == 1, let header = CSVHeader(head: source.files[0].head),
                      ["la_code", "year", "age", "residents"].allSatisfy({ header.column($0) != nil }) else { return nil }
                return 80
            }

            /// One population record per row; a bad cell rejects the file naming its line and column.
            public func read(_ source: ImportSource, into sink: any RecordSink) throws {
                let table = try CSVTable(file: source.files[0])
                guard let la = table.header.column("la_code"), let year = table.header.column("year"),
                      let age = table.header.column("age"), let residents = table.header.column("residents") else {
                    throw table.rejectHeader("the header needs la_code, year, age and residents")
                }
                try table.forEachRow(reportingTo: sink) { row in
                    guard let yearValue = Int(row.text(year)) else { throw row.reject(year, "'\\(row.text(year))' is not a year") }
                    guard let ageValue = Int(row.text(age)) else { throw row.reject(age, "'\\(row.text(age))' is not an age") }
                    guard let count = Double(row.text(residents)) else {
                        throw row.reject(residents, "'\\(row.text(residents))' is not a number")
                    }
                    try sink.population(PopulationRecord(laCode: row.text(la), year: yearValue, age: ageValue,
                                                         population: count, line: row.line, laCodeCell: row.cell(la)))
                }
            }
        }

        """
    }

    private var metricSource: String {
        """
        import HubKit

        /// Counts the children in each LA's current return. A starting point: change the indicator and
        /// its SQL over the store views (`current_persons`, `current_plans`, `current_placements`, ...).
        ///
        /// A metric provider declares its indicators, then computes them for every LA and period the
        /// store holds; the host stores, compares and suppresses the results.
        public final class \(typeName): MetricProvider {
            /// The plugin's and the provider's version.
            public static let version = "0.1.0"

            public init() {}

            public var descriptor: ComponentDescriptor {
                ComponentDescriptor(id: "\(id)", version: Self.version, summary: "Children in each LA's SEN2 return")
            }

            public var indicators: [IndicatorDefinition] {
                [IndicatorDefinition(id: "\(indicatorID)", title: "Children in the SEN2 return", unit: .count,
                                     polarity: .none, periodType: .census,
                                     numerator: "children and young people in the return", sources: [.sen2Returns])]
            }

            public func compute(in context: any MetricContext) throws -> [IndicatorResult] {
                let sql = "SELECT la_code, collection_year, COUNT(*) FROM current_persons GROUP BY la_code, collection_year"
                return try context.rows(sql).compactMap { row in
                    guard let la = row[0].string, let year = row[1].int, let count = row[2].double else { return nil }
                    return IndicatorResult(indicatorID: "\(indicatorID)", laCode: la,
                                           period: .census(collectionYear: year), numerator: count, denominator: nil)
                }
            }
        }

        """
    }

    private var importerTest: String {
        """
        import HubKit
        import Testing
        import \(codeTarget)

        /// \(typeName) reads its CSV into population records (written with `hnhub plugin new`).
        @Suite struct \(name)Tests {
            final class Rows: RecordSink {
                var rows: [PopulationRecord] = []
                func beginReturn(_ header: ReturnHeader) throws { Issue.record("unexpected return") }
                func person(_ person: PersonRecord) throws { Issue.record("unexpected person") }
                func population(_ row: PopulationRecord) throws { rows.append(row) }
                func issue(_ issue: ImportIssue) throws {}
            }

            func source(_ text: String) -> ImportSource {
                let bytes = Array(text.utf8)
                return ImportSource(name: "residents.csv",
                                    files: [InputFile(name: "residents.csv", head: bytes, open: { MemoryByteStream(bytes) })])
            }

            @Test func readsEveryRow() throws {
                let csv = source("la_code,year,age,residents\\n800,2024,5,1200\\n800,2024,6,1180\\n")
                #expect(\(typeName)().detect(csv) == 80)
                let sink = Rows()
                try \(typeName)().read(csv, into: sink)
                #expect(sink.rows.map(\\.population) == [1200, 1180])
                #expect(sink.rows.map(\\.age) == [5, 6])
            }

            @Test func aBadCellNamesItsLineAndColumn() {
                let error = #expect(throws: InputRejected.self) {
                    try \(typeName)().read(source("la_code,year,age,residents\\n800,2024,five,1200\\n"), into: Rows())
                }
                #expect(error?.line == 2)
                #expect(error?.column == 3)
            }
        }

        """
    }

    private var metricTest: String {
        """
        import HubKit
        import Testing
        import \(codeTarget)

        /// \(typeName) computes its indicator from the store views (written with `hnhub plugin new`).
        @Suite struct \(name)Tests {
            /// A store with LA 800's 2025 return of 3 children.
            final class Store: MetricContext {
                func query(_ sql: String, _ arguments: [StoreValue], row: ([StoreValue]) throws -> Void) throws {
                    try row([.text("800"), .integer(2025), .integer(3)])
                }
            }

            @Test func countsTheChildrenOfEachReturn() throws {
                let results = try \(typeName)().compute(in: Store())
                #expect(results.map(\\.indicatorID) == ["\(indicatorID)"])
                #expect(results.first?.laCode == "800")
                #expect(results.first?.period == .census(collectionYear: 2025))
                #expect(results.first?.numerator == 3)
            }
        }

        """
    }
}
