import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import PluginHost
import Pseudonymisation
import Testing
@testable import PublishedStatisticsImporter

/// The generic Explore Education Statistics importer (`ees-table`): inline fixtures written into a
/// temporary folder and opened the way the host opens a file, every shared EES file, and the
/// whole pipeline into a temporary store.
@Suite struct PublishedStatisticsImporterTests {
    /// Three rows (National, Regional, Local authority), a filter `age` whose values include `Total`,
    /// and three measures: a quoted number with a thousands separator, a percentage with its sign
    /// and an empty cell, and a column of symbols only.
    static let fixture = """
        time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,age,ehcplans,pc_issued,note_flag
        202324,Academic year,National,E92000001,England,,,,,,Age,5,"1,234",12.5%,x
        202324,Academic year,Regional,E92000001,England,E12000003,Yorkshire and The Humber,,,,Age,Total,56,low,c
        202324,Academic year,Local authority,E92000001,England,E12000003,Yorkshire and The Humber,E06000010,810,"Kingston upon Hull, City of",Age,5,7,,z

        """

    /// The fixture as Excel saves it: UTF-8 with a byte order mark, CR LF line ends.
    static var fixtureBytes: [UInt8] {
        [0xEF, 0xBB, 0xBF] + Array(fixture.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    // MARK: Reading

    @Test func everyMeasureCellBecomesOneObservationWithItsSymbolKept() throws {
        let collector = try readEES(Self.fixtureBytes)
        let age5 = [dimension("breakdown_topic", "Age"), dimension("age", "5")]
        let ageTotal = [dimension("breakdown_topic", "Age"), dimension("age", "Total")]
        let england = ("National", "E92000001", "England")
        let yorkshire = ("Regional", "E12000003", "Yorkshire and The Humber")
        let hull = ("Local authority", "810", "Kingston upon Hull, City of")
        #expect(collector.observations == [
            observation(england, age5, "ehcplans", "1,234", 1234, line: 2),
            observation(england, age5, "pc_issued", "12.5%", 12.5, line: 2),
            observation(england, age5, "note_flag", "x", nil, line: 2),
            observation(yorkshire, ageTotal, "ehcplans", "56", 56, line: 3),
            observation(yorkshire, ageTotal, "pc_issued", "low", nil, line: 3),
            observation(yorkshire, ageTotal, "note_flag", "c", nil, line: 3),
            observation(hull, age5, "ehcplans", "7", 7, line: 4),
            // Hull's empty pc_issued cell yields nothing.
            observation(hull, age5, "note_flag", "z", nil, line: 4),
        ])
        #expect(collector.issues.isEmpty)
        #expect(collector.progress.last == Self.fixtureBytes.count)
    }

    @Test func theTableIsTheFileNameWithoutExtensionEvenGzipped() throws {
        let file = InputFile(name: "downloads/caseload_2024.csv.gz", head: []) { throw CancellationError() }
        #expect(EESTableImporter.tableName(of: file) == "caseload_2024")
        let plain = InputFile(name: "timeliness_20_week_2019_2024.csv", head: []) { throw CancellationError() }
        #expect(EESTableImporter.tableName(of: plain) == "timeliness_20_week_2019_2024")
    }

    @Test func cellsAreNumbersSymbolsOrText() {
        #expect(PublishedCell("1,234") == .number(1234))
        #expect(PublishedCell(" 12.5% ") == .number(12.5))
        #expect(PublishedCell("-0.4") == .number(-0.4))
        #expect(PublishedCell(".5") == .number(0.5))
        #expect(PublishedCell("1.2E3") == .number(1200))
        for symbol in ["x", "z", "c", "low", "u", "k", ":", "..", "~", "X"] {
            #expect(PublishedCell(symbol) == .symbol, "\(symbol)")
        }
        #expect(PublishedCell("  ") == .empty)
        // Separators in groups of three only; a lone dash or a word is text.
        for text in ["12,34", "1,2345", ",123", "1.", "-", "Total", "nan", "inf", "5 years"] {
            #expect(PublishedCell(text) == .text, "\(text)")
        }
    }

