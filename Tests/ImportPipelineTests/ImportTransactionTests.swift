import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import Pseudonymisation
import Testing

/// One file is one transaction: stored whole or not at all; the same bytes twice change nothing;
/// a newer return for the same LA and year replaces the older one and keeps it in history.
@Suite struct ImportTransactionTests {
    struct Hub {
        let folder: TemporaryFolder
        let store: Store
        let runner: ImportRunner

        init() throws {
            folder = try TemporaryFolder()
            store = try Store(path: folder.file("hub.sqlite"))
            let secret = try HubSecret.create(path: folder.file("hub.secret"))
            var runner = ImportRunner(catalog: catalog(importers: [TestReturnImporter()]), opener: InputOpener(),
                                      store: store, secret: secret)
            runner.now = { Date(timeIntervalSince1970: 1_750_000_000) }
            self.runner = runner
        }

        func importFile(_ name: String, _ text: String) throws -> ImportOutcome {
            let outcomes = runner.run(path: try folder.write(name, text))
            #expect(outcomes.count == 1)
            return outcomes[0]
        }

        /// Imports `firstReturn` as 201.txt; throws (failing the test) when it is not imported.
        func importedFirstReturn() throws -> ImportEntry {
            let outcome = try importFile("201.txt", ImportTransactionTests.firstReturn)
            guard case let .imported(entry, _, _) = outcome else { throw UnexpectedOutcome("not imported: \(outcome)") }
            return entry
        }

        /// Re-processes import `id` from its archive; throws (failing the test) when it is not imported.
        func reprocessed(_ id: Int64) throws -> (entry: ImportEntry, replaced: ImportEntry?) {
            let outcome = runner.reprocess(importID: id)
            guard case let .imported(entry, replaced, _) = outcome else { throw UnexpectedOutcome("not re-processed: \(outcome)") }
            return (entry, replaced)
        }

        /// Every row of every table, as text: equal snapshots mean an unchanged store.
        func snapshot() throws -> [String] {
            let tables = try store.database.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .compactMap { $0[0].string }
            return try tables.flatMap { table in
                try store.database.rows("SELECT * FROM \(table) ORDER BY 1, 2").map { "\(table): \($0)" }
            }
        }

        func count(_ table: String) throws -> Int { try store.database.scalar("SELECT count(*) FROM \(table)")?.int ?? -1 }
    }

    static let upn1 = TestReturns.upn1
    static let upn2 = TestReturns.upn2
    static let upn3 = TestReturns.upn3
    static let firstReturn = TestReturns.first

