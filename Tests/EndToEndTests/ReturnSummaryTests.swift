import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import MetricEngine
import PluginHost
import Pseudonymisation
import Testing

/// The per-return summaries of schema V4 (census and work counts): written while a return is
/// imported, and derived from the module tables by the V4 migration for returns imported before
/// it. The two must give the same rows, ties included.
@Suite struct ReturnSummaryTests {
    /// A return of persons built in code (`persons`), for cases no fixture has.
    final class CodedReturnImporter: Importer {
        let persons: [PersonRecord]
        init(persons: [PersonRecord]) { self.persons = persons }

        var descriptor: ComponentDescriptor { ComponentDescriptor(id: "coded-return", version: "1.0", summary: "test") }
        var produces: DatasetKind { .sen2Return }
        func detect(_ source: ImportSource) -> Int? { source.files.first?.name.hasSuffix(".coded") == true ? 100 : nil }

        func read(_ source: ImportSource, into sink: any RecordSink) throws {
            try sink.beginReturn(ReturnHeader(collectionYear: 2025, referenceDate: day("2025-01-16"), laCode: "201"))
            for person in persons { try sink.person(person) }
        }
    }

    static func day(_ text: String) -> Day { Day(iso: text)! }

    /// A child with the given requests (UPN `n`, born 2012).
    static func person(_ n: Int, _ requests: [RequestRecord]) -> PersonRecord {
        PersonRecord(location: RecordLocation(index: n, line: n), identifiers: PersonIdentifiers(upn: validUPN("20112345678\(n)")),
                     birthDate: day("2012-0\(n)-04"), sex: "F", ethnicity: "WBRI", postcode: "AB1 2CD", requests: requests)
    }

    /// A request for a plan that started on `start`, with the placements and needs of its ActivePlans.
    /// The request was received `received` (default: 60 days before the start) and decided 30 days later.
    static func planRequest(received: String? = nil, start: String, cease: String? = nil, ceaseReason: String? = nil,
                            placements: [SettingDetail]?, needs: [SENNeedRecord] = []) -> RequestRecord {
        let startDay = day(start)
        let receivedDay = received.map(day) ?? startDay.adding(days: -60)
        return RequestRecord(
            receivedDate: receivedDay, rya: false, requestOutcomeDate: receivedDay.adding(days: 30), requestOutcome: "Y",
            requestMediation: false, requestTribunal: false,
            assessment: AssessmentRecord(assessmentOutcome: "Y", assessmentOutcomeDate: startDay.adding(days: -5),
                                         assessmentMediation: false, assessmentTribunal: false, otherMediation: false,
                                         otherTribunal: false, week20: false,
                                         namedPlan: NamedPlanRecord(startDate: startDay, ceaseDate: cease.map(day),
                                                                    ceaseReason: ceaseReason)),
            activePlans: placements.map { ActivePlansRecord(placements: $0, needs: needs) })
    }

    static func placement(urn: String? = nil, setting: String? = nil, rank: Int, entry: String, leaving: String? = nil) -> SettingDetail {
        SettingDetail(urn: urn, senSetting: setting, placementRank: rank, entryDate: day(entry), leavingDate: leaving.map(day))
    }

