import Foundation
import HubKit
import HubTestSupport
import ImportPipeline
import MappingImporters
import Testing

/// `hnhub mapping new` writes a starter mapping from an export: every column with the SEN2 element
/// its name suggests, the date formats of its values, a code table per coded column listing its
/// values with counts; filled in, it reads the export as the SEN2 XML of the same children reads.
@Suite struct StarterMappingTests {
    /// The starter mapping `hnhub mapping new` writes for `export` (a fixture), with its output.
    func starter(_ export: String, id: String, extra: [String] = [], in folder: TemporaryFolder) throws -> (text: String, path: String, run: HubRun) {
        let path = folder.file("\(id).yaml")
        let run = try runHub(["mapping", "new", "--from", "\(MappingHub.exports)/\(export)", "--id", id, "--out", path] + extra,
                             in: folder.path)
        #expect(run.status == 0, "\(run.errors)")
        return ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "", path, run)
    }

    /// `text` with every code table entry written "" translated as the example mapping for the same
    /// export translates that column's values: what an analyst fills in.
    func filled(_ text: String, as example: MappingDefinition) throws -> String {
        var translations: [String: CodeTable] = [:]   // column -> the example's table for it
        for field in example.fields {
            if let column = field.column, let table = field.codes { translations[CSVHeader.key(column)] = example.codeTables[table] }
        }
        var table: CodeTable?
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("  "), !line.hasPrefix("   "), let quote = line.range(of: "# column") {
                let column = line[quote.upperBound...].drop { $0 != "'" }.dropFirst().prefix { $0 != "'" }
                table = translations[CSVHeader.key(String(column))]
            }
            guard line.hasPrefix("    \""), let end = line.range(of: "\": \"\"") else { lines.append(line); continue }
            let value = String(line[line.index(line.startIndex, offsetBy: 5) ..< end.lowerBound])
            let translation = try #require(table?.translate(value), "no translation for '\(value)'")
            lines.append("    \"\(value)\": \(translation ?? "~")" + line[end.upperBound...])
        }
        return lines.joined(separator: "\n")
    }

    /// Filled in (code tables, and for the placements export one constant it has no column for),
    /// the starter mapping imports the export with nothing quarantined and gives every indicator of
    /// the SEN2 XML fixture of the same eight children, value for value.
    @Test(arguments: [
        ("caseview-children-800-2025.csv", "caseview-children.yaml", [String](), false),
        ("caseview-children-800-2025.xlsx", "caseview-children.yaml", ["--sheet", "Children"], false),
        ("synergy-placements-800-2025.csv", "synergy-placements.yaml", [String](), true),
    ])
    func aFilledInStarterImportsTheExportAsTheXMLReturn(export: String, example: String, extra: [String], needsRYA: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (text, path, run) = try starter(export, id: "starter", extra: extra, in: folder)
        #expect(run.output.hasPrefix("wrote \(path): a starter mapping for \(MappingHub.exports)/\(export) with "))
        // Unfilled, the file is refused at its first entry to translate.
        #expect { try MappingDefinition.load(path: path) } throws: {
            ($0 as? MappingFileError)?.message.hasPrefix("no translation given: write the SEN2 code") == true
        }
        var yaml = try filled(text, as: MappingDefinition.load(path: "\(MappingHub.examples)/\(example)"))
        if needsRYA {
            // The one element the placements export has no column for (docs/mapping-importers.md).
            yaml = yaml.replacingOccurrences(of: "  request:\n", with: "  request:\n    RYA: {value: 0}\n")
        }
        let mappings = try TemporaryFolder()
        defer { mappings.remove() }
        try mappings.write("starter.yaml", yaml)

        let fromXML = try MappingHub(), fromStarter = try MappingHub(mappings: mappings.path)
        defer { fromXML.folder.remove(); fromStarter.folder.remove() }
        _ = fromXML.run(MappingImporterTests.xml)
        let outcome = fromStarter.run("\(MappingHub.exports)/\(export)")   // detected by the starter's file.headers
        guard case .imported(let entry, _, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(entry.importerID == "mapping:starter")
        #expect([entry.records, entry.quarantined, entry.errors] as [Int] == [8, 0, 0])
        for period in ["2024/25", "2024"] {
            let expected = try fromXML.indicators(period: period), actual = try fromStarter.indicators(period: period)
            #expect(expected.count >= 10)
            #expect(Set(actual.keys) == Set(expected.keys))
            for (id, value) in expected { #expect(actual[id] == value, "\(id) \(period)") }
        }
    }

    /// What the starter guessed, each guess said so in the file; no value of a column that
    /// identifies a child is written into it.
    @Test func theStarterListsEveryColumnWithItsGuesses() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (text, _, run) = try starter("synergy-placements-800-2025.csv", id: "synergy", in: folder)
        #expect(run.output.contains("with 16 code table entries to translate"))
        for line in [
            "id: synergy",
            "  headers: [Pupil Ref, Legal Surname, Legal Forename, DOB, Sex]   # the export is recognised by these columns",
            "  la_code: \"800\"   # guessed: characters 2-4 of 9 of 9 UPNs (the LA that issued them); check it",
            "  census_date: 2025-01-16   # guessed: the census day nearest the latest date in the export (2025-01-15); check it",
            "person_key: Pupil Ref   # guessed from the name; up to 2 rows per child",
            "dates: [\"d-mmm-yyyy\"]   # guessed from the values of 10 date columns",
            "  request_outcome:   # column 'Request Decision' -> RequestOutcome: Y, N, A, W, H, or ~ for no value",
            "    \"Yes - assess\": \"\"   # 7 rows",
            "    \"No - not assessing\": \"\"   # 1 row",
            "  need:   # columns 'Primary SEN', 'Secondary SEN' -> SENtype: SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH, DS, or ~ for no value",
            "    \"SLD – Severe Learning Difficulty\": \"\"   # 2 rows",
            "    Sex: Sex   # 9 of 9 rows filled; the values are SEN2 codes already",
            "    RequestOutcomeDate: Decision Made   # 8 of 9 rows filled",
            "    RequestOutcome: {column: Request Decision, codes: request_outcome}   # 9 of 9 rows filled",
            "    # not found in the export: Exported, RYA, RequestMediation, RequestTribunal",
            "    Week20: Exception Applies   # 7 of 9 rows filled; yes/no values, read as they are",
            "    - URN: Placement URN   # 6 of 9 rows filled",
            "      PlacementRank: Placement Rank   # 7 of 9 rows filled",
            "    - SENtype: {column: Secondary SEN, codes: need}   # 1 of 9 rows filled",
            "      SENtypeRank: {value: 2}   # the secondary need",
            "    ReviewMeeting: Review Date   # 3 of 9 rows filled",
            "    LastReview: Review Date   # 3 of 9 rows filled",
            "#   Caseworker (9 of 9 rows filled)",
        ] {
            #expect(text.contains(line + "\n"), "\(line)")
        }
        // Names, UPNs, birth dates and postcodes of the export never reach the mapping file.
        for personal in ["Kelmaro", "Tiva", "V800000000011", "4-Mar-2012", "BS1 4DJ", "Zo"] {
            #expect(!text.contains(personal), "\(personal)")
        }
    }

    /// Dates are guessed from the values: a column whose values fit month-first only decides for
    /// the columns that fit either order. `--la` and `--census-date` replace the guesses, and an
    /// existing file is never overwritten.
    @Test func optionsReplaceTheGuessesAndNothingIsOverwritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("export.csv", """
            Child ID,UPN,Date of Birth,Plan Start,Gender
            C1,A800000000011,03/25/2012,12/01/2022,Boy
            C2,A800000000021,07/04/2013,01/02/2023,Girl

            """)
        let out = folder.file("us.yaml")
        let run = try runHub(["mapping", "new", "--from", "export.csv", "--id", "us", "--out", out, "--la", "801",
                              "--census-date", "2025-01-16"], in: folder.path)
        #expect(run.status == 0, "\(run.errors)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("\ndates: [mm/dd/yyyy]   # guessed from the values of 2 date columns\n"))
        #expect(text.contains("\n  la_code: \"801\"\n  census_date: 2025-01-16\n"))
        #expect(text.contains("\n  sex:   # column 'Gender' -> Sex: M, F, U, or ~ for no value\n    \"Boy\": \"\"   # 1 row\n    \"Girl\": \"\"   # 1 row\n"))
        let again = try runHub(["mapping", "new", "--from", "export.csv", "--id", "us", "--out", out], in: folder.path)
        #expect(again.status == 2)
        #expect(again.errors == "hnhub: \(out) already exists: nothing was written; give another --out or remove it\n")
        #expect(try runHub(["mapping", "new", "--from", "export.csv", "--id", "no spaces"], in: folder.path).status == 2)
        let stdout = try runHub(["mapping", "new", "--from", "export.csv", "--id", "us"], in: folder.path)
        #expect(stdout.output.hasPrefix("# A starter mapping written by `hnhub mapping new` from export.csv (CSV file, 2 rows,\n"))
    }
}
