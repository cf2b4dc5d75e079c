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
@testable import PlacementCostImporter

/// The placement cost importers: per establishment (or an LA's default by placement type) and per
/// child keyed by UPN, each read from a small fixture into a collecting sink, then through the host.
@Suite struct PlacementCostImporterTests {
    // MARK: placement-costs

    @Test func establishmentCostsAndDefaultsByPlacementType() throws {
        let sink = try read(EstablishmentCostImporter(), """
            la_code,urn,placement_type,annual_cost
            801,135790,Independent special,"£62,500.00"
            801,,Maintained special,41000
            E10000003,100001,,£ 18250.5

            873,,ISP,"1,234,567"
            """)
        #expect(sink.records == [
            PlacementCostRecord(laCode: "801", urn: "135790", placementType: "Independent special", annualCost: 62500, line: 2),
            PlacementCostRecord(laCode: "801", placementType: "Maintained special", annualCost: 41000, line: 3),
            PlacementCostRecord(laCode: "E10000003", urn: "100001", annualCost: 18250.5, line: 4),
            PlacementCostRecord(laCode: "873", placementType: "ISP", annualCost: 1_234_567, line: 6),
        ])
    }

    @Test func costHeadersMatchInAnyCaseAndOrderQuotedOrNotWithExtraColumnsIgnored() throws {
        let sink = try read(EstablishmentCostImporter(), """
            \u{FEFF}"Annual_Cost","Notes"," URN ","Placement_Type","LA_CODE"\r
            30000,agreed 2024,140000,,802\r
            """)
        #expect(sink.records == [PlacementCostRecord(laCode: "802", urn: "140000", annualCost: 30000, line: 2)])
    }

    @Test(arguments: [
        ("801,,,45000", "costs.csv:2:2: column urn: neither urn nor placement_type is given: give the establishment's URN, or a placement_type for the LA's default cost"),
        ("801,100001,,-45000", "costs.csv:2:4: column annual_cost: '-45000' is negative: an annual cost is 0 or more"),
        ("801,100001,,£-10", "costs.csv:2:4: column annual_cost: '£-10' is negative: an annual cost is 0 or more"),
        ("801,100001,,-0", "costs.csv:2:4: column annual_cost: '-0' is negative: an annual cost is 0 or more"),
        ("801,100001,,tbc", "costs.csv:2:4: column annual_cost: 'tbc' is not an amount in pounds: write it like 45000, 45000.50 or £45,000.50"),
        ("801,100001,,\"45,00\"", "costs.csv:2:4: column annual_cost: '45,00' is not an amount in pounds: write it like 45000, 45000.50 or £45,000.50"),
        ("801,100001,,", "costs.csv:2:4: column annual_cost: the cost is empty: give the annual cost in pounds, e.g. 45000 or £45,000.00"),
        ("801,10000A,,100", "costs.csv:2:2: column urn: '10000A' is not a URN: give the establishment's URN (digits, as in GIAS)"),
        (",100001,,100", "costs.csv:2:1: column la_code: the LA code is empty: give the placing LA's 3-digit DfE code or ONS E-code"),
    ])
    func aBadCostRowRejectsTheFileNamingLineAndColumn(row: String, message: String) throws {
        let error = try #require(throws: InputRejected.self) {
            try read(EstablishmentCostImporter(), "la_code,urn,placement_type,annual_cost\n\(row)\n", name: "costs.csv")
        }
        #expect(error.description == message)
    }

    @Test func aFileWithoutTheCostHeaderIsRejectedAtLineOne() throws {
        let error = try #require(throws: InputRejected.self) {
            try read(EstablishmentCostImporter(), "la_code,urn,annual_cost\n801,100001,100\n", name: "costs.csv")
        }
        #expect(error.description == "costs.csv:1: not a placement cost file: the header needs la_code, urn, placement_type and annual_cost (and no upn column)")
    }

    @Test(arguments: [
        ("45000", 45000.0), ("45000.5", 45000.5), ("£45,000.50", 45000.5), ("£ 45000", 45000), ("1,234,567.89", 1_234_567.89),
        ("0", 0), ("-£12", -12), ("£-12", -12), ("999", 999),
    ] as [(String, Double)])
    func poundsAreReadWithSignAndThousandsSeparators(text: String, amount: Double) {
        #expect(Pounds.parse(text) == amount)
    }

    @Test(arguments: ["", "£", "abc", "45,00", "4,5000", ",450", "45000.", ".5", "1e5", "45 000", "££5", "--5", "0x10", "45000 GBP", "(45000)"])
    func textThatIsNotAnAmountIsRefused(text: String) {
        #expect(Pounds.parse(text) == nil)
    }

    // MARK: placement-costs-per-child

    @Test func perChildCostsCarryTheUPNForTheHostToHash() throws {
        let sink = try read(PerChildCostImporter(), """
            la_code,upn,urn,placement_type,annual_cost
            801, a801000012345 ,135790,ISP,"£88,000"
            801,B801000012346,,,52000
            """)
        #expect(sink.records == [
            PlacementCostRecord(laCode: "801", urn: "135790", placementType: "ISP", personIdentifier: "A801000012345",
                                annualCost: 88000, line: 2),
            PlacementCostRecord(laCode: "801", personIdentifier: "B801000012346", annualCost: 52000, line: 3),
        ])
    }

    @Test func urnAndPlacementTypeColumnsAreOptionalPerChild() throws {
        let sink = try read(PerChildCostImporter(), "UPN,LA_Code,Annual_Cost\nA801000012345,E06000023,1000\n")
        #expect(sink.records == [PlacementCostRecord(laCode: "E06000023", personIdentifier: "A801000012345", annualCost: 1000, line: 2)])
    }

    @Test(arguments: [
        ("801,,100001,45000", "child-costs.csv:2:2: column upn: the UPN is empty: every row of a per-child cost file needs the child's UPN"),
        ("801,A80100001234,100001,45000", "child-costs.csv:2:2: column upn: 'A8********** (12 characters)' is not a UPN: a UPN is 13 letters and digits starting with a letter"),
        ("801,8801000012345,100001,45000", "child-costs.csv:2:2: column upn: '88*********** (13 characters)' is not a UPN: a UPN is 13 letters and digits starting with a letter"),
        ("801,A801000012345,100001,-1", "child-costs.csv:2:4: column annual_cost: '-1' is negative: an annual cost is 0 or more"),
        ("801,A801000012345,1000x1,100", "child-costs.csv:2:3: column urn: '1000x1' is not a URN: give the establishment's URN (digits, as in GIAS)"),
    ])
    func aBadPerChildRowRejectsTheFileWithTheUPNMasked(row: String, message: String) throws {
        let error = try #require(throws: InputRejected.self) {
            try read(PerChildCostImporter(), "la_code,upn,urn,annual_cost\n\(row)\n", name: "child-costs.csv")
        }
        #expect(error.description == message)
        let upn = row.split(separator: ",", omittingEmptySubsequences: false)[1]
        if upn.count > 2 { #expect(!error.description.contains(upn), "the UPN appears in the message") }
    }

    @Test func aUPNIsShownAsItsFirstTwoCharactersAndItsLength() {
        #expect(MaskedUPN.display("A801000012345") == "A8*********** (13 characters)")
        #expect(MaskedUPN.display("X") == "X (1 character)")
        #expect(MaskedUPN.hasUPNShape("A801000012345"))
        #expect(MaskedUPN.hasUPNShape("A80100001234B"))
        #expect(!MaskedUPN.hasUPNShape("A8010000123456"))
        #expect(!MaskedUPN.hasUPNShape("A80100001234-"))
    }

    // MARK: Detection

    @Test(arguments: [
        ("la_code,urn,placement_type,annual_cost\n801,100001,,45000\n", "placement-costs"),
        ("\u{FEFF}\"LA_Code\",\"URN\",\"Placement_Type\",\"Annual_Cost\",\"Notes\"\n801,100001,,45000,\n", "placement-costs"),
        ("la_code,upn,urn,annual_cost\n801,A801000012345,,45000\n", "placement-costs-per-child"),
        ("la_code,upn,annual_cost\n801,A801000012345,45000\n", "placement-costs-per-child"),
        ("la_code,urn,placement_type,annual_cost,upn\n801,100001,,45000,A801000012345\n", "placement-costs-per-child"),
    ])
    func eachLayoutIsClaimedByExactlyOneImporter(text: String, expected: String) {
        let claims = PlacementCostImporter.importers.filter { $0.detect(source(text)) != nil }.map(\.descriptor.id)
        #expect(claims == [expected])
        #expect(PlacementCostImporter.importers.compactMap { $0.detect(source(text)) } == [90])
    }

    @Test(arguments: [
        "URN,LA (code),LA (name),EstablishmentName,TypeOfEstablishment (code)\n100001,801,Bristol,A School,1\n",
        "la_code,year,age,population\n801,2024,0,10\n",
        "ladcode21,laname21,country,sex,age,population_2021\nE06000023,Bristol,E,1,0,10\n",
        "la_code,urn,annual_cost\n801,100001,45000\n",
        "la_code,upn,urn\n801,A801000012345,100001\n",
        "la_code,new_la_code,la_name,sn_rank,sn_la_code\n801,E06000023,Bristol,1,802\n",
        "<?xml version=\"1.0\"?><Message><Header/></Message>",
        "",
    ])
    func otherFilesAreClaimedByNeither(text: String) {
        for importer in PlacementCostImporter.importers {
            #expect(importer.detect(source(text)) == nil, "\(importer.descriptor.id) claims \(text.prefix(40))")
        }
    }

    // MARK: Through the host

    @Test func aPerChildCostIsStoredUnderAPseudonymAndTheUPNNowhere() throws {
        let hub = try PlacementHub()
        defer { hub.folder.remove() }
        let upn = validUPN("801000098765")
        let path = try hub.folder.write("child-costs.csv", """
            la_code,upn,urn,placement_type,annual_cost
            E06000023,\(upn),135790,ISP,"£88,000"

            """)
        guard case let .imported(entry, _, _) = hub.importPath(path) else {
            Issue.record("not imported")
            return
        }
        #expect(entry.importerID == "placement-costs-per-child")
        let rows = try hub.store.database.rows(
            "SELECT la_code, urn, placement_type, annual_cost, person_pseudonym FROM placement_costs")
        #expect(rows.count == 1)
        #expect(rows.first?.prefix(4) == [.text("801"), .text("135790"), .text("ISP"), .real(88000)])
        let pseudonym = try #require(rows.first?[4].string)
        #expect(pseudonym.count == 64 && pseudonym.allSatisfy(\.isHexDigit))
        try hub.store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: hub.folder.file("hub.sqlite")))
        #expect(bytes.range(of: Data(upn.utf8)) == nil, "the UPN is in the database file")
        #expect(bytes.range(of: Data(upn.lowercased().utf8)) == nil)
    }

    @Test func establishmentCostsAndDefaultsReachTheStore() throws {
        let hub = try PlacementHub()
        defer { hub.folder.remove() }
        let path = try hub.folder.write("costs.csv", """
            la_code,urn,placement_type,annual_cost
            801,135790,,"£62,500"
            E10000003,,Independent special,71000.25

            """)
        guard case let .imported(entry, _, _) = hub.importPath(path) else {
            Issue.record("not imported")
            return
        }
        #expect(entry.importerID == "placement-costs")
        #expect(try hub.store.database.rows("""
            SELECT la_code, urn, placement_type, person_pseudonym, annual_cost FROM placement_costs ORDER BY id
            """) == [
                [.text("801"), .text("135790"), .null, .null, .real(62500)],
                [.text("873"), .null, .text("Independent special"), .null, .real(71000.25)],
            ])
    }

    @Test func anUnknownPlacingLARejectsTheFileAndStoresNothing() throws {
        let hub = try PlacementHub()
        defer { hub.folder.remove() }
        let path = try hub.folder.write("costs.csv", "la_code,urn,placement_type,annual_cost\n801,135790,,100\n999,135790,,100\n")
        guard case let .rejected(_, reason) = hub.importPath(path) else {
            Issue.record("not rejected")
            return
        }
        #expect(reason == "line 3, column 1: column la_code: '999' is not an LA in the register nor a district in the ONS lookup (3-digit DfE code or ONS E-code expected)")
        #expect(try hub.count("placement_costs") == 0)
        #expect(try hub.count("imports") == 0)
    }

    // MARK: Helpers

    /// One CSV file held in memory, read 5 bytes at a time to cross the reader's chunk boundaries.
    func source(_ text: String, name: String = "costs.csv") -> ImportSource {
        let bytes = Array(text.utf8)
        let file = InputFile(name: name, head: bytes, open: { MemoryByteStream(bytes, chunk: 5) })
        return ImportSource(name: name, files: [file])
    }

    func read(_ importer: any Importer, _ text: String, name: String = "costs.csv") throws -> CostCollectingSink {
        let sink = CostCollectingSink()
        try importer.read(source(text, name: name), into: sink)
        return sink
    }
}

/// A ``RecordSink`` that keeps the placement cost records it is given.
final class CostCollectingSink: RecordSink {
    private(set) var records: [PlacementCostRecord] = []

    func beginReturn(_ header: ReturnHeader) throws { Issue.record("unexpected SEN2 return") }
    func person(_ person: PersonRecord) throws { Issue.record("unexpected person") }
    /// Records without their `laCodeCell`, which `cells` keeps in the same order.
    func placementCost(_ row: PlacementCostRecord) throws {
        var record = row
        cells.append(record.laCodeCell)
        record.laCodeCell = nil
        records.append(record)
    }
    var cells: [CellReference?] = []
    func issue(_ issue: ImportIssue) throws { Issue.record("unexpected issue \(issue.ruleID)") }
}

/// A store with the bundled LA register, and the host's import runner with this plugin's importers,
/// as `hnhub import` runs them.
struct PlacementHub {
    let folder: TemporaryFolder
    let store: Store
    let catalog: PluginCatalog
    let runner: ImportRunner

    init() throws {
        folder = try TemporaryFolder()
        store = try Store(path: folder.file("hub.sqlite"))
        try BundledReference.load(from: "\(packageRoot)/Datasets", into: store)
        let secret = try HubSecret.create(path: folder.file("hub.secret"))
        catalog = HubTestSupport.catalog(importers: PlacementCostImporter.importers)
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
}
