import Foundation
import HubKit
import HubTestSupport
import InputFiles
import Testing
@testable import SEN2BladeImporter
import SEN2XMLImporter

/// The COLLECT Blade CSV importer: the nine tables of an export are written into a temporary
/// folder and opened the way the host opens a folder, then read into a collecting sink.
@Suite struct SEN2BladeImporterTests {
    // MARK: A full person

    @Test func readsEveryModuleOfOnePerson() throws {
        let (sink, folder) = try importBlade(BladeTestExport())
        defer { folder.remove() }
        let person = RecordLocation(index: 1, line: 2, file: folder.file("Blade-Export_20-01-2025_person.csv"))
        #expect(sink.persons == [fullPerson2025Record(at: person)])
        #expect(sink.fileIssues.isEmpty)
    }

    @Test func readsTheHeaderFromTheSen2TableBeforeThePersons() throws {
        var export = BladeTestExport()
        export.tables["person"]! += "12,,2,1,1,Jones,Sam,2013-Apr-05 00:00:00,M,WBRI,,,,UN2\n"
        let (sink, folder) = try importBlade(export)
        defer { folder.remove() }
        #expect(sink.events == ["beginReturn", "person 1", "person 2"])
        #expect(sink.headers == [ReturnHeader(collection: "SEN2", collectionYear: 2025,
                                              referenceDate: Day(year: 2025, month: 1, day: 16)!, laCode: "201",
                                              software: "Case System", release: "ver 3.1.21", serialNumber: "001",
                                              createdAt: "2025-01-20T11:14:05", sourceLevel: "L",
                                              designatedOfficers: DesignatedOfficers(medical: "Y", clinical: "N"))])
        #expect(sink.persons.map(\.location.line) == [2, 3])
        #expect(sink.persons[1].identifiers.surname == "Jones")
        #expect(sink.persons[1].requests.isEmpty)
        #expect(sink.progress.last == export.totalBytes)
    }

    @Test func producesTheSameRecordsAsTheSameReturnInXML() throws {
        let (blade, folder) = try importBlade(BladeTestExport())
        defer { folder.remove() }
        let xml = BladeCollectingSink()
        let message = Array(sen2Message(persons: fullPerson2025).utf8)
        try SEN2XMLImporter().read(ImportSource(name: "return.xml", files: [
            InputFile(name: "return.xml", head: message) { BladeTestByteStream(message) },
        ]), into: xml)

        #expect(blade.headers == xml.headers)
        var fromBlade = try #require(blade.persons.first)
        var fromXML = try #require(xml.persons.first)
        fromBlade.location = RecordLocation(index: 1)
        fromXML.location = RecordLocation(index: 1)
        #expect(fromBlade == fromXML)
    }

    // MARK: Values

    @Test func acceptsCollectAndISODates() throws {
        var export = BladeTestExport()
        export.tables["requests"] = """
            requeststableid,persontableid,receiveddate,requestoutcomedate
            21,11,2024-Feb-01 00:00:00,2024-03-01
            22,11,2024-feb-02,2024-03-02T00:00:00
            23,11,2024-DEC-31 00:00:00,2024-03-03 00:00:00

            """
        let (sink, folder) = try importBlade(export)
        defer { folder.remove() }
        let requests = try #require(sink.persons.first).requests
        #expect(requests.map(\.receivedDate) == [Day(year: 2024, month: 2, day: 1), Day(year: 2024, month: 2, day: 2),
                                                 Day(year: 2024, month: 12, day: 31)])
        #expect(requests.map(\.requestOutcomeDate) == [Day(year: 2024, month: 3, day: 1), Day(year: 2024, month: 3, day: 2),
                                                       Day(year: 2024, month: 3, day: 3)])
        #expect(sink.persons[0].issues.isEmpty)
    }

    @Test func reportsUnreadableValuesWithTheirPathRowAndValue() throws {
        var export = BladeTestExport()
        export.tables["person"] = """
            persontableid,surname,forename,personbirthdate,sex
            11,Smith,Alex,04/03/2012,F

            """
        export.tables["assessment"] = """
            assessmenttableid,requeststableid,assessmentoutcome,assessmentoutcomedate,week20
            31,21,Y,2024-Jun-31 00:00:00,yes

            """
        export.tables["plandetail"] = """
            plandetailtableid,namedplantableid,urn,placementrank
            51,41,100001,first

            """
        let (sink, folder) = try importBlade(export)
        defer { folder.remove() }
        let issues = try #require(sink.persons.first).issues
        #expect(issues.map(\.ruleID) == ["SEN2-FMT-DATE", "SEN2-FMT-DATE", "SEN2-FMT-BOOL", "SEN2-FMT-NUMBER"])
        #expect(issues.map(\.path) == ["PersonBirthDate", "Requests[1]/Assessment/AssessmentOutcomeDate",
                                       "Requests[1]/Assessment/Week20",
                                       "Requests[1]/Assessment/NamedPlan/PlanDetail[1]/PlacementRank"])
        #expect(issues.map(\.value) == ["04/03/2012", "2024-Jun-31 00:00:00", "yes", "first"])
        #expect(issues.map(\.isPersonal) == [true, false, false, false])
        #expect(issues.allSatisfy { $0.severity == .error })
        #expect(issues[0].location == RecordLocation(index: 1, line: 2, file: folder.file("Blade-Export_20-01-2025_person.csv")))
        #expect(issues[3].location == RecordLocation(index: 1, line: 2,
                                                     file: folder.file("Blade-Export_20-01-2025_plandetail.csv")))
        #expect(issues[2].message == "Week20 must be 1 or 0 (true or false is accepted)")
        let person = sink.persons[0]
        #expect(person.birthDate == nil)
        #expect(person.requests[0].assessment?.week20 == nil)
        #expect(person.requests[0].assessment?.namedPlan?.planDetails[0].urn == "100001")
    }

    @Test func reads2023GenderCurrentAndResWBPOnActivePlans() throws {
        var export = BladeTestExport()
        export.tables["sen2"] = """
            sen2tableid,collection,year,referencedate,lea
            1,SEN2,2023,2023-Jan-19 00:00:00,201

            """
        export.tables["person"] = """
            persontableid,surname,gendercurrent
            11,A,1
            12,B,2
            13,C,0
            14,D,9
            15,E,3

            """
        export.tables["activeplans"] = """
            activeplanstableid,requeststableid,res,wbp
            61,21,a,t

            """
        export.tables["placementdetail"] = """
            placementdetailtableid,activeplanstableid,urn,placementrank,attendancepattern
            71,61,100001,1,F

            """
        let (sink, folder) = try importBlade(export)
        defer { folder.remove() }
        #expect(sink.headers.first?.collectionYear == 2023)
        #expect(sink.persons.map(\.sex) == ["M", "F", "U", "U", "3"])
        let active = try #require(sink.persons.first?.requests.first?.activePlans)
        #expect(active.res == "A")
        #expect(active.wbp == "T")
        #expect(active.placements.map(\.urn) == ["100001"])
        #expect(active.placements.map(\.res) == [nil])
    }

    @Test func readsWindows1252AndIgnoresUnknownColumns() throws {
        var export = BladeTestExport()
        export.tables["person"] = nil
        let (sink, folder) = try importBlade(export) { folder in
            let header = Array("persontableid,NativeId,surname,forename,futurecolumn\r\n".utf8)
            let row = Array("11,7,".utf8) + [0x4F, 0x27, 0x42, 0x72, 0x69, 0x65, 0x6E] + Array(",Zo".utf8) + [0xEB]
                + Array(",x\r\n".utf8)
            try folder.write("Blade-Export_20-01-2025_person.csv", bytes: header + row)
        }
        defer { folder.remove() }
        let person = try #require(sink.persons.first)
        #expect(person.identifiers.surname == "O'Brien")
        #expect(person.identifiers.forename == "Zoë")
        #expect(person.requests.count == 1)
    }

    @Test func keepsTheFirstOfTwoAssessmentsUnderOneRequest() throws {
        var export = BladeTestExport()
        export.tables["assessment"]! += "32,,2,1,21,N,2024-Jul-01 00:00:00,0,0,0,0,0\n"
        let (sink, folder) = try importBlade(export)
        defer { folder.remove() }
        let person = try #require(sink.persons.first)
        #expect(person.requests[0].assessment?.assessmentOutcome == "Y")
        #expect(person.issues.map(\.ruleID) == ["SEN2-STRUCT-REPEATED"])
        #expect(person.issues.map(\.path) == ["Requests[1]/Assessment"])
        #expect(person.issues.first?.location?.line == 3)
    }

    @Test func ordersRowsUnderOneParentByTheOrderSeqColumn() throws {
        var export = BladeTestExport()
        export.tables["senneed"] = """
            senneedtableid,senneedorderseqcolumn,activeplanstableid,sentype,sentyperank
            82,9,61,SLCN,2
            81,4,61,ASD,1

            """
        let (sink, folder) = try importBlade(export)
        defer { folder.remove() }
        let needs = try #require(sink.persons.first?.requests.first?.activePlans).needs
        #expect(needs.map(\.senType) == ["ASD", "SLCN"])
    }

    // MARK: Links

    @Test func reportsOrphanRowsOnceAndLeavesThemOut() throws {
        var export = BladeTestExport()
        export.tables["requests"]! += "22,,2,1,99,2024-Feb-01 00:00:00,2,0,,A,0,0,\n"
        export.tables["assessment"]! += "32,,2,1,22,A,,0,0,0,0,0\n"  // under the orphan: not reported again
        export.tables["placementdetail"]! += "72,,2,1,,100002,,,,1,2024-Sep-01 00:00:00,,0,0,,\n"
        let (sink, folder) = try importBlade(export)
        defer { folder.remove() }
        let person = try #require(sink.persons.first)
        #expect(person.requests.count == 1)
        #expect(person.requests[0].activePlans?.placements.count == 1)
        #expect(person.issues.isEmpty)
        let requests = folder.file("Blade-Export_20-01-2025_requests.csv")
        let placements = folder.file("Blade-Export_20-01-2025_placementdetail.csv")
        #expect(sink.fileIssues == [
            ImportIssue(ruleID: "SEN2-BLADE-ORPHAN", severity: .error,
                        message: "\(requests) line 3: persontableid 99 matches no row of the person table; "
                            + "the requests row and the rows below it belong to no person and were left out",
                        path: "persontableid", value: "99"),
            ImportIssue(ruleID: "SEN2-BLADE-ORPHAN", severity: .error,
                        message: "\(placements) line 3: the row has no activeplanstableid; "
                            + "the placementdetail row and the rows below it belong to no person and were left out",
                        path: "activeplanstableid"),
        ])
        #expect(sink.events.first == "beginReturn")
    }

    @Test func rejectsRepeatedTableIDs() {
        var export = BladeTestExport()
        export.tables["requests"]! += "21,,2,1,11,2024-Feb-01 00:00:00,2,0,,A,0,0,\n"
        let error = bladeRejection(export)
        #expect(error?.file?.hasSuffix("Blade-Export_20-01-2025_requests.csv") == true)
        #expect(error?.line == 3)
        #expect(error?.message.hasPrefix("requeststableid 21 is on line 2 too") == true)
    }

    // MARK: Rejections

    @Test func rejectsATableWithoutItsParentIDColumn() {
        var export = BladeTestExport()
        export.tables["requests"] = "requeststableid,personid,receiveddate\n21,11,2024-Feb-01 00:00:00\n"
        let error = bladeRejection(export)
        #expect(error?.file?.hasSuffix("Blade-Export_20-01-2025_requests.csv") == true)
        #expect(error?.line == 1)
        #expect(error?.message == "the requests table has no `persontableid` column, which links each row to its person row")
    }

    @Test func rejectsAHeaderTableWithoutTheLAOrWithBadValues() {
        let cases: [(sen2: String, message: String)] = [
            ("sen2tableid,year,referencedate\n1,2025,2025-Jan-16 00:00:00\n",
             "the sen2 table has no `lea` column: it carries the return's header"),
            ("sen2tableid,year,referencedate,lea\n1,2025,2025-Jan-16 00:00:00,\n", "the sen2 table has no `lea` value"),
            ("sen2tableid,year,referencedate,lea\n1,2025,16/01/2025,201\n",
             "referencedate \"16/01/2025\" is not a date (YYYY-Mon-DD or YYYY-MM-DD)"),
            ("sen2tableid,year,referencedate,lea\n1,25,2025-Jan-16 00:00:00,201\n", "year \"25\" is not a year (YYYY)"),
            ("sen2tableid,collection,year,referencedate,lea\n1,SEN1,2025,2025-Jan-16,201\n",
             "collection is \"SEN1\", not SEN2: this importer reads SEN2 returns only"),
            ("sen2tableid,year,referencedate,lea\n", "the sen2 table has no rows: it carries the return's header"),
        ]
        for (sen2, message) in cases {
            var export = BladeTestExport()
            export.tables["sen2"] = sen2
            let error = bladeRejection(export)
            #expect(error?.message == message)
            #expect(error?.file?.hasSuffix("Blade-Export_20-01-2025_sen2.csv") == true)
        }
    }

    @Test func rejectsTwoPersonTablesOrNoPersonTable() throws {
        var twice = BladeTestExport()
        twice.tables["person-copy"] = twice.tables["person"]
        #expect(bladeRejection(twice)?.message.contains("are both person tables") == true)

        var without = BladeTestExport()
        without.tables["person"] = nil
        #expect(bladeRejection(without)?.message
            == "no person table among the files (a CSV whose header has persontableid): "
            + "this is not a COLLECT Blade export of a SEN2 return")
    }

    // MARK: Detection and table recognition

    @Test func detectsAnExportFromItsHeaderRows() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try BladeTestExport().write(to: folder)
        #expect(SEN2BladeImporter().detect(try InputOpener().source(path: folder.path)) == 95)

        var minimal = BladeTestExport()
        minimal.tables = minimal.tables.filter { ["sen2", "person"].contains($0.key) }
        let small = try TemporaryFolder()
        defer { small.remove() }
        try minimal.write(to: small)
        #expect(SEN2BladeImporter().detect(try InputOpener().source(path: small.path)) == 95)
    }

    @Test func detectsNothingInOtherInputs() throws {
        let importer = SEN2BladeImporter()
        let xml = Array(sen2Message(persons: fullPerson2025).utf8)
        #expect(importer.detect(bladeSource(["return.xml": xml])) == nil)
        let gias = Array("URN,LA (code),LA (name),EstablishmentName\n100001,201,City of London,Sir John Cass\n".utf8)
        #expect(importer.detect(bladeSource(["edubasealldata.csv": gias])) == nil)
        let export = BladeTestExport()
        let person = Array(export.tables["person"]!.utf8)
        #expect(importer.detect(bladeSource(["person.csv": person])) == nil)
        let withoutHeader = export.tables.filter { $0.key != "sen2" }.mapValues { Array($0.utf8) }
        #expect(importer.detect(bladeSource(withoutHeader)) == nil)
        #expect(importer.detect(bladeSource(["empty.csv": [], "binary.bin": [0x1F, 0x8B, 0x00, 0x01]])) == nil)
    }

    @Test func recognisesTablesByTheirColumnsWhateverTheFileNames() throws {
        let export = BladeTestExport()
        let oddNames = [
            "sen2": "SEN2_header_201.csv", "person": "SEN2_person_201.csv", "requests": "a.csv",
            "assessment": "Blade-Export_20-01-2025_namedplan.csv",  // misleading on purpose
            "namedplan": "Blade-Export_20-01-2025_assessment.csv", "plandetail": "table 6.CSV",
            "activeplans": "activeplans (1).csv", "placementdetail": "x", "senneed": "SEN2_senneed_201.txt",
        ]
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (table, text) in export.tables { try folder.write(oddNames[table]!, text) }
        try folder.write("README.txt", "Exported from COLLECT on 20 January 2025\n")
        let source = try InputOpener().source(path: folder.path)
        #expect(SEN2BladeImporter().detect(source) == 95)
        let sink = BladeCollectingSink()
        try SEN2BladeImporter().read(source, into: sink)
        let person = try #require(sink.persons.first)
        #expect(person.requests.first?.assessment?.namedPlan?.planDetails.count == 2)
        #expect(person.requests.first?.activePlans?.needs.count == 2)
        #expect(person.location.file == folder.file("SEN2_person_201.csv"))
        #expect(sink.fileIssues.map(\.ruleID) == ["SEN2-BLADE-UNKNOWN-FILE"])
        #expect(sink.fileIssues.first?.message == "1 file(s) are not Blade tables and were ignored: \(folder.file("README.txt"))")
        #expect(sink.fileIssues.first?.severity == .warning)
    }

    @Test func warnsAboutMissingTables() throws {
        var export = BladeTestExport()
        export.tables = export.tables.filter { ["sen2", "person", "requests"].contains($0.key) }
        let (sink, folder) = try importBlade(export)
        defer { folder.remove() }
        #expect(sink.persons.first?.requests.count == 1)
        #expect(sink.persons.first?.requests.first?.assessment == nil)
        #expect(sink.fileIssues.map(\.ruleID) == ["SEN2-BLADE-MISSING-TABLE"])
        #expect(sink.fileIssues.first?.message == "no assessment, namedplan, plandetail, activeplans, placementdetail, "
            + "senneed table among the files (recognised by a header with <table>tableid): every person is read without those rows")
    }
}

