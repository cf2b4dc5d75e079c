import Foundation
import HubTestSupport
import Testing
import HubStore

/// The `hnhub` command end to end, as a user runs it: the quick-start sequence on the bundled
/// fixtures, and the exit statuses README.md states (0 ok, 1 found errors, 2 unusable).
@Suite(.serialized) struct CommandLineTests {
    var fixtures: [String] {
        ["sen2-800-2024.xml", "sen2-800-2025.xml", "sen2-801-2025.xml"].map { "\(packageRoot)/Datasets/fixtures/\($0)" }
    }

    @Test func theQuickStartSequenceRunsEndToEnd() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let db = ["--db", "hub.sqlite"]
        let initRun = try runHub(["init"] + db, in: folder.path)
        #expect(initRun.status == 0)
        #expect(initRun.output.hasPrefix("created hub.sqlite (schema version \(Migrations.current))\nloaded the bundled reference tables from "))
        #expect(initRun.output.contains(": 167 LA periods, 9 regions, 1580 statistical neighbour links, 309 districts, 4 census days\ncreated the hub secret hub.secret"))
        // The bundled published tables are imports #1 to #7; a second init finds them unchanged.
        #expect(initRun.output.contains("\npublished DfE tables (England, regions and LAs): 7 loaded, 0 already up to date, from "))
        #expect(try runHub(["init"] + db, in: folder.path).output.contains(": 0 loaded, 7 already up to date, from "))

