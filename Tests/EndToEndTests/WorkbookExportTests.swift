import Comparison
import ComparisonTables
@testable import Exports
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import CaseloadMetrics
import HubKit
import HubTestSupport
import InputFiles
import Testing

/// The Excel workbook of `hnhub export --xlsx`: the zip container and its parts, the sheets' cells
/// for each scope (an LA and its comparators, a group, all LAs), `c` where disclosure control
/// hides a figure, and the Notes. The workbook is read back through the hub's own zip reader, every
/// XML part through Foundation's XMLParser (so each is well-formed), and, where installed, through
/// /usr/bin/unzip and LibreOffice.
@Suite struct WorkbookExportTests {
    // MARK: - A fixture snapshot

    static func definition(_ id: String, _ title: String, _ unit: IndicatorUnit, _ polarity: Polarity, _ type: PeriodType,
                           numerator: String, denominator: String? = nil,
                           sources: [IndicatorSource] = [.sen2Returns], topic: IndicatorTopic? = nil) -> IndicatorDefinition {
        // Laid out (topic, order) as the caseload plugin lays out the indicator of that id, or under `topic`.
        IndicatorDefinition(id: id, title: title, unit: unit, polarity: polarity, periodType: type, numerator: numerator,
                            denominator: denominator, sources: sources,
                            presentation: topic.map { IndicatorPresentation(topic: $0) } ?? IndicatorLayout.byID[id] ?? IndicatorPresentation())
    }

    static let definitions = [
        definition("ehcp_caseload", "Children with an EHC plan", .count, .none, .census, numerator: "children with an active plan"),
        definition("special_school_share", "Plans in special schools", .percent, .low, .census,
                   numerator: "children placed in special schools", denominator: "children with an active plan"),
        definition("need_share_ASD", "Primary need: autism", .percent, .none, .census,
                   numerator: "children whose primary need is ASD", denominator: "children with an active plan"),
        definition("cost_per_plan", "Average placement cost", .pounds, .low, .census,
                   numerator: "annual placement costs", denominator: "children costed", sources: [.placementCosts],
                   topic: .costs),
        definition("my_metric", "A declarative metric", .count, .none, .census, numerator: "things"),
        definition("timeliness_20wk_incl", "Plans issued within 20 weeks", .percent, .high, .calendar,
                   numerator: "plans issued within 20 weeks", denominator: "plans issued"),
        definition("requests_received", "Requests for assessment", .count, .none, .calendar, numerator: "requests received"),
    ]

    static func figure(_ la: String, _ numerator: Double, _ denominator: Double? = nil, scale: Double = 100,
                       source: String? = nil) -> Figure {
        Figure(laCode: la, numerator: numerator, denominator: denominator,
               value: denominator.map { numerator / $0 * scale } ?? numerator, source: source)
    }

    /// South West: 800, 801, 802, 803; West Midlands: 330, 331 (331's caseload published).
    /// 801's 4 children is a small count (and 1 of 4 in special schools); 800's 3 requests too.
    static let snapshot = IndicatorSnapshot(definitions: definitions, figures: [
        "ehcp_caseload": [
            "2024/25": [figure("800", 120), figure("801", 4), figure("802", 60), figure("803", 200), figure("330", 300),
                        figure("331", 50, source: "published: sen_ehcp_la_2025")],
            "2023/24": [figure("800", 100)],
        ],
        "special_school_share": ["2024/25": [
            figure("800", 30, 120), figure("801", 1, 4), figure("802", 12, 60), figure("803", 50, 200),
            figure("330", 90, 300), figure("331", 10, 50),
        ]],
        "need_share_ASD": ["2024/25": [figure("800", 40, 120), figure("801", 2, 4)]],
        "cost_per_plan": ["2024/25": [figure("800", 2_400_000, 100, scale: 1), figure("801", 1_000_000, 40, scale: 1)]],
        "my_metric": ["2024/25": [figure("800", 7)]],
        "timeliness_20wk_incl": ["2024": [figure("800", 18, 20), figure("801", 8, 10), figure("330", 5, 10)]],
        "requests_received": ["2024": [figure("800", 3), figure("801", 90), figure("330", 40)]],
    ])

    static let geography: LAGeography = {
        let southWest = (code: "E12000009", name: Optional("South West"))
        let westMidlands = (code: "E12000005", name: Optional("West Midlands"))
        return LAGeography(
            names: ["800": "Bath and North East Somerset", "801": "Bristol, City of", "802": "North Somerset",
                    "803": "South Gloucestershire", "330": "Birmingham", "331": "Coventry"],
            regionOf: ["800": southWest, "801": southWest, "802": southWest, "803": southWest,
                       "330": westMidlands, "331": westMidlands],
            regionMembers: ["E12000009": ["800", "801", "802", "803"], "E12000005": ["330", "331"]],
            neighbours: ["800": ["330", "801"]],
            groups: ["Partnership": ["800", "801", "330"]])
    }()