    static let codedPersons: [PersonRecord] = [
        // Two plans started the same day: the one with a rank 1 placement wins, with its need.
        person(1, [planRequest(start: "2023-05-01", placements: [placement(setting: "EHE", rank: 2, entry: "2023-05-01")],
                               needs: [SENNeedRecord(senType: "ASD", senTypeRank: 1)]),
                   planRequest(received: "2022-02-10", start: "2023-05-01",
                               placements: [placement(urn: "100001", rank: 1, entry: "2023-05-01")],
                               needs: [SENNeedRecord(senType: "MLD", senTypeRank: 2), SENNeedRecord(senType: "SEMH", senTypeRank: 1)])]),
        // The plan that started latest wins, though its request has no ActivePlans.
        person(2, [planRequest(start: "2022-01-20", placements: [placement(urn: "100002", rank: 1, entry: "2022-01-20")]),
                   planRequest(received: "2023-09-01", start: "2024-02-01", placements: nil)]),
        // Rank 1 left the day before the census and the next starts after it: rank 2 it is.
        person(3, [planRequest(start: "2021-09-01", placements: [
            placement(urn: "100003", rank: 1, entry: "2021-09-01", leaving: "2025-01-15"),
            placement(setting: "OLA", rank: 2, entry: "2024-09-01"),
            placement(urn: "100004", rank: 1, entry: "2025-02-01"),
        ], needs: [SENNeedRecord(senType: "SLD", senTypeRank: 1)])]),
        // Ceased in the work year (needs met): counted there, not at the census.
        person(4, [planRequest(start: "2020-03-01", cease: "2024-07-31", ceaseReason: "2",
                               placements: [placement(urn: "100001", rank: 1, entry: "2020-03-01", leaving: "2024-07-20")])]),
        // Two rank 1 placements attended at the census: the one entered latest counts, though it
        // comes second in the file (CensusChoice; the import and the store's recount agree).
        person(5, [planRequest(received: "2024-01-10", start: "2024-06-01", placements: [
            placement(urn: "100006", rank: 1, entry: "2024-06-01"), placement(urn: "100005", rank: 1, entry: "2024-09-01"),
        ], needs: [SENNeedRecord(senType: "PD", senTypeRank: 1)])]),
    ]

    struct Hub {
        let folder: TemporaryFolder
        let path: String
        let runner: ImportRunner
        let store: Store
        let plugins: PluginCatalog

        init(importers: [any Importer] = []) throws {
            folder = try TemporaryFolder()
            path = folder.file("hub.sqlite")
            plugins = PluginCatalog.load(policy: builtInPluginPolicy)
            store = try Store(path: path)
            runner = ImportRunner(catalog: importers.isEmpty ? plugins : catalog(importers: importers), opener: InputOpener(),
                                  store: store, secret: try HubSecret.create(path: folder.file("hub.secret")))
        }

        func importFile(_ path: String) {
            guard case let .imported(entry, _, _) = runner.run(path: path).first else {
                Issue.record("\(path) not imported")
                return
            }
            #expect(entry.quarantined == 0)
        }
    }

    /// The caseload of LA 800 at the 2025 census, as the caseload plugin computes it.
    static func caseload(_ hub: Hub) throws -> Double? {
        _ = try IndicatorComputation(store: hub.store, catalog: hub.plugins).run()
        return try IndicatorTable(database: hub.store.database)
            .values(indicators: ["ehcp_caseload"], laCodes: ["800"], period: "2024/25").first?.numerator
    }