        let imported = try runHub(["import"] + db + fixtures, in: folder.path)
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output.contains("SEN2 return of LA 800 for 2025 (census 2025-01-16): 8 persons stored, 0 quarantined, 0 errors, 0 warnings as import #9"))

        let again = try runHub(["import"] + db + [fixtures[0]], in: folder.path)
        #expect(again.status == 0)
        #expect(again.output.hasPrefix("unchanged: "))
        #expect(again.output.contains("has the same SHA-256 as import #8"))

        let returns = try runHub(["returns", "--json"] + db, in: folder.path)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(returns.output.utf8)) as? [[String: Any]])
        #expect(list.map { $0["la_code"] as? String } == ["801", "800", "800"])
        #expect(list.map { $0["records"] as? Int } == [7, 8, 7])

        let indicators = try runHub(["indicators", "--format", "json", "--indicator", "ehcp_caseload", "--la", "800", "--own"] + db,
                                   in: folder.path)
        #expect(indicators.status == 0)
        let values = try #require(try JSONSerialization.jsonObject(with: Data(indicators.output.utf8)) as? [[String: Any]])
        // The two returns, and the published figures of the years before them (2018/19 to 2022/23).
        #expect(values.map { $0["period"] as? String } == ["2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25"])
        #expect(values.map { $0["source"] as? String }.suffix(3)
                == ["published: caseload_all_plans_2019_2024", "returns", "returns"])
        let first = try #require(values.first { $0["la_code"] as? String == "800" && $0["period"] as? String == "2024/25" })
        #expect(first["indicator"] as? String == "ehcp_caseload")
        #expect(first["value"] as? Double == 5)
        #expect(first["numerator"] as? Double == 5)
        #expect(first["denominator"] is NSNull)
        #expect(first["unit"] as? String == "count")
        #expect(first["polarity"] as? String == "none")
        #expect(first["suppressed"] as? Bool == false)
    }

    @Test func badUsageExitsWith2() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(try runHub(["frobnicate"], in: folder.path).status == 2)
        #expect(try runHub(["import"], in: folder.path).status == 2)
        let noStore = try runHub(["returns", "--db", "missing.sqlite"], in: folder.path)
        #expect(noStore.status == 2)
        #expect(noStore.errors.contains("missing.sqlite: no hub store here (given with --db); create one with: hnhub init --db missing.sqlite"))
    }

    @Test func anUnusableFileExitsWith2AndWritesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try runHub(["init", "--db", "hub.sqlite"], in: folder.path)
        try folder.write("notes.txt", "not a return")
        let run = try runHub(["import", "--db", "hub.sqlite", "notes.txt", "absent.xml"], in: folder.path)
        #expect(run.status == 2)
        #expect(run.errors.contains("rejected notes.txt: no importer recognises this content"))
        #expect(run.errors.contains("rejected absent.xml: absent.xml: no such file or folder. Nothing was written."))
        #expect(try runHub(["returns", "--db", "hub.sqlite"], in: folder.path).output.hasPrefix("no returns yet"))
    }

    @Test func validateReportsErrorsWithExit1AndWritesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = try String(contentsOfFile: fixtures[1], encoding: .utf8)
            .replacingOccurrences(of: "<SENtype>SEMH</SENtype>", with: "<SENtype>NSA</SENtype>")
        try folder.write("broken.xml", text)
        let run = try runHub(["validate", "broken.xml"], in: folder.path)
        #expect(run.status == 1)
        #expect(run.output.hasPrefix("broken.xml (sen2-xml): 8 persons, 1 would be quarantined"))
        #expect(run.output.contains("person 2"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("hub.sqlite")))
    }

    @Test func pluginsListsTheBuiltInsAsJSON() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try runHub(["plugins", "--json"], in: folder.path)
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let plugins = try #require(object["plugins"] as? [[String: Any]])
        // The shipped ones by id, in the listing's order: a plugin added to the package never breaks this.
        #expect(plugins.map { "\($0["kind"]!):\($0["id"]!)" }.filter(PluginLoaderTests.shippedComponents.contains)
                == PluginLoaderTests.shippedComponents)
        #expect(plugins.allSatisfy { ($0["sha256"] as? String)?.count == 64 && ($0["origin"] as? String)?.hasPrefix(buildFolder) == true })
    }

    /// 800 has 5 children with a plan, 801 has 4: 801's count is small, so it is hidden, and 800's
    /// with it (see docs/disclosure-control.md). With --own, 800 sees its own figure; 801's stays
    /// hidden. The South West and England rows are the published totals of January 2025: public,
    /// never hidden, and no sum of the hub's two LAs that 800 could take its own 5 from.
    @Test func compareSuppressesSmallCountsUnlessTheLASeesItsOwn() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let db = ["--db", "hub.sqlite"]
        try runHub(["init"] + db, in: folder.path)
        try runHub(["import"] + db + fixtures, in: folder.path)
        func caseload(_ extra: [String]) throws -> [String: Any] {
            let run = try runHub(["compare", "--la", "800", "--peers", "region", "--format", "json"] + extra + db, in: folder.path)
            #expect(run.status == 0, "\(run.errors)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
            return try #require(rows.first { $0["indicator"] as? String == "ehcp_caseload" })
        }
        let shared = try caseload([])
        let la = try #require(shared["la"] as? [String: Any])
        #expect(la["suppressed"] as? Bool == true)
        #expect(la["value"] is NSNull)
        let peer = try #require((shared["peers"] as? [[String: Any]])?.first { $0["la_code"] as? String == "801" })
        #expect(peer["suppressed"] as? Bool == true)
        let region = try #require(shared["region"] as? [String: Any])
        #expect(region["numerator"] as? Double == 62875)
        #expect(region["source"] as? String == "published: sen_needs_all_plans_2025")
        #expect(region["suppressed"] == nil)
        let england = try #require(shared["england"] as? [String: Any])
        #expect(england["numerator"] as? Double == 638745)
        #expect(england["la_count"] as? Int == 153)
        let own = try #require(try caseload(["--own"])["la"] as? [String: Any])
        #expect(own["suppressed"] as? Bool == false)
        #expect(own["value"] as? Double == 5)
    }

    /// Listing several LAs side by side hides small counts: 801's 4 children, and 800's 5 with it
    /// (the next smallest), as `c` in the table and `suppressed: true, value: null` in JSON.
    @Test func indicatorsForSeveralLAsAreSuppressed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let db = ["--db", "hub.sqlite"]
        try runHub(["init"] + db, in: folder.path)
        try runHub(["import"] + db + fixtures, in: folder.path)
        let run = try runHub(["indicators", "--format", "json", "--indicator", "ehcp_caseload", "--period", "2024/25",
                              "--la", "800", "--la", "801"] + db, in: folder.path)
        let values = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
        #expect(values.map { $0["la_code"] as? String } == ["800", "801"])
        #expect(values.map { $0["suppressed"] as? Bool } == [true, true])
        #expect(values.allSatisfy { $0["value"] is NSNull && $0["numerator"] is NSNull })
        let table = try runHub(["indicators", "--indicator", "ehcp_caseload", "--period", "2024/25", "--la", "800", "--la", "801"] + db,
                               in: folder.path)
        #expect(table.output.contains("ehcp_caseload  800  2024/25      c          c"))
    }
}