// MARK: - Fixtures and test doubles

/// The nine tables of one COLLECT Blade export, as CSV text by table name: one 2025 person with
/// every module, the same return as `sen2Message(persons: fullPerson2025)` in the XML tests.
struct BladeTestExport {
    var tables: [String: String] = [
        "sen2": """
            sen2tableid,NativeId,sen2orderseqcolumn,sourceid,collection,year,referencedate,sourcelevel,softwarecode,release,serialno,datetime,lea,dmo,dco,dsco
            1,1,1,1,SEN2,2025,2025-Jan-16 00:00:00,L,Case System,ver 3.1.21,001,2025-Jan-20 11:14:05,201,Y,N,

            """,
        "person": """
            persontableid,NativeId,personorderseqcolumn,sourceid,sen2tableid,surname,forename,personbirthdate,sex,ethnicity,postcode,upn,uniquelearnernumber,upnunknown
            11,,1,1,1,Smith,Alex,2012-Mar-04 00:00:00,f, wbri ,AB1 2CD,a123456789012,1234567890,

            """,
        "requests": """
            requeststableid,NativeId,requestsorderseqcolumn,sourceid,persontableid,receiveddate,requestsource,rya,requestoutcomedate,requestoutcome,requestmediation,requesttribunal,exported
            21,,1,1,11,2024-Feb-01 00:00:00,2,0,2024-Mar-01 00:00:00,Y,false,TRUE,

            """,
        "assessment": """
            assessmenttableid,NativeId,assessmentorderseqcolumn,sourceid,requeststableid,assessmentoutcome,assessmentoutcomedate,assessmentmediation,assessmenttribunal,othermediation,othertribunal,week20
            31,,1,1,21,Y,2024-Jun-01 00:00:00,0,0,1,0,1

            """,
        "namedplan": """
            namedplantableid,NativeId,namedplanorderseqcolumn,sourceid,assessmenttableid,startdate,planres,planwbp,pb,oa,dp,ceasedate,ceasereason
            41,,1,1,31,2024-Jun-20 00:00:00,A,S,1,0,I,2024-Dec-31 00:00:00,2

            """,
        "plandetail": """
            plandetailtableid,NativeId,plandetailorderseqcolumn,sourceid,namedplantableid,urn,ukprn,sensetting,sensettingother,placementrank,senunitindicator,resourcedprovisionindicator
            51,,1,1,41,100001,,,,1,1,0
            52,,2,1,41,,,oth,Therapy farm near the family home,2,,

            """,
        "activeplans": """
            activeplanstableid,NativeId,activeplansorderseqcolumn,sourceid,requeststableid,transferla,reviewmeeting,reviewoutcome,reviewdraft,phasetransferduedate,phasetransferfinaldate,lastreview
            61,,1,1,21,202,2024-Nov-01 00:00:00,m,2024-Nov-10 00:00:00,2025-Feb-15 00:00:00,2025-Mar-01 00:00:00,2024-Nov-01 00:00:00

            """,
        "placementdetail": """
            placementdetailtableid,NativeId,placementdetailorderseqcolumn,sourceid,activeplanstableid,urn,ukprn,sensetting,sensettingother,placementrank,entrydate,leavingdate,senunitindicator,resourcedprovisionindicator,res,wbp
            71,,1,1,61,,10012345,,,1,2024-Sep-01 00:00:00,2024-Dec-20 00:00:00,0,1,B,A

            """,
        "senneed": """
            senneedtableid,NativeId,senneedorderseqcolumn,sourceid,activeplanstableid,sentype,sentyperank
            81,,1,1,61,ASD,1
            82,,2,1,61,slcn,2

            """,
    ]