    @Test func aReplacedReturnKeepsItsSummaryAndTheNewVersionIsCounted() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let original = "\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml"
        hub.importFile(original)
        #expect(try Self.caseload(hub) == 5)
        // Person 4's plan now ceases the day after the census: active at it.
        let text = try String(contentsOfFile: original, encoding: .utf8)
            .replacingOccurrences(of: "<CeaseDate>2024-07-31</CeaseDate>", with: "<CeaseDate>2025-01-17</CeaseDate>")
            .replacingOccurrences(of: "<LeavingDate>2024-07-20</LeavingDate>", with: "<LeavingDate>2025-01-17</LeavingDate>")
        hub.importFile(try hub.folder.write("sen2-800-2025.xml", text))
        #expect(try Self.caseload(hub) == 6)
        #expect(try hub.store.database.rows("SELECT import_id, census_children FROM return_summaries ORDER BY 1") == [[1, 5], [2, 6]])
    }

    @Test func aCurrentReturnWithoutSummaryFailsItsProvidersWithAMessage() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        hub.importFile("\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml")
        try hub.store.database.execute("DELETE FROM return_summaries")
        let runs = try IndicatorComputation(store: hub.store, catalog: hub.plugins).run()
        let failures = Dictionary(runs.map { ($0.providerID, $0.failure ?? "ok") }, uniquingKeysWith: { a, _ in a })
        #expect(failures["caseload"] == "no summary for the return(s) 800 2025 (import 1): reprocess them (hnhub reprocess)")
        #expect(failures["work"] == failures["caseload"])
    }

    /// Every summary row, by table, in a fixed order.
    static func summaries(_ database: Database) throws -> [String: [[SQLValue]]] {
        var tables: [String: [[SQLValue]]] = [:]
        for (table, columns) in [("return_summaries", "import_id, census_children"),
                                 ("census_placements", "import_id, attended, urn, ukprn, sen_setting, children"),
                                 ("census_needs", "import_id, primary_need, children"),
                                 ("census_birth_months", "import_id, birth_month, children"),
                                 ("work_events", "import_id, event, outcome, days, week20, tribunal, events")] {
            tables[table] = try database.rows("SELECT \(columns) FROM \(table) ORDER BY \(columns)")
        }
        return tables
    }

    @Test func theImportedSummaryIsWhatTheMigrationDerivesFromTheFixtures() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        for file in ["sen2-800-2024.xml", "sen2-800-2025.xml", "sen2-801-2025.xml"] {
            hub.importFile("\(packageRoot)/Datasets/fixtures/\(file)")
        }
        let database = try Database(path: hub.path)
        let imported = try Self.summaries(database)
        #expect(try database.rows("""
            SELECT i.la_code, i.collection_year, s.census_children FROM return_summaries s JOIN imports i ON i.id = s.import_id
            ORDER BY 1, 2
            """) == [["800", 2024, 4], ["800", 2025, 5], ["801", 2025, 4]])
        #expect(imported["work_events"]?.isEmpty == false)

        // Back to schema V3 as a store written before V4 was, then opened again: the migration
        // summarises the three returns from their module tables.
        try database.execute("""
            DROP TABLE return_summaries; DROP TABLE census_placements; DROP TABLE census_needs;
            DROP TABLE census_birth_months; DROP TABLE work_events; DROP TABLE hub_secret_check;
            DROP TABLE census_dates; DROP TABLE return_sources;
            DROP TABLE retention_log; DROP TABLE retained_indicator_values; DROP TABLE output_files;
            ALTER TABLE imports DROP COLUMN minimisation;
            ALTER TABLE indicator_definitions DROP COLUMN counts; ALTER TABLE indicator_definitions DROP COLUMN presentation;
            ALTER TABLE establishments DROP COLUMN easting; ALTER TABLE establishments DROP COLUMN northing;
            PRAGMA user_version = 3;
            """)
        let migrated = try Store(path: hub.path)
        #expect(try migrated.schemaVersion() == Migrations.current)
        #expect(try Self.summaries(migrated.database) == imported)
    }

    @Test func tiesAndFallbacksAreCountedAlikeAtImportAndByTheMigration() throws {
        let hub = try Hub(importers: [CodedReturnImporter(persons: Self.codedPersons)])
        defer { hub.folder.remove() }
        hub.importFile(try hub.folder.write("201.coded", "coded"))
        let database = try Database(path: hub.path)
        let imported = try Self.summaries(database)
        #expect(imported["return_summaries"] == [[1, 4]])
        #expect(imported["census_placements"] == [
            [1, 0, nil, nil, nil, 1],                 // person 2: the later plan has no ActivePlans
            [1, 1, nil, nil, "OLA", 1],               // person 3: rank 2 fallback
            [1, 1, "100001", nil, nil, 1],            // person 1: the rank 1 placement of the tied plans
            [1, 1, "100005", nil, nil, 1],            // person 5: the later of two rank 1 placements
        ])
        #expect(imported["census_needs"] == [[1, nil, 1], [1, "PD", 1], [1, "SEMH", 1], [1, "SLD", 1]])
        #expect(imported["work_events"]?.contains([1, "plan_ceased", "2", nil, nil, 0, 1]) == true)
        #expect(imported["work_events"]?.contains([1, "request_received", "Y", 30, nil, 0, 1]) == true)
        try ReturnSummaries.rebuild(in: database)
        #expect(try Self.summaries(database) == imported)
    }
}
