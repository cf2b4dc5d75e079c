import Foundation
import HubKit
import HubStore
import HubTestSupport
import Pseudonymisation
import Testing

/// Multi-row inserts (`BatchInsert`) and the person writer that uses them: the rows and ids are
/// those that row-by-row inserts give.
@Suite struct BatchInsertTests {
    @Test func fortyThreeRowsAreStoredInOrderWithNullsEmptyTextDatesAndLongText() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try Database(path: folder.file("batch.sqlite"))
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT, day TEXT, flag INTEGER, n INTEGER)")
        let insert = BatchInsert(database: database, table: "t", columns: ["id", "label", "day", "flag", "n"])
        // Longer than the insert's text arena: bound as a SQLite copy instead.
        let long = String(repeating: "x", count: 70_000)
        // 43 rows = statements of 32, 8, 2 and 1 rows.
        try insert.insert(count: 43) { row, i in
            row.bind(Int64(i + 1))
            row.bind(i == 5 ? nil : i == 6 ? "" : i == 7 ? long : "row \(i)")
            row.bind(i == 9 ? nil : Day(year: 2025, month: 1, day: 1 + i % 28))
            row.bind(i % 2 == 0 ? true : i == 3 ? nil : false)
            row.bind(i == 42 ? nil : i * 10)
        }
        let rows = try database.rows("SELECT id, label, day, flag, n, typeof(label) FROM t ORDER BY id")
        #expect(rows.count == 43)
        #expect(rows[0] == [1, "row 0", "2025-01-01", 1, 0, "text"])
        #expect(rows[3] == [4, "row 3", "2025-01-04", nil, 30, "text"])
        #expect(rows[5] == [6, nil, "2025-01-06", 0, 50, "null"])
        #expect(rows[6] == [7, "", "2025-01-07", 1, 60, "text"])
        #expect(rows[7][1].string?.count == 70_000)
        #expect(rows[9] == [10, "row 9", nil, 0, 90, "text"])
        #expect(rows[40] == [41, "row 40", "2025-01-13", 1, 400, "text"])
        #expect(rows[42] == [43, "row 42", "2025-01-15", 1, nil, "text"])
    }

    @Test func aFailingRowFailsItsStatementWithSQLitesMessage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try Database(path: folder.file("batch.sqlite"))
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT NOT NULL)")
        let insert = BatchInsert(database: database, table: "t", columns: ["id", "label"])
        #expect(throws: DatabaseError.self) {
            try insert.insert(count: 3) { row, i in
                row.bind(Int64(i + 1))
                row.bind(i == 1 ? nil : "ok")
            }
        }
        // The two-row statement failed whole; the one-row statement never ran.
        #expect(try database.scalar("SELECT count(*) FROM t")?.int == 0)
    }

    @Test func personsWrittenAsOneBatchGetTheRowsAndIdsOfPersonsWrittenOneByOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func tables(after write: (PersonWriter) throws -> Void) throws -> [[[SQLValue]]] {
            let store = try Store(path: folder.file("hub-\(UUID().uuidString).sqlite"))
            try store.database.execute("""
                INSERT INTO imports (dataset, scope, source_name, checksum, input_bytes, importer_id, importer_version,
                    imported_at, la_code, collection_year, census_date, records)
                VALUES ('sen2-return', 'sen2-return/201/2025', 'a.xml', 'abc', 10, 'sen2-xml', '1', '2025-02-01T00:00:00Z',
                        '201', 2025, '2025-01-16', 3)
                """)
            try store.database.transaction { try write(PersonWriter(database: store.database, importID: 1)) }
            return try ["persons", "requests", "assessments", "named_plans", "plan_details", "active_plans",
                        "placements", "sen_needs"].map { try store.database.rows("SELECT * FROM \($0) ORDER BY id") }
        }
        let batch = Self.threePersons
        let oneByOne = try tables { writer in
            for entry in batch { try writer.write([entry]) }
        }
        let together = try tables { writer in try writer.write(batch) }
        #expect(together == oneByOne)
        // Person 2 has two requests; only the second was assessed and has a plan.
        #expect(together[1].map { [$0[0], $0[1]] } == [[1, 1], [2, 2], [3, 2], [4, 3]])
        #expect(together[2].map { [$0[0], $0[1]] } == [[1, 1], [2, 3], [3, 4]])
        #expect(together[3].map { [$0[0], $0[1]] } == [[1, 1], [2, 2], [3, 3]])
        #expect(together[4].map { [$0[1], $0[2]] } == [[1, "100001"], [2, "100002"], [2, "100003"], [3, "100004"]])
        #expect(together[5].map { [$0[0], $0[1]] } == [[1, 1], [2, 3], [3, 4]])
        #expect(together[6].map { [$0[1], $0[7]] } == [[1, "2021-09-01"], [2, "2024-09-02"], [3, "2022-09-05"]])
        #expect(together[7].map { [$0[1], $0[2], $0[3]] } == [[1, "ASD", 1], [2, "SEMH", 1], [2, "SLCN", 2], [3, "MLD", 1]])
    }

    static var threePersons: [PseudonymisedPerson] {
        func plan(_ urns: [String], start: Day) -> AssessmentRecord {
            AssessmentRecord(assessmentOutcome: "Y", assessmentOutcomeDate: start, week20: true,
                             namedPlan: NamedPlanRecord(startDate: start, planDetails: urns.enumerated().map {
                                 SettingDetail(urn: $0.element, placementRank: $0.offset + 1)
                             }, personalBudget: false))
        }
        func active(_ needs: [String], entry: Day) -> ActivePlansRecord {
            ActivePlansRecord(placements: [SettingDetail(urn: "100001", placementRank: 1, entryDate: entry)],
                              needs: needs.enumerated().map { SENNeedRecord(senType: $0.element, senTypeRank: $0.offset + 1) })
        }
        let first = PersonRecord(location: RecordLocation(index: 1), birthDate: Day(year: 2015, month: 3, day: 4)!, sex: "F",
                                 requests: [RequestRecord(receivedDate: Day(year: 2021, month: 1, day: 5)!, requestOutcome: "Y",
                                                          assessment: plan(["100001"], start: Day(year: 2021, month: 6, day: 1)!),
                                                          activePlans: active(["ASD"], entry: Day(year: 2021, month: 9, day: 1)!))])
        let second = PersonRecord(location: RecordLocation(index: 2), sex: "M", requests: [
            RequestRecord(receivedDate: Day(year: 2023, month: 2, day: 1)!, requestOutcome: "N"),
            RequestRecord(receivedDate: Day(year: 2024, month: 2, day: 1)!, requestOutcome: "Y",
                          assessment: plan(["100002", "100003"], start: Day(year: 2024, month: 7, day: 1)!),
                          activePlans: active(["SEMH", "SLCN"], entry: Day(year: 2024, month: 9, day: 2)!)),
        ])
        let third = PersonRecord(location: RecordLocation(index: 3), ethnicity: "WBRI", requests: [
            RequestRecord(receivedDate: Day(year: 2022, month: 1, day: 3)!, requestOutcome: "Y",
                          assessment: plan(["100004"], start: Day(year: 2022, month: 5, day: 1)!),
                          activePlans: active(["MLD"], entry: Day(year: 2022, month: 9, day: 5)!)),
        ])
        return [first, second, third].map { person in
            PseudonymisedPerson(person, PseudonymisedIdentity(pseudonym: "p\(person.location.index)", keyKind: "upn",
                                                              birthMonth: nil, postcodeDistrict: "AB1"))
        }
    }
}
