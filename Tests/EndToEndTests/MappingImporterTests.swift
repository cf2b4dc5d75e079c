import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import MappingImporters
import MetricEngine
import PluginHost
import Pseudonymisation
import Testing

/// A hub for mapping tests: the built-in plugins from the build folder plus the mapping importers
/// of a folder (the example mappings in config/importers by default), a fixed secret so that two
/// hubs give the same pseudonyms, and the establishment register of the caseload tests.
struct MappingHub {
    static let examples = "\(packageRoot)/config/importers"
    static let exports = "\(packageRoot)/Tests/Fixtures/mapping"
    static let secret = HubSecret(bytes: [UInt8](repeating: 7, count: 32))

    let folder: TemporaryFolder
    let store: Store
    let catalog: PluginCatalog
    let runner: ImportRunner

    init(mappings: String = MappingHub.examples, rowFailures: MappingImporter.RowFailurePolicy = .rejectFile,
         register: Bool = true) throws {
        folder = try TemporaryFolder()
        store = try Store(path: folder.file("hub.sqlite"))
        catalog = Self.catalog(mappings: mappings, rowFailures: rowFailures)
        runner = ImportRunner(catalog: catalog, opener: InputOpener(), store: store, secret: Self.secret)
        if register {
            let gias = try folder.write("gias.csv", """
                URN,LA (code),LA (name),EstablishmentName,TypeOfEstablishment (code),TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),Postcode,UKPRN
                100001,800,Bath and North East Somerset,Kelmoor Primary,1,Community school,Open,Primary,BA1 1AA,
                100002,800,Bath and North East Somerset,Orrin Special,7,Community special school,Open,All-through,BA2 2BB,
                100003,800,Bath and North East Somerset,Ashby Primary,1,Community school,Open,Primary,BA4 4DD,
                100004,800,Bath and North East Somerset,Brookfield Academy,28,Academy sponsor led,Open,Secondary,BA5 5EE,
                100005,801,"Bristol, City of",Tolvane House,10,Other independent special school,Open,Not applicable,BS9 9ZZ,
                100006,800,Bath and North East Somerset,Wessary College,18,Further education,Open,Sixteen plus,BA3 3CC,10012345
                """)
            guard case .imported = runner.run(path: gias).first else { throw InputRejected(message: "the register did not import") }
        }
    }

    /// Built-in plugins plus one plugin per mapping file of `mappings`, as `hnhub` builds its catalogue.
    static func catalog(mappings: String, rowFailures: MappingImporter.RowFailurePolicy = .rejectFile) -> PluginCatalog {
        let (plugins, refusals) = PluginLoader.loadAll(policy: builtInPluginPolicy)
        let mapped = MappingFolder.load(folder: mappings).loaded.map { loaded in
            let importer = loaded.importer.with(rowFailures: rowFailures)
            return LoadedPlugin(manifest: PluginManifest(id: importer.descriptor.id, version: "1", importers: [importer]),
                                path: loaded.path, sha256: loaded.sha256)
        }
        return PluginCatalog(plugins: plugins + mapped, refusals: refusals)
    }

    func run(_ path: String, importer: String? = nil) -> ImportOutcome {
        runner.run(path: path, importerID: importer).first!
    }

