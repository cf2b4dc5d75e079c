import Foundation
import HubStore
import MetricEngine
import PluginHost
import Testing

/// SQL metric files over their life: a query returning its columns in the wrong order is refused
/// with the row; the values of a metric whose file is gone leave the store (and so every output);
/// `hnhub plugins` lists the files; an SQL error is not followed by a misleading note.
@Suite struct MetricFileLifecycleTests {
    typealias Hub = DeclarativeMetricsTests.Hub
    static let persons = "SELECT la_code, collection_year, COUNT(*) FROM current_persons GROUP BY 1, 2"

    /// `collection_year, la_code` instead of `la_code, collection_year`: refused at the first row,
    /// naming the field, instead of storing a figure for "LA 2025" and none for the real LA.
    @Test func columnsInTheWrongOrderAreRefusedWithTheRow() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        try hub.metric("swapped.yaml", DeclarativeMetricsTests.yaml(
            id: "swapped", numerator: "SELECT collection_year, la_code, COUNT(*) FROM current_persons GROUP BY 1, 2"))
        #expect(try hub.failures()["declarative:swapped"]
                == "\(hub.metrics)/swapped.yaml: numerator_sql: row 1, la_code: 2025 is not an LA code of the register (3 digits, e.g. 800)")
        #expect(try IndicatorTable(database: hub.store.database).values().isEmpty)
    }

    /// Deleting a metric file removes its values and its definition; the run says so.
    @Test func aDeletedMetricFilesValuesLeaveTheStore() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        try hub.metric("persons.yaml", DeclarativeMetricsTests.yaml(id: "persons", numerator: Self.persons))
        try hub.metric("kept.yaml", DeclarativeMetricsTests.yaml(id: "kept", numerator: Self.persons))
        #expect(try hub.run().map(\.removed) == [false, false])
        let table = IndicatorTable(database: hub.store.database)
        #expect(try table.values().map(\.indicatorID) == ["kept", "persons"])

        try FileManager.default.removeItem(atPath: (hub.metrics as NSString).appendingPathComponent("persons.yaml"))
        let runs = try hub.run()
        #expect(runs.map(\.providerID) == ["declarative:kept", "declarative:persons"])
        #expect(runs.map(\.removed) == [false, true])
        #expect(try table.values().map(\.indicatorID) == ["kept"])
        #expect(try table.providers() == ["kept": "declarative:kept"])
    }

    /// Through `hnhub`: the metric files are listed with file, id and SHA-256 (a broken one as
    /// refused); an SQL error is not followed by "import returns first"; a deleted file's figure is
    /// gone from the output, with a note on standard error.
    @Test func theCommandListsMetricFilesAndSaysWhatHappenedToThem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("hub/metrics"), withIntermediateDirectories: true)
        let config = try folder.write("hub/hub.yaml", "database: hub.sqlite\n")
        let own = try folder.write("hub/metrics/own.yaml", DeclarativeMetricsTests.yaml(id: "own", numerator: Self.persons))
        let broken = try folder.write("hub/metrics/broken.yaml", DeclarativeMetricsTests.yaml(id: "broken", numerator: "SELEC 1"))
        let typo = try folder.write("hub/metrics/typo.yaml", "id: typo\ntitel: Typo\n")

        let listed = try runHub(["plugins", "--json", "--config", config], in: folder.path)
        #expect(listed.status == 1)   // the file that does not load
        let object = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [String: Any])
        let rows = try #require(object["plugins"] as? [[String: Any]]).filter { $0["plugin"] as? String == "declarative" }
        #expect(rows.map { $0["id"] as? String } == ["declarative:broken", "declarative:own"])
        #expect(rows.map { $0["origin"] as? String } == [broken, own])
        #expect(rows.map { $0["sha256"] as? String } == [broken, own].map { PluginLoader.sha256(ofFile: $0) })
        #expect(rows.allSatisfy { $0["kind"] as? String == "metric" && $0["pinned_by"] as? String == "none" })
        let refused = try #require(object["refused"] as? [[String: String]])
        #expect(refused == [["path": typo, "reason": "SQL metric file line 2, key titel: unknown key (allowed: denominator, denominator_sql, id, numerator, numerator_sql, period_type, polarity, title, unit)"]])

        #expect(try runHub(["init", "--config", config], in: folder.path).status == 0)
        let failed = try runHub(["indicators", "--config", config, "--indicator", "broken"], in: folder.path)
        #expect(failed.status == 1)
        #expect(failed.errors.contains("hnhub: metric plugin declarative:broken failed: \(broken): numerator_sql: SQLite error"))
        #expect(failed.output == "no indicator values (see the errors above)\n")

        try FileManager.default.removeItem(atPath: broken)
        try FileManager.default.removeItem(atPath: typo)
        #expect(try runHub(["import", "--config", config, "\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml"], in: folder.path).status == 0)
        func figures() throws -> (ids: [String], errors: String) {
            let run = try runHub(["indicators", "--config", config, "--format", "json", "--own", "--la", "800"], in: folder.path)
            #expect(run.status == 0, "\(run.errors)")
            let values = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
            return (values.compactMap { $0["indicator"] as? String }.filter { $0 == "own" }, run.errors)
        }
        #expect(try figures().ids == ["own"])
        try FileManager.default.removeItem(atPath: own)
        let after = try figures()
        #expect(after.ids == [])
        #expect(after.errors == "hnhub: metric declarative:own: no metric file that loads defines it now (deleted, renamed, or broken and reported above), so its values were removed from the store\n")
    }
}
