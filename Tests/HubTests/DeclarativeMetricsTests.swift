import Foundation
import HubConfig
import HubStore
import ImportPipeline
import InputFiles
import MetricEngine
import Pseudonymisation
import Testing

/// Metrics written as SQL in `config/metrics/*.yaml`: computed like plugin metrics, run read-only in
/// a sandbox, and a broken one is reported with its file and SQLite's message without stopping the others.
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
            _ = runner.run(path: try folder.write("201.txt", ImportTransactionTests.firstReturn))
            metrics = folder.file("metrics")
            try FileManager.default.createDirectory(atPath: metrics, withIntermediateDirectories: true)
        }

        func metric(_ name: String, _ yaml: String) throws {
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: (metrics as NSString).appendingPathComponent(name)))
        }

        func run() throws -> [IndicatorComputation.ProviderRun] {
            try IndicatorComputation(store: store, catalog: catalog()).run(metricsFolder: metrics)
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
}
