import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import MappingImporters
import Testing

/// An export that lists several requests for one child (one row per request, or per request and
/// placement): with `request_key`, rows of one child are grouped into one request per key value.
@Suite struct MappingRequestsTests {
    static let mapping = """
        id: requests
        file:
          headers: [Child ID, Request ID]
        return:
          la_code: "800"
          census_date: 2025-01-16
        person_key: Child ID
        request_key: Request ID
        codes:
          sex: {Boy: M, Girl: F}
        fields:
          person:
            UPN: Child ID
            Sex: {column: Gender, codes: sex}
            PersonBirthDate: Born
            Ethnicity: {value: WBRI}
          request:
            ReceivedDate: Received
            RequestOutcome: Outcome
            RequestOutcomeDate: Decided
            RYA: {value: 0}
          assessment:
            AssessmentOutcome: Assessed
            AssessmentOutcomeDate: Assessed On
            Week20: {value: 0}
          placements:
            - URN: School
              PlacementRank: Rank
        """

    static let header = "Child ID,Request ID,Gender,Born,Received,Outcome,Decided,Assessed,Assessed On,School,Rank"

    /// A hub whose importers folder holds the mapping above, and the export written into it.
    func hub(rows: [String]) throws -> (MappingHub, String) {
        let mappings = try TemporaryFolder()
        try mappings.write("requests.yaml", Self.mapping)
        let hub = try MappingHub(mappings: mappings.path, register: false)
        let export = try hub.folder.write("requests.csv", ([Self.header] + rows).joined(separator: "\n") + "\n")
        return (hub, export)
    }

    /// Why the import was rejected; throws (failing the test) when it was not.
    func rejection(_ outcome: ImportOutcome) throws -> String {
        guard case let .rejected(_, reason) = outcome else { throw UnexpectedOutcome("not rejected: \(outcome)") }
        return reason
    }

    @Test func rowsOfOneChildWithTwoRequestKeysAreTwoRequests() throws {
        let (hub, export) = try hub(rows: [
            "X800123415001,R1,Boy,2015-03-04,2023-02-01,N,2023-03-10,,,,",
            "D800123412002,R9,Girl,2012-07-08,2024-05-05,Y,2024-06-01,Y,2024-07-01,100002,1",
            "X800123415001,R2,Boy,2015-03-04,2024-09-02,Y,2024-10-01,Y,2024-11-01,100001,1",
            "X800123415001,R2,,,,,,,,100003,2",
        ])
        defer { hub.folder.remove() }
        let outcome = hub.run(export)
        guard case let .imported(entry, _, _) = outcome else { throw UnexpectedOutcome("not imported: \(outcome)") }
        #expect(try hub.count("SELECT COUNT(*) FROM validation_issues") == 0)
        #expect(entry.records == 2)
        // Requests in order of the child's first row, then of each request's first row.
        #expect(try hub.store.database.rows("""
            SELECT p.person_index, r.received_date, r.request_outcome, a.assessment_outcome
            FROM requests r JOIN persons p ON p.id = r.person_id LEFT JOIN assessments a ON a.request_id = r.id
            ORDER BY r.id
            """) == [[1, "2023-02-01", "N", nil], [1, "2024-09-02", "Y", "Y"], [2, "2024-05-05", "Y", "Y"]])
        // Each request keeps its own placements: the second request of the first child has two.
        #expect(try hub.store.database.rows("""
            SELECT r.received_date, pl.urn FROM placements pl JOIN active_plans ap ON ap.id = pl.active_plans_id
            JOIN requests r ON r.id = ap.request_id ORDER BY pl.id
            """) == [["2024-09-02", "100001"], ["2024-09-02", "100003"], ["2024-05-05", "100002"]])
    }

    @Test func theMappingDiagnosisCountsRequestsAndShowsTheKey() throws {
        let (hub, export) = try hub(rows: [
            "X800123415001,R1,Boy,2015-03-04,2023-02-01,N,2023-03-10,,,,",
            "X800123415001,R2,Boy,2015-03-04,2024-09-02,Y,2024-10-01,Y,2024-11-01,100001,1",
            "X800123415001,R2,,,,,,,,100003,2",
        ])
        defer { hub.folder.remove() }
        let importer = try #require(hub.catalog.importer(id: "mapping:requests") as? MappingImporter)
        let diagnosis = try MappingDiagnosis(importer: importer, source: InputOpener().source(path: export))
        #expect((diagnosis.rows, diagnosis.persons, diagnosis.requests) == (3, 1, 2))
        #expect(diagnosis.columns[1].mappedTo == ["request key"])
        #expect(diagnosis.render().hasPrefix("mapping mapping:requests (") && diagnosis.render().contains(": 3 rows, 1 persons, 2 requests\n"))
    }

    @Test func aRequestValueThatDiffersWithinOneRequestRejectsTheFile() throws {
        let (hub, export) = try hub(rows: [
            "X800123415001,R1,Boy,2015-03-04,2023-02-01,N,2023-03-10,,,,",
            "X800123415001,R1,Boy,2015-03-04,2023-02-01,Y,2023-03-10,,,,",
        ])
        defer { hub.folder.remove() }
        let reason = try rejection(hub.run(export))
        #expect(reason.hasPrefix("""
            line 3, column 6: column 'Outcome' (request.RequestOutcome): 'Y' differs from the value on row 2 for the same \
            request: request.RequestOutcome takes one value per request
            """))
        #expect(try hub.count("SELECT COUNT(*) FROM persons") == 0)
    }

    @Test func aPersonValueThatDiffersBetweenRequestsRejectsTheFile() throws {
        let (hub, export) = try hub(rows: [
            "X800123415001,R1,Boy,2015-03-04,2023-02-01,N,2023-03-10,,,,",
            "X800123415001,R2,Girl,2015-03-04,2024-09-02,Y,2024-10-01,Y,2024-11-01,100001,1",
        ])
        defer { hub.folder.remove() }
        let reason = try rejection(hub.run(export))
        #expect(reason.hasPrefix("""
            line 3, column 3: column 'Gender' (person.Sex): 'Girl' differs from the value on row 2 for the same person: \
            person.Sex takes one value per person
            """))
    }

    @Test func aRowWithoutARequestKeyIsRejectedByLineAndColumn() throws {
        let (hub, export) = try hub(rows: [
            "X800123415001,R1,Boy,2015-03-04,2023-02-01,N,2023-03-10,,,,",
            "X800123415001,,Boy,2015-03-04,2024-09-02,Y,2024-10-01,Y,2024-11-01,100001,1",
        ])
        defer { hub.folder.remove() }
        let reason = try rejection(hub.run(export))
        #expect(reason.hasPrefix("""
            line 3, column 2: column 'Request ID': the request key is empty: every row needs it to be grouped into a request
            """))
    }
}
