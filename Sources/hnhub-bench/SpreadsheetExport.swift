import CZlib
import DemoData
import Foundation
import HubKit

/// Writes the spreadsheets `hnhub-bench spreadsheet` reads: a case-management export of any
/// number of rows, as an XLSX workbook (sheet "Children", text in shared strings, as Excel saves
/// it) or as CSV, and a highly compressible sheet of one row repeated. The sheet is deflated into
/// the file as it is made, so writing a million rows never holds them.
enum SpreadsheetExport {
    /// The columns and first rows of the example CaseView export (a synthetic fixture).
    static let template = "Tests/Fixtures/mapping/caseview-children-800-2025.csv"

    /// The template's header and rows.
    static func templateRows() throws -> (header: [String], rows: [[String]]) {
        guard let bytes = FileManager.default.contents(atPath: template) else {
            throw BenchFailure("cannot read \(template): run hnhub-bench from the package root")
        }
        let reader = CSVReader(stream: MemoryByteStream([UInt8](bytes)), fileName: template)
        guard let header = try reader.next() else { throw BenchFailure("\(template) is empty") }
        var rows: [[String]] = []
        while let row = try reader.next() { rows.append(row) }
        return (header, rows)
    }

    /// Row `n`: the template's rows in turn, each child with its own Child ID and UPN.
    static func row(_ n: Int, of template: [[String]], header: [String]) -> [String] {
        var row = template[n % template.count]
        let rest = "800" + String(format: "%09d", n)
        if let id = header.firstIndex(of: "Child ID") { row[id] = "CV\(n)" }
        if let upn = header.firstIndex(of: "UPN") { row[upn] = String(PupilNumbers.upnCheckLetter(for: rest)) + rest }
        return row
    }

    /// `rows` rows of the template as CSV.
    static func writeCSV(rows: Int, to path: String) throws {
        let (header, template) = try templateRows()
        let file = try OutputFile(path: path)
        func line(_ cells: [String]) -> [UInt8] {
            Array((cells.map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
                .joined(separator: ",") + "\r\n").utf8)
        }
        var buffer = line(header)
        for n in 0 ..< rows {
            buffer += line(row(n, of: template, header: header))
            if buffer.count > 1 << 20 { try file.write(buffer); buffer.removeAll(keepingCapacity: true) }
        }
        try file.write(buffer)
        try file.close()
    }

    /// `rows` rows of the template as an XLSX workbook.
    static func writeXLSX(rows: Int, to path: String) throws {
        let (header, template) = try templateRows()
        try writeWorkbook(to: path) { sheet, strings in
            try sheet.write(rowXML(1, header, strings: &strings))
            for n in 0 ..< rows {
                try sheet.write(rowXML(n + 2, row(n, of: template, header: header), strings: &strings))
            }
        }
    }

    /// A workbook whose sheet is the header and the first template row repeated until the sheet
    /// holds `inflatedBytes`: one child with as many identical rows, highly compressible.
    static func writeRepeatedRow(inflatedBytes: Int, to path: String) throws {
        let (header, template) = try templateRows()
        try writeWorkbook(to: path) { sheet, strings in
            try sheet.write(rowXML(1, header, strings: &strings))
            let first = row(0, of: template, header: header)
            var number = 2
            while sheet.inflated < inflatedBytes {
                try sheet.write(rowXML(number, first, strings: &strings))
                number += 1
            }
        }
    }

    /// `<row>` XML of `cells`, their text as shared strings.
    static func rowXML(_ number: Int, _ cells: [String], strings: inout SharedStringTable) -> [UInt8] {
        var xml = "<row r=\"\(number)\">"
        for cell in cells {
            xml += cell.isEmpty ? "<c/>" : "<c t=\"s\"><v>\(strings.index(cell))</v></c>"
        }
        return Array((xml + "</row>").utf8)
    }

    /// Shared strings in order of first use.
    struct SharedStringTable {
        private var indexes: [String: Int] = [:]
        private(set) var strings: [String] = []

        mutating func index(_ string: String) -> Int {
            if let index = indexes[string] { return index }
            indexes[string] = strings.count
            strings.append(string)
            return strings.count - 1
        }
    }

