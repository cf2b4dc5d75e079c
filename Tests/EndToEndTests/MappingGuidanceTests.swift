import Foundation
import HubKit
import HubTestSupport
import ImportPipeline
import InputFiles
import MappingImporters
import Testing

/// What a mapping file may say beyond columns (a default for an empty cell, a condition), and the
/// messages that tell an analyst what went wrong and what to do: each names the file, the line or
/// row, and the key or column (docs/mapping-importers.md).
@Suite struct MappingGuidanceTests {
    static let caseviewMapping = "\(MappingHub.examples)/caseview-children.yaml"
    static let caseview = "\(MappingHub.exports)/caseview-children-800-2025.csv"

    /// A folder holding the caseview example mapping with `edit` applied.
    func editedMappings(_ edit: (String) -> String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let text = try String(contentsOfFile: Self.caseviewMapping, encoding: .utf8)
        #expect(edit(text) != text)
        try folder.write("caseview-children.yaml", edit(text))
        return folder
    }

    // MARK: - Defaults and conditions

    static let defaults = """
        id: defaults
        return: {la_code: "800", census_date: 2025-01-16}
        person_key: Ref
        dates: [dd/mm/yyyy]
        codes:
          setting: {Mainstream: ~, Home: EHE}
        fields:
          person:
            UPN: UPN
          request:
            ReceivedDate: Received
            RYA: {column: Young Person, default: 0}
          placements:
            - URN: URN
              UKPRN: UKPRN
              SENSetting: {column: Setting, codes: setting, default: OTH, when: {URN: empty, UKPRN: empty}}
              EntryDate: Start
              PlacementRank: {value: 1}
        """

    /// `default:` fills an empty cell of a module that exists and never creates one; with `when:`
    /// only where the tests hold (a setting with neither URN nor UKPRN is OTH).
    @Test func aDefaultFillsEmptyCellsAndAConditionChoosesWhere() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("export.csv", """
            Ref,UPN,Received,Young Person,URN,UKPRN,Setting,Start
            1,A1,01/02/2024,,100001,,Mainstream,01/09/2024
            2,A2,01/03/2024,1,,,,01/09/2024
            3,A3,01/04/2024,,,10012345,,01/09/2024
            4,A4,01/05/2024,0,,,Home,01/09/2024
            5,A5,01/06/2024,,,,,

            """)
        let mapping = try MappingDefinition.parse(yaml: Self.defaults, file: "defaults.yaml")
        let rya = try #require(mapping.fields.first { $0.key == "fields.request.RYA" })
        #expect(rya.defaultValue == "0")
        let setting = try #require(mapping.fields.first { $0.key == "fields.placements[1].SENSetting" })
        #expect(setting.conditions == [FieldCondition(element: "URN", test: .empty), FieldCondition(element: "UKPRN", test: .empty)])