    @Test func aReturnIsStoredWithItsLedgerEntry() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        guard case let .imported(entry, replaced, _) = try hub.importFile("201.txt", Self.firstReturn) else {
            Issue.record("not imported")
            return
        }
        #expect(replaced == nil)
        #expect(entry.dataset == "sen2-return")
        #expect(entry.laCode == "201")
        #expect(entry.collectionYear == 2025)
        #expect(entry.censusDate == "2025-01-16")
        #expect(entry.records == 3)
        #expect(entry.quarantined == 0)
        #expect(entry.importerID == "test-return")
        #expect(entry.importedAt == "2025-06-15T15:06:40Z")
        #expect(entry.checksum == sha256Hex(Array(Self.firstReturn.utf8)))
        #expect(try hub.count("persons") == 3)
        #expect(try hub.count("requests") == 3)
        #expect(try hub.count("named_plans") == 3)
        #expect(try hub.count("placements") == 3)
        #expect(try hub.count("sen_needs") == 3)
        #expect(try hub.store.database.scalar("SELECT birth_month FROM persons WHERE person_index = 1")?.string == "2012-03")
        #expect(try hub.store.database.scalar("SELECT postcode_district FROM persons WHERE person_index = 1")?.string == "AB1")
        #expect(try hub.count("import_archive") == 1)
    }

    @Test func theSameFileTwiceIsANoOp() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        guard case let .imported(first, _, _) = try hub.importFile("201.txt", Self.firstReturn) else {
            Issue.record("not imported")
            return
        }
        let before = try hub.snapshot()
        guard case let .alreadyImported(earlier) = try hub.importFile("201-copy.txt", Self.firstReturn) else {
            Issue.record("expected a no-op")
            return
        }
        #expect(earlier.id == first.id)
        #expect(try hub.snapshot() == before)
    }

    @Test func aNewReturnForTheSameLAAndYearReplacesTheOldOneAndKeepsItInHistory() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        _ = try hub.importFile("201-v1.txt", Self.firstReturn)
        let corrected = """
            TESTRETURN 201 2025 2025-01-16
            person \(Self.upn1) 2012-03-04 2023-05-01
            person \(Self.upn2) 2014-07-08 2024-02-01
            """
        guard case let .imported(entry, replaced, _) = try hub.importFile("201-v2.txt", corrected) else {
            Issue.record("not imported")
            return
        }
        #expect(replaced?.sourceName.hasSuffix("201-v1.txt") == true)
        let history = try ImportLedger(database: hub.store.database).entries()
        #expect(history.map(\.id) == [entry.id, replaced!.id])
        #expect(history.map(\.supersededBy) == [nil, entry.id])
        #expect(history.map(\.records) == [2, 3])
        #expect(try hub.count("persons") == 2)
        #expect(try hub.store.database.scalar("SELECT count(*) FROM current_returns")?.int == 1)
        // The replaced return's input is still archived, so it can be re-processed.
        #expect(try hub.store.database.scalar("SELECT count(*) FROM import_archive WHERE import_id = ?",
                                              [.integer(replaced!.id)])?.int == 1)
    }

    @Test func aReturnForAnotherYearDoesNotReplace() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        _ = try hub.importFile("201-2025.txt", Self.firstReturn)
        guard case let .imported(_, replaced, _) = try hub.importFile("201-2024.txt", """
            TESTRETURN 201 2024 2024-01-18
            person \(Self.upn1) 2012-03-04 2023-05-01
            """) else {
            Issue.record("not imported")
            return
        }
        #expect(replaced == nil)
        #expect(try hub.store.database.scalar("SELECT count(*) FROM current_returns")?.int == 2)
    }

    @Test func aFailureHalfwayLeavesTheStoreExactlyAsBefore() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        _ = try hub.importFile("201.txt", Self.firstReturn)
        let before = try hub.snapshot()
        let broken = """
            TESTRETURN 201 2025 2025-01-16
            person \(Self.upn1) 2012-03-04 2023-05-01
            person \(Self.upn2) 2014-07-08 2024-02-01
            fail
            person \(Self.upn3) 2010-11-12 2022-09-01
            """
        guard case let .rejected(source, reason) = try hub.importFile("201-broken.txt", broken) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(source.hasSuffix("201-broken.txt"))
        #expect(reason == "line 4: told to fail")
        #expect(try hub.snapshot() == before)
    }

    @Test func noNameOrFullUPNReachesTheDatabaseFile() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        _ = try hub.importFile("201.txt", Self.firstReturn)
        try hub.store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: hub.folder.file("hub.sqlite")))
        for secret in [Self.upn1, Self.upn2, Self.upn3, "Testname", "AB1 2CD", "2012-03-04"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) found in the database file")
        }
    }

    @Test func reprocessRunsTheArchivedBytesAgain() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let first = try hub.importedFirstReturn()
        // The original file is gone: the archive is all there is.
        try FileManager.default.removeItem(atPath: hub.folder.file("201.txt"))
        let (again, replaced) = try hub.reprocessed(first.id)
        #expect(replaced?.id == first.id)
        #expect(again.checksum == first.checksum)
        #expect(again.records == 3)
        #expect(try hub.count("persons") == 3)
    }

    @Test func samePersonGetsTheSamePseudonymInTwoLAsReturns() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        _ = try hub.importFile("201.txt", Self.firstReturn)
        _ = try hub.importFile("202.txt", """
            TESTRETURN 202 2025 2025-01-16
            person \(Self.upn2) 2014-07-08 2024-06-01
            """)
        let rows = try hub.store.database.rows("""
            SELECT p.pseudonym FROM persons p JOIN imports i ON i.id = p.import_id
            WHERE p.person_index = 2 AND i.la_code = '201' OR p.person_index = 1 AND i.la_code = '202'
            """)
        #expect(rows.count == 2)
        #expect(rows[0][0] == rows[1][0])
        #expect(rows[0][0].string?.count == 64)
    }

    @Test func aChildInTwoLAsReturnsOfOneYearIsReportedAsAnOverlap() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        _ = try hub.importFile("201.txt", Self.firstReturn)
        _ = try hub.importFile("202.txt", """
            TESTRETURN 202 2025 2025-01-16
            person \(Self.upn2) 2014-07-08 2025-03-01
            """)
        _ = try hub.importFile("202-2024.txt", """
            TESTRETURN 202 2024 2024-01-18
            person \(Self.upn1) 2012-03-04 2023-05-01
            """)
        let overlaps = try PersonOverlaps(database: hub.store.database).all()
        #expect(overlaps.count == 1)
        #expect(overlaps[0].collectionYear == 2025)
        #expect(overlaps[0].appearances.map(\.laCode) == ["201", "202"])
        #expect(overlaps[0].appearances.map(\.personIndex) == [2, 1])
        // 202's plan starts after its census date: only 201 counts the child at the census.
        #expect(overlaps[0].appearances.map(\.activePlanAtCensus) == [true, false])
    }

    /// A folder's returns overlap (the next is parsed while the previous one is written and
    /// committed), yet each stays one transaction, in file order.
    @Test func aFolderOfReturnsKeepsOneTransactionEachInFileOrder() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let returns = try TemporaryFolder()
        defer { returns.remove() }
        try returns.write("a-201.txt", Self.firstReturn)
        try returns.write("b-201-copy.txt", Self.firstReturn)
        try returns.write("c-201-broken.txt", """
            TESTRETURN 201 2025 2025-01-16
            person \(Self.upn1) 2012-03-04 2023-05-01
            fail
            """)
        try returns.write("d-201-v2.txt", """
            TESTRETURN 201 2025 2025-01-16
            person \(Self.upn1) 2012-03-04 2023-05-01
            person \(Self.upn2) 2014-07-08 2024-02-01
            """)
        try returns.write("e-202.txt", """
            TESTRETURN 202 2025 2025-01-16
            person \(validUPN("202123456781")) 2012-03-04 2023-05-01
            """)
        try returns.write("f-202-broken.txt", "TESTRETURN 202 bad")
        let outcomes = hub.runner.run(path: returns.path)
        #expect(outcomes.count == 6)
        guard outcomes.count == 6,
              case let .imported(first, nil, _) = outcomes[0],
              case let .alreadyImported(earlier) = outcomes[1],
              case let .rejected(broken, reason) = outcomes[2],
              case let .imported(second, replaced?, _) = outcomes[3],
              case let .imported(other, nil, _) = outcomes[4],
              case let .rejected(notAReturn, _) = outcomes[5] else {
            Issue.record("unexpected outcomes \(outcomes)")
            return
        }
        #expect(first.sourceName.hasSuffix("a-201.txt"))
        #expect(earlier.id == first.id)
        #expect(broken.hasSuffix("c-201-broken.txt"))
        #expect(reason == "line 3: told to fail")
        #expect(replaced.id == first.id)
        #expect(second.records == 2)
        #expect(other.laCode == "202")
        #expect(notAReturn.hasSuffix("f-202-broken.txt"))
        // Only the three imports exist: the duplicate and the failures left nothing behind.
        let history = try ImportLedger(database: hub.store.database).entries()
        #expect(Set(history.map(\.id)) == [first.id, second.id, other.id])
        #expect(try hub.count("imports") == 3)
        #expect(try hub.count("persons") == 2 + 1)
        #expect(try hub.store.database.scalar("SELECT count(DISTINCT import_id) FROM import_archive")?.int == 3)
        #expect(try hub.store.database.scalar("SELECT count(*) FROM current_returns")?.int == 2)
        #expect(try hub.store.database.scalar("SELECT count(*) FROM imports WHERE checksum = 'pending'")?.int == 0)
        // The same folder again changes nothing.
        let before = try hub.snapshot()
        let again = hub.runner.run(path: returns.path)
        #expect(again.count == 6)
        #expect(try hub.snapshot() == before)
    }

    @Test func aFolderImportsWhatItRecognisesAndSkipsTheRest() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        try hub.folder.write("201.txt", Self.firstReturn)
        try hub.folder.write("notes.txt", "minutes of the SEND partnership")
        // The folder also holds the hub's own hub.sqlite (and -wal, -shm) and hub.secret.
        let outcomes = hub.runner.run(path: hub.folder.path)
        var imported: [String] = []
        var skipped: [String: String] = [:]
        for outcome in outcomes {
            switch outcome {
            case let .imported(entry, _, _): imported.append((entry.sourceName as NSString).lastPathComponent)
            case let .skipped(source, reason): skipped[(source as NSString).lastPathComponent] = reason
            default: Issue.record("unexpected \(outcome)")
            }
        }
        #expect(imported == ["201.txt"])
        #expect(skipped["notes.txt"] == "no importer recognises it")
        #expect(skipped["hub.secret"] == "a hub store or secret file")
        #expect(skipped["hub.sqlite"] == "a hub store or secret file")
    }
}