    /// Writes each table as `Blade-Export_20-01-2025_<table>.csv`, COLLECT's default names.
    func write(to folder: TemporaryFolder) throws {
        for (table, text) in tables { try folder.write("Blade-Export_20-01-2025_\(table).csv", text) }
    }

    var totalBytes: Int { tables.values.reduce(0) { $0 + $1.utf8.count } }
}

/// A ``RecordSink`` that keeps everything it is given, in order.
final class BladeCollectingSink: RecordSink {
    private(set) var headers: [ReturnHeader] = []
    private(set) var persons: [PersonRecord] = []
    private(set) var fileIssues: [ImportIssue] = []
    private(set) var progress: [Int] = []
    private(set) var events: [String] = []

    func beginReturn(_ header: ReturnHeader) throws {
        headers.append(header)
        events.append("beginReturn")
    }

    func person(_ person: PersonRecord) throws {
        persons.append(person)
        events.append("person \(person.location.index)")
    }

    func establishment(_ establishment: EstablishmentRecord) throws { Issue.record("unexpected establishment") }
    func population(_ row: PopulationRecord) throws { Issue.record("unexpected population row") }
    func placementCost(_ row: PlacementCostRecord) throws { Issue.record("unexpected placement cost") }
    func issue(_ issue: ImportIssue) throws {
        fileIssues.append(issue)
        events.append("issue \(issue.ruleID)")
    }
    func progress(bytesRead: Int) { progress.append(bytesRead) }
}

