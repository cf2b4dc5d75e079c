import Foundation
import HubKit
import HubTestSupport
import ImportPipeline
import InputFiles
import MappingImporters
import Testing

/// The pieces under a mapping importer: date formats, CSV delimiters and encodings, and XLSX
/// workbooks that cannot be read.
@Suite struct MappingSpreadsheetTests {
    @Test(arguments: [
        ("dd/mm/yyyy", "04/03/2012", "2012-03-04"),
        ("dd/mm/yyyy", "4/3/2012", "2012-03-04"),
        ("dd/mm/yyyy", "04/03/2012 00:00", "2012-03-04"),
        ("dd/mm/yyyy", "04/03/2012 13:45:00", "2012-03-04"),
        ("d-mmm-yyyy", "4-Mar-2012", "2012-03-04"),
        ("d-mmm-yyyy", "12-September-2024", "2024-09-12"),
        ("dd mmm yy", "12 Sept 24", "2024-09-12"),
        ("yyyymmdd", "20120304", "2012-03-04"),
        ("mm/dd/yyyy", "03/04/2012", "2012-03-04"),
    ])
    func dateFormatsReadWhatAnalystsWrite(pattern: String, text: String, iso: String) throws {
        #expect(try #require(DateFormat(pattern)).parse(text)?.iso == iso)
    }

    @Test func datesThatDoNotExistOrDoNotFitAreNotRead() throws {
        let format = try #require(DateFormat("dd/mm/yyyy"))
        #expect(format.parse("31/02/2024") == nil)
        #expect(format.parse("2024-02-01") == nil)
        #expect(format.parse("04/03/12") == nil)
        #expect(format.parse("04/03/2012x") == nil)
        #expect(DateFormat("dd/qq") == nil)
        #expect(DateFormat("ddd/mm/yyyy") == nil)
    }

    /// A tab-separated Windows-1252 copy of the example export, with no delimiter or encoding in the
    /// mapping, reads into the same records as the original.
    @Test func theDelimiterAndEncodingAreGuessed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let csv = try String(contentsOfFile: "\(MappingHub.exports)/caseview-children-800-2025.csv", encoding: .utf8)
        // Re-quote: the tab file has no quoted fields; the Key Worker gets a non-ASCII name.
        var tabbed: [String] = []
        for line in csv.split(separator: "\r\n") {
            var fields: [String] = [], field = "", quoted = false
            for character in line {
                if character == "\"" { quoted.toggle() } else if character == ",", !quoted { fields.append(field); field = "" } else { field.append(character) }
            }
            fields.append(field)
            tabbed.append(fields.joined(separator: "\t").replacingOccurrences(of: "A. Worker", with: "Zoë Worker"))
        }
        let path = folder.file("tabbed.txt")
        try #require((tabbed.joined(separator: "\r\n") + "\r\n").data(using: .windowsCP1252)).write(to: URL(fileURLWithPath: path))
        let yaml = try String(contentsOfFile: "\(MappingHub.examples)/caseview-children.yaml", encoding: .utf8)
            .replacingOccurrences(of: "  delimiter: \",\"", with: "").replacingOccurrences(of: "  encoding: auto", with: "")
        let mapping = try MappingDefinition.parse(yaml: yaml, file: "guess.yaml")
        func persons(_ file: String) throws -> [PersonRecord] {
            let sink = SEN2CollectingSink()
            let input = try InputOpener().inputFile(path: file)
            let source = ImportSource(name: file, files: [input])
            #expect(MappingImporter(mapping: mapping).detect(source) == 75)
            try MappingImporter(mapping: mapping).read(source, into: sink)
            return sink.persons
        }
        let original = try persons("\(MappingHub.exports)/caseview-children-800-2025.csv")
        let guessed = try persons(path)
        #expect(guessed.count == 8)
        #expect(guessed.map(\.identifiers) == original.map(\.identifiers))
        #expect(guessed.map { $0.requests.first?.activePlans?.needs.map(\.senType) } == original.map { $0.requests.first?.activePlans?.needs.map(\.senType) })
        #expect(guessed.map(\.birthDate) == original.map(\.birthDate))
    }

    /// A workbook cut short is rejected whole, naming the file; nothing is stored.
    @Test func aDamagedWorkbookIsRejectedWhole() throws {
        let hub = try MappingHub(register: false)
        defer { hub.folder.remove() }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(MappingHub.exports)/caseview-children-800-2025.xlsx"))
        let cut = hub.folder.file("cut.xlsx")
        try bytes.prefix(bytes.count - 200).write(to: URL(fileURLWithPath: cut))
        guard case .rejected(_, let reason) = hub.run(cut, importer: "mapping:caseview-children") else {
            Issue.record("not rejected")
            return
        }
        #expect(reason == "not a readable XLSX workbook: not a zip archive (no end of central directory)")
        #expect(try hub.count("SELECT COUNT(*) FROM imports") == 0)
    }

    @Test func theZipReaderListsAndInflatesEntries() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(MappingHub.exports)/caseview-children-800-2025.xlsx")))
        #expect(ZipArchive.looksLikeZip(bytes))
        let archive = try ZipArchive(bytes: bytes, name: "book.xlsx")
        #expect(archive.entries.map(\.name) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                 "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                                                 "xl/sharedStrings.xml"])
        let workbook = String(decoding: try archive.contents(of: "xl/workbook.xml"), as: UTF8.self)
        #expect(workbook.contains("<sheet name=\"Children\" sheetId=\"2\" r:id=\"rId2\"/>"))
        #expect(throws: ZipArchiveError.self) { try archive.contents(of: "xl/missing.xml") }
        let tiny = try ZipArchive(bytes: bytes, name: "book.xlsx", limits: InflationLimits(maxRatio: 2, maxBytes: 1000, ratioGrace: 10))
        let error = #expect(throws: ZipArchiveError.self) { try tiny.contents(of: "xl/worksheets/sheet2.xml") }
        #expect(error?.description == "book.xlsx: xl/worksheets/sheet2.xml would inflate past 1000 bytes (a possible decompression bomb)")
    }
}