    static let sources = WorkbookSources(
        returns: [.init(laCode: "800", collectionYear: 2025, censusDate: "2025-01-16", importedAt: "2025-03-01T10:00:00Z", records: 8),
                  .init(laCode: "801", collectionYear: 2025, censusDate: "2025-01-16", importedAt: "2025-03-02T11:00:00Z", records: 7)],
        publishedTables: [.init(name: "sen_ehcp_la_2025", file: "sen_ehcp_la_2025.csv", importedAt: "2025-03-03T09:00:00Z")])

    static let generated = Day(year: 2025, month: 6, day: 1)!

    fileprivate func workbook(_ scope: WorkbookScope, period: String? = nil) throws -> XLSXReadBack {
        let workbook = IndicatorWorkbook(snapshot: Self.snapshot, geography: Self.geography, scope: scope, period: period,
                                         sources: Self.sources, neighboursEdition: "2025-05", generated: Self.generated)
        return try XLSXReadBack(bytes: workbook.workbook().xlsx())
    }

    // MARK: - The package

    @Test func thePackageHasTheOfficeOpenXMLPartsWithTheirContentTypesAndRelationships() throws {
        let xlsx = try workbook(.la("800", own: false))
        #expect(xlsx.archive.entries.map(\.name) == [
            "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
        ] + (1...7).map { "xl/worksheets/sheet\($0).xml" })
        #expect(xlsx.archive.entries.allSatisfy { $0.method == 8 })
        for entry in xlsx.archive.entries { try ReadBackXML.parse(try xlsx.archive.contents(of: entry)) }

        let types = try xlsx.xml("[Content_Types].xml")
        #expect(types.name == "Types")
        let overrides = Dictionary(uniqueKeysWithValues: types.children("Override").map { ($0["PartName"]!, $0["ContentType"]!) })
        #expect(overrides["/xl/workbook.xml"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
        #expect(overrides["/xl/worksheets/sheet7.xml"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
        #expect(overrides["/xl/sharedStrings.xml"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")
        #expect(overrides["/xl/styles.xml"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
        #expect(types.children("Default").map { $0["Extension"]! } == ["rels", "xml"])

        let rels = try xlsx.xml("xl/_rels/workbook.xml.rels").children("Relationship")
        #expect(rels.map { "\($0["Id"]!) \($0["Target"]!)" } == (1...7).map { "rId\($0) worksheets/sheet\($0).xml" }
                + ["rId8 styles.xml", "rId9 sharedStrings.xml"])
        let root = try xlsx.xml("_rels/.rels").children("Relationship")
        #expect(root.first?["Target"] == "xl/workbook.xml")

        let sheets = try xlsx.xml("xl/workbook.xml").descendants("sheet")
        #expect(sheets.map { $0["r:id"]! } == (1...7).map { "rId\($0)" })
        #expect(xlsx.sheetNames == ["Caseload and placements", "Needs", "Timeliness", "Requests and assessments", "Costs",
                                    "Other", "Notes"])
        #expect(try xlsx.xml("docProps/core.xml").descendants("dcterms:created").first?.text == "2025-06-01T00:00:00Z")
    }

    @Test func theSameFiguresGiveTheSameBytes() throws {
        let make = {
            IndicatorWorkbook(snapshot: Self.snapshot, geography: Self.geography, scope: .group(name: "Partnership", members: ["800", "801", "330"]),
                              sources: Self.sources, generated: Self.generated).workbook().xlsx()
        }
        #expect(make() == make())
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip"), "no /usr/bin/unzip"))
    func unzipTestsTheArchiveClean() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("book.xlsx", bytes: try workbook(.england).bytes)
        let run = try runTool("/usr/bin/unzip", ["-t", path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("No errors detected in compressed data"))
        let listing = try runTool("/usr/bin/unzip", ["-l", path])
        #expect(listing.output.contains("2025-06-01 00:00   xl/workbook.xml") || listing.output.contains("06-01-2025 00:00   xl/workbook.xml"))
    }

    // MARK: - Sheets

    /// With --la 800: 800, its neighbours (330, then 801, which is also in its region), then the
    /// rest of the South West by name; the South West and England totals.
    @Test func anLAsWorkbookListsItsNeighboursAndRegionWithTotals() throws {
        let xlsx = try workbook(.la("800", own: false))
        let sheet = try xlsx.sheet("Caseload and placements")
        #expect(sheet.row(1) == ["LA code", "LA name", "Region", "Compared as", "Children with an EHC plan (2024/25): count",
                                 "Plans in special schools (2024/25): numerator", "Plans in special schools (2024/25): denominator",
                                 "Plans in special schools (2024/25): value (%)", "Plans in special schools (2024/25): rank of 6",
                                 "Plans in special schools (2024/25): band"])
        #expect(sheet.column("A") == ["LA code", "800", "330", "801", "802", "803", "", ""])
        #expect(sheet.column("B").suffix(2) == ["Total: South West", "Total: England"])
        #expect(sheet.column("D").prefix(4) == ["Compared as", "selected LA", "statistical neighbour", "statistical neighbour; region"])
        // 801's 4 (and 1 of 4) is small. The hub's one pattern (docs/disclosure-control.md) protects it
        // from every reader, each member LA knowing its own figures: in a South West of four and a
        // group of three, every LA's caseload and share goes, and England's caseload total.
        #expect(sheet.row(2) == ["800", "Bath and North East Somerset", "South West", "selected LA"] + Array(repeating: "c", count: 6))
        #expect(sheet.row(3) == ["330", "Birmingham", "West Midlands", "statistical neighbour"] + Array(repeating: "c", count: 6))
        #expect(sheet.row(4) == ["801", "Bristol, City of", "South West", "statistical neighbour; region"] + Array(repeating: "c", count: 6))
        #expect(sheet.row(5).suffix(6) == Array(repeating: "c", count: 6))
        #expect(sheet.cells["E6"] == .text("c"))
        // Totals: sums of numerators over sums of denominators, hidden cells included; `c` where hidden.
        #expect(sheet.row(7) == ["", "Total: South West", "region", "", "384", "93", "384", "24.21875"])
        #expect(sheet.cells["H8"] == .number(193.0 / 734 * 100))
        #expect(sheet.cells["E8"] == .text("c"))
        // Numbers are numeric cells; `c` is text.
        #expect(sheet.cells["E7"] == .number(384))
        #expect(sheet.cells["E4"] == .text("c"))
        #expect(sheet.frozenPane == "C2")
        #expect(sheet.boldHeader)
        #expect(sheet.widths.count == 10 && sheet.widths.allSatisfy { $0 >= 8 && $0 <= 60 })

        let timeliness = try xlsx.sheet("Timeliness")
        #expect(timeliness.row(1).last == "Plans issued within 20 weeks (2024): band")
        #expect(timeliness.row(2) == ["800", "Bath and North East Somerset", "South West", "selected LA", "18", "20", "90", "1", "A"])
        #expect(timeliness.column("A") == ["LA code", "800", "330", "801", "", ""])

        let costs = try xlsx.sheet("Costs")
        #expect(costs.row(2).suffix(5) == ["2400000", "100", "24000", "1", "A"])
    }

    /// 800's 3 requests are hidden from others, with 801's 90 and 330's 40; in 800's own workbook its
    /// 3 shows, the rest stays hidden. Only 800, 801 and 330 have a figure and none is published, so
    /// the South West and England totals are blank (docs/national-context.md).
    @Test func anLASeesItsOwnSmallFiguresOnlyInItsOwnWorkbook() throws {
        let shared = try workbook(.la("800", own: false)).sheet("Requests and assessments")
        #expect(shared.row(1) == ["LA code", "LA name", "Region", "Compared as", "Requests for assessment (2024): count"])
        #expect(shared.column("E") == ["Requests for assessment (2024): count", "c", "c", "c", "", ""])
        let own = try workbook(.la("800", own: true))
        #expect(try own.sheet("Requests and assessments").column("E") == ["Requests for assessment (2024): count", "3", "c", "c", "", ""])
        #expect(try own.sheet("Notes").rowStarting("Own figures")?[1]
                == "LA 800's own figures are unsuppressed: share this workbook only within Bath and North East Somerset.")
    }

    /// A group: its members in the config's order, the regions they are in, the group and England.
    /// 801's 4 is hidden with 800 and 330 (each could take its own from the group's total) and the
    /// totals that would give 330 or the group back; the South West's 384 stays.
    @Test func aGroupsWorkbookListsItsMembersWithTheGroupTotal() throws {
        let sheet = try workbook(.group(name: "Partnership", members: ["800", "801", "330"])).sheet("Caseload and placements")
        #expect(sheet.row(1).prefix(4) == ["LA code", "LA name", "Region", "Children with an EHC plan (2024/25): count"])
        #expect(sheet.column("B") == ["LA name", "Bath and North East Somerset", "Bristol, City of", "Birmingham",
                                      "Total: South West", "Total: West Midlands", "Total: Partnership", "Total: England"])
        #expect(sheet.column("D") == ["Children with an EHC plan (2024/25): count", "c", "c", "c", "384", "c", "c", "c"])
        #expect(sheet.column("C").suffix(4) == ["region", "region", "group", "England"])
    }

    @Test func withoutAScopeEveryLAWithFiguresIsListedByCode() throws {
        let xlsx = try workbook(.england)
        let sheet = try xlsx.sheet("Caseload and placements")
        #expect(sheet.column("A") == ["LA code", "330", "331", "800", "801", "802", "803", "", "", ""])
        #expect(sheet.column("B").suffix(3) == ["Total: South West", "Total: West Midlands", "Total: England"])
        // Published figures are public: 331's 50 shows, and is not a cell of secondary suppression.
        #expect(sheet.row(3).prefix(4) == ["331", "Coventry", "West Midlands", "50"])
        // Only LAs with a figure on the sheet: costs for 800 and 801.
        // Their region's total row stays, blank: 2 of its 4 LAs have a figure and none is published.
        #expect(try xlsx.sheet("Costs").column("A") == ["LA code", "800", "801", "", ""])
        #expect(try xlsx.sheet("Costs").column("D").suffix(2) == ["", ""])
        #expect(try xlsx.sheet("Other").row(2) == ["800", "Bath and North East Somerset", "South West", "7"])
    }

    @Test func aPeriodPicksThatYearsFiguresAndLeavesTopicsWithoutAnyEmpty() throws {
        let xlsx = try workbook(.england, period: "2023/24")
        #expect(xlsx.sheetNames == ["Caseload and placements", "Needs", "Timeliness", "Requests and assessments", "Costs", "Notes"])
        let caseload = try xlsx.sheet("Caseload and placements")
        #expect(caseload.row(1) == ["LA code", "LA name", "Region", "Children with an EHC plan (2023/24): count"])
        #expect(caseload.row(2) == ["800", "Bath and North East Somerset", "South West", "100"])
        #expect(try xlsx.sheet("Needs").row(2) == ["No figures for this topic in the period chosen."])
    }

    @Test func theNotesGiveDefinitionsSourcesTheRuleAndTheDate() throws {
        let notes = try workbook(.la("800", own: false)).sheet("Notes")
        #expect(notes.rowStarting("Generated") == ["Generated", "2025-06-01"])
        #expect(notes.rowStarting("Scope")?[1]
                == "LA 800 Bath and North East Somerset, its statistical neighbours (2025-05 edition) and the other LAs of South West.")
        #expect(notes.rowStarting("Threshold") == ["Threshold", "5"])
        #expect(notes.rowStarting("Rule")?[1].hasPrefix("Counts of 1 to 4, and rates and shares built on them, show as c.") == true)
        #expect(notes.rowStarting("c") == ["c", "suppressed (small numbers)"])
        let header = try #require(notes.rowIndex { $0.first == "Sheet" })
        #expect(notes.row(header) == ["Sheet", "Indicator", "Title", "Numerator", "Denominator", "Unit", "Polarity", "Period"])
        #expect(notes.row(header + 1) == ["Caseload and placements", "ehcp_caseload", "Children with an EHC plan",
                                          "children with an active plan", "(a count: no denominator)", "count",
                                          "context (not ranked)", "2024/25"])
        #expect(notes.row(header + 2) == ["Caseload and placements", "special_school_share", "Plans in special schools",
                                          "children placed in special schools", "children with an active plan", "%",
                                          "lower is better", "2024/25"])
        #expect(notes.rowStarting("requests_received", column: 1)?.last == "2024")
        #expect(notes.rowStarting("cost_per_plan", column: 1)?[5] == "£")
        #expect(notes.rowStarting("800") == ["800", "Bath and North East Somerset", "2025", "2025-01-16", "2025-03-01T10:00:00Z", "8"])
        #expect(notes.rowStarting("sen_ehcp_la_2025") == ["sen_ehcp_la_2025", "sen_ehcp_la_2025.csv", "2025-03-03T09:00:00Z"])
        #expect(notes.rowStarting("Contains public sector information licensed under the Open Government Licence v3.0.") != nil)
        #expect(notes.cells["B\(try #require(notes.rowIndex { $0.first == "Threshold" }))"] == .number(5))
    }

    /// The returns held: another LA's return of 1-4 persons shows c, as in the report's data quality
    /// table; in the LA's own workbook its own shows, the others' stay hidden.
    @Test func theNotesHideAnotherLAsSmallReturnButShowTheOwn() throws {
        let sources = WorkbookSources(returns: [
            .init(laCode: "800", collectionYear: 2025, censusDate: "2025-01-16", importedAt: "2025-03-01T10:00:00Z", records: 3),
            .init(laCode: "801", collectionYear: 2025, censusDate: "2025-01-16", importedAt: "2025-03-02T11:00:00Z", records: 4),
            .init(laCode: "802", collectionYear: 2025, censusDate: "2025-01-16", importedAt: "2025-03-02T11:00:00Z", records: 5)])
        func notes(_ scope: WorkbookScope) throws -> ReadBackSheet {
            let workbook = IndicatorWorkbook(snapshot: Self.snapshot, geography: Self.geography, scope: scope, period: nil,
                                             sources: sources, neighboursEdition: "2025-05", generated: Self.generated)
            return try XLSXReadBack(bytes: workbook.workbook().xlsx()).sheet("Notes")
        }
        let shared = try notes(.la("800", own: false))
        #expect(shared.rowStarting("800")?.last == "c")
        #expect(shared.rowStarting("801")?.last == "c")
        #expect(shared.rowStarting("802")?.last == "5")
        let own = try notes(.la("800", own: true))
        #expect(own.rowStarting("800")?.last == "3")
        #expect(own.rowStarting("801")?.last == "c")
        let group = try notes(.group(name: "Partnership", members: ["800", "801", "330"]))
        #expect(group.rowStarting("800")?.last == "c")
    }

    @Test func withoutPublishedFiguresTheNotesSaySoAndGiveNoAttribution() throws {
        let snapshot = IndicatorSnapshot(definitions: [Self.definitions[0]],
                                         figures: ["ehcp_caseload": ["2024/25": [Self.figure("800", 120)]]])
        let bytes = IndicatorWorkbook(snapshot: snapshot, geography: Self.geography, scope: .england,
                                      generated: Self.generated).workbook().xlsx()
        let notes = try XLSXReadBack(bytes: bytes).sheet("Notes")
        #expect(notes.rowStarting("None used: every figure is computed from the returns above.") != nil)
        #expect(notes.rowStarting("Contains public sector information licensed under the Open Government Licence v3.0.") == nil)
    }

    // MARK: - The writer's parts

    @Test func textIsEscapedAndControlCharactersDropped() throws {
        var sheet = Worksheet(name: "A/B: [odd] * name that is far too long for Excel", rows: [
            [.text("Fish & chips <b>\"quoted\" 'single'\u{01}\u{1F}"), .number(1.5), .text(" padded ")],
        ])
        sheet.fitColumns()
        let workbook = Workbook(title: "Title & <more>", created: Self.generated,
                                sheets: [sheet, Worksheet(name: "a-b- -odd- - name that is far too long for Excel")])
        let xlsx = try XLSXReadBack(bytes: workbook.xlsx())
        #expect(xlsx.sheetNames == ["A-B- -odd- - name that is far t", "a-b- -odd- - name that is f (2)"])
        #expect(xlsx.sheetNames.allSatisfy { $0.count <= 31 })
        let read = try xlsx.sheet(xlsx.sheetNames[0])
        #expect(read.row(1) == ["Fish & chips <b>\"quoted\" 'single'", "1.5", " padded "])
        #expect(try xlsx.xml("docProps/core.xml").descendants("dc:title").first?.text == "Title & <more>")
    }

    @Test func zipEntriesRoundTripThroughTheHubsReader() throws {
        var zip = ZipWriter(modified: ZipTimestamp(year: 2025, month: 6, day: 1, hour: 13, minute: 45, second: 30))
        let big = Array(String(repeating: "High needs, high needs. ", count: 400).utf8)
        zip.add("a.txt", big)
        zip.add("dir/empty.bin", [])
        zip.add("random.bin", [0x00, 0xFF, 0x10])
        let archive = try ZipArchive(bytes: zip.finish(), name: "test.zip")
        #expect(archive.entries.map(\.name) == ["a.txt", "dir/empty.bin", "random.bin"])
        #expect(archive.entries.map(\.method) == [8, 0, 0])
        #expect(try archive.contents(of: "a.txt") == big)
        #expect(try archive.contents(of: "dir/empty.bin") == [])
        #expect(try archive.contents(of: "random.bin") == [0x00, 0xFF, 0x10])
        #expect(archive.entries[0].compressedSize < big.count / 10)
    }

    @Test func columnLettersRunPastZ() {
        let letters = [0, 25, 26, 51, 52, 701, 702, 16_383].map(A1Reference.column)
        #expect(letters == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"])
    }

    // MARK: - The command, end to end

    var fixtures: [String] {
        ["sen2-800-2024.xml", "sen2-800-2025.xml", "sen2-801-2025.xml"].map { "\(packageRoot)/Datasets/fixtures/\($0)" }
    }

    /// The bundled returns: 800 has 5 children with a plan in 2024/25, 801 has 4 (small), so both
    /// show as c to others; 800's own workbook shows its 5.
    @Test func exportWritesAWorkbookFromTheStore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let db = ["--db", "hub.sqlite"]
        try runHub(["init"] + db, in: folder.path)
        try runHub(["import"] + db + fixtures, in: folder.path)
        let run = try runHub(["export", "--xlsx", "all.xlsx"] + db, in: folder.path, environment: ["SOURCE_DATE_EPOCH": "1748736000"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("wrote all.xlsx: "))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file("all.xlsx"))))
        let xlsx = try XLSXReadBack(bytes: bytes)
        #expect(xlsx.sheetNames.first == "Caseload and placements")
        #expect(xlsx.sheetNames.last == "Notes")
        let caseload = try xlsx.sheet("Caseload and placements")
        let column = try #require(caseload.columnIndex { $0 == "EHC plans at the census date (2024/25): count" })
        // Every LA is listed: the hub's two, c, and the rest from the published tables.
        let row800 = try #require(caseload.column("A").firstIndex(of: "800"))
        #expect(caseload.column(column)[row800...].prefix(2) == ["c", "c"])
        #expect(caseload.column("A").filter { $0.count == 3 }.count == 153)
        #expect(caseload.column("B").contains("Total: England"))
        let notes = try xlsx.sheet("Notes")
        #expect(notes.rowStarting("Generated") == ["Generated", "2025-06-01"])
        #expect(notes.rowStarting("801")?.prefix(4) == ["801", "Bristol, City of", "2025", "2025-01-16"])

        // The same store and day give the same bytes.
        try runHub(["export", "--xlsx", "again.xlsx"] + db, in: folder.path, environment: ["SOURCE_DATE_EPOCH": "1748736000"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("again.xlsx"))) == Data(bytes))

        let own = try runHub(["export", "--xlsx", "own.xlsx", "--la", "800", "--own", "--period", "2024/25"] + db,
                            in: folder.path)
        #expect(own.status == 0, "\(own.errors)")
        let ownSheet = try XLSXReadBack(bytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file("own.xlsx")))))
            .sheet("Caseload and placements")
        #expect(ownSheet.row(2).prefix(5) == ["800", "Bath and North East Somerset", "South West", "selected LA", "5"])
        #expect(ownSheet.rowStarting("801")?[4] == "c")

        let bad = try runHub(["export", "--xlsx", "x.xlsx", "--own"] + db, in: folder.path)
        #expect(bad.status == 2)
        let unknown = try runHub(["export", "--xlsx", "x.xlsx", "--group", "nobody"] + db, in: folder.path)
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("no group named 'nobody'"))
    }

    @Test(.enabled(if: LibreOfficeCalc.path != nil, "LibreOffice (soffice) is not installed"))
    func libreOfficeReadsEverySheetWithTheSameValues() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bytes = IndicatorWorkbook(snapshot: Self.snapshot, geography: Self.geography, scope: .la("800", own: false),
                                      sources: Self.sources, neighboursEdition: "2025-05", generated: Self.generated)
            .workbook().xlsx()
        let path = try folder.write("book.xlsx", bytes: bytes)
        let ours = try XLSXReadBack(bytes: bytes)
        let sheets = try LibreOfficeCalc.csvSheets(of: path, in: folder)
        #expect(sheets.count == ours.sheetNames.count)
        for name in ours.sheetNames {
            let csv = try #require(sheets[name], "LibreOffice wrote no CSV for \(name): \(sheets.keys.sorted())")
            let expected = try ours.sheet(name).grid
            #expect(csv.count == expected.count, "\(name)")
            for (rowIndex, (theirs, mine)) in zip(csv, expected).enumerated() {
                #expect(theirs.count == mine.count, "\(name) row \(rowIndex + 1)")
                for (column, (a, b)) in zip(theirs, mine).enumerated() where a != b {
                    // Numbers may print differently (e.g. 26.2942779291553 vs 26.29427792915531).
                    let close = Double(a).flatMap { x in Double(b).map { abs(x - $0) < 1e-9 * max(1, abs($0)) } } ?? false
                    #expect(close, "\(name) row \(rowIndex + 1) column \(column + 1): LibreOffice '\(a)', ours '\(b)'")
                }
            }
        }
    }

    /// 10 of 160: the cell holds 6.25 and shows 6.3, as the report and the tables round it
    /// (half away from zero, docs/rounding.md).
    @Test(.enabled(if: LibreOfficeCalc.path != nil, "LibreOffice (soffice) is not installed"))
    func aSpreadsheetShowsTheValueAsTheReportRoundsIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let snapshot = IndicatorSnapshot(definitions: [Self.definitions[1]], figures: [
            "special_school_share": ["2024/25": [Self.figure("800", 10, 160)]],
        ])
        let bytes = IndicatorWorkbook(snapshot: snapshot, geography: Self.geography, scope: .la("800", own: true),
                                      sources: Self.sources, generated: Self.generated).workbook().xlsx()
        #expect(try XLSXReadBack(bytes: bytes).sheet("Caseload and placements").row(2).prefix(7)
                == ["800", "Bath and North East Somerset", "South West", "selected LA", "10", "160", "6.25"])
        let shown = try LibreOfficeCalc.csvSheets(of: try folder.write("book.xlsx", bytes: bytes), in: folder, asShown: true)
        #expect(shown["Caseload and placements"]?[1].prefix(7)
                == ["800", "Bath and North East Somerset", "South West", "selected LA", "10", "160", "6.3"])
    }
}