    /// indicator id -> value for LA 800 in `period`, after computing every indicator.
    func indicators(period: String) throws -> [String: StoredIndicatorValue] {
        _ = try IndicatorComputation(store: store, catalog: catalog).run()
        let values = try IndicatorTable(database: store.database).values(laCodes: ["800"], period: period)
        return Dictionary(values.map { ($0.indicatorID, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every row of the person-level tables (ids included), and of the findings and quarantine.
    func personTables() throws -> [String: [[SQLValue]]] {
        var tables: [String: [[SQLValue]]] = [:]
        for table in ["persons", "requests", "assessments", "named_plans", "plan_details", "active_plans", "placements",
                      "sen_needs", "quarantine"] {
            tables[table] = try store.database.rows("SELECT * FROM \(table) ORDER BY 1")
        }
        tables["validation_issues"] = try store.database.rows(
            "SELECT rule_id, severity, message, path, value FROM validation_issues ORDER BY 1, 3")
        return tables
    }

    func count(_ sql: String) throws -> Int { try store.database.scalar(sql)?.int ?? -1 }
}

/// The two example mappings in config/importers read their synthetic exports (Tests/Fixtures/mapping,
/// written by scripts/make_mapping_fixtures.py) into exactly what the SEN2 XML fixture gives.
@Suite struct MappingImporterTests {
    static let xml = "\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml"

    /// An export is detected by its header row, imported, and stored person for person as the XML
    /// return of the same children: with the same secret, every row of every person-level table is equal.
    @Test(arguments: ["caseview-children-800-2025.csv", "synergy-placements-800-2025.csv", "caseview-children-800-2025.xlsx"])
    func anExportStoresWhatTheXMLReturnStores(export: String) throws {
        let fromXML = try MappingHub(), fromExport = try MappingHub()
        defer { fromXML.folder.remove(); fromExport.folder.remove() }
        guard case .imported(let xmlEntry, _, _) = fromXML.run(Self.xml) else { Issue.record("XML not imported"); return }
        let outcome = fromExport.run("\(MappingHub.exports)/\(export)")   // detected, no --importer
        guard case .imported(let entry, nil, let summary) = outcome else { Issue.record("\(outcome)"); return }
        #expect(entry.importerID == (export.hasPrefix("caseview") ? "mapping:caseview-children" : "mapping:synergy-placements"))
        #expect([entry.laCode, entry.collectionYear.map(String.init), entry.censusDate] == ["800", "2025", "2025-01-16"])
        #expect([entry.records, entry.quarantined, entry.errors, entry.warnings] as [Int] == [8, 0, 0, 0])
        #expect(summary.persons == 8)
        #expect([xmlEntry.records, xmlEntry.quarantined, xmlEntry.errors, xmlEntry.warnings] as [Int] == [8, 0, 0, 0])
        let xmlTables = try fromXML.personTables(), exportTables = try fromExport.personTables()
        for (table, rows) in xmlTables {
            #expect(exportTables[table] == rows, "table \(table)")
        }
        #expect(xmlTables["persons"]?.count == 8)
        #expect(xmlTables["placements"]?.count == 7)
    }

    /// Both example mappings give the indicators of the XML fixture, value for value (caseload,
    /// placement types with the register, needs, ages, and the work in calendar 2024).
    @Test(arguments: ["caseview-children-800-2025.csv", "synergy-placements-800-2025.csv"])
    func bothExamplesGiveTheIndicatorsOfTheXMLFixture(export: String) throws {
        let fromXML = try MappingHub(), fromExport = try MappingHub()
        defer { fromXML.folder.remove(); fromExport.folder.remove() }
        _ = fromXML.run(Self.xml)
        guard case .imported = fromExport.run("\(MappingHub.exports)/\(export)") else { Issue.record("not imported"); return }
        for period in ["2024/25", "2024"] {
            let expected = try fromXML.indicators(period: period), actual = try fromExport.indicators(period: period)
            #expect(expected.count >= 10)
            #expect(Set(actual.keys) == Set(expected.keys))
            for (id, value) in expected {
                #expect(actual[id] == value, "\(id) \(period)")
            }
        }
        let census = try fromExport.indicators(period: "2024/25")
        func fraction(_ id: String) -> [Double?] { [census[id]?.numerator, census[id]?.denominator] }
        #expect(fraction("ehcp_caseload") == [5, nil])
        #expect(fraction("special_school_share") == [2, 5])
        #expect(fraction("independent_special_share") == [1, 5])
        #expect(fraction("educated_elsewhere_share") == [1, 5])   // person 6's rank 2 OLA placement
        #expect(fraction("out_of_area_share") == [1, 4])
        #expect(["ASD", "SEMH", "SLD", "SPLD", "PD"].map { census["need_share_\($0)"]?.numerator } == [1, 1, 1, 1, 1])
        let work = try fromExport.indicators(period: "2024")
        #expect([work["requests_received"]?.numerator, work["new_plans"]?.numerator] == [5, 3])
        #expect([work["timeliness_20wk_incl"]?.numerator, work["timeliness_20wk_incl"]?.denominator] == [2, 3])
        #expect([work["timeliness_20wk_excl"]?.numerator, work["timeliness_20wk_excl"]?.denominator] == [2, 2])
    }

    /// The workbook (data on its second sheet, 'Children': shared and inline strings, URNs as numbers,
    /// dates as serials) and the CSV of the same export give identical stores.
    @Test func xlsxAndCSVOfOneExportGiveIdenticalStores() throws {
        let fromCSV = try MappingHub(), fromXLSX = try MappingHub()
        defer { fromCSV.folder.remove(); fromXLSX.folder.remove() }
        guard case .imported(let csv, _, _) = fromCSV.run("\(MappingHub.exports)/caseview-children-800-2025.csv"),
              case .imported(let xlsx, _, _) = fromXLSX.run("\(MappingHub.exports)/caseview-children-800-2025.xlsx")
        else { Issue.record("not imported"); return }
        #expect(csv.records == 8 && xlsx.records == 8)
        #expect(csv.checksum != xlsx.checksum)
        let csvTables = try fromCSV.personTables(), xlsxTables = try fromXLSX.personTables()
        #expect(csvTables.keys.sorted() == xlsxTables.keys.sorted())
        for (table, rows) in csvTables { #expect(xlsxTables[table] == rows, "table \(table)") }
        #expect(try fromXLSX.count("SELECT COUNT(*) FROM current_placements") == 7)
    }

    /// The mapped records as the SDK sees them: one request per child, modules only where the export
    /// has values, constants filling the modules that exist, names kept for the person key only.
    @Test func rowsOfOnePersonMergeAndPlacementsComeFromEveryRow() throws {
        let mapping = try MappingDefinition.load(path: "\(MappingHub.examples)/synergy-placements.yaml")
        let sink = SEN2CollectingSink()
        let file = try InputOpener().inputFile(path: "\(MappingHub.exports)/synergy-placements-800-2025.csv")
        try MappingImporter(mapping: mapping).read(ImportSource(name: file.name, files: [file]), into: sink)
        #expect(sink.headers.first?.laCode == "800")
        #expect(sink.headers.first?.software == "hnhub mapping:synergy-placements")
        #expect(sink.persons.count == 8)
        let six = sink.persons[5]
        #expect(six.location == RecordLocation(index: 6, line: 7, file: file.name))
        #expect(six.identifiers == PersonIdentifiers(upn: "K800000000061", surname: "Ravelle", forename: "Mio"))
        #expect(six.birthDate == Day(year: 2010, month: 9, day: 30))
        let placements = try #require(six.requests.first?.activePlans?.placements)
        #expect(placements.map(\.urn) == ["100004", nil])
        #expect(placements.map(\.senSetting) == [nil, "OLA"])
        #expect(placements.map(\.placementRank) == [1, 2])
        #expect(placements.map(\.leavingDate) == [Day(year: 2025, month: 1, day: 15), nil])
        #expect(six.requests.first?.assessment?.week20 == true)
        let refused = sink.persons[2]
        #expect(refused.requests.count == 1)
        #expect(refused.requests[0].requestOutcome == "N")
        #expect(refused.requests[0].requestMediation == false)          // a constant of a module that exists
        #expect(refused.requests[0].assessment == nil)                  // ... never creates one
        #expect(refused.requests[0].activePlans == nil)
        let first = sink.persons[0].requests[0].activePlans
        #expect(first?.needs.map(\.senType) == ["ASD", "SLCN"])         // Windows-1252 en dash decoded
        #expect(first?.needs.map(\.senTypeRank) == [1, 2])
    }

    /// `hnhub plugins` lists a mapping with its file as origin, and `hnhub validate --importer`
    /// shows each column's target before the normal report.
    @Test func theCommandLineListsAndDiagnosesMappings() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let config = try folder.write("hub.yaml", "importers_folder: \(MappingHub.examples)\n")
        let listed = try runHub(["plugins", "--json", "--config", config], in: folder.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [String: Any])
        let plugins = try #require(object["plugins"] as? [[String: Any]])
        let mapped = plugins.filter { ($0["id"] as? String)?.hasPrefix("mapping:") == true }
        #expect(mapped.map { $0["id"] as? String } == ["mapping:caseview-children", "mapping:synergy-placements"])
        #expect(mapped.map { $0["origin"] as? String } == ["\(MappingHub.examples)/caseview-children.yaml",
                                                           "\(MappingHub.examples)/synergy-placements.yaml"])
        #expect(mapped.allSatisfy { ($0["sha256"] as? String)?.count == 64 && $0["kind"] as? String == "importer" })

        let export = try folder.write("export.csv", try String(contentsOfFile: "\(MappingHub.exports)/caseview-children-800-2025.csv", encoding: .utf8)
            .replacingOccurrences(of: ",Autism,", with: ",Autistic,"))
        let run = try runHub(["validate", "--config", config, "--importer", "mapping:caseview-children", export], in: folder.path)
        #expect(run.status == 1)
        #expect(run.output.contains("  Primary Need             -> needs[1].SENtype (codes: need); 6 filled\n      no translation: 'Autistic' x1\n"))
        #expect(run.output.contains("  Key Worker               not mapped (ignored); 8 filled\n"))
        #expect(run.output.contains("1 cell could not be read:\n  MAPPING-CODE row 2, column 'Primary Need' (needs[1].SENtype): 'Autistic' has no translation in codes.need of \(MappingHub.examples)/caseview-children.yaml\n"))
        #expect(run.output.contains("\(export) (mapping:caseview-children): 8 persons, 1 would be quarantined, 2 errors, 0 warnings"))
        #expect(run.output.contains("  ERROR MAPPING-CODE: 1 finding\n      person 1, line 2, Requests[1]/ActivePlans/SENneed[1]/SENtype: value 'Autistic' column 'Primary Need': 'Autistic' has no translation"))
        #expect(run.output.contains("  ERROR SEN2-STRUCT-PRIMARY-NEED: 1 finding\n      person 1, line 2,"))   // the need it lost
    }
}
