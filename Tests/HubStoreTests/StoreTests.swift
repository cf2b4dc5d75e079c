import Foundation
import HubKit
import HubStore
import HubTestSupport
import Testing

/// The store: pragmas, schema version and migration of an older store.
@Suite struct StoreTests {
    @Test func aNewStoreHasTheCurrentSchemaWALAndForeignKeys() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Store(path: folder.file("hub.sqlite"))
        #expect(try store.schemaVersion() == Migrations.current)
        #expect(try store.database.scalar("PRAGMA journal_mode")?.string == "wal")
        #expect(try store.database.scalar("PRAGMA foreign_keys")?.int == 1)
        let tables = try store.database.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .compactMap { $0[0].string }
        #expect(tables == ["active_plans", "area_lookup", "assessments", "census_birth_months", "census_dates", "census_needs",
                           "census_placements", "default_cost_bands", "establishments", "hub_secret_check", "import_archive", "imports",
                           "indicator_definitions", "indicator_values", "local_authorities", "named_plans", "output_files",
                           "persons", "placement_costs", "placements", "plan_details", "population",
                           "published_values", "quarantine", "regions", "requests", "retained_indicator_values", "retention_log",
                           "return_sources", "return_summaries", "sen_needs",
                           "service_audit", "service_sessions", "service_tokens", "service_uploads", "service_users",
                           "statistical_neighbours", "validation_issues", "work_events"])
    }

    @Test func theViewsReadTheModuleTableFirstAndFindParentsByRowid() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Store(path: folder.file("hub.sqlite"))
        let plan = try store.database.rows("""
            EXPLAIN QUERY PLAN SELECT la_code, collection_year, COUNT(*) FROM current_plans
            WHERE start_date <= census_date GROUP BY la_code, collection_year
            """).compactMap { $0[3].string }
        #expect(plan == ["SCAN n", "SEARCH a USING INTEGER PRIMARY KEY (rowid=?)", "SEARCH q USING INTEGER PRIMARY KEY (rowid=?)",
                         "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)", "SEARCH imports USING INTEGER PRIMARY KEY (rowid=?)",
                         "USE TEMP B-TREE FOR GROUP BY"])
    }

    @Test func aStoreAtAnOlderSchemaVersionIsMigratedKeepingItsData() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("old.sqlite")
        try Store.createAtVersion(1, path: path)
        do {
            let old = try Database(path: path)
            try old.execute("""
                INSERT INTO imports (dataset, scope, source_name, checksum, input_bytes, importer_id, importer_version,
                    imported_at, la_code, collection_year, census_date, records)
                VALUES ('sen2-return', 'sen2-return/201/2024', 'old.xml', 'abc', 10, 'sen2-xml', '0.1', '2024-02-01T00:00:00Z',
                        '201', 2024, '2024-01-18', 0)
                """)
            #expect(try old.scalar("PRAGMA user_version")?.int == 1)
            #expect(try old.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'indicator_values'")?.int == 0)
        }
        let store = try Store(path: path)
        #expect(try store.schemaVersion() == Migrations.current)
        #expect(try store.database.scalar("SELECT la_code FROM current_returns")?.string == "201")
        #expect(try store.database.scalar("SELECT count(*) FROM indicator_values")?.int == 0)
        // V4 summarised the return that was there (it has no persons).
        #expect(try store.database.rows("SELECT import_id, census_children FROM return_summaries") == [[1, 0]])
    }

    @Test func aStoreAtSchema8GetsTheIndicatorPresentationStepThenGovernanceThenTheService() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("v8.sqlite")
        try Store.createAtVersion(8, path: path)
        do {
            let old = try Database(path: path)
            #expect(try old.scalar("SELECT count(*) FROM sqlite_master WHERE name IN ('census_dates', 'return_sources')")?.int == 2)
            try old.execute("""
                INSERT INTO imports (dataset, scope, source_name, checksum, input_bytes, importer_id, importer_version,
                    imported_at, la_code, collection_year, census_date, records)
                VALUES ('sen2-return', 'sen2-return/201/2024', 'old.xml', 'abc', 10, 'sen2-xml', '0.1', '2024-02-01T00:00:00Z',
                        '201', 2024, '2024-01-18', 0)
                """)
        }
        let store = try Store(path: path)
        // Step 9 (indicator presentation), governance as step 10, the service's tables as 11,
        // establishment locations as 12, in that order.
        #expect(try store.schemaVersion() == 12)
        #expect(try store.database.rows("SELECT name FROM pragma_table_info('establishments') WHERE name IN ('easting', 'northing')")
                .count == 2)
        #expect(try store.database.scalar("SELECT count(*) FROM service_users")?.int == 0)
        #expect(try store.database.rows("SELECT name FROM pragma_table_info('indicator_definitions') WHERE name = 'presentation'")
                .count == 1)
        // A return stored before the level was recorded was kept at the only level there was.
        #expect(try store.database.scalar("SELECT minimisation FROM imports")?.string == "birth:month postcode:district")
        #expect(try store.database.scalar("SELECT count(*) FROM retention_log")?.int == 0)
    }

    @Test func aStoreFromANewerHnhubIsRefusedUntouched() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("new.sqlite")
        try Database(path: path).execute("PRAGMA user_version = 99")
        #expect(throws: StoreError.self) { try Store(path: path) }
        #expect(try Database(path: path).scalar("PRAGMA user_version")?.int == 99)
    }

    @Test func foreignKeysHoldChildRowsToTheirParents() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Store(path: folder.file("hub.sqlite"))
        #expect(throws: DatabaseError.self) {
            try store.database.execute("INSERT INTO requests (person_id) VALUES (12345)")
        }
    }

    @Test func datesAreStoredAsISOText() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (d TEXT)")
        let insert = try database.prepare("INSERT INTO t (d) VALUES (?)")
        for day in [Day(year: 2025, month: 1, day: 16), Day(year: 999, month: 12, day: 31), nil] {
            insert.bind(day, at: 1)
            try insert.insert()
        }
        #expect(try database.rows("SELECT d FROM t ORDER BY rowid").map { $0[0] } == [.text("2025-01-16"), .text("0999-12-31"), .null])
    }

    @Test func backgroundCheckpointsLeaveAnEmptyWALAndAutomaticCheckpointsOn() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Store(path: folder.file("hub.sqlite"))
        let checkpoints = try BackgroundCheckpoints(store: store, interval: 0.01)
        #expect(try store.database.scalar("PRAGMA wal_autocheckpoint")?.int == 0)
        try store.database.transaction {
            for i in 0..<2000 { try store.database.execute("INSERT INTO regions (region_code, name) VALUES (?, 'x')", [.integer(Int64(i))]) }
        }
        try checkpoints.finish()
        #expect(try store.database.scalar("PRAGMA wal_autocheckpoint")?.int == 1000)
        let wal = try FileManager.default.attributesOfItem(atPath: folder.file("hub.sqlite-wal"))[.size] as? NSNumber
        #expect(wal?.intValue == 0)
        #expect(try store.database.scalar("SELECT count(*) FROM regions")?.int == 2000)
    }
}
