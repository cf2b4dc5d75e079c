import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import PluginHost
import Pseudonymisation
import ReferenceData
import Testing
@testable import StatisticalNeighbourImporter

/// DfE statistical neighbours in the long layout: the edition from the file name, detection by
/// header, every check with its message, both published editions, and editions side by side in a hub.
@Suite struct StatisticalNeighbourImporterTests {
    let importer = StatisticalNeighbourListImporter()

    // MARK: Reading

    @Test func readsEachRowAsALinkOfTheEditionNamedInTheFileName() throws {
        let sink = try readNeighbours(neighbourFile, name: "stat_neighbours_2025_05_long.csv")
        #expect(sink.neighbours == [
            NeighbourRecord(edition: "2025-05", laCode: "301", rank: 1, neighbourLACode: "308", closeness: "Close"),
            NeighbourRecord(edition: "2025-05", laCode: "301", rank: 2, neighbourLACode: "821", closeness: "Close"),
            NeighbourRecord(edition: "2025-05", laCode: "308", rank: 1, neighbourLACode: "309", closeness: "Very close"),
            NeighbourRecord(edition: "2025-05", laCode: "308", rank: 2, neighbourLACode: "801", closeness: nil),
        ])
        #expect(sink.progress.last == neighbourFile.utf8.count)
    }

    @Test func columnsMayComeInAnyOrderWithOthersBesideThem() throws {
        let text = """
            \u{FEFF}sn_la_code,sn_rank,la_code,note\r
            "308",1,"301","Enfield, London"\r
            ,,,\r

            """
        let sink = try readNeighbours(text, name: "neighbours-2024-11.csv")
        #expect(sink.neighbours == [NeighbourRecord(edition: "2024-11", laCode: "301", rank: 1, neighbourLACode: "308")])
    }

    @Test(arguments: [
        ("stat_neighbours_2025_05_long.csv", "2025-05"),
        ("stat_neighbours_2021_04_long.csv", "2021-04"),
        ("sn-2024-11.csv", "2024-11"),
        ("neighbours202312.csv", "2023-12"),
        ("neighbours_20250422.csv", "2025-04"),
        ("v2 neighbours 2019_03.csv.gz", "2019-03"),
    ])
    func theEditionComesFromADateInTheFileName(fileName: String, edition: String) {
        #expect(NeighbourEdition.from(fileName: fileName) == edition)
    }

    @Test(arguments: [
        "stat_neighbours_long.csv",   // no date
        "stat_neighbours_2025.csv",   // a year without its month
        "stat_neighbours_2025_13.csv", // no 13th month
        "neighbours_123456.csv",      // no year 1234
        "neighbours_2025 05.csv",     // year and month must be joined by _ or -
    ])
    func aFileNameWithoutYearAndMonthHasNoEdition(fileName: String) {
        #expect(NeighbourEdition.from(fileName: fileName) == nil)
    }

    @Test func aFileWhoseNameCarriesNoEditionIsRejectedWithHowToRenameIt() throws {
        // Only the file's own name counts, not the folder it is in.
        let error = #expect(throws: InputRejected.self) {
            try readNeighbours(neighbourFile, name: "/exports/2019_03/stat_neighbours_long.csv")
        }
        #expect(error?.description == "/exports/2019_03/stat_neighbours_long.csv: the file name does not say which "
            + "edition of the neighbour lists this is: rename the file so that its name carries the edition's year "
            + "and month as YYYY_MM, YYYY-MM or YYYYMM (e.g. stat_neighbours_2025_05_long.csv for the May 2025 "
            + "edition) and import it again")
    }

    // MARK: Detection

    @Test func recognisesTheLongLayoutByItsHeader() {
        #expect(importer.detect(neighbourSource(neighbourFile, name: "anything.txt")) == 90)
        #expect(importer.detect(neighbourSource("\u{FEFF}" + neighbourFile, name: "with-bom.csv")) == 90)
        #expect(importer.detect(neighbourSource("sn_rank,sn_la_code,la_code\n1,308,301\n", name: "short.csv")) == 90)
    }

    @Test(arguments: [
        ("a GIAS register", "URN,LA (code),LA (name),EstablishmentName,TypeOfEstablishment (code)\n100000,201,City of London,A school,2\n"),
        ("a SEN2 return", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message><Header><CollectionDetails><Collection>SEN2</Collection>"),
        ("an EES table", "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,requests_received_in_year\n2019,Calendar year,National,E92000001,England,,,,,,All,All,82329\n"),
        ("the LA lookup with neighbours in one cell", "\u{FEFF}urn,la_code,la_code_new,stat_neighbours,stat_neighbours_la_code\n80486,301,E09000002,\"308, 821\",\"E09000010, E06000032\"\n"),
        ("an empty file", ""),
    ])
    func leavesOtherFilesAlone(what: String, head: String) {
        #expect(importer.detect(neighbourSource(head, name: "stat_neighbours_2025_05_long.csv")) == nil, "\(what)")
    }

    @Test func aFolderIsNotANeighbourList() throws {
        let file = neighbourInput(neighbourFile, name: "stat_neighbours_2025_05_long.csv")
        let folder = ImportSource(name: "exports", files: [file, file])
        #expect(importer.detect(folder) == nil)
        let error = #expect(throws: InputRejected.self) { try importer.read(folder, into: NeighbourCollectingSink()) }
        #expect(error?.description == "exports: a neighbour list is one CSV file, not a folder: import the file itself")
    }

    // MARK: Bad input

    @Test(arguments: badNeighbourFiles)
    func aBadFileIsRejectedNamingLineAndColumn(text: String, message: String) throws {
        let error = #expect(throws: InputRejected.self) { try readNeighbours(text, name: "sn_2025_05.csv") }
        #expect(error?.description == message)
    }

    // MARK: The published editions (the reference data folder, docs/testing.md)

    @Test(.enabled(if: sharedFolder != nil, "the reference data folder is absent (docs/testing.md)"), arguments: [
        // file, edition, rows, LAs, LA 301's closest neighbour
        ("stat_neighbours_2025_05_long.csv", "2025-05", 1580, 158,
         NeighbourRecord(edition: "2025-05", laCode: "301", rank: 1, neighbourLACode: "308", closeness: "Close")),
        ("stat_neighbours_2021_04_long.csv", "2021-04", 1560, 156,
         NeighbourRecord(edition: "2021-04", laCode: "301", rank: 1, neighbourLACode: "203", closeness: "Close")),
    ])
    func eachPublishedEditionReadsWhole(file: String, edition: String, rows: Int, authorities: Int,
                                        closestToBarkingAndDagenham: NeighbourRecord) throws {
        let path = "\(sharedFolder!)/data/reference/\(file)"
        let source = try InputOpener().source(path: path)
        #expect(importer.detect(source) == 90)
        let sink = NeighbourCollectingSink()
        try importer.read(source, into: sink)
        #expect(sink.neighbours.count == rows)
        #expect(Set(sink.neighbours.map(\.edition)) == [edition])
        #expect(Set(sink.neighbours.map(\.laCode)).count == authorities)
        #expect(sink.neighbours.contains(closestToBarkingAndDagenham))
        // Directed lists: the City of London lists Camden, Camden does not list the City.
        #expect(sink.neighbours.contains { $0.laCode == "201" && $0.neighbourLACode == "202" })
        #expect(!sink.neighbours.contains { $0.laCode == "202" && $0.neighbourLACode == "201" })
    }

    // MARK: Through the host

    @Test(.enabled(if: sharedFolder != nil, "the reference data folder is absent (docs/testing.md)"))
    func the2021EditionSitsBesideTheBundled2025Edition() throws {
        let hub = try NeighbourHub()
        defer { hub.folder.remove() }
        try BundledReference.load(from: "\(packageRoot)/Datasets", into: hub.store)
        guard case let .imported(entry, replaced, _) = hub.importPath(
            "\(sharedFolder!)/data/reference/stat_neighbours_2021_04_long.csv") else {
            Issue.record("not imported")
            return
        }
        #expect((entry.importerID, entry.scope, entry.records) == ("statistical-neighbours", "statistical-neighbours/2021-04", 1560))
        #expect(replaced == nil)
        #expect(try editionCounts(hub.store) == [
            [.text("2021-04"), .integer(1560), .integer(1560)],
            [.text("2025-05"), .integer(1580), .integer(0)],  // bundled: no import
        ])
    }

    @Test func anEditionImportedAgainReplacesItselfAndLeavesTheOthers() throws {
        let hub = try NeighbourHub()
        defer { hub.folder.remove() }
        try BundledReference.load(from: "\(packageRoot)/Datasets", into: hub.store)
        let first = try hub.folder.write("stat_neighbours_2021_04_long.csv", header
            + "301,E09000002,Barking and Dagenham,1,203,E09000011,Greenwich,Close\n"
            + "301,E09000002,Barking and Dagenham,2,316,E09000025,Newham,Close\n")
        let corrected = try hub.folder.write("neighbours-2021-04-corrected.csv", header
            + "301,E09000002,Barking and Dagenham,1,316,E09000025,Newham,Close\n")
        guard case let .imported(firstEntry, _, _) = hub.importPath(first),
              case let .imported(secondEntry, replaced, _) = hub.importPath(corrected) else {
            Issue.record("not imported")
            return
        }
        #expect(replaced?.id == firstEntry.id)
        #expect(try hub.store.database.rows(
            "SELECT la_code, rank, neighbour_la_code, import_id FROM statistical_neighbours WHERE edition = '2021-04'")
            == [[.text("301"), .integer(1), .text("316"), .integer(secondEntry.id)]])
        #expect(try editionCounts(hub.store) == [
            [.text("2021-04"), .integer(1), .integer(1)],
            [.text("2025-05"), .integer(1580), .integer(0)],
        ])
        let history = try ImportLedger(database: hub.store.database).entries(dataset: "statistical-neighbours")
        #expect(history.map(\.id) == [secondEntry.id, firstEntry.id])
        #expect(history.map(\.supersededBy) == [nil, secondEntry.id])
    }

    /// Rows, and rows that came from an import, per edition.
    private func editionCounts(_ store: Store) throws -> [[SQLValue]] {
        try store.database.rows("""
            SELECT edition, count(*), count(import_id) FROM statistical_neighbours GROUP BY edition ORDER BY edition
            """)
    }
}