// MARK: - Helpers

/// Runs a tool, standard output and error together.
fileprivate func runTool(_ path: String, _ arguments: [String], in folder: String? = nil,
             environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// LibreOffice headless, converting every sheet of a workbook to CSV.
fileprivate enum LibreOfficeCalc {
    static var path: String? {
        ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Sheet name -> rows of cells as LibreOffice shows them (raw values, UTF-8, comma separated).
    static func csvSheets(of workbook: String, in folder: TemporaryFolder, asShown: Bool = false) throws -> [String: [[String]]] {
        let soffice = try #require(path)
        let output = folder.file("csv")
        // Filter options: comma, double quote, UTF-8, first line 1, default cell format, language,
        // quoted as text off, detect numbers on, cell contents as shown (off: raw values), formulas off,
        // remove space off, sheet -1 = every sheet to its own file.
        let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,\(asShown),false,false,-1"
        let run = try runTool(soffice, ["-env:UserInstallation=file://\(folder.file("profile"))", "--headless",
                                        "--convert-to", filter, "--outdir", output, workbook],
                              environment: ["HOME": folder.path])
        #expect(run.status == 0, "\(run.output)")
        let base = URL(fileURLWithPath: workbook).deletingPathExtension().lastPathComponent
        var sheets: [String: [[String]]] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: output) where file.hasSuffix(".csv") {
            let name = String(file.dropFirst(base.count + 1).dropLast(4))
            let text = try String(contentsOfFile: "\(output)/\(file)", encoding: .utf8)
            sheets[name] = CSVRows.parse(text)
        }
        return sheets
    }
}

/// RFC 4180 rows, trailing empty cells and rows trimmed (as the grids below are).
fileprivate enum CSVRows {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var characters = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? characters.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { cell.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { cell.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": row.append(cell); cell = ""
            case "\n", "\r\n":
                row.append(cell); rows.append(row); row = []; cell = ""
            case "\r": continue
            default: cell.append(c)
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        var trimmed = rows.map { r -> [String] in
            var r = r
            while r.last == "" { r.removeLast() }
            return r
        }
        while trimmed.last?.isEmpty == true { trimmed.removeLast() }
        return trimmed
    }
}

/// An XLSX read back: its zip entries, sheet names and each sheet's cells.
fileprivate struct XLSXReadBack {
    let bytes: [UInt8]
    let archive: ZipArchive

    init(bytes: [UInt8]) throws {
        self.bytes = bytes
        archive = try ZipArchive(bytes: bytes, name: "workbook.xlsx")
    }

    func xml(_ path: String) throws -> ReadBackXML { try ReadBackXML.parse(try archive.contents(of: path)) }

    var sheetNames: [String] {
        (try? xml("xl/workbook.xml").descendants("sheet").compactMap { $0["name"] }) ?? []
    }

    var sharedStrings: [String] {
        (try? xml("xl/sharedStrings.xml").children("si").map { $0.descendants("t").map(\.text).joined() }) ?? []
    }

    /// The sheet called `name`, found through the workbook's relationships.
    func sheet(_ name: String) throws -> ReadBackSheet {
        let workbook = try xml("xl/workbook.xml")
        let sheet = try #require(workbook.descendants("sheet").first { $0["name"] == name }, "no sheet \(name)")
        let rels = try xml("xl/_rels/workbook.xml.rels").children("Relationship")
        let target = try #require(rels.first { $0["Id"] == sheet["r:id"] }?["Target"])
        let root = try xml("xl/" + target)
        let styles = try xml("xl/styles.xml")
        let boldStyles = Set(styles.descendants("cellXfs").first?.children("xf").enumerated()
            .filter { $0.element["fontId"] == "1" }.map { String($0.offset) } ?? [])
        return ReadBackSheet(root: root, strings: sharedStrings, boldStyles: boldStyles)
    }
}

/// One worksheet's cells by reference (`B3`), typed as the XML types them.
fileprivate struct ReadBackSheet {
    enum Value: Equatable {
        case text(String)
        case number(Double)

        var shown: String {
            switch self {
            case .text(let text): return text
            case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            }
        }
    }

    var cells: [String: Value] = [:]
    var styles: [String: String] = [:]
    var frozenPane: String?
    var widths: [Double] = []
    var boldHeader = false
    var rowCount = 0
    var columnCount = 0

    init(root: ReadBackXML, strings: [String], boldStyles: Set<String>) {
        for row in root.descendants("row") {
            rowCount = max(rowCount, Int(row["r"] ?? "0") ?? 0)
            for cell in row.children("c") {
                guard let reference = cell["r"] else { continue }
                styles[reference] = cell["s"]
                let raw = cell.children("v").first?.text
                let letters = reference.prefix { $0.isLetter }
                columnCount = max(columnCount, Self.index(of: String(letters)) + 1)
                switch (cell["t"], raw) {
                case ("s", let raw?): cells[reference] = .text(strings[Int(raw)!])
                case ("inlineStr", _): cells[reference] = .text(cell.descendants("t").map(\.text).joined())
                case (nil, let raw?): cells[reference] = .number(Double(raw)!)
                default: break
                }
            }
        }
        frozenPane = root.descendants("pane").first { $0["state"] == "frozen" }?["topLeftCell"]
        widths = root.descendants("col").compactMap { $0["width"].flatMap(Double.init) }
        let header = (0..<columnCount).map { "\(Self.letters($0))1" }.filter { cells[$0] != nil }
        boldHeader = !header.isEmpty && header.allSatisfy { styles[$0].map(boldStyles.contains) ?? false }
    }

    /// The shown text of every cell, row by row, trailing empty cells and rows trimmed.
    var grid: [[String]] {
        var rows = (1...max(rowCount, 1)).map { row(at: $0) }
        while rows.last?.isEmpty == true { rows.removeLast() }
        return rows
    }

    private func row(at number: Int) -> [String] {
        var values = (0..<columnCount).map { cells["\(Self.letters($0))\(number)"]?.shown ?? "" }
        while values.last == "" { values.removeLast() }
        return values
    }

    /// Row `number` (1-based), trailing empty cells trimmed.
    func row(_ number: Int) -> [String] { self.row(at: number) }

    /// The first row whose cell in `column` (0-based) is `text`.
    func rowStarting(_ text: String, column: Int = 0) -> [String]? {
        rowIndex { $0.count > column && $0[column] == text }.map { self.row(at: $0) }
    }

    func rowIndex(where predicate: ([String]) -> Bool) -> Int? {
        (1...max(rowCount, 1)).first { predicate(row(at: $0)) }
    }

    /// The shown text of a column, from row 1 to the last row.
    func column(_ letters: String) -> [String] {
        (1...max(rowCount, 1)).map { cells["\(letters)\($0)"]?.shown ?? "" }
    }

    func column(_ index: Int) -> [String] { column(Self.letters(index)) }

    /// The first column whose header (row 1) satisfies `predicate`.
    func columnIndex(where predicate: (String) -> Bool) -> Int? {
        (0..<columnCount).first { cells["\(Self.letters($0))1"].map { predicate($0.shown) } ?? false }
    }

    static func letters(_ index: Int) -> String {
        var n = index + 1, result = ""
        while n > 0 {
            result = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + result
            n = (n - 1) / 26
        }
        return result
    }

    static func index(of letters: String) -> Int {
        letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    }
}

/// A parsed XML element, enough to walk a workbook part; parsing fails on XML that is not well-formed.
fileprivate final class ReadBackXML {
    let name: String
    let attributes: [String: String]
    var children: [ReadBackXML] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    subscript(attribute: String) -> String? { attributes[attribute] }

    func children(_ name: String) -> [ReadBackXML] { children.filter { $0.name == name } }

    func descendants(_ name: String) -> [ReadBackXML] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }

    @discardableResult
    static func parse(_ bytes: [UInt8]) throws -> ReadBackXML {
        let builder = Builder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XMLFailure(message: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }

    struct XMLFailure: Error { var message: String }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [ReadBackXML] = []
        var root: ReadBackXML?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let element = ReadBackXML(name: elementName, attributes: attributeDict)
            stack.last?.children.append(element)
            if stack.isEmpty { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
