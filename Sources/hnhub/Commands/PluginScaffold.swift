import Foundation

/// The files `hnhub plugin new` writes for a native plugin, following the built-in plugins: the code
/// in `Plugins/NAME/Sources` (target `NAMEImporter` or `NAMEMetrics`), the C entry point in
/// `Plugins/NAME/Entry` (the `.dynamic` product `HubPluginNAME` is built from it, see the `plugin(...)`
/// helper in Package.swift), and its own test target in `Plugins/NAME/Tests` (`NAMEImporterTests` or
/// `NAMEMetricsTests`, linking HubKitTesting), so adding the plugin is one line in Package.swift.
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
    /// The indicator id of the metric template: `local_referrals_reviewed_share`.
    var indicatorID: String { id.replacingOccurrences(of: "-", with: "_") + "_reviewed_share" }
    /// The prefix of the template's count names (`local_referrals.due`), its own so that disclosure
    /// control never takes them for another indicator's counts.
    var countPrefix: String { id.replacingOccurrences(of: "-", with: "_") }

    /// Path (from the package root) -> contents.
    var files: [(String, String)] {
        [("Plugins/\(name)/Sources/\(typeName).swift", kind == .importer ? importerSource : metricSource),
         ("Plugins/\(name)/Entry/Entry.swift", entrySource),
         ("Plugins/\(name)/Tests/\(name)Tests.swift", kind == .importer ? importerTest : metricTest)]
    }

    /// What to do next, with the Package.swift lines.
    var instructions: String {
        """
        Next, in Package.swift, add to the `plugins` list:
                 plugin("\(name)", folder: "\(name)", code: "\(codeTarget)", tests: true),
        Then build and test:
             swift build && swift test --filter \(codeTarget)Tests
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

        /// The share of plans at the census reviewed in the 12 months before it, of the plans that had
        /// run 12 months: a rate, as most indicators are. A starting point: change the definition and
        /// the SQL over the store views (docs/store-views.md lists every view's columns and keys).
        ///
        /// A metric provider declares its indicators, then computes them for every LA and period the
        /// store holds; the host stores, compares and suppresses the results (docs/writing-plugins.md).
        public final class \(typeName): MetricProvider {
            /// The plugin's and the provider's version.
            public static let version = "0.1.0"

            public init() {}

            public var descriptor: ComponentDescriptor {
                ComponentDescriptor(id: "\(id)", version: Self.version, summary: "Plans reviewed in the 12 months before the census")
            }

            /// A percentage: what its numerator and denominator count (shown beside every figure), the
            /// data it needs, the named counts disclosure control protects (the reviewed plans are a
            /// part of the plans due a review, docs/disclosure-control.md), and the SEN2 elements it is
            /// counted from, which `hnhub validate --importer` names it by (docs/mapping-importers.md).
            public static let reviewedShare = IndicatorDefinition(
                id: "\(indicatorID)", title: "Plans reviewed in the last 12 months", unit: .percent, polarity: .high,
                periodType: .census,
                numerator: "children whose plan (active at the census, started 12 months or more before it) was last reviewed in the 12 months before the census",
                denominator: "children with a plan active at the census that started 12 months or more before it",
                sources: [.sen2Returns],
                counts: IndicatorCounts(numerator: [CountTerm("\(countPrefix).reviewed")], denominator: [CountTerm("\(countPrefix).due")],
                                        partitions: [PartitionMembership("\(countPrefix).due by review", total: "\(countPrefix).due",
                                                                         complete: false)]),
                inputs: ["plan.StartDate", "plan.CeaseDate", "active_plans.LastReview"])

            public var indicators: [IndicatorDefinition] { [Self.reviewedShare] }

            /// One result per LA and collection year of the store's current returns: the rate with its
            /// numerator and denominator, or why there is none (never a zero standing in for it).
            public func compute(in context: any MetricContext) throws -> [IndicatorResult] {
                // A plan's request holds its active plans (LastReview): they join by request_id. A child
                // counts once, however many plans or placements they have.
                var counts: [String: (due: Double, reviewed: Double)] = [:]
                try context.query(\"\"\"
                    SELECT p.la_code, p.collection_year, COUNT(DISTINCT p.person_id),
                           COUNT(DISTINCT CASE WHEN ap.last_review > date(p.census_date, '-12 months')
                                                AND ap.last_review <= p.census_date THEN p.person_id END)
                    FROM current_plans p
                    LEFT JOIN current_active_plans ap ON ap.request_id = p.request_id
                    WHERE p.start_date <= date(p.census_date, '-12 months')
                      AND (p.cease_date IS NULL OR p.cease_date > p.census_date)
                    GROUP BY p.la_code, p.collection_year
                    \"\"\", []) { row in
                    guard let la = row[0].string, let year = row[1].int else { return }
                    counts["\\(la)/\\(year)"] = (row[2].double ?? 0, row[3].double ?? 0)
                }
                var results: [IndicatorResult] = []
                try context.query("SELECT la_code, collection_year FROM current_returns ORDER BY la_code, collection_year", []) { row in
                    guard let la = row[0].string, let year = row[1].int else { return }
                    let id = Self.reviewedShare.id, period = Period.census(collectionYear: year)
                    if year < 2024 {
                        results.append(IndicatorResult(indicatorID: id, laCode: la, period: period,
                                                       unavailable: "the SEN2 return records LastReview from 2024"))
                    } else if let count = counts["\\(la)/\\(year)"], count.due > 0 {
                        results.append(IndicatorResult(indicatorID: id, laCode: la, period: period, numerator: count.reviewed,
                                                       denominator: count.due))
                    } else {
                        results.append(IndicatorResult(indicatorID: id, laCode: la, period: period,
                                                       unavailable: "no plan active at the census had run 12 months"))
                    }
                }
                return results
            }
        }

        """
    }

    private var importerTest: String {
        """
        import HubKit
        import HubKitTesting
        import Testing
        import \(codeTarget)

        /// \(typeName) reads its CSV into population records, and the hub stores them (written with
        /// `hnhub plugin new`; HubKitTesting is described in docs/writing-plugins.md).
        @Suite struct \(name)Tests {
            static let csv = "la_code,year,age,residents\\n800,2024,5,1200\\n800,2024,6,1180\\n"

            @Test func readsEveryRow() throws {
                let source = ImportSource.text(Self.csv, name: "residents.csv")
                #expect(\(typeName)().detect(source) == 80)
                let sink = CollectingSink()
                try \(typeName)().read(source, into: sink)
                #expect(sink.population.map(\\.population) == [1200, 1180])
                #expect(sink.population.map(\\.age) == [5, 6])
            }

            /// Imported as `hnhub import` imports it, into a real store.
            @Test func theHubStoresWhatItReads() throws {
                let folder = try ScratchFolder()
                let fixture = try FixtureStore(files: [try folder.write("residents.csv", Self.csv)], register: false,
                                               importers: [\(typeName)()])
                #expect(try fixture.rows("SELECT la_code, year, age, population FROM population ORDER BY age") == [
                    [.text("800"), .integer(2024), .integer(5), .real(1200)],
                    [.text("800"), .integer(2024), .integer(6), .real(1180)],
                ])
            }

            @Test func aBadCellNamesItsLineAndColumn() {
                let error = #expect(throws: InputRejected.self) {
                    try \(typeName)().read(.text("la_code,year,age,residents\\n800,2024,five,1200\\n"), into: CollectingSink())
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
        import HubKitTesting
        import Testing
        import \(codeTarget)

        /// \(typeName) computes its rate from a real store: the fixture return of LA 800 for 2025
        /// (Datasets/fixtures/sen2-800-2025.xml) imported as `hnhub import` imports it, so the SQL runs
        /// against the store views (written with `hnhub plugin new`; see docs/writing-plugins.md).
        @Suite struct \(name)Tests {
            /// Of the fixture's five plans at the census, two had run 12 months, and both were reviewed
            /// in the year before it.
            @Test func computesTheRateFromAStoreBuiltFromTheFixture() throws {
                let fixture = try FixtureStore()
                #expect(try fixture.compute(\(typeName)()) == [
                    IndicatorResult(indicatorID: "\(indicatorID)", laCode: "800", period: .census(collectionYear: 2025),
                                    numerator: 2, denominator: 2),
                ])
            }

            /// No return, no figure: the provider computes only for the returns the store holds.
            @Test func aStoreWithoutReturnsHasNoFigures() throws {
                #expect(try FixtureStore(files: []).compute(\(typeName)()).isEmpty)
            }

            /// What outputs show beside the figure, and what disclosure control protects.
            @Test func theDefinitionSaysWhatItCounts() {
                let definition = \(typeName)().indicators[0]
                #expect(definition.unit == .percent)
                #expect(definition.sources == [.sen2Returns])
                #expect(definition.counts?.numerator == [CountTerm("\(countPrefix).reviewed")])
                #expect(definition.counts?.denominator == [CountTerm("\(countPrefix).due")])
            }
        }

        """
    }
}