// MARK: Fixtures

/// Bad files and the exact rejection each gets.
private let badNeighbourFiles: [(String, String)] = [
    ("", "sn_2025_05.csv:1: the file is empty"),
    ("la_code,la_name,sn_la_code\n301,Barking and Dagenham,308\n",
     "sn_2025_05.csv:1: not a DfE statistical neighbours file (long layout): missing column(s) sn_rank"),
    (header, "sn_2025_05.csv:2: there are no neighbour rows below the header"),
    (header + "301,E09000002,Barking and Dagenham,11,308,E09000010,Enfield,Close\n",
     "sn_2025_05.csv:2:4: sn_rank '11' is not a rank from 1 to 10"),
    (header + "301,E09000002,Barking and Dagenham,0,308,E09000010,Enfield,Close\n",
     "sn_2025_05.csv:2:4: sn_rank '0' is not a rank from 1 to 10"),
    (header + "301,E09000002,Barking and Dagenham,first,308,E09000010,Enfield,Close\n",
     "sn_2025_05.csv:2:4: sn_rank 'first' is not a rank from 1 to 10"),
    (header + "301,E09000002,Barking and Dagenham,,308,E09000010,Enfield,Close\n",
     "sn_2025_05.csv:2:4: sn_rank '' is not a rank from 1 to 10"),
    (header + "30,E09000002,Barking and Dagenham,1,308,E09000010,Enfield,Close\n",
     "sn_2025_05.csv:2:1: la_code '30' is not a 3-digit DfE LA code (e.g. 301)"),
    (header + "301,E09000002,Barking and Dagenham,1,E09000010,E09000010,Enfield,Close\n",
     "sn_2025_05.csv:2:5: sn_la_code 'E09000010' is not a 3-digit DfE LA code (e.g. 301)"),
    (header + "301,E09000002,Barking and Dagenham,1,301,E09000002,Barking and Dagenham,Close\n",
     "sn_2025_05.csv:2:5: LA 301 lists itself as its neighbour of rank 1"),
    (header + "301,E09000002,Barking and Dagenham,1,308,E09000010,Enfield,Close\n"
        + "301,E09000002,Barking and Dagenham,1,821,E06000032,Luton,Close\n",
     "sn_2025_05.csv:3:4: LA 301 has a second neighbour of rank 1 (the first is on line 2)"),
    (header + "301,E09000002,Barking and Dagenham,1,308,E09000010,Enfield,Close\n"
        + "301,E09000002,Barking and Dagenham,2,308,E09000010,Enfield,Close\n",
     "sn_2025_05.csv:3:5: LA 301 lists 308 a second time (already rank 1 on line 2)"),
    (header + "301,E09000002,Barking and Dagenham,1,308,E09000010,Enfield,Close,extra\n",
     "sn_2025_05.csv:2: this row has 9 fields, the header has 8: a value with a comma needs quotes"),
    (header + "301,E09000002,\"Barking and Dagenham,1,308,E09000010,Enfield,Close\n",
     "sn_2025_05.csv:2: a quoted field that starts on line 2 is never closed"),
]

