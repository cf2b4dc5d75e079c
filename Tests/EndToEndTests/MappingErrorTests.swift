import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import MappingImporters
import Testing

/// Bad exports through the host and the built plugins: each gives one precise message (file, row,
/// column or key) and nothing is stored. Bad mapping files: `MappingFileTests`.
@Suite struct MappingErrorTests {
    static let caseview = "\(MappingHub.exports)/caseview-children-800-2025.csv"
    static let caseviewMapping = "\(MappingHub.examples)/caseview-children.yaml"

    /// The example CSV with `edit` applied, written into the hub's folder.
    func editedCaseview(_ hub: MappingHub, _ edit: (String) -> String) throws -> String {
        try hub.folder.write("export.csv", edit(try String(contentsOfFile: Self.caseview, encoding: .utf8)))
    }

    /// The import is rejected with `reason`, and the store holds no return, person or finding.
    func expectRejected(_ outcome: ImportOutcome, _ reason: String, in hub: MappingHub,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard case .rejected(_, let given) = outcome else {
            Issue.record("not rejected: \(outcome)", sourceLocation: sourceLocation)
            return
        }
        #expect(given == reason, sourceLocation: sourceLocation)
        #expect(try hub.count("SELECT COUNT(*) FROM imports") == 0, sourceLocation: sourceLocation)
        #expect(try hub.count("SELECT COUNT(*) FROM persons") == 0, sourceLocation: sourceLocation)
        #expect(try hub.count("SELECT COUNT(*) FROM validation_issues") == 0, sourceLocation: sourceLocation)
    }

    // MARK: - Exports

    @Test func anUntranslatedCodeRejectsTheFileNamingRowAndColumn() throws {
        let hub = try MappingHub(register: false)
        defer { hub.folder.remove() }
        let export = try editedCaseview(hub) {
            $0.replacingOccurrences(of: ",Autism,", with: ",Autistic,")
                .replacingOccurrences(of: ",Severe learning difficulty,", with: ",SLD,")
        }
        try expectRejected(hub.run(export), """
            line 2, column 32: column 'Primary Need' (needs[1].SENtype): 'Autistic' has no translation in codes.need of \
            \(Self.caseviewMapping) (and 1 more problem; `hnhub validate --importer mapping:caseview-children FILE` lists them all)
            """, in: hub)
    }

    @Test func aBadDateRejectsTheFileNamingRowAndColumn() throws {
        let hub = try MappingHub(register: false)
        defer { hub.folder.remove() }
        let export = try editedCaseview(hub) { $0.replacingOccurrences(of: ",25/05/2024,", with: ",31/02/2024,") }
        try expectRejected(hub.run(export), """
            line 3, column 19: column 'Plan Start' (plan.StartDate): '31/02/2024' is not a real date in the format \
            dd/mm/yyyy (accepted: dd/mm/yyyy, yyyy-mm-dd)
            """, in: hub)
    }

    /// A birth date identifies a child: the message shows its first two characters only.
    @Test func aBadBirthDateIsMaskedInTheMessage() throws {
        let hub = try MappingHub(register: false)
        defer { hub.folder.remove() }
        let export = try editedCaseview(hub) { $0.replacingOccurrences(of: ",04/03/2012,", with: ",2012.03.04,") }
        try expectRejected(hub.run(export), """
            line 2, column 4: column 'Date of Birth' (person.PersonBirthDate): '20********' (shape dddd.dd.dd) is not a \
            date in the accepted formats (dd/mm/yyyy, yyyy-mm-dd): add its format to the mapping's dates, e.g. dates: [yyyy.mm.dd]
            """, in: hub)
    }

    @Test func aMissingColumnRejectsTheFileNamingTheMappingKey() throws {
        let hub = try MappingHub(register: false)
        defer { hub.folder.remove() }
        let export = try editedCaseview(hub) { $0.replacingOccurrences(of: ",Plan Start,", with: ",Plan Begins,") }
        try expectRejected(hub.run(export), """
            line 1: the header row of the CSV file lacks a column the mapping mapping:caseview-children reads: 'Plan Start' \
            (fields.plan.StartDate, \(Self.caseviewMapping):138). Rename the column in the mapping, or mark the field optional: true
            """, in: hub)
    }

