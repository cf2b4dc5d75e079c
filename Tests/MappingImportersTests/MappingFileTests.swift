import Foundation
import HubKit
import HubTestSupport
import MappingImporters
import Testing

/// Bad mapping files: each gives one precise message (file, line and key), and a bad file in a
/// folder of mappings leaves the others loaded.
@Suite struct MappingFileTests {
    func parseError(_ yaml: String) -> MappingFileError? {
        do {
            _ = try MappingDefinition.parse(yaml: yaml, file: "tiny.yaml")
            return nil
        } catch let error as MappingFileError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func theMinimalMappingParses() throws {
        let mapping = try MappingDefinition.parse(yaml: MappingFiles.minimal, file: "tiny.yaml")
        #expect(mapping.importerID == "mapping:tiny")
        #expect(mapping.constants.collectionYear == 2025)
        #expect(mapping.fields.map(\.key) == ["fields.person.UPN", "fields.person.Sex"])
        #expect(mapping.place("fields.person.Sex") == "tiny.yaml:12")
    }

    @Test(arguments: [
        ("    Sex: {column: Gender, codes: sex}", "    Gender: {column: Gender, codes: sex}",
         MappingFileError(file: "tiny.yaml", line: 12, key: "fields.person.Gender",
                          message: "unknown key (allowed here: Ethnicity, Forename, PersonBirthDate, PostCode, Sex, Surname, UPN, UPNunknown, UniqueLearnerNumber)")),
        ("codes: sex}", "codes: gender}",
         MappingFileError(file: "tiny.yaml", line: 12, key: "fields.person.Sex.codes",
                          message: "no code table 'gender' under codes: (tables: sex)")),
        ("    UPN: ID", "    UPN: {value: 1, column: ID}",
         MappingFileError(file: "tiny.yaml", line: 11, key: "fields.person.UPN", message: "give either column or value, not both")),
        ("  la_code: \"800\"", "  la_code: 80",
         MappingFileError(file: "tiny.yaml", line: 5, key: "return.la_code", message: "'80' is not a 3-digit DfE LA number (quote it: \"800\")")),
        ("  census_date: 2025-01-16", "  census_date: 16/01/2025",
         MappingFileError(file: "tiny.yaml", line: 6, key: "return.census_date", message: "'16/01/2025' is not a date YYYY-MM-DD")),
        ("file:", "flie:",
         MappingFileError(file: "tiny.yaml", line: 2, key: "flie",
                          message: "unknown key (allowed here: id, version, summary, file, return, person_key, request_key, dates, codes, fields)")),
        ("  sex: {Boy: M, Girl: F}", "  sex: {Boy: M, boy: F}",
         MappingFileError(file: "tiny.yaml", line: 8, key: "codes.sex.boy", message: "'boy' is translated twice in this table")),
        ("codes: sex}", "codes: sex}\n  needs:\n    - SENtypeRank: {value: first}",
         MappingFileError(file: "tiny.yaml", line: 14, key: "fields.needs[1].SENtypeRank.value", message: "'first' is not a whole number")),
        ("  headers: [ID]", "  headers: [ID\n  sheet: x",
         MappingFileError(file: "tiny.yaml", line: 4, key: "-", message: "not valid YAML: did not find expected ',' or ']'")),
    ])
    func aMalformedMappingNamesFileLineAndKey(find: String, replace: String, expected: MappingFileError) throws {
        let yaml = MappingFiles.minimal.replacingOccurrences(of: find, with: replace)
        #expect(yaml != MappingFiles.minimal)
        #expect(parseError(yaml) == expected)
    }

    @Test func aRequestKeyNeedsAPersonKey() {
        #expect(parseError(MappingFiles.minimal.replacingOccurrences(of: "id: tiny\n", with: "id: tiny\nrequest_key: Request\n"))
                == MappingFileError(file: "tiny.yaml", line: 2, key: "request_key",
                                    message: "a request key groups the rows of one person: give person_key too"))
    }

    @Test func aMappingWithoutTheReturnConstantsIsRefused() {
        let yaml = MappingFiles.minimal.replacingOccurrences(of: "  census_date: 2025-01-16\n", with: "")
        #expect(parseError(yaml) == MappingFileError(
            file: "tiny.yaml", line: 1, key: "return.census_date",
            message: "the mapping needs the census date of the return (return: census_date: 2025-01-16)"))
    }

    /// One bad file in the importers folder does not stop the others.
    @Test func aBadFileInTheFolderIsReportedAndTheOthersLoad() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("a-good.yaml", MappingFiles.minimal)
        let bad = try folder.write("b-bad.yaml", MappingFiles.minimal.replacingOccurrences(of: "codes: sex}", with: "codes: gender}"))
        try folder.write("notes.txt", "not a mapping")
        let (loaded, failures) = MappingFolder.load(folder: folder.path)
        #expect(loaded.map(\.importer.descriptor.id) == ["mapping:tiny"])
        #expect(loaded.first?.sha256.count == 64)
        #expect(failures == [MappingFileError(file: bad, line: 12, key: "fields.person.Sex.codes",
                                              message: "no code table 'gender' under codes: (tables: sex)")])
        #expect(failures.first?.description == "\(bad):12: fields.person.Sex.codes: no code table 'gender' under codes: (tables: sex)")
        #expect(MappingFolder.load(folder: folder.file("missing")).loaded.isEmpty)
    }
}
