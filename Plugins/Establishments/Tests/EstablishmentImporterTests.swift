import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import PluginHost
import Pseudonymisation
import Testing
@testable import EstablishmentImporter

/// The GIAS establishment register: Windows-1252 names, UTF-8 re-saves, detection by header, every
/// check with its message, and a new register replacing the old one in a hub.
@Suite struct EstablishmentImporterTests {
    let importer = GIASEstablishmentImporter()

    // MARK: Reading

    @Test func readsAWindows1252RegisterWithItsNonASCIINames() throws {
        let bytes = windows1252(register)
        // The fixture really is Windows-1252: a single byte for ’ and for ë.
        #expect(bytes.contains(0x92) && bytes.contains(0xEB))
        let sink = try readRegister(bytes)
        #expect(sink.establishments == registerRecords)
        #expect(sink.progress.last == bytes.count)
    }

    @Test func aUTF8FileWithAByteOrderMarkReadsTheSame() throws {
        let sink = try readRegister([0xEF, 0xBB, 0xBF] + Array(register.utf8))
        #expect(sink.establishments == registerRecords)
    }

    @Test func aUTF8FileIsKnownByItsFirstNonASCIINameEvenPastTheDetectionHead() throws {
        let bytes = Array(register.utf8)
        let sink = try readRegister(bytes, headSize: 64)
        #expect(sink.establishments.map(\.name) == registerRecords.map(\.name))
    }

    @Test func aWindows1252FileIsKnownByItsFirstNonASCIINameEvenPastTheDetectionHead() throws {
        let sink = try readRegister(windows1252(register), headSize: 64)
        #expect(sink.establishments.map(\.name) == registerRecords.map(\.name))
    }

    @Test func closedEstablishmentsStayInTheRegisterWithTheirStatus() throws {
        let sink = try readRegister(windows1252(register))
        #expect(sink.establishments.map(\.status) == ["Open", "Closed", "Open, but proposed to close"])
    }

    @Test(arguments: [
        ("SW1A 1AA", "SW1A"),
        ("sw1a1aa", "SW1A"),
        (" M1  1AE ", "M1"),
        ("BD22 8DR", "BD22"),
        ("SW1A", nil),       // already only an outward code: not a postcode
        ("Not known", nil),
        ("12345", nil),
        ("BD22 8D1", nil),
    ] as [(String, String?)])
    func postcodesAreCutToTheirOutwardCode(postcode: String, outward: String?) {
        #expect(OutwardCode.of(postcode) == outward)
    }

    // MARK: Detection

    @Test func recognisesTheRegisterByItsHeader() {
        #expect(importer.detect(registerSource(windows1252(register))) == 90)
        #expect(importer.detect(registerSource([0xEF, 0xBB, 0xBF] + Array(register.utf8))) == 90)
        let quoted = "\"URN\",\"LA (code)\",\"TypeOfEstablishment (code)\"\r\n\"100000\",\"201\",\"2\"\r\n"
        #expect(importer.detect(registerSource(Array(quoted.utf8))) == 90)
    }

