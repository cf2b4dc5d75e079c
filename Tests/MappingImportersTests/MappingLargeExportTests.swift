import Exports
import Foundation
import HubKit
import HubTestSupport
import InputFiles
@testable import MappingImporters
import Testing

/// Exports of any size read in bounded memory (docs/input-rules.md): sheet rows stream through a
/// buffer far smaller than the sheet, zip entries inflate through a stream under the inflation
/// limits, a row without end is refused, and persons whose rows are spread through the file are
/// read in passes with the same result. The memory itself is measured by `hnhub-bench spreadsheet`.
@Suite struct MappingLargeExportTests {
    static let mapping = """
        id: large
        file:
          headers: [Child ID, UPN]
          sheet: Children
        return:
          la_code: "800"
          census_date: 2025-01-16
        person_key: Child ID
        codes:
          sex: {Boy: M, Girl: F}
        fields:
          person:
            UPN: UPN
            Sex: {column: Gender, codes: sex}
            PersonBirthDate: Born
          placements:
            - URN: School
        """

    static let header = ["Child ID", "UPN", "Gender", "Born", "School"]

    /// Row `n` of the export: child `n / rowsPerChild`, one placement a row.
    static func row(_ n: Int, rowsPerChild: Int = 1) -> [String] {
        let child = n / rowsPerChild
        return ["C\(child)", validUPN(String(format: "8001%08d", child)), child % 2 == 0 ? "Boy" : "Girl",
                String(format: "2012-%02d-%02d", child % 12 + 1, child % 28 + 1), String(100_000 + n)]
    }

    @Test func aSheetManyTimesLargerThanTheReadersBufferStreamsRowByRow() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let rows = (0 ..< 1_600).map { Self.row($0, rowsPerChild: 2) }
        let sheet = Worksheet(name: "Children", rows: ([Self.header] + rows).map { $0.map { Cell.text($0) } })
        let bytes = Workbook(title: "export", created: Day(year: 2025, month: 1, day: 16)!, sheets: [sheet]).xlsx()
        let path = try folder.write("export.xlsx", bytes: bytes)
        let archive = try ZipArchive(bytes: bytes, name: "export.xlsx")
        let sheetSize = try #require(archive.entries.first { $0.name.hasPrefix("xl/worksheets/") }).uncompressedSize
        #expect(sheetSize > 3 * XLSXMarkup.chunkSize)