/// A ``ByteStream`` over bytes in memory, 5 bytes per read.
final class BladeTestByteStream: ByteStream {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, 5, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset ..< offset + count])) }
        offset += count
        return count
    }
}

/// Writes `export` (and whatever `extra` adds) into a fresh folder and reads the folder as the
/// host opens it. The caller removes the folder.
private func importBlade(_ export: BladeTestExport,
                         extra: (TemporaryFolder) throws -> Void = { _ in }) throws -> (BladeCollectingSink, TemporaryFolder) {
    let folder = try TemporaryFolder()
    do {
        try export.write(to: folder)
        try extra(folder)
        let sink = BladeCollectingSink()
        try SEN2BladeImporter().read(try InputOpener().source(path: folder.path), into: sink)
        return (sink, folder)
    } catch {
        folder.remove()
        throw error
    }
}

private func bladeRejection(_ export: BladeTestExport) -> InputRejected? {
    do {
        let (_, folder) = try importBlade(export)
        folder.remove()
        Issue.record("the export was not rejected")
        return nil
    } catch let error as InputRejected {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

/// A source of in-memory files, by name.
private func bladeSource(_ files: [String: [UInt8]]) -> ImportSource {
    ImportSource(name: "input", files: files.sorted { $0.key < $1.key }.map { name, bytes in
        InputFile(name: name, head: Array(bytes.prefix(4096))) { BladeTestByteStream(bytes) }
    })
}