    @Test(arguments: [
        ("a neighbour list", "la_code,new_la_code,la_name,sn_rank,sn_la_code,sn_new_la_code,sn_la_name,closeness\n301,E09000002,Barking and Dagenham,1,308,E09000010,Enfield,Close\n"),
        ("a SEN2 return", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message><Header><CollectionDetails><Collection>SEN2</Collection>"),
        ("an EES table", "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,requests_received_in_year\n2019,Calendar year,National,E92000001,England,,,,,,All,All,82329\n"),
        ("the GIAS type list", "establishment-type-group-code,establishment-type-group-name,type-of-establishment-code,type-of-establishment-name\n4,Special schools,7,Community special school\n"),
        ("the LA lookup with a urn column", "\u{FEFF}urn,la_code,la_code_new,stat_neighbours\n80486,301,E09000002,\"308, 821\"\n"),
        ("a register without its type code", "URN,LA (code),LA (name),EstablishmentName\n100000,201,City of London,A school\n"),
        ("an empty file", ""),
    ])
    func leavesOtherFilesAlone(what: String, head: String) {
        #expect(importer.detect(registerSource(Array(head.utf8))) == nil, "\(what)")
    }

    @Test func aFolderIsNotARegister() throws {
        let file = registerInput(windows1252(register), name: "edubasealldata20250422.csv")
        let folder = ImportSource(name: "downloads", files: [file, file])
        #expect(importer.detect(folder) == nil)
        let error = #expect(throws: InputRejected.self) { try importer.read(folder, into: EstablishmentCollectingSink()) }
        #expect(error?.description == "downloads: the establishment register is one CSV file, not a folder: import the file itself")
    }

    @Test func eastingAndNorthingAreKeptWhenTheFileHasThem() throws {
        let text = locatedHeader + "100000,201,A school,7,Open,SW1A 1AA,529090,179645\n100001,201,Another,7,Open,SW1A 1AA,,\n"
        let sink = try readRegister(Array(text.utf8))
        #expect(sink.establishments.map { [$0.easting, $0.northing] } == [[529_090, 179_645], [nil, nil]])
    }

    // MARK: Bad input

    @Test(arguments: badRegisters)
    func aBadFileIsRejectedNamingLineAndColumn(text: String, message: String) throws {
        let error = #expect(throws: InputRejected.self) { try readRegister(Array(text.utf8), name: "gias.csv") }
        #expect(error?.description == message)
    }

    // MARK: Through the host

    @Test func aNewRegisterReplacesTheOldOneWhichStaysInHistory() throws {
        let hub = try RegisterHub()
        defer { hub.folder.remove() }
        let april = try hub.folder.write("edubasealldata20250422.csv", bytes: windows1252(register))
        let may = try hub.folder.write("edubasealldata20250520.csv", bytes: windows1252(shortHeader + """
            131001,888,St Mary’s Church of England Primary School,2,Open,PR1 2AB
            140002,335,Hope Academy,28,Open,WS1 1AA

            """))
        guard case let .imported(first, _, _) = hub.importPath(april) else {
            Issue.record("the April register was not imported")
            return
        }
        #expect((first.importerID, first.scope, first.records) == ("gias-establishments", "establishments", 3))
        #expect(try hub.store.database.rows("SELECT name FROM establishments WHERE urn = '107320'")
            == [[.text("Brontë House Special School")]])

        guard case let .imported(second, replaced, _) = hub.importPath(may) else {
            Issue.record("the May register was not imported")
            return
        }
        #expect(replaced?.id == first.id)
        #expect(try hub.store.database.rows("SELECT urn, name, import_id FROM establishments ORDER BY urn") == [
            [.text("131001"), .text("St Mary’s Church of England Primary School"), .integer(second.id)],
            [.text("140002"), .text("Hope Academy"), .integer(second.id)],
        ])
        let history = try ImportLedger(database: hub.store.database).entries(dataset: "establishments")
        #expect(history.map(\.id) == [second.id, first.id])
        #expect(history.map(\.supersededBy) == [nil, second.id])
        #expect(history.map(\.records) == [2, 3])
    }
}

// MARK: Fixtures

/// Bad files and the exact rejection each gets.
private let badRegisters: [(String, String)] = [
    ("", "gias.csv:1: the file is empty"),
    ("URN,LA (code),EstablishmentName\n100000,201,A school\n",
     "gias.csv:1: not a GIAS establishment file: missing column(s) TypeOfEstablishment (code); "
        + "download \"All establishment data\" from Get Information about Schools and import that file"),
    ("urn,LA,EstablishmentName\n100000,201,A school\n",
     "gias.csv:1: not a GIAS establishment file: missing column(s) URN, LA (code), TypeOfEstablishment (code); "
        + "download \"All establishment data\" from Get Information about Schools and import that file"),
    (shortHeader, "gias.csv:2: there are no establishments below the header"),
    (shortHeader + "10000A,201,A school,2,Open,SW1A 1AA\n", "gias.csv:2:1: URN '10000A' is not a URN (digits only, e.g. 100000)"),
    (shortHeader + "１０００００,201,A school,2,Open,SW1A 1AA\n", "gias.csv:2:1: URN '１０００００' is not a URN (digits only, e.g. 100000)"),
    (shortHeader + " ,201,A school,2,Open,SW1A 1AA\n", "gias.csv:2:1: URN is empty: every establishment needs its URN"),
    (shortHeader + "100000,201,A school,Seven,Open,SW1A 1AA\n",
     "gias.csv:2:4: TypeOfEstablishment (code) 'Seven' is not a number (a GIAS type code, e.g. 7)"),
    (shortHeader + "100000,201,A school,-7,Open,SW1A 1AA\n",
     "gias.csv:2:4: TypeOfEstablishment (code) '-7' is not a number (a GIAS type code, e.g. 7)"),
    (shortHeader + "100000,201,A school, Academy,2,Open,SW1A 1AA\n",
     "gias.csv:2: this row has 7 fields, the header has 6: a value with a comma or a line break needs quotes"),
    (shortHeader + "100000,201,A school,2,Open,SW1A 1AA\n100000,201,The same school,2,Closed,SW1A 1AA\n",
     "gias.csv:3:1: URN 100000 appears a second time (first on line 2): a register lists each establishment once"),
    (shortHeader + "100000,201,\"A school,2,Open,SW1A 1AA\n", "gias.csv:2: a quoted field that starts on line 2 is never closed"),
    (locatedHeader + "100000,201,A school,7,Open,SW1A 1AA,52909O,179645\n",
     "gias.csv:2:7: Easting '52909O' is not a grid reference in metres (a whole number from 0 to 700000); leave it blank when unknown"),
    (locatedHeader + "100000,201,A school,7,Open,SW1A 1AA,529090,1796450\n",
     "gias.csv:2:8: Northing '1796450' is not a grid reference in metres (a whole number from 0 to 1300000); leave it blank when unknown"),
]

