import Foundation
import HubConfig
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import MetricEngine
import Pseudonymisation
import Testing

/// Metrics written as SQL in `config/metrics/*.yaml`: computed like plugin metrics, run read-only in
/// a sandbox (docs/metric-sandbox.md), and a broken one is reported with its file and SQLite's
/// message, or the row and field it may not return, without stopping the others.
@Suite struct DeclarativeMetricsTests {
    struct Hub {
        let folder: TemporaryFolder
        let store: Store
        let metrics: String

        init() throws {
            folder = try TemporaryFolder()
            store = try Store(path: folder.file("hub.sqlite"))
            let runner = ImportRunner(catalog: catalog(importers: [TestReturnImporter()]), opener: InputOpener(),
                                      store: store, secret: try HubSecret.create(path: folder.file("hub.secret")))
            _ = runner.run(path: try folder.write("201.txt", TestReturns.first))
            // The register: only its LA codes may come out of a metric.
            try store.database.execute("INSERT INTO local_authorities (la_code, e_code, name) VALUES ('201', 'E09000001', 'City of London')")
            metrics = folder.file("metrics")
            try FileManager.default.createDirectory(atPath: metrics, withIntermediateDirectories: true)
        }

        func metric(_ name: String, _ yaml: String) throws {
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: (metrics as NSString).appendingPathComponent(name)))
        }

        func run(plugins: [any MetricProvider] = []) throws -> [IndicatorComputation.ProviderRun] {
            try IndicatorComputation(store: store, catalog: catalog(metrics: plugins)).run(metricsFolder: metrics)
        }

        /// Each run's failure (or "ok"), by provider id.
        func failures(plugins: [any MetricProvider] = []) throws -> [String: String] {
            Dictionary(try run(plugins: plugins).map { ($0.providerID, $0.failure ?? "ok") }, uniquingKeysWith: { a, _ in a })
        }

        func sandbox(timeLimit: TimeInterval = 5) throws -> SandboxedDatabase {
            try SandboxedDatabase(path: store.database.path, timeLimit: timeLimit)
        }
    }

    static func yaml(id: String, numerator: String, denominator: String? = nil) -> String {
        """
        id: \(id)
        title: Test metric \(id)
        unit: "\(denominator == nil ? "count" : "%")"
        polarity: none
        period_type: census
        numerator: what is counted
        \(denominator == nil ? "" : "denominator: what it is divided by\n")numerator_sql: \(numerator)
        \(denominator.map { "denominator_sql: \($0)" } ?? "")
        """
    }

    @Test func aMetricWrittenAsSQLIsComputedWithItsNumeratorAndDenominator() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        try hub.metric("plans.yaml", Self.yaml(
            id: "plans_started_2023",
            numerator: "SELECT la_code, collection_year, COUNT(*) FROM current_plans WHERE start_date >= '2023-01-01' GROUP BY 1, 2",
            denominator: "SELECT la_code, collection_year, COUNT(*) FROM current_plans GROUP BY 1, 2"))
        let runs = try hub.run()
        #expect(runs.map(\.failure) == [nil])
        let values = try IndicatorTable(database: hub.store.database).values(indicators: ["plans_started_2023"])
        #expect(values.map { [$0.laCode, $0.period] } == [["201", "2024/25"]])
        #expect([values[0].numerator, values[0].denominator] == [2, 3])
    }

    @Test func aBrokenMetricIsReportedAndTheOthersStillRun() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        try hub.metric("a_broken.yaml", Self.yaml(id: "broken", numerator: "SELEC la_code FROM current_persons"))
        try hub.metric("b_writes.yaml", Self.yaml(id: "writes", numerator: "DELETE FROM persons"))
        try hub.metric("c_attach.yaml", Self.yaml(id: "attach", numerator: "ATTACH DATABASE '/tmp/x.sqlite' AS x"))
        try hub.metric("d_pragma.yaml", Self.yaml(id: "pragma", numerator: "PRAGMA journal_mode"))
        try hub.metric("e_typo.yaml", "id: typo\ntitel: Typo\n")
        try hub.metric("f_good.yaml", Self.yaml(
            id: "persons", numerator: "SELECT la_code, collection_year, COUNT(*) FROM current_persons GROUP BY 1, 2"))
        let runs = try hub.run()
        let failures = Dictionary(runs.map { ($0.providerID, $0.failure ?? "ok") }, uniquingKeysWith: { a, _ in a })
        #expect(failures["declarative:broken"]?.hasPrefix("\(hub.metrics)/a_broken.yaml: numerator_sql: SQLite error 1: near \"SELEC\": syntax error") == true)
        #expect(failures["declarative:writes"]?.contains("not authorized") == true)
        #expect(failures["declarative:attach"]?.contains("not authorized") == true)
        #expect(failures["declarative:pragma"]?.contains("not authorized") == true)
        #expect(failures["declarative:\(hub.metrics)/e_typo.yaml"] == "\(hub.metrics)/e_typo.yaml:2: titel: unknown key (allowed: denominator, denominator_sql, id, numerator, numerator_sql, period_type, polarity, title, unit)")
        #expect(failures["declarative:persons"] == "ok")
        #expect(try hub.store.database.scalar("SELECT count(*) FROM persons")?.int == 3)   // nothing was deleted
        #expect(try IndicatorTable(database: hub.store.database).values(indicators: ["persons"]).first?.numerator == 3)
    }

    @Test func aQueryPastTheTimeLimitIsStopped() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let sandbox = try SandboxedDatabase(path: hub.store.database.path, timeLimit: 0.2)
        #expect {
            try sandbox.rows("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n")
        } throws: { "\($0)".contains("stopped after the time limit of 0.2 s") }
    }

    /// A metric file may not take an indicator id a plugin computes (it would replace that figure
    /// for every LA in every output), one another provider stored, or another file's.
    @Test func aMetricWhoseIDIsTakenIsRefusedAndTheRealFigureKept() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let count = "SELECT la_code, collection_year, 999 FROM current_returns"
        try hub.metric("impostor.yaml", Self.yaml(id: "ehcp_caseload", numerator: count))
        try hub.metric("twin_a.yaml", Self.yaml(id: "twin", numerator: count))
        try hub.metric("twin_b.yaml", Self.yaml(id: "twin", numerator: count))
        let failures = try hub.failures(plugins: [CaseloadCount()])
        #expect(failures["caseload"] == "ok")
        #expect(failures["declarative:\(hub.metrics)/impostor.yaml"] == "\(hub.metrics)/impostor.yaml: id: 'ehcp_caseload' is an indicator of the metric plugin caseload; a metric file cannot replace it: give this metric an id of its own")
        #expect(failures["declarative:\(hub.metrics)/twin_a.yaml"] == "\(hub.metrics)/twin_a.yaml: id: 'twin' is also the id of \(hub.metrics)/twin_b.yaml; neither is computed: give each metric an id of its own")
        #expect(failures["declarative:\(hub.metrics)/twin_b.yaml"]?.hasPrefix("\(hub.metrics)/twin_b.yaml: id: 'twin' is also the id of ") == true)
        let caseload = try IndicatorTable(database: hub.store.database).values(indicators: ["ehcp_caseload"])
        #expect(caseload.map(\.numerator) == [3])

        // Without the plugin loaded, its stored definition still reserves the id.
        #expect(try hub.failures()["declarative:\(hub.metrics)/impostor.yaml"] == "\(hub.metrics)/impostor.yaml: id: 'ehcp_caseload' is an indicator that caseload stored in this hub; a metric file cannot replace it: give this metric an id of its own")
        #expect(try IndicatorTable(database: hub.store.database).values(indicators: ["ehcp_caseload"]).map(\.numerator) == [3])
    }

    /// Only LA codes of the register, plausible collection years and numbers come out of a query:
    /// a pseudonym cannot be copied into an indicator value. Each refusal names file, row and field.
    @Test func aQueryMayReturnOnlyRegisterLAsPlausibleYearsAndNumbers() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        try hub.metric("pseudonyms.yaml", Self.yaml(id: "pseudonyms",
            numerator: "SELECT pseudonym, collection_year, 1 FROM current_persons"))
        try hub.metric("years.yaml", Self.yaml(id: "years",
            numerator: "SELECT la_code, 1999, 1 FROM current_returns"))
        try hub.metric("text.yaml", Self.yaml(id: "text",
            numerator: "SELECT la_code, collection_year, substr(pseudonym, 1, 20) FROM current_persons"))
        try hub.metric("twice.yaml", Self.yaml(id: "twice",
            numerator: "SELECT la_code, collection_year, 1 FROM current_persons"))
        try hub.metric("wide.yaml", Self.yaml(id: "wide",
            numerator: "SELECT la_code, collection_year, 1, pseudonym FROM current_persons"))
        let failures = try hub.failures()
        let pseudonym = try #require(try hub.store.database.scalar("SELECT pseudonym FROM persons ORDER BY id")?.string)
        #expect(failures["declarative:pseudonyms"] == "\(hub.metrics)/pseudonyms.yaml: numerator_sql: row 1, la_code: '\(pseudonym.prefix(8))...' is not an LA code of the register (3 digits, e.g. 800)")
        #expect(failures["declarative:years"] == "\(hub.metrics)/years.yaml: numerator_sql: row 1, collection_year: 1999 is not a collection year from 2000 to \(Calendar(identifier: .gregorian).component(.year, from: Date()) + 1)")
        #expect(failures["declarative:text"]?.hasPrefix("\(hub.metrics)/text.yaml: numerator_sql: row 1, figure: '") == true)
        #expect(failures["declarative:text"]?.hasSuffix("...' is not a number") == true)
        #expect(failures["declarative:twice"] == "\(hub.metrics)/twice.yaml: numerator_sql: row 2, la_code, collection_year: LA 201, 2025 appears in an earlier row too")
        #expect(failures["declarative:wide"] == "\(hub.metrics)/wide.yaml: numerator_sql: row 1, columns: 4 columns; a metric query returns three: la_code, collection_year, figure")
        #expect(try IndicatorTable(database: hub.store.database).values().isEmpty)
    }

    /// Functions outside the sandbox's list are refused when the query is prepared, naming the
    /// function: nothing random or large can be made one VM step at a time.
    @Test func onlyTheListedFunctionsMayBeCalled() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let sandbox = try hub.sandbox()
        for (function, sql) in [
            ("randomblob", "WITH RECURSIVE n(i, b) AS (SELECT 1, randomblob(50000000) UNION ALL SELECT i + 1, randomblob(50000000) FROM n) SELECT count(*) FROM n"),
            ("zeroblob", "SELECT length(zeroblob(1000000000))"),
            ("printf", "SELECT length(printf('%.*c', 1000000000, 'x'))"),
            ("fts3_tokenizer", "SELECT fts3_tokenizer('simple')"),
            ("load_extension", "SELECT load_extension('/tmp/x.so')"),
        ] {
            #expect { try sandbox.rows(sql) } throws: {
                "\($0)".contains("the function \(function)() is not allowed in a metric (docs/metric-sandbox.md lists the functions that are)")
            }
        }
        #expect(try sandbox.rows("SELECT round(avg(length(pseudonym))), max(coalesce(birth_month, '')) FROM current_persons")
                == [[.real(64), .text("2014-07")]])
    }

    /// No value may grow past the sandbox's limit, however it is built, and a query returns at most
    /// so many rows: memory stays bounded whatever the SQL (docs/benchmarks.md has the measured peak).
    @Test func hugeValuesAndEndlessRowsAreStoppedWithAClearError() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let sandbox = try hub.sandbox()
        #expect {
            try sandbox.rows("WITH RECURSIVE s(x) AS (SELECT 'ab' UNION ALL SELECT x || x FROM s) SELECT length(x) FROM s")
        } throws: { "\($0)".contains("a text or blob value grew past 10000 bytes, the sandbox's limit") }
        #expect {
            try sandbox.rows("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n")
        } throws: { "\($0)".contains("more than 10000 rows, the sandbox's limit for one query") }
    }
}

/// A metric plugin `caseload` computing `ehcp_caseload`, the children of each LA's current return,
/// as the caseload plugin does for the test returns (whose children all have a plan).
final class CaseloadCount: MetricProvider {
    var descriptor: ComponentDescriptor { ComponentDescriptor(id: "caseload", version: "1.0", summary: "plans by LA") }
    var indicators: [IndicatorDefinition] {
        [IndicatorDefinition(id: "ehcp_caseload", title: "EHC plans", unit: .count, polarity: .none, periodType: .census,
                             numerator: "active plans", denominator: nil, sources: [.sen2Returns])]
    }

    func compute(in context: any MetricContext) throws -> [IndicatorResult] {
        var results: [IndicatorResult] = []
        try context.query("SELECT la_code, collection_year, COUNT(*) FROM current_persons GROUP BY 1, 2", []) { row in
            guard let la = row[0].string, let year = row[1].int, let plans = row[2].int else { return }
            results.append(IndicatorResult(indicatorID: "ehcp_caseload", laCode: la, period: .census(collectionYear: year),
                                           numerator: Double(plans), denominator: nil))
        }
        return results
    }
}
