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
@testable import PopulationImporter

/// The population importers: the long CSV `la_code,year,age,population` and the ONS mid-year
/// estimate layout, each read from a small fixture into a collecting sink, then through the host.
@Suite struct PopulationImporterTests {
    // MARK: population-long

    @Test func theLongLayoutGivesOneRecordPerRow() throws {
        let sink = try read(LongPopulationImporter(), """
            la_code,year,age,population
            801,2024,0,5650
            E10000003,2024,4,7301.5
            e06000023,2023,90+,2100

            873,2024,10,8002
            """)
        #expect(sink.records == [
            PopulationRecord(laCode: "801", year: 2024, age: 0, population: 5650, line: 2),
            PopulationRecord(laCode: "E10000003", year: 2024, age: 4, population: 7301.5, line: 3),
            PopulationRecord(laCode: "E06000023", year: 2023, age: 90, population: 2100, line: 4),
            PopulationRecord(laCode: "873", year: 2024, age: 10, population: 8002, line: 6),
        ])
        // Each record points at its LA code's cell, so the host can name it if the code is unknown.
        #expect(sink.cells.map { $0?.line } == [2, 3, 4, 6])
        #expect(sink.cells.first == CellReference(line: 2, column: 1, columnName: "la_code"))
        #expect(sink.issues.isEmpty)
    }

    @Test func longHeadersMatchInAnyCaseAndOrderWithExtraColumnsIgnored() throws {
        let sink = try read(LongPopulationImporter(), """
            \u{FEFF}"Source", Population ,AGE,"LA_Code",Year\r
            ONS,1200,5,801,2022\r
            """)
        #expect(sink.records == [PopulationRecord(laCode: "801", year: 2022, age: 5, population: 1200, line: 2)])
    }

    @Test(arguments: [
        ("801,2024,5,many", "population.csv:2:4: column population: 'many' is not a number: give the count of residents (0 or more)"),
        ("801,2024,5,-3", "population.csv:2:4: column population: '-3' is negative: a population is 0 or more"),
        ("801,2024,5,", "population.csv:2:4: column population: '' is not a number: give the count of residents (0 or more)"),
        ("801,2024,5,nan", "population.csv:2:4: column population: 'nan' is not a number: give the count of residents (0 or more)"),
        ("801,2024,five,10", "population.csv:2:3: column age: 'five' is not a single year of age: give 0, 1, 2 ... (90+ is read as 90)"),
        ("801,2024,All ages,10", "population.csv:2:3: column age: 'All ages' is not a single year of age: give 0, 1, 2 ... (90+ is read as 90)"),
        ("801,24/25,5,10", "population.csv:2:2: column year: '24/25' is not a year: give the mid-year as 4 digits, e.g. 2024"),
        (",2024,5,10", "population.csv:2:1: column la_code: the area code is empty: give a 3-digit DfE LA code or an ONS E-code"),
    ])
    func aBadLongValueRejectsTheFileNamingLineAndColumn(row: String, message: String) throws {
        let error = try #require(throws: InputRejected.self) {
            try read(LongPopulationImporter(), "la_code,year,age,population\n\(row)\n")
        }
        #expect(error.description == message)
    }

    @Test func theBadRowIsNamedByItsLineAfterGoodRows() throws {
        let sink = PopulationCollectingSink()
        let error = try #require(throws: InputRejected.self) {
            try LongPopulationImporter().read(source("la_code,year,age,population\n801,2024,0,10\n801,2024,1,1O\n"), into: sink)
        }
        #expect((error.file, error.line, error.column) == ("population.csv", 3, 4))
        #expect(sink.records.count == 1, "the host rolls back what came before the throw")
    }

    @Test func aFileWithoutTheLongHeaderIsRejectedAtLineOne() throws {
        let error = try #require(throws: InputRejected.self) {
            try read(LongPopulationImporter(), "la_code,year,population\n801,2024,10\n")
        }
        #expect(error.description == "population.csv:1: not a long population file: the header needs la_code, year, age and population")
        let empty = try #require(throws: InputRejected.self) { try read(LongPopulationImporter(), "") }
        #expect(empty.description == "population.csv:1: the file is empty: a header row is expected")
    }

    @Test func anUnclosedQuoteIsRejectedNamingTheFile() throws {
        let error = try #require(throws: InputRejected.self) {
            try read(LongPopulationImporter(), "la_code,year,age,population\n801,2024,0,\"10\n")
        }
        #expect(error.description == "population.csv:2: a quoted field that starts on line 2 is never closed")
    }

    // MARK: ons-mid-year-estimates

    static let midYearFixture = PopulationFixtures.onsMidYear

    @Test func midYearRowsAreSummedOverSexWithOneRecordPerYear() throws {
        let sink = try read(MidYearEstimateImporter(), Self.midYearFixture)
        #expect(sink.records == [
            PopulationRecord(laCode: "E07000008", year: 2021, age: 0, population: 1180, line: 2),
            PopulationRecord(laCode: "E07000008", year: 2021, age: 90, population: 300, line: 4),
            PopulationRecord(laCode: "E07000008", year: 2022, age: 0, population: 1200, line: 2),
            PopulationRecord(laCode: "E07000008", year: 2022, age: 90, population: 315, line: 4),
            PopulationRecord(laCode: "E06000023", year: 2021, age: 0, population: 5700, line: 6),
            PopulationRecord(laCode: "E06000023", year: 2022, age: 0, population: 5800, line: 6),
        ])
        #expect(sink.issues == [ImportIssue(
            ruleID: "POP-ONS-AREA-SKIPPED", severity: .warning,
            message: "skipped 4 row(s) of 3 area(s) (E12000006, E92000001, W06000015): regions, England and areas outside England are not education authorities")])
    }

    @Test func countyRowsAreLeftOutWhenTheFileHasDistrictsToo() throws {
        let sink = try read(MidYearEstimateImporter(), """
            ladcode,laname,sex,age,population_2023
            E10000003,Cambridgeshire,1,0,3000
            E10000003,Cambridgeshire,2,0,2900
            E07000008,Cambridge,1,0,600
            """)
        #expect(sink.records == [PopulationRecord(laCode: "E07000008", year: 2023, age: 0, population: 600, line: 4)])
        #expect(sink.issues.map(\.message) == [
            "skipped 2 row(s) of 1 area(s) (E10000003): the file also has district (E07) rows, which the hub adds up to their counties",
        ])
        #expect(sink.issues.map(\.ruleID) == ["POP-ONS-COUNTY-SKIPPED"])
    }

    @Test func countyRowsAreReadWhenTheFileHasNoDistricts() throws {
        let sink = try read(MidYearEstimateImporter(), """
            ladcode,laname,sex,age,population_2023
            E10000003,Cambridgeshire,1,0,3000
            E10000003,Cambridgeshire,2,0,2900
            E09000001,City of London,1,0,40
            """)
        #expect(sink.records == [
            PopulationRecord(laCode: "E09000001", year: 2023, age: 0, population: 40, line: 4),
            PopulationRecord(laCode: "E10000003", year: 2023, age: 0, population: 5900, line: 2),
        ])
        #expect(sink.issues.isEmpty)
    }

    @Test func anAreaMetAgainLaterIsSentAgainForTheHostToAddUp() throws {
        let sink = try read(MidYearEstimateImporter(), """
            code,sex,age,population_2020
            E06000023,1,3,10
            E06000001,1,3,20
            E06000023,2,3,12
            """)
        #expect(sink.records == [
            PopulationRecord(laCode: "E06000023", year: 2020, age: 3, population: 10, line: 2),
            PopulationRecord(laCode: "E06000001", year: 2020, age: 3, population: 20, line: 3),
            PopulationRecord(laCode: "E06000023", year: 2020, age: 3, population: 12, line: 4),
        ])
    }

    @Test func theAreaColumnMayBeLadCdAndSexMayBeAbsent() throws {
        let sink = try read(MidYearEstimateImporter(), """
            LAD23NM,LAD23CD,AGE,POPULATION_2023
            Hartlepool,E06000001,7,1100
            """)
        #expect(sink.records == [PopulationRecord(laCode: "E06000001", year: 2023, age: 7, population: 1100, line: 2)])
    }

    @Test func columnsOfTheMidYearLayoutAreFoundByName() throws {
        let columns = try #require(MidYearColumns(["lad23nm", "lad23cd", "country", "sex", "age", "population_2022", "births_2023", "population_2023"]))
        #expect((columns.area, columns.sex, columns.age) == (1, 3, 4))
        #expect(columns.years == [.init(year: 2022, column: 5), .init(year: 2023, column: 7)])
        #expect(MidYearColumns(["code", "age", "population_22"]) == nil)
        #expect(MidYearColumns(["area", "age", "population_2022"]) == nil)
    }

    @Test(arguments: [
        ("E06000023,0,5,10", "ons.csv:2:2: column sex: '0' is not a sex code: give 1 (male) or 2 (female) and leave out total rows"),
        ("E06000023,1,All,10", "ons.csv:2:3: column age: 'All' is not a single year of age: give 0, 1, 2 ... (90+ is read as 90)"),
        ("E06000023,1,5,x", "ons.csv:2:4: column population_2022: 'x' is not a number: give the count of residents (0 or more)"),
        ("E06000023,1,5,-1", "ons.csv:2:4: column population_2022: '-1' is negative: a population is 0 or more"),
        ("Bristol,1,5,10", "ons.csv:2:1: column ladcode: 'BRISTOL' is not an ONS area code (a letter and 8 digits, e.g. E06000023)"),
        (",1,5,10", "ons.csv:2:1: column ladcode: the area code is empty: give a 3-digit DfE LA code or an ONS E-code"),
    ])
    func aBadMidYearValueRejectsTheFileNamingLineAndColumn(row: String, message: String) throws {
        let error = try #require(throws: InputRejected.self) {
            try read(MidYearEstimateImporter(), "ladcode,sex,age,population_2022\n\(row)\n", name: "ons.csv")
        }
        #expect(error.description == message)
    }

    @Test func aFileWithoutTheMidYearHeaderIsRejectedAtLineOne() throws {
        let error = try #require(throws: InputRejected.self) {
            try read(MidYearEstimateImporter(), "ladcode,sex,age,persons\nE06000023,1,5,10\n", name: "ons.csv")
        }
        #expect(error.description == """
            ons.csv:1: not an ONS mid-year estimates file: the header needs an area code column (ladcode..., lad... or code), age and at least one population_YYYY column
            """)
    }

    // MARK: Detection

    @Test(arguments: [
        ("la_code,year,age,population\n801,2024,0,10\n", "population-long"),
        ("\u{FEFF}\"LA_CODE\",\"Year\",\"Age\",\"Population\"\n801,2024,0,10\n", "population-long"),
        (midYearFixture, "ons-mid-year-estimates"),
        ("code,age,population_2020\nE06000023,0,10\n", "ons-mid-year-estimates"),
        ("la_code,year,age,population,population_2020\n801,2024,0,10,10\n", "population-long"),
    ])
    func eachLayoutIsClaimedByExactlyOneImporter(text: String, expected: String) {
        let claims = PopulationImporter.importers.filter { $0.detect(source(text)) != nil }.map(\.descriptor.id)
        #expect(claims == [expected])
        #expect(PopulationImporter.importers.compactMap { $0.detect(source(text)) } == [90])
    }

    @Test(arguments: [
        "URN,LA (code),LA (name),EstablishmentName,TypeOfEstablishment (code)\n100001,801,Bristol,A School,1\n",
        "la_code,urn,placement_type,annual_cost\n801,100001,,45000\n",
        "la_code,upn,urn,annual_cost\n801,A801000012345,,45000\n",
        "time_period,time_identifier,geographic_level,new_la_code,age,population\n202324,Academic year,Local authority,E06000023,5,10\n",
        "la_code,new_la_code,la_name,sn_rank,sn_la_code\n801,E06000023,Bristol,1,802\n",
        "ladcode21,laname21,sex,age\nE06000023,Bristol,1,0\n",
        "<?xml version=\"1.0\"?><Message><Header/></Message>",
        "population\n10\n",
        "",
    ])
    func otherFilesAreClaimedByNeither(text: String) {
        for importer in PopulationImporter.importers {
            #expect(importer.detect(source(text)) == nil, "\(importer.descriptor.id) claims \(text.prefix(40))")
        }
    }

    @Test func aSourceOfSeveralFilesIsNotAPopulationFile() {
        let file = source("la_code,year,age,population\n801,2024,0,10\n").files[0]
        let folder = ImportSource(name: "export", files: [file, file])
        #expect(PopulationImporter.importers.compactMap { $0.detect(folder) }.isEmpty)
    }

    // MARK: Through the host

    @Test func midYearEstimatesRollDistrictsUpToTheirCountyInTheStore() throws {
        let hub = try PopulationHub()
        defer { hub.folder.remove() }
        let path = try hub.folder.write("myeb1.csv", """
            ladcode21,laname21,country,sex,age,population_2021,population_2022
            E07000008,Cambridge,E,1,0,600,610
            E07000008,Cambridge,E,2,0,580,590
            E07000008,Cambridge,E,1,90+,100,105
            E07000008,Cambridge,E,2,90,200,210
            E07000009,East Cambridgeshire,E,1,0,400,410
            E07000009,East Cambridgeshire,E,2,0,380,390
            E07000009,East Cambridgeshire,E,1,90,50,55
            E07000009,East Cambridgeshire,E,2,90,90,95
            E06000023,"Bristol, City of",E,1,0,2900,2950
            E06000023,"Bristol, City of",E,2,0,2800,2850
            E06000023,"Bristol, City of",E,1,90,700,710
            E06000023,"Bristol, City of",E,2,90,1300,1320
            E12000006,East of England,E,1,0,35000,35500
            E92000001,England,E,1,0,300000,301000
            W06000015,Cardiff,W,1,0,4000,4050

            """)
        guard case let .imported(entry, _, summary) = hub.importPath(path) else {
            Issue.record("not imported")
            return
        }
        #expect(entry.importerID == "ons-mid-year-estimates")
        #expect((entry.records, entry.errors, entry.warnings) == (12, 0, 1))
        #expect(summary.tallies.count == 1)
        #expect(try hub.currentPopulation() == [
            ["801", "2021", "0", "5700.0"], ["801", "2021", "90", "2000.0"],
            ["801", "2022", "0", "5800.0"], ["801", "2022", "90", "2030.0"],
            ["873", "2021", "0", "1960.0"], ["873", "2021", "90", "440.0"],
            ["873", "2022", "0", "2000.0"], ["873", "2022", "90", "465.0"],
        ])
        let warning = try hub.store.database.scalar("SELECT message FROM validation_issues")?.string
        #expect(warning == "skipped 3 row(s) of 3 area(s) (E12000006, E92000001, W06000015): regions, England and areas outside England are not education authorities")
    }

    @Test func anUnknownAreaCodeRejectsTheFileNamingTheLineAndColumnAndStoresNothing() throws {
        let hub = try PopulationHub()
        defer { hub.folder.remove() }
        let path = try hub.folder.write("myeb1.csv", """
            ladcode21,laname21,country,sex,age,population_2022
            E06000023,"Bristol, City of",E,1,0,2900
            E06000023,"Bristol, City of",E,2,0,2800
            E07999999,Nowhere,E,1,0,10

            """)
        guard case let .rejected(_, reason) = hub.importPath(path) else {
            Issue.record("not rejected")
            return
        }
        #expect(reason == "line 4, column 1: column ladcode21: 'E07999999' is not an LA in the register nor a district in the ONS lookup (3-digit DfE code or ONS E-code expected)")
        #expect(try hub.count("population") == 0)
        #expect(try hub.count("imports") == 0)
    }

    @Test func aBadValueInTheLongLayoutStoresNothing() throws {
        let hub = try PopulationHub()
        defer { hub.folder.remove() }
        let path = try hub.folder.write("population.csv", "la_code,year,age,population\n801,2024,0,5650\n801,2024,1,n/a\n")
        guard case let .rejected(_, reason) = hub.importPath(path) else {
            Issue.record("not rejected")
            return
        }
        #expect(reason == "line 3, column 4: column population: 'n/a' is not a number: give the count of residents (0 or more)")
        #expect(try hub.count("population") == 0)
        #expect(try hub.count("imports") == 0)
    }

    @Test func theLongLayoutResolvesCodesAndAReimportOfTheSameNameReplacesIt() throws {
        let hub = try PopulationHub()
        defer { hub.folder.remove() }
        let first = try hub.folder.write("population.csv", "la_code,year,age,population\nE10000003,2024,0,7000\n801,2024,0,5650\n")
        guard case .imported = hub.importPath(first) else {
            Issue.record("first import failed")
            return
        }
        let again = try TemporaryFolder()
        defer { again.remove() }
        let second = try again.write("population.csv", "la_code,year,age,population\n801,2024,0,5700\n")
        guard case let .imported(entry, replaced, _) = hub.importPath(second) else {
            Issue.record("second import failed")
            return
        }
        #expect(entry.importerID == "population-long")
        #expect(replaced != nil)
        #expect(try hub.currentPopulation() == [["801", "2024", "0", "5700.0"]])
    }

    // MARK: Helpers

    /// One CSV file held in memory, read 7 bytes at a time to cross the reader's chunk boundaries.
    func source(_ text: String, name: String = "population.csv") -> ImportSource {
        let bytes = Array(text.utf8)
        let file = InputFile(name: name, head: bytes, open: { MemoryByteStream(bytes, chunk: 7) })
        return ImportSource(name: name, files: [file])
    }

    func read(_ importer: any Importer, _ text: String, name: String = "population.csv") throws -> PopulationCollectingSink {
        let sink = PopulationCollectingSink()
        try importer.read(source(text, name: name), into: sink)
        return sink
    }
}

/// A store with the bundled LA register and ONS lookup, and the host's import runner with this
/// plugin's importers, as `hnhub import` runs them.
struct PopulationHub {
    let folder: TemporaryFolder
    let store: Store
    let catalog: PluginCatalog
    let runner: ImportRunner

    init() throws {
        folder = try TemporaryFolder()
        store = try Store(path: folder.file("hub.sqlite"))
        try BundledReference.load(from: "\(packageRoot)/Datasets", into: store)
        let secret = try HubSecret.create(path: folder.file("hub.secret"))
        catalog = HubTestSupport.catalog(importers: PopulationImporter.importers)
        runner = ImportRunner(catalog: catalog, opener: InputOpener(), store: store, secret: secret)
    }

    func importPath(_ path: String) -> ImportOutcome {
        let outcomes = runner.run(path: path)
        #expect(outcomes.count == 1)
        return outcomes[0]
    }

    func count(_ table: String) throws -> Int? {
        try store.database.scalar("SELECT count(*) FROM \(table)")?.int
    }

    /// `current_population` as text, ordered by LA, year and age.
    func currentPopulation() throws -> [[String]] {
        try store.database.rows("""
            SELECT la_code, CAST(year AS TEXT), CAST(age AS TEXT), CAST(population AS TEXT) FROM current_population
            ORDER BY la_code, year, age
            """).map { $0.map { $0.string ?? "NULL" } }
    }
}

/// A ``RecordSink`` that keeps the population records and file-level issues it is given.
final class PopulationCollectingSink: RecordSink {
    private(set) var records: [PopulationRecord] = []
    private(set) var issues: [ImportIssue] = []

    func beginReturn(_ header: ReturnHeader) throws { Issue.record("unexpected SEN2 return") }
    func person(_ person: PersonRecord) throws { Issue.record("unexpected person") }
    /// Records without their `laCodeCell`, which `cells` keeps in the same order.
    func population(_ row: PopulationRecord) throws {
        var record = row
        cells.append(record.laCodeCell)
        record.laCodeCell = nil
        records.append(record)
    }
    var cells: [CellReference?] = []
    func issue(_ issue: ImportIssue) throws { issues.append(issue) }
}