    @Test func aColumnOfNumbersWithAStrayMarkerIsADimensionAndSaysSo() throws {
        let collector = try readEES(Array("""
            time_period,time_identifier,geographic_level,country_code,country_name,breakdown,plans,total
            2024,Calendar year,National,E92000001,England,All,10,100
            2023,Calendar year,National,E92000001,England,All,20,200
            2022,Calendar year,National,E92000001,England,All,-,300

            """.utf8))
        #expect(collector.observations.map(\.measure) == ["total", "total", "total"])
        #expect(collector.observations[2].dimensions == [dimension("breakdown", "All"), dimension("plans", "-")])
        #expect(collector.issues.map(\.ruleID) == ["EES-MEASURE-AS-DIMENSION"])
        #expect(collector.issues.first?.severity == .warning)
        #expect(collector.issues.first?.message.hasPrefix(
            "column plans is read as a dimension because of the value '-' on line 4, though 2 of its 3 values are numbers or symbols") == true)
    }

    @Test func aLevelOutsideTheStandardThreeTakesItsOwnCodeColumn() throws {
        let collector = try readEES(Array("""
            time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,lad_code,lad_name,pupils
            2024,Calendar year,Local authority district,E92000001,England,E12000003,Yorkshire and The Humber,815,E06000065,North Yorkshire,E07000163,Craven,12
            2024,Calendar year,Hospital trust,E92000001,England,E12000003,Yorkshire and The Humber,815,E06000065,North Yorkshire,,,13

            """.utf8))
        #expect(collector.observations.map { [$0.geographicLevel, $0.areaCode, $0.areaName] } == [
            ["Local authority district", "E07000163", "Craven"],
            // Unknown to EES: the most specific code the row has.
            ["Hospital trust", "815", "North Yorkshire"],
        ])
        #expect(collector.observations.allSatisfy { $0.dimensions.isEmpty })
    }

    @Test func windows1252IsReadEvenWhenItStartsPastTheHead() throws {
        let header = "time_period,time_identifier,geographic_level,country_code,country_name,breakdown,number\n"
        let plain = "2024,Calendar year,National,E92000001,England,All,1\n"
        let dashed = Array("2024,Calendar year,National,E92000001,England,Ages 5 ".utf8) + [0x96] + Array(" 10,2\n".utf8)
        let bytes = Array((header + plain).utf8) + dashed
        for headSize in [64 << 10, header.utf8.count + 10] {
            let collector = try readEES(bytes, headSize: headSize)
            #expect(collector.observations.map { $0.dimensions[0].value } == ["All", "Ages 5 \u{2013} 10"], "head \(headSize)")
        }
    }

    // MARK: Detection

    @Test func detectsTheTidyLayoutByItsHeader() throws {
        #expect(try detect(Self.fixtureBytes) == 90)
        #expect(try detect(Array("time_period,time_identifier,geographic_level,country_code,number\n".utf8)) == 90)
    }

    @Test(arguments: [
        "URN,LA (code),LA (name),EstablishmentName,TypeOfEstablishment (code)\n",   // GIAS
        "la_code,year,age,population\n",                                           // long population
        "time_period,time_identifier,geographic_level,breakdown,number\n",         // no geography column
        "time_period,geographic_level,country_code,country_name,number\n",         // no time_identifier
        "",
    ])
    func leavesOtherFilesAlone(header: String) throws {
        #expect(try detect(Array(header.utf8)) == nil)
    }

    @Test func leavesBinaryFilesAndFoldersAlone() throws {
        #expect(try detect([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF]) == nil)  // a zip file
        let file = InputFile(name: "a.csv", head: Self.fixtureBytes) { throw CancellationError() }
        #expect(EESTableImporter().detect(ImportSource(name: "folder", files: [file, file])) == nil)
    }

    // MARK: Rejection

    @Test func aMissingRequiredColumnIsNamed() throws {
        let collector = ObservationCollector()
        let error = #expect(throws: InputRejected.self) {
            try readEES(Array("""
                time_period,geographic_level,country_code,country_name,number
                2024,National,E92000001,England,1

                """.utf8), name: "no_identifier.csv", into: collector)
        }
        #expect(error?.file?.hasSuffix("/no_identifier.csv") == true)
        #expect(error?.line == 1)
        #expect(error?.message.hasPrefix("missing column time_identifier") == true)
        #expect(collector.observations.isEmpty)
    }

    @Test func aRowWithTheWrongNumberOfFieldsIsRejectedBeforeAnythingIsSent() throws {
        let collector = ObservationCollector()
        let error = #expect(throws: InputRejected.self) {
            try readEES(Array("""
                time_period,time_identifier,geographic_level,country_code,country_name,number
                2024,Calendar year,National,E92000001,England,1
                2023,Calendar year,National,E92000001,England,1,2

                """.utf8), into: collector)
        }
        #expect(error?.line == 3)
        #expect(error?.message == "7 fields where the header has 6 columns")
        #expect(collector.observations.isEmpty)
    }

    @Test(arguments: ["", "E06000010", "81"])
    func aLocalAuthorityRowNeedsA3DigitCode(code: String) throws {
        let error = #expect(throws: InputRejected.self) {
            try readEES(Array("""
                time_period,time_identifier,geographic_level,country_code,country_name,old_la_code,la_name,number
                2024,Calendar year,Local authority,E92000001,England,\(code),Hull,7

                """.utf8))
        }
        #expect(error?.line == 2)
        #expect(error?.column == 6)
        #expect(error?.message == "column old_la_code: '\(code)' is not a 3-digit LA code (every Local authority row needs one)")
    }

    @Test func aLocalAuthorityRowInAFileWithoutOldLACodesIsRejected() throws {
        let error = #expect(throws: InputRejected.self) {
            try readEES(Array("""
                time_period,time_identifier,geographic_level,country_code,country_name,new_la_code,la_name,number
                2024,Calendar year,Local authority,E92000001,England,E06000010,Hull,7

                """.utf8))
        }
        #expect(error?.line == 2)
        #expect(error?.message == "Local authority rows need a column old_la_code, and the file has none")
    }

    @Test func anEmptyPeriodIsRejected() throws {
        let error = #expect(throws: InputRejected.self) {
            try readEES(Array("""
                time_period,time_identifier,geographic_level,country_code,country_name,number
                ,Calendar year,National,E92000001,England,1

                """.utf8))
        }
        #expect((error?.line, error?.column, error?.message) == (2, 1, "column time_period is empty"))
    }

    @Test func aRepeatedColumnOrAnEmptyFileIsRejected() throws {
        let repeated = #expect(throws: InputRejected.self) {
            try readEES(Array("""
                time_period,time_identifier,geographic_level,country_code,number,number
                2024,Calendar year,National,E92000001,1,2

                """.utf8))
        }
        #expect((repeated?.line, repeated?.column, repeated?.message) == (1, 6, "column number appears twice"))
        let empty = #expect(throws: InputRejected.self) { try readEES([]) }
        #expect((empty?.line, empty?.message) == (1, "the file is empty"))
    }

    // MARK: The shared EES files

    /// Rows, measure columns and observations of each file, counted with Python's csv module
    /// (`rows x columns right of breakdown - empty cells`; none is empty), and how many of them are
    /// numbers (the rest are `x`).
    @Test(.enabled(if: sharedFolder != nil, "the reference data folder is absent (docs/testing.md)"), arguments: [
        ("assessments_2019_2024.csv", 972, 19, 18468, 9000),
        ("caseload_all_plans_2019_2024.csv", 971, 48, 46608, 38923),
        ("ceased_plans_2022_2024.csv", 485, 11, 5335, 5335),
        ("requests_2019_2024.csv", 972, 17, 16524, 7429),
        ("sen_needs_all_plans_2025.csv", 163, 27, 4401, 4401),
        ("timeliness_20_week_2019_2024.csv", 970, 14, 13580, 8364),
    ])
    func eachSharedFileGivesOneObservationPerMeasureCell(file: String, rows: Int, measures: Int,
                                                         observations: Int, numbers: Int) throws {
        let path = "\(sharedFolder!)/data/ees/\(file)"
        let collector = try readEES(path: path)
        let read = collector.observations
        #expect(read.count == observations)
        #expect(read.count == rows * measures)
        let cells = try cellsRightOfBreakdown(path: path)
        #expect(read.count == cells)
        #expect(read.filter { $0.number != nil }.count == numbers)
        #expect(read.allSatisfy { $0.number != nil || $0.value == "x" })
        #expect(Set(read.map(\.measure)).count == measures)
        #expect(Set(read.map(\.line)).count == rows)
        #expect(read.allSatisfy { $0.dimensions.map(\.name) == ["breakdown_topic", "breakdown"] })
        #expect(read.allSatisfy { $0.table == String(file.dropLast(4)) })
        let laCodes = read.filter { $0.geographicLevel == "Local authority" }.map(\.areaCode)
        #expect(laCodes.allSatisfy { $0.count == 3 && $0.allSatisfy(\.isNumber) })
        #expect(collector.issues.isEmpty)
    }

    /// Whatever CSV the EES folder holds is detected and read whole.
    @Test(.enabled(if: sharedFolder != nil, "the reference data folder is absent (docs/testing.md)"))
    func everyCSVOfTheSharedEESFolderIsDetectedAndReadWhole() throws {
        let paths = try InputOpener.files(in: "\(sharedFolder!)/data/ees").filter { $0.hasSuffix(".csv") }
        #expect(paths.count >= 6)
        for path in paths {
            #expect(EESTableImporter().detect(try InputOpener().source(path: path)) == 90, "\(path)")
            let cells = try cellsRightOfBreakdown(path: path)
            #expect(try readEES(path: path).observations.count == cells, "\(path)")
        }
    }

    /// Values looked up by hand in the CSVs (line numbers as `grep -n` shows them).
    @Test(.enabled(if: sharedFolder != nil, "the reference data folder is absent (docs/testing.md)"))
    func caseloadFiguresForEnglandAndAnLA() throws {
        let read = try readEES(path: "\(sharedFolder!)/data/ees/caseload_all_plans_2019_2024.csv").observations
        let allPlans = [dimension("breakdown_topic", "All EHC plans"), dimension("breakdown", "All EHC plans")]
        let england = try #require(read.first { $0.line == 810 && $0.measure == "ehcplans" })
        #expect(england == PublishedObservation(
            table: "caseload_all_plans_2019_2024", timePeriod: "202324", timeIdentifier: "Academic year",
            geographicLevel: "National", areaCode: "E92000001", areaName: "England", dimensions: allPlans,
            measure: "ehcplans", value: "576474", number: 576474, line: 810))
        #expect(read.first { $0.line == 810 && $0.measure == "online_provider" }?.value == "x")
        #expect(read.first { $0.line == 810 && $0.measure == "online_provider" }?.number == nil)
        let barnsley = read.filter { $0.line == 856 }
        #expect(barnsley.first?.areaCode == "370")
        #expect(barnsley.first?.areaName == "Barnsley")
        #expect(barnsley.first { $0.measure == "ehcplans" }?.number == 2752)
        #expect(barnsley.first { $0.measure == "mainstream_total_pc" }?.number == 44.4)
        #expect(barnsley.first { $0.measure == "AP_PRU_total_pc" }?.value == "0.4")
        // A quoted name with a comma.
        let hull = try #require(read.first { $0.line == 56 && $0.measure == "ehcplans" })
        #expect((hull.timePeriod, hull.areaCode, hull.areaName, hull.number) == ("201819", "810", "Kingston upon Hull, City of", 1729))
    }

    @Test(.enabled(if: sharedFolder != nil, "the reference data folder is absent (docs/testing.md)"))
    func timelinessFiguresForEnglandAndAnLA() throws {
        let read = try readEES(path: "\(sharedFolder!)/data/ees/timeliness_20_week_2019_2024.csv").observations
        let england = read.filter { $0.line == 809 }
        #expect(england.first.map { [$0.timePeriod, $0.timeIdentifier, $0.geographicLevel, $0.areaCode] }
                == ["2024", "Calendar year", "National", "E92000001"])
        #expect(england.first { $0.measure == "plans_issued_den" }?.number == 90392)
        #expect(england.first { $0.measure == "pc_plans_issued_within_20_weeks" }?.number == 45.9)
        #expect(england.first { $0.measure == "PC_plans_issued_20_weeks_ex" }?.value == "46.4")
        let barnsley = read.filter { $0.line == 855 }
        #expect(barnsley.first.map { [$0.timePeriod, $0.geographicLevel, $0.areaCode, $0.areaName] }
                == ["2024", "Local authority", "370", "Barnsley"])
        #expect(barnsley.first { $0.measure == "plans_issued_within_20_weeks" }?.number == 351)
        #expect(barnsley.first { $0.measure == "pc_plans_issued_within_20_weeks" }?.value == "96.7")
        #expect(barnsley.first { $0.measure == "pc_plans_issued_gt_1_year" }?.number == 0)
    }

    // MARK: Through the host

    struct Hub {
        let folder: TemporaryFolder
        let store: Store
        let runner: ImportRunner

        init() throws {
            folder = try TemporaryFolder()
            store = try Store(path: folder.file("hub.sqlite"))
            let secret = try HubSecret.create(path: folder.file("hub.secret"))
            let plugins = catalog(importers: PublishedStatisticsImporter.importers)
            runner = ImportRunner(catalog: plugins, opener: InputOpener(), store: store, secret: secret)
        }

        func importPath(_ path: String) -> ImportOutcome {
            let outcomes = runner.run(path: path)
            #expect(outcomes.count == 1)
            return outcomes[0]
        }

        func publishedRows() throws -> Int { try store.database.scalar("SELECT count(*) FROM published_values")?.int ?? -1 }

        static let columns = """
            source_table, time_period, time_identifier, geographic_level, area_code, area_name, dimensions,
            measure, value_text, value, line
            """
    }

    @Test func theFixtureReachesPublishedValuesAndAReimportReplacesIt() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let path = try hub.folder.write("ehcp_fixture.csv", bytes: Self.fixtureBytes)
        guard case let .imported(entry, replaced, _) = hub.importPath(path) else {
            Issue.record("not imported")
            return
        }
        #expect(entry.importerID == "ees-table")
        #expect(entry.dataset == "published-statistics")
        #expect(entry.scope == "published-statistics/ehcp_fixture")
        #expect((entry.records, entry.errors, entry.warnings) == (8, 0, 0))
        #expect(replaced == nil)
        #expect(try hub.publishedRows() == 8)
        #expect(try hub.store.database.rows("""
            SELECT \(Hub.columns) FROM published_values WHERE area_code = '810' ORDER BY id
            """) == [
                [.text("ehcp_fixture"), .text("202324"), .text("Academic year"), .text("Local authority"), .text("810"),
                 .text("Kingston upon Hull, City of"), .text("breakdown_topic=Age; age=5"), .text("ehcplans"),
                 .text("7"), .real(7), .integer(4)],
                [.text("ehcp_fixture"), .text("202324"), .text("Academic year"), .text("Local authority"), .text("810"),
                 .text("Kingston upon Hull, City of"), .text("breakdown_topic=Age; age=5"), .text("note_flag"),
                 .text("z"), .null, .integer(4)],
            ])

        // The same table again, Hull's row dropped: the earlier import's values go.
        let newer = try TemporaryFolder()
        defer { newer.remove() }
        let shorter = Self.fixture.split(separator: "\n").dropLast().joined(separator: "\n") + "\n"
        guard case let .imported(second, replacedNow, _) = hub.importPath(try newer.write("ehcp_fixture.csv", shorter)) else {
            Issue.record("not re-imported")
            return
        }
        #expect(replacedNow?.id == entry.id)
        #expect(second.records == 6)
        #expect(try hub.publishedRows() == 6)
        #expect(try hub.store.database.scalar("SELECT count(*) FROM published_values WHERE area_code = '810'")?.int == 0)
    }

    @Test(.enabled(if: sharedFolder != nil, "the reference data folder is absent (docs/testing.md)"))
    func aSharedFileImportsIntoTheStore() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        guard case let .imported(entry, _, _) = hub.importPath("\(sharedFolder!)/data/ees/timeliness_20_week_2019_2024.csv") else {
            Issue.record("not imported")
            return
        }
        #expect(entry.records == 13580)
        #expect(try hub.publishedRows() == 13580)
        #expect(try hub.store.database.rows("""
            SELECT \(Hub.columns) FROM published_values
            WHERE area_code = '370' AND time_period = '2024' AND measure = 'pc_plans_issued_within_20_weeks'
            """) == [[.text("timeliness_20_week_2019_2024"), .text("2024"), .text("Calendar year"), .text("Local authority"),
                      .text("370"), .text("Barnsley"),
                      .text("breakdown_topic=All EHC plans issued; breakdown=All EHC plans issued"),
                      .text("pc_plans_issued_within_20_weeks"), .text("96.7"), .real(96.7), .integer(855)]])
    }
}

// MARK: Helpers

/// Collects what the importer sends.
final class ObservationCollector: RecordSink {
    private(set) var observations: [PublishedObservation] = []
    private(set) var issues: [ImportIssue] = []
    private(set) var progress: [Int] = []

    func beginReturn(_ header: ReturnHeader) throws { Issue.record("unexpected SEN2 return header") }
    func person(_ person: PersonRecord) throws { Issue.record("unexpected person") }
    func publishedObservation(_ observation: PublishedObservation) throws { observations.append(observation) }
    func issue(_ issue: ImportIssue) throws { issues.append(issue) }
    func progress(bytesRead: Int) { progress.append(bytesRead) }
}

/// Writes `bytes` as `name` into a fresh temporary folder, opens it the way the host does (with a
/// head of `headSize` bytes for detection) and reads it into `collector`.
@discardableResult
private func readEES(_ bytes: [UInt8], name: String = "ehcp_fixture.csv", headSize: Int = 64 << 10,
                     into collector: ObservationCollector = ObservationCollector()) throws -> ObservationCollector {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write(name, bytes: bytes)
    var opener = InputOpener()
    opener.headSize = headSize
    try EESTableImporter().read(try opener.source(path: path), into: collector)
    return collector
}

/// Reads a file in place.
private func readEES(path: String) throws -> ObservationCollector {
    let collector = ObservationCollector()
    try EESTableImporter().read(try InputOpener().source(path: path), into: collector)
    return collector
}

/// The importer's score for `bytes` as a file.
private func detect(_ bytes: [UInt8]) throws -> Int? {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    return EESTableImporter().detect(try InputOpener().source(path: try folder.write("input.csv", bytes: bytes)))
}

/// Non-empty cells to the right of the `breakdown` column, counted with the SDK's plain CSV reader:
/// what the importer should find, without its measure rule.
private func cellsRightOfBreakdown(path: String) throws -> Int {
    let reader = CSVReader(stream: try FileByteStream(path: path))
    let header = try #require(try reader.next())
    let first = try #require(header.firstIndex(of: "breakdown")) + 1
    var cells = 0
    while let row = try reader.next() {
        cells += row[first...].filter { !$0.isEmpty }.count
    }
    return cells
}

private func dimension(_ name: String, _ value: String) -> PublishedObservation.Dimension {
    PublishedObservation.Dimension(name: name, value: value)
}

/// An observation of the inline fixture (table `ehcp_fixture`, academic year 2023/24).
private func observation(_ area: (level: String, code: String, name: String), _ dimensions: [PublishedObservation.Dimension],
                         _ measure: String, _ value: String, _ number: Double?, line: Int) -> PublishedObservation {
    PublishedObservation(table: "ehcp_fixture", timePeriod: "202324", timeIdentifier: "Academic year",
                         geographicLevel: area.level, areaCode: area.code, areaName: area.name, dimensions: dimensions,
                         measure: measure, value: value, number: number, line: line)
}
