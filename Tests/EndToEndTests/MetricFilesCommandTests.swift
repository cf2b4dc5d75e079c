import Foundation
import HubStore
import HubTestSupport
import MetricEngine
import PluginHost
import Testing

/// Metric files through `hnhub`: listed, computed, refused and forgotten as the command line
/// reports them, and read from the config's folder only.
@Suite struct MetricFilesCommandTests {
    static let persons = "SELECT la_code, collection_year, COUNT(*) FROM current_persons GROUP BY 1, 2"

    /// A metric file (as in the tests of MetricEngine).
    static func yaml(id: String, numerator: String) -> String {
        """
        id: \(id)
        title: Test metric \(id)
        unit: "count"
        polarity: none
        period_type: census
        numerator: what is counted
        numerator_sql: \(numerator)
        """
    }

    /// Through `hnhub`: the metric files are listed with file, id and SHA-256 (a broken one as
    /// refused); an SQL error is not followed by "import returns first"; a deleted file's figure is
    /// gone from the output, with a note on standard error.
    @Test func theCommandListsMetricFilesAndSaysWhatHappenedToThem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("hub/metrics"), withIntermediateDirectories: true)
        let config = try folder.write("hub/hub.yaml", "database: hub.sqlite\n")
        let own = try folder.write("hub/metrics/own.yaml", Self.yaml(id: "own", numerator: Self.persons))
        let broken = try folder.write("hub/metrics/broken.yaml", Self.yaml(id: "broken", numerator: "SELEC 1"))
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

    /// The folder of metric files is the config's, relative to the config file: a metrics folder in
    /// the working folder is not read, whatever --config says.
    @Test func metricFilesComeFromTheConfigsFolderNotTheWorkingFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fixture = "\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml"
        let persons = "SELECT la_code, collection_year, COUNT(*) FROM current_persons GROUP BY 1, 2"
        try FileManager.default.createDirectory(atPath: folder.file("config/metrics"), withIntermediateDirectories: true)
        try folder.write("config/metrics/planted.yaml", Self.yaml(id: "planted", numerator: persons))
        try FileManager.default.createDirectory(atPath: folder.file("hub/metrics"), withIntermediateDirectories: true)
        try folder.write("hub/hub.yaml", "database: hub.sqlite\n")
        try folder.write("hub/metrics/own.yaml", Self.yaml(id: "own", numerator: persons))
        let db = ["--db", "hub.sqlite"]
        #expect(try runHub(["init"] + db, in: folder.path).status == 0)
        #expect(try runHub(["import"] + db + [fixture], in: folder.path).status == 0)

        func computed(_ extra: [String]) throws -> [String] {
            let run = try runHub(["indicators", "--format", "json", "--own", "--la", "800"] + db + extra, in: folder.path)
            #expect(run.status == 0, "\(run.errors)")
            let values = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
            return Set(values.compactMap { $0["indicator"] as? String }).filter { ["own", "planted"].contains($0) }.sorted()
        }
        #expect(try computed([]) == [])   // no config: no metrics folder at all
        #expect(try computed(["--config", "hub/hub.yaml"]) == ["own"])
    }
}