        let persons = try Self.read(path)
        #expect(persons.count == 800)
        #expect(persons.first?.identifiers.upn == validUPN("800100000000"))
        #expect(persons.last?.identifiers.upn == validUPN("800100000799"))
        #expect(persons.last?.birthDate == Day(year: 2012, month: 8, day: 16))
        #expect(persons.last?.sex == "F")
        #expect(persons.last?.requests.first?.activePlans?.placements.map(\.urn) == ["101598", "101599"])
    }

    @Test func theInflateCapRefusesABombAsItInflates() throws {
        // 24 MB of one repeated row: about 1000:1.
        let row = Array(#"<row><c t="inlineStr"><is><t>C1</t></is></c></row>"#.utf8)
        var xml = Array(#"<worksheet><sheetData>"#.utf8)
        while xml.count < 24 << 20 { xml += row }
        xml += Array("</sheetData></worksheet>".utf8)
        var zip = ZipWriter()
        zip.add("xl/worksheets/sheet1.xml", xml)
        let honest = zip.finish()
        let limits = InflationLimits(maxRatio: 200, maxBytes: 8 << 30, ratioGrace: 4 << 20)
        let entry = try #require(try ZipArchive(bytes: honest, name: "bomb.xlsx", limits: limits).entries.first)
        #expect(entry.uncompressedSize > 200 * entry.compressedSize)
        // Its declared size gives it away before anything is inflated...
        let declared = #expect(throws: ZipArchiveError.self) {
            try ZipArchive(bytes: honest, name: "bomb.xlsx", limits: limits).stream(of: entry)
        }
        #expect(declared?.description == "bomb.xlsx: xl/worksheets/sheet1.xml would inflate past a ratio of 200:1 (a possible decompression bomb)")
        // ...and a header that lies about it is caught once 4 MB have come out, long before 24 MB are.
        let lying = Self.declaringSize(entry.compressedSize * 10, in: honest)
        let archive = try ZipArchive(bytes: lying, name: "bomb.xlsx", limits: limits)
        let stream = try archive.stream(of: try #require(archive.entries.first))
        var inflated = 0
        let error = #expect(throws: ZipArchiveError.self) {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
                if count == 0 { break }
                inflated += count
            }
        }
        #expect(error?.description.hasPrefix("bomb.xlsx: xl/worksheets/sheet1.xml inflates past the \(entry.compressedSize * 10) bytes its header says") == true)
        #expect(inflated <= entry.compressedSize * 10)
    }

    @Test func theArchiveAsAWholeIsHeldToTheLimitsLikeAGzipStream() throws {
        // Three parts of 3 MB of spaces: each under the 4 MB grace, together 9 MB at about 1000:1.
        var zip = ZipWriter()
        for part in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml"] {
            zip.add(part, [UInt8](repeating: 0x20, count: 3 << 20))
        }
        let bytes = zip.finish()
        let byRatio = try ZipArchive(bytes: bytes, name: "parts.xlsx", limits: InflationLimits(maxRatio: 200, maxBytes: 8 << 30, ratioGrace: 4 << 20))
        let ratio = #expect(throws: ZipArchiveError.self) { try byRatio.stream(of: byRatio.entries[0]) }
        #expect(ratio?.description == "parts.xlsx: its entries together would inflate past a ratio of 200:1 (a possible decompression bomb)")
        // With no ratio limit, the total size limit: 8 MB for 9 MB declared.
        let bySize = try ZipArchive(bytes: bytes, name: "parts.xlsx", limits: InflationLimits(maxRatio: 10_000, maxBytes: 8 << 20, ratioGrace: 4 << 20))
        let size = #expect(throws: ZipArchiveError.self) { try bySize.stream(of: bySize.entries[2]) }
        #expect(size?.description == "parts.xlsx: its entries together would inflate past 8388608 bytes (a possible decompression bomb)")
        // Under both, every part reads in full.
        let fine = try ZipArchive(bytes: bytes, name: "parts.xlsx", limits: InflationLimits(maxRatio: 10_000, maxBytes: 16 << 20, ratioGrace: 4 << 20))
        #expect(try fine.entries.map { try fine.contents(of: $0).count } == [3 << 20, 3 << 20, 3 << 20])
        // A small part read first: the part past the limits on its own is the one named.
        var workbook = ZipWriter()
        workbook.add("xl/workbook.xml", Array("<workbook/>".utf8))
        workbook.add("xl/worksheets/sheet1.xml", [UInt8](repeating: 0x20, count: 9 << 20))
        let bomb = try ZipArchive(bytes: workbook.finish(), name: "bomb.xlsx")
        let named = #expect(throws: ZipArchiveError.self) { try bomb.stream(of: bomb.entries[0]) }
        #expect(named?.description == "bomb.xlsx: xl/worksheets/sheet1.xml would inflate past a ratio of 200:1 (a possible decompression bomb)")
    }

    @Test func aRowWithoutEndIsRefusedBeforeItIsHeld() throws {
        // With a 1 KB limit instead of 16 MB (the rule, not the size, is what is checked).
        func rows(_ text: String) throws -> [[String]] {
            let reader = CSVReader(stream: MemoryByteStream(Array(text.utf8), chunk: 100), fileName: "export.csv",
                                   maximumRowBytes: 1024)
            var rows: [[String]] = []
            while let row = try reader.next() { rows.append(row) }
            return rows
        }
        let long = String(repeating: "x", count: 600)
        // 24 KB of short rows, with newlines and doubled quotes inside quoted fields: all read.
        let fine = try rows((1...40).map { "C\($0),\"\(long.prefix(10))\n\"\"quoted\"\"\",\(long)" }.joined(separator: "\n"))
        #expect(fine.count == 40)
        #expect(fine[39] == ["C40", "xxxxxxxxxx\n\"quoted\"", long])
        // A newline inside quotes does not end a row: this one is 1.2 KB.
        let error = #expect(throws: InputRejected.self) { try rows("id,text\nC1,short\nC2,\"\(long)\n\(long)\"\nC3,after\n") }
        #expect(error?.file == "export.csv")
        #expect(error?.line == 3)
        #expect(error?.message == "the row that starts here is longer than 1024 bytes: is a quote left open, or are the line ends missing?")
    }

    @Test func personsSpreadThroughTheFileAreReadInPassesWithTheSameResult() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Six children, each with a row in the first half and one in the second.
        let rows = (0 ..< 12).map { n in Self.row(n % 6 * 2 + n / 6, rowsPerChild: 2) }
        let path = try folder.write("export.csv", ([Self.header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n"))
        let mapping = try MappingDefinition.parse(yaml: Self.mapping, file: "large.yaml")
        func persons(holdingAtMost limit: Int) throws -> (persons: [MappedRows.Person], rows: MappedRows) {
            let file = try InputOpener().inputFile(path: path)
            var mapped = try MappedRows(table: MappingSource.table(file, layout: mapping.layout), mapping: mapping)
            mapped.openPersonsLimit = limit
            var persons: [MappedRows.Person] = []
            try mapped.read { persons.append($0) }
            return (persons, mapped)
        }
        let (inOnePass, one) = try persons(holdingAtMost: 100)
        let (inPasses, several) = try persons(holdingAtMost: 2)
        #expect(inOnePass.map(\.index) == [1, 2, 3, 4, 5, 6])
        #expect(inPasses.map(\.index) == inOnePass.map(\.index))
        #expect(inPasses.map(\.values) == inOnePass.map(\.values))
        #expect(inPasses.map { $0.requests.map(\.placements) } == inOnePass.map { $0.requests.map(\.placements) })
        #expect(inPasses[5].requests[0].placements.count == 2)
        #expect((several.rows, several.persons, several.passes) == (12, 6, 3))
        #expect((one.rows, one.persons, one.passes) == (12, 6, 1))
    }

    @Test func anExportThatChangesBetweenPassesIsRefusedNotMisread() throws {
        let mapping = try MappingDefinition.parse(yaml: Self.mapping, file: "large.yaml")
        let first = (0 ..< 4).map { Self.row($0, rowsPerChild: 2) }
        func refusal(secondPass: [[String]]) throws -> InputRejected? {
            var opened = 0
            let table = try SheetTable(fileName: "export.csv", origin: "CSV file", numbersAreDateSerials: false, headerRow: 1) {
                opened += 1
                let rows = opened <= 2 ? first : secondPass  // the header, then the first pass
                return RowList(([Self.header] + rows).enumerated().map { SheetRow(number: $0 + 1, cells: $1) })
            }
            var mapped = try MappedRows(table: table, mapping: mapping)
            var handed: [Int] = []
            let error = #expect(throws: InputRejected.self) { try mapped.read { handed.append($0.index) } }
            return error
        }
        // A child the first pass never saw.
        var added = first
        added[3] = Self.row(9)
        let unseen = try refusal(secondPass: added)
        #expect(unseen?.file == "export.csv")
        #expect(unseen?.message == "the file changed while it was read; import it again once it is complete")
        // A child's last row gone: they would never be handed on.
        let cut = try refusal(secondPass: Array(first.dropLast()))
        #expect(cut?.message == "the file changed while it was read; import it again once it is complete")
        // An extra row with no person key.
        var unkeyed = first
        unkeyed.append([""] + Array(Self.row(7).dropFirst()))
        let extra = try refusal(secondPass: unkeyed)
        #expect(extra?.message == "the file changed while it was read; import it again once it is complete")
    }

    // MARK: Helpers

    /// The persons the mapping above reads from `path`.
    static func read(_ path: String) throws -> [PersonRecord] {
        let mapping = try MappingDefinition.parse(yaml: Self.mapping, file: "large.yaml")
        let file = try InputOpener().inputFile(path: path)
        let sink = SEN2CollectingSink()
        try MappingImporter(mapping: mapping).read(ImportSource(name: path, files: [file]), into: sink)
        return sink.persons
    }

    /// `zip` with its one entry's uncompressed size set to `size` in the local header and the
    /// central directory.
    static func declaringSize(_ size: Int, in zip: [UInt8]) -> [UInt8] {
        var bytes = zip
        func put(_ value: Int, at offset: Int) {
            for k in 0 ..< 4 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
        }
        put(size, at: 22)  // local header
        let central = (0 ..< bytes.count - 4).last { bytes[$0 ..< $0 + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) }!
        put(size, at: central + 24)
        return bytes
    }
}

/// Rows held in memory, read as an export's rows are.
private final class RowList: SheetRowReader {
    private var rows: [SheetRow]

    init(_ rows: [SheetRow]) { self.rows = rows.reversed() }

    func next() throws -> SheetRow? { rows.popLast() }
}