        let sink = SEN2CollectingSink()
        let file = try InputOpener().inputFile(path: path)
        try MappingImporter(mapping: mapping).read(ImportSource(name: path, files: [file]), into: sink)
        let requests = sink.persons.map { $0.requests[0] }
        #expect(requests.map(\.rya) == [false, true, false, false, false])
        let placements = requests.map { $0.activePlans?.placements.first }
        #expect(placements.map { $0?.urn } == ["100001", nil, nil, nil, nil])
        #expect(placements.map { $0?.ukprn } == [nil, nil, "10012345", nil, nil])
        #expect(placements.map { $0?.senSetting } == [nil, "OTH", nil, "EHE", nil])
        #expect(requests[4].activePlans == nil)   // nothing in the row: the default makes no placement
    }

    @Test(arguments: [
        ("    Sex: {column: Gender, codes: sex}", "    Sex: {default: M}",
         MappingFileError(file: "tiny.yaml", line: 12, key: "fields.person.Sex.default",
                          message: "default: is the value for an empty cell of a column: give column: too, or use value: for a constant")),
        ("    Sex: {column: Gender, codes: sex}", "    Sex: {value: M, default: F}",
         MappingFileError(file: "tiny.yaml", line: 12, key: "fields.person.Sex.default",
                          message: "a constant (value:) has no column to be empty: give column: with default:, or value: alone")),
        ("    Sex: {column: Gender, codes: sex}", "    Sex: {column: Gender, codes: sex, when: {UPN: empty}}",
         MappingFileError(file: "tiny.yaml", line: 12, key: "fields.person.Sex.when",
                          message: "when: says when a value: or a default: applies; give one of them")),
        ("    Sex: {column: Gender, codes: sex}", "    Sex: {column: Gender, codes: sex, default: U, when: {Gender: empty}}",
         MappingFileError(file: "tiny.yaml", line: 12, key: "fields.person.Sex.when.Gender",
                          message: "unknown key (allowed here: Ethnicity, Forename, PersonBirthDate, PostCode, Surname, UPN, UPNunknown, UniqueLearnerNumber)")),
        ("  sex: {Boy: M, Girl: F}", "  sex: {\"\": U, Boy: M, Girl: F}",
         MappingFileError(file: "tiny.yaml", line: 8, key: "codes.sex.\"\"",
                          message: "a code table cannot translate an empty cell; give the field a default: instead (e.g. {column: ..., codes: sex, default: OTH})")),
        ("  sex: {Boy: M, Girl: F}", "  sex: {Boy: \"\", Girl: F}",
         MappingFileError(file: "tiny.yaml", line: 8, key: "codes.sex.Boy",
                          message: "no translation given: write the SEN2 code, or ~ when 'Boy' says nothing for this element")),
    ])
    func aMisusedDefaultConditionOrCodeTableIsRefused(find: String, replace: String, expected: MappingFileError) {
        let yaml = MappingFiles.minimal.replacingOccurrences(of: find, with: replace)
        #expect(yaml != MappingFiles.minimal)
        #expect(throws: expected) { try MappingDefinition.parse(yaml: yaml, file: "tiny.yaml") }
    }

    // MARK: - Messages

    /// Without the export's date format, the message shows the value's shape (a birth date masked
    /// all the same) and the format to add.
    @Test func aDateInNoAcceptedFormatShowsItsShapeAndTheFormatToAdd() throws {
        let mappings = try editedMappings { $0.replacingOccurrences(of: "\ndates: [dd/mm/yyyy]", with: "\n") }
        defer { mappings.remove() }
        let hub = try MappingHub(mappings: mappings.path, register: false)
        defer { hub.folder.remove() }
        guard case .rejected(_, let reason) = hub.run(Self.caseview) else { Issue.record("not rejected"); return }
        #expect(reason.hasPrefix("""
            line 2, column 4: column 'Date of Birth' (person.PersonBirthDate): '04********' (shape dd/dd/dddd) is not a \
            date in the accepted formats (yyyy-mm-dd): add its format to the mapping's dates, e.g. dates: [dd/mm/yyyy] \
            (or mm/dd/yyyy) (and
            """))
    }

    /// A typo in `file.headers` names the header the file lacks, and the column it is nearest to,
    /// instead of only "no importer recognises this content".
    @Test func aHeaderTypoNamesTheMissingHeader() throws {
        let mappings = try editedMappings { $0.replacingOccurrences(of: "headers: [Child ID,", with: "headers: [Chld ID,") }
        defer { mappings.remove() }
        let hub = try MappingHub(mappings: mappings.path, register: false)
        defer { hub.folder.remove() }
        guard case .rejected(_, let reason) = hub.run(Self.caseview) else { Issue.record("not rejected"); return }
        let headers = try MappingDefinition.load(path: mappings.file("caseview-children.yaml")).place("file.headers")
        #expect(headers == "\(mappings.path)/caseview-children.yaml:11")
        #expect(reason.hasPrefix("no importer recognises this content (tried: "))
        #expect(reason.hasSuffix("""
            ; mapping:caseview-children would read it but the header row lacks the column 'Chld ID' (nearest: 'Child ID') \
            of its file.headers (\(headers)): correct the name in the mapping or the export
            """))
    }

    /// `--importer mapping:ID` of a mapping that was refused says it was refused, and why.
    @Test func aRefusedMappingAskedForByIDSaysItWasRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("importers"), withIntermediateDirectories: true)
        let broken = try folder.write("importers/broken.yaml", MappingFiles.minimal
            .replacingOccurrences(of: "id: tiny", with: "id: broken").replacingOccurrences(of: "codes: sex}", with: "codes: gender}"))
        let config = try folder.write("hub.yaml", "disclosure:\n  threshold: 5\n")
        let run = try runHub(["validate", "--config", config, "--importer", "mapping:broken", Self.caseview], in: folder.path)
        #expect(run.status == 2)
        let refusal = "\(broken): refused: mapping file line 12, key fields.person.Sex.codes: no code table 'gender' under codes: (tables: sex)"
        #expect(run.errors.contains("hnhub: plugin \(refusal)\n"))
        #expect(run.errors.contains("the importer 'mapping:broken' was refused when the plugins were loaded (\(refusal)); correct it and run again"))
        #expect(!run.errors.contains("no importer with id"))
    }

    /// `validate --importer` warns, naming the mapping's line and field, when a mapped column that
    /// feeds an indicator is never filled and when a constant stands in for an element that varies.
    @Test func validateWarnsAboutEmptyColumnsAndConstantsThatMoveFigures() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let config = try folder.write("hub.yaml", "importers_folder: \(MappingHub.examples)\n")
        // The 20 Week Exception column (the 18th) emptied on every row.
        let lines = try String(contentsOfFile: Self.caseview, encoding: .utf8).components(separatedBy: "\r\n")   // the fixture has CRLF line ends
        let emptied = lines.enumerated().map { index, line -> String in
            guard index > 0, !line.isEmpty else { return line }
            var cells = line.components(separatedBy: ",")
            cells[17] = ""
            return cells.joined(separator: ",")
        }
        let export = try folder.write("export.csv", emptied.joined(separator: "\r\n"))
        let run = try runHub(["validate", "--config", config, "--importer", "mapping:caseview-children", export], in: folder.path)
        let mapping = try MappingDefinition.load(path: Self.caseviewMapping)
        let warnings = run.output.split(separator: "\n").filter { $0.hasPrefix("warning: ") }.map(String.init)
        #expect(warnings == [
            "warning: \(mapping.place("fields.assessment.Week20")): fields.assessment.Week20: column '20 Week Exception' is empty in every row, so no child has Week20; it feeds timeliness_20wk_excl: fill the column in the export, or map the column that holds it",
            "warning: \(mapping.place("fields.assessment.AssessmentMediation")): fields.assessment.AssessmentMediation: the constant 0 stands for every child: it says no assessment decision went to mediation (or every one did); map the column your system records it in, or keep the constant only if it is true of every child",
            "warning: \(mapping.place("fields.assessment.AssessmentTribunal")): fields.assessment.AssessmentTribunal: the constant 0 stands for every child: it fixes the tribunal flag of every assessment decision, so none or all of them count as taken to tribunal; it feeds tribunal_rate: map the column your system records it in, or keep the constant only if it is true of every child",
            "warning: \(mapping.place("fields.assessment.OtherMediation")): fields.assessment.OtherMediation: the constant 0 stands for every child: it says no other mediation took place (or every one did); map the column your system records it in, or keep the constant only if it is true of every child",
            "warning: \(mapping.place("fields.assessment.OtherTribunal")): fields.assessment.OtherTribunal: the constant 0 stands for every child: it fixes the other-tribunal flag of every assessment, so none or all of them count as taken to tribunal; it feeds tribunal_rate: map the column your system records it in, or keep the constant only if it is true of every child",
            // The fixture's one second placement has no URN and no end.
            "warning: \(mapping.place("fields.placements[2].URN")): fields.placements[2].URN: column 'Placement 2 URN' is empty in every row, so no child has URN; it feeds mainstream_share, special_school_share, state_special_share and 11 more indicators (docs/mapping-importers.md): fill the column in the export, or map the column that holds it",
            "warning: \(mapping.place("fields.placements[2].LeavingDate")): fields.placements[2].LeavingDate: column 'Placement 2 End' is empty in every row, so no child has LeavingDate; it feeds mainstream_share, special_school_share, state_special_share and 11 more indicators (docs/mapping-importers.md): fill the column in the export, or map the column that holds it",
        ])
        #expect(mapping.place("fields.assessment.Week20").hasPrefix("\(Self.caseviewMapping):"))
    }
}