private let locatedHeader = "URN,LA (code),EstablishmentName,TypeOfEstablishment (code),EstablishmentStatus (name),Postcode,Easting,Northing\n"

/// GIAS columns in GIAS's order, with some the importer ignores between them.
private let register = """
    URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (code),TypeOfEstablishment (name),EstablishmentTypeGroup (name),EstablishmentStatus (code),EstablishmentStatus (name),PhaseOfEducation (code),PhaseOfEducation (name),Postcode,UKPRN\r
    131001,888,Lancashire,3456,St Mary’s Church of England Primary School,2,Voluntary aided school,Local authority maintained schools,1,Open,2,Primary,PR1 2AB,10071234\r
    107320,380,Bradford,7001,Brontë House Special School,7,Community special school,Special schools,2,Closed,0,Not applicable,bd22  8dr,\r
    148765,380,Bradford,6002,"Hope, Learning Centre",10,Other independent special school,Independent schools,4,"Open, but proposed to close",0,Not applicable,,10089999\r

    """

private let registerRecords = [
    EstablishmentRecord(urn: "131001", laCode: "888", name: "St Mary’s Church of England Primary School", typeCode: 2,
                        typeName: "Voluntary aided school", phase: "Primary", status: "Open", ukprn: "10071234",
                        postcodeDistrict: "PR1"),
    EstablishmentRecord(urn: "107320", laCode: "380", name: "Brontë House Special School", typeCode: 7,
                        typeName: "Community special school", phase: "Not applicable", status: "Closed", ukprn: nil,
                        postcodeDistrict: "BD22"),
    EstablishmentRecord(urn: "148765", laCode: "380", name: "Hope, Learning Centre", typeCode: 10,
                        typeName: "Other independent special school", phase: "Not applicable",
                        status: "Open, but proposed to close", ukprn: "10089999", postcodeDistrict: nil),
]

private let shortHeader = "URN,LA (code),EstablishmentName,TypeOfEstablishment (code),EstablishmentStatus (name),Postcode\n"

/// `text` as GIAS writes it: one byte per character, Windows-1252.
private func windows1252(_ text: String) -> [UInt8] {
    let beyondLatin1: [Unicode.Scalar: UInt8] = ["‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96]
    return text.unicodeScalars.map { scalar in
        scalar.value < 0x80 || (0xA0..<0x100).contains(scalar.value) ? UInt8(scalar.value) : beyondLatin1[scalar]!
    }
}

private func registerInput(_ bytes: [UInt8], name: String, headSize: Int = 4096) -> InputFile {
    InputFile(name: name, head: Array(bytes.prefix(headSize))) { MemoryByteStream(bytes, chunk: 5) }
}

private func registerSource(_ bytes: [UInt8], name: String = "edubasealldata20250422.csv", headSize: Int = 4096) -> ImportSource {
    ImportSource(name: name, files: [registerInput(bytes, name: name, headSize: headSize)])
}

@discardableResult
private func readRegister(_ bytes: [UInt8], name: String = "edubasealldata20250422.csv",
                          headSize: Int = 4096) throws -> EstablishmentCollectingSink {
    let sink = EstablishmentCollectingSink()
    try GIASEstablishmentImporter().read(registerSource(bytes, name: name, headSize: headSize), into: sink)
    return sink
}

/// A ``RecordSink`` that keeps the establishments and progress reports it is given.
final class EstablishmentCollectingSink: RecordSink {
    private(set) var establishments: [EstablishmentRecord] = []
    private(set) var progress: [Int] = []

    func beginReturn(_ header: ReturnHeader) throws { Issue.record("unexpected SEN2 return") }
    func person(_ person: PersonRecord) throws { Issue.record("unexpected person") }
    func establishment(_ establishment: EstablishmentRecord) throws { establishments.append(establishment) }
    func issue(_ issue: ImportIssue) throws { Issue.record("unexpected issue \(issue)") }
    func progress(bytesRead: Int) { progress.append(bytesRead) }
}

/// A store and the host's import runner with this plugin's importer, as `hnhub import` runs it.
struct RegisterHub {
    let folder: TemporaryFolder
    let store: Store
    let runner: ImportRunner

    init() throws {
        folder = try TemporaryFolder()
        store = try Store(path: folder.file("hub.sqlite"))
        runner = ImportRunner(catalog: catalog(importers: [GIASEstablishmentImporter()]), opener: InputOpener(), store: store,
                              secret: try HubSecret.create(path: folder.file("hub.secret")))
    }

    func importPath(_ path: String) -> ImportOutcome {
        let outcomes = runner.run(path: path)
        #expect(outcomes.count == 1)
        return outcomes[0]
    }
}