    /// One row per placement: the child's other columns repeat and must agree.
    @Test func rowsOfOnePersonThatDisagreeRejectTheFile() throws {
        let hub = try MappingHub(register: false)
        defer { hub.folder.remove() }
        let original = try #require(String(data: try Data(contentsOf: URL(fileURLWithPath: "\(MappingHub.exports)/synergy-placements-800-2025.csv")),
                                           encoding: .isoLatin1))
        let last = try #require(original.range(of: "30-Sep-2010", options: .backwards))
        let export = hub.folder.file("placements.csv")
        try #require(original.replacingCharacters(in: last, with: "1-Oct-2010").data(using: .isoLatin1))
            .write(to: URL(fileURLWithPath: export))
        try expectRejected(hub.run(export), """
            line 10, column 4: column 'DOB' (person.PersonBirthDate): '1-********' differs from the value on row 7 for the \
            same person: person.PersonBirthDate takes one value per person
            """, in: hub)
    }

    @Test func aMissingSheetRejectsTheWorkbook() throws {
        let hub = try MappingHub(register: false)
        defer { hub.folder.remove() }
        let yaml = try String(contentsOfFile: Self.caseviewMapping, encoding: .utf8)
            .replacingOccurrences(of: "sheet: Children", with: "sheet: Pupils")
        let mapping = try MappingDefinition.parse(yaml: yaml, file: "pupils.yaml")
        let file = try InputOpener().inputFile(path: "\(MappingHub.exports)/caseview-children-800-2025.xlsx")
        #expect(MappingImporter(mapping: mapping).detect(ImportSource(name: file.name, files: [file])) == nil)
        let error = #expect(throws: InputRejected.self) {
            try MappingImporter(mapping: mapping).read(ImportSource(name: file.name, files: [file]), into: SEN2CollectingSink())
        }
        #expect(error?.description == "\(file.name): the workbook has no sheet 'Pupils' (sheets: About, Children)")
    }

    /// `hnhub validate` reads the same file with failures as errors on their persons: the rest is checked.
    @Test func validationQuarantinesThePersonInsteadOfRejecting() throws {
        let hub = try MappingHub(rowFailures: .quarantinePerson, register: false)
        defer { hub.folder.remove() }
        let export = try editedCaseview(hub) { $0.replacingOccurrences(of: ",25/05/2024,", with: ",31/02/2024,") }
        let runner = ImportRunner(catalog: hub.catalog, opener: InputOpener(), store: nil, secret: nil)
        guard case .validated(_, let id, let summary) = runner.run(path: export).first else {
            Issue.record("not validated")
            return
        }
        #expect(id == "mapping:caseview-children")
        #expect([summary.persons, summary.quarantinedPersons] as [Int] == [8, 1])
        let tally = try #require(summary.tallies["MAPPING-DATE"])
        #expect(tally.count == 1)
        #expect(tally.examples.first?.location == RecordLocation(index: 2, line: 3, file: export))
        #expect(tally.examples.first?.path == "Requests[1]/Assessment/NamedPlan/StartDate")
        #expect(tally.examples.first?.value == "31/02/2024")
        #expect(try hub.count("SELECT COUNT(*) FROM imports") == 0)
    }

    @Test func detectionClaimsOnlyExportsWithTheRequiredHeaders() throws {
        let catalog = MappingHub.catalog(mappings: MappingHub.examples)
        func detected(_ path: String) throws -> String? {
            let source = try InputOpener().source(path: path)
            if case .found(let importer) = catalog.detectImporter(for: source) { return importer.descriptor.id }
            return nil
        }
        #expect(try detected(Self.caseview) == "mapping:caseview-children")
        #expect(try detected("\(MappingHub.exports)/caseview-children-800-2025.xlsx") == "mapping:caseview-children")
        #expect(try detected("\(MappingHub.exports)/synergy-placements-800-2025.csv") == "mapping:synergy-placements")
        #expect(try detected("\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml") == "sen2-xml")
    }
}