    /// A one-sheet workbook: `writeSheet` writes the rows, then the shared strings follow (as
    /// Excel orders them).
    static func writeWorkbook(to path: String, _ writeSheet: (StreamingZip, inout SharedStringTable) throws -> Void) throws {
        let zip = try StreamingZip(path: path)
        try zip.add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
            </Types>
            """)
        try zip.add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        try zip.add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="Children" sheetId="1" r:id="rId1"/></sheets></workbook>
            """)
        try zip.add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
            </Relationships>
            """)
        var strings = SharedStringTable()
        try zip.begin("xl/worksheets/sheet1.xml")
        try zip.write(Array(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#.utf8))
        try writeSheet(zip, &strings)
        try zip.write(Array("</sheetData></worksheet>".utf8))
        try zip.end()
        try zip.begin("xl/sharedStrings.xml")
        try zip.write(Array(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#.utf8))
        var part: [UInt8] = []
        for string in strings.strings {
            let escaped = string.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            part += Array("<si><t>\(escaped)</t></si>".utf8)
            if part.count > 1 << 20 { try zip.write(part); part.removeAll(keepingCapacity: true) }
        }
        try zip.write(part + Array("</sst>".utf8))
        try zip.end()
        try zip.finish()
    }
}

/// A zip archive written to a file entry by entry, each deflated as it is written (sizes and CRC
/// in a data descriptor after the data, and in the central directory).
final class StreamingZip {
    private let file: OutputFile
    private var stream = z_stream()
    private var central: [UInt8] = []
    private var entries = 0
    private var offset = 0
    private var current: (name: [UInt8], offset: Int, crc: UInt, compressed: Int)?
    /// Uncompressed bytes of the current entry so far.
    private(set) var inflated = 0

    init(path: String) throws { file = try OutputFile(path: path) }

    func add(_ name: String, _ text: String) throws {
        try begin(name)
        try write(Array(text.utf8))
        try end()
    }

    func begin(_ name: String) throws {
        guard czlib_deflate_init(&stream, 6, -MAX_WBITS) == Z_OK else { throw BenchFailure("zlib deflateInit2 failed") }
        let nameBytes = Array(name.utf8)
        current = (nameBytes, offset, 0, 0)
        inflated = 0
        // Version 2.0, flags: data descriptor and UTF-8 names, deflate, no time; CRC and sizes follow the data.
        try emit(Self.u32(0x0403_4B50) + Self.u16(20) + Self.u16(0x0808) + Self.u16(8) + Self.u16(0) + Self.u16(0x21)
                 + Self.u32(0) + Self.u32(0) + Self.u32(0) + Self.u16(UInt16(nameBytes.count)) + Self.u16(0) + nameBytes)
    }

    func write(_ bytes: [UInt8]) throws {
        current!.crc = bytes.withUnsafeBufferPointer { CZlib.crc32(current!.crc, $0.baseAddress, uInt($0.count)) }
        inflated += bytes.count
        try deflate(bytes, flush: Z_NO_FLUSH)
    }

    func end() throws {
        try deflate([], flush: Z_FINISH)
        deflateEnd(&stream)
        let entry = current!
        let crc = UInt32(truncatingIfNeeded: entry.crc)
        try emit(Self.u32(0x0807_4B50) + Self.u32(crc) + Self.u32(UInt32(entry.compressed)) + Self.u32(UInt32(inflated)))
        central += Self.u32(0x0201_4B50) + Self.u16(20) + Self.u16(20) + Self.u16(0x0808) + Self.u16(8) + Self.u16(0) + Self.u16(0x21)
            + Self.u32(crc) + Self.u32(UInt32(entry.compressed)) + Self.u32(UInt32(inflated)) + Self.u16(UInt16(entry.name.count))
            + Self.u16(0) + Self.u16(0) + Self.u16(0) + Self.u16(0) + Self.u32(0) + Self.u32(UInt32(entry.offset)) + entry.name
        entries += 1
        current = nil
    }

    func finish() throws {
        let start = offset
        try emit(central)
        try emit(Self.u32(0x0605_4B50) + Self.u16(0) + Self.u16(0) + Self.u16(UInt16(entries)) + Self.u16(UInt16(entries))
                 + Self.u32(UInt32(central.count)) + Self.u32(UInt32(start)) + Self.u16(0))
        try file.close()
    }

    private func deflate(_ bytes: [UInt8], flush: Int32) throws {
        var input = bytes
        var output = [UInt8](repeating: 0, count: 1 << 16)
        try input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            repeat {
                let produced = output.withUnsafeMutableBufferPointer { target -> Int in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    _ = CZlib.deflate(&stream, flush)
                    return target.count - Int(stream.avail_out)
                }
                current!.compressed += produced
                try emit(Array(output[0 ..< produced]))
            } while stream.avail_out == 0 || (flush == Z_FINISH && stream.avail_in > 0)
        }
    }

    private func emit(_ bytes: [UInt8]) throws {
        try file.write(bytes)
        offset += bytes.count
    }

    private static func u16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func u32(_ value: UInt32) -> [UInt8] { (0 ..< 4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
}

/// A file written with `fwrite`.
final class OutputFile {
    private let handle: UnsafeMutablePointer<FILE>
    private var closed = false
    let path: String

    init(path: String) throws {
        guard let handle = fopen(path, "wb") else { throw BenchFailure("cannot write \(path)") }
        self.handle = handle
        self.path = path
    }

    deinit { if !closed { fclose(handle) } }

    func write(_ bytes: [UInt8]) throws {
        guard bytes.withUnsafeBytes({ fwrite($0.baseAddress, 1, $0.count, handle) }) == bytes.count else {
            throw BenchFailure("cannot write \(path)")
        }
    }

    func close() throws {
        closed = true
        guard fclose(handle) == 0 else { throw BenchFailure("cannot write \(path)") }
    }
}