private let header = "la_code,new_la_code,la_name,sn_rank,sn_la_code,sn_new_la_code,sn_la_name,closeness\n"

/// Two short lists: Barking and Dagenham lists Enfield, Enfield does not list it back.
private let neighbourFile = header + """
    301,E09000002,Barking and Dagenham,1,308,E09000010,Enfield,Close
    301,E09000002,Barking and Dagenham,2,821,E06000032,Luton,Close
    308,E09000010,Enfield,1,309,E09000014,Haringey,Very close
    308,E09000010,Enfield,2,801,E06000023,"Bristol, City of",

    """

private func neighbourInput(_ text: String, name: String) -> InputFile {
    let bytes = Array(text.utf8)
    return InputFile(name: name, head: Array(bytes.prefix(4096))) { MemoryByteStream(bytes, chunk: 7) }
}

private func neighbourSource(_ text: String, name: String) -> ImportSource {
    ImportSource(name: name, files: [neighbourInput(text, name: name)])
}

@discardableResult
private func readNeighbours(_ text: String, name: String) throws -> NeighbourCollectingSink {
    let sink = NeighbourCollectingSink()
    try StatisticalNeighbourListImporter().read(neighbourSource(text, name: name), into: sink)
    return sink
}

/// A ``RecordSink`` that keeps the neighbour links and progress reports it is given.
final class NeighbourCollectingSink: RecordSink {
    private(set) var neighbours: [NeighbourRecord] = []
    private(set) var progress: [Int] = []

    func beginReturn(_ header: ReturnHeader) throws { Issue.record("unexpected SEN2 return") }
    func person(_ person: PersonRecord) throws { Issue.record("unexpected person") }
    func neighbour(_ row: NeighbourRecord) throws { neighbours.append(row) }
    func issue(_ issue: ImportIssue) throws { Issue.record("unexpected issue \(issue)") }
    func progress(bytesRead: Int) { progress.append(bytesRead) }
}

/// A store and the host's import runner with this plugin's importers, as `hnhub import` runs them.
struct NeighbourHub {
    let folder: TemporaryFolder
    let store: Store
    let runner: ImportRunner

    init() throws {
        folder = try TemporaryFolder()
        store = try Store(path: folder.file("hub.sqlite"))
        runner = ImportRunner(catalog: catalog(importers: StatisticalNeighbourImporter.importers), opener: InputOpener(), store: store,
                              secret: try HubSecret.create(path: folder.file("hub.secret")))
    }

    func importPath(_ path: String) -> ImportOutcome {
        let outcomes = runner.run(path: path)
        #expect(outcomes.count == 1)
        return outcomes[0]
    }
}
