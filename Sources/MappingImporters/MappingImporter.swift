import HubKit
import InputFiles

/// An importer described by a mapping file: reads a case-management export (CSV or XLSX, one row
/// per child or per placement) into the same normalised SEN2 records the SEN2 XML importer
/// produces, so validation, pseudonymisation, the store and the indicators treat both alike.
///
/// ```swift
/// let mapping = try MappingDefinition.load(path: "config/importers/caseview-children.yaml")
/// let importer = MappingImporter(mapping: mapping)   // id "mapping:caseview-children"
/// ```
///
/// A cell the mapping cannot read (a code with no translation, a date in another format, two
/// values for one person) rejects the whole file, naming the row and column, so nothing is stored;
/// with ``RowFailurePolicy/quarantinePerson`` (what `hnhub validate` uses) it becomes an error on
/// its person instead, so the rest of the file is still checked.
public final class MappingImporter: Importer {
    /// What a cell that cannot be read does.
    public enum RowFailurePolicy: Sendable {
        /// Reject the file (import): nothing is stored.
        case rejectFile
        /// Report it as an error on its person, who is quarantined (validation of a mapping under development).
        case quarantinePerson
    }

    public let mapping: MappingDefinition
    public let rowFailures: RowFailurePolicy

    /// Base detection score; each required header adds one (a more specific mapping wins a tie).
    static let detectedScore = 70

    public init(mapping: MappingDefinition, rowFailures: RowFailurePolicy = .rejectFile) {
        self.mapping = mapping
        self.rowFailures = rowFailures
    }

    public var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: mapping.importerID, version: mapping.version, summary: mapping.summary)
    }

    public var produces: DatasetKind { .sen2Return }

    /// The same mapping with another row failure policy.
    public func with(rowFailures policy: RowFailurePolicy) -> MappingImporter {
        MappingImporter(mapping: mapping, rowFailures: policy)
    }

    /// 70 plus the number of required headers when the one file of `source` has every required
    /// header (and, for a workbook, the named sheet); nil otherwise, or when the mapping requires none.
    public func detect(_ source: ImportSource) -> Int? {
        guard source.files.count == 1, let file = source.files.first, !mapping.layout.requiredHeaders.isEmpty else { return nil }
        let header: CSVHeader
        if ZipArchive.looksLikeZip(file.head) {
            guard let table = try? MappingSource.table(file, layout: mapping.layout) else { return nil }
            header = table.header
        } else {
            guard let table = try? CSVSheetReader.read(bytes: MappingSource.headLines(file.head), fileName: file.name,
                                                       layout: mapping.layout) else { return nil }
            header = table.header
        }
        guard mapping.layout.requiredHeaders.allSatisfy({ header.column($0) != nil }) else { return nil }
        return Self.detectedScore + min(mapping.layout.requiredHeaders.count, 25)
    }

    /// Reads the export into `sink`: the return header from the mapping's constants, then one
    /// person per person key (or row), in order of first appearance.
    public func read(_ source: ImportSource, into sink: any RecordSink) throws {
        let (rows, bytes) = try mappedRows(source)
        if rowFailures == .rejectFile, let first = rows.failures.first {
            var rejection = first.rejection(file: rows.table.fileName)
            let more = rows.failures.count - 1
            if more > 0 {
                rejection.message += " (and \(more) more \(more == 1 ? "problem" : "problems"); `hnhub validate --importer \(mapping.importerID) FILE` lists them all)"
            }
            throw rejection
        }
        let header = ReturnHeader(collectionYear: mapping.constants.collectionYear, referenceDate: mapping.constants.censusDate,
                                  laCode: mapping.constants.laCode, software: "hnhub \(mapping.importerID)",
                                  release: mapping.version)
        try sink.beginReturn(header)
        let assembler = MappedPersonAssembler(mapping: mapping, fileName: rows.table.fileName)
        let failuresByPerson = Dictionary(grouping: rows.failures, by: \.personIndex)
        for mapped in rows.persons {
            var person = assembler.person(mapped)
            person.issues = (failuresByPerson[mapped.index] ?? []).map { $0.issue(file: rows.table.fileName) }
            try sink.person(person)
        }
        sink.progress(bytesRead: bytes)
    }

    /// The export read through the mapping, for ``read(_:into:)`` and the diagnosis.
    func mappedRows(_ source: ImportSource) throws -> (MappedRows, Int) {
        guard source.files.count == 1, let file = source.files.first else {
            throw InputRejected(file: source.name, message: "a mapped export is one CSV or XLSX file; got \(source.files.count) files")
        }
        let bytes = try MappingSource.bytes(of: file)
        let table = try MappingSource.table(file, bytes: bytes, layout: mapping.layout)
        return (try MappedRows(table: table, mapping: mapping), bytes.count)
    }
}

/// Opening an export: CSV or XLSX by content (a zip archive is a workbook), never by file name.
enum MappingSource {
    static func bytes(of file: InputFile) throws -> [UInt8] {
        let stream = try file.open()
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if n == 0 { return bytes }
            bytes.append(contentsOf: buffer[0 ..< n])
        }
    }

    static func table(_ file: InputFile, bytes: [UInt8]? = nil, layout: FileLayout) throws -> SheetTable {
        let bytes = try bytes ?? Self.bytes(of: file)
        if ZipArchive.looksLikeZip(bytes) {
            return try XLSXSheetReader(bytes: bytes, fileName: file.name).read(layout: layout)
        }
        return try CSVSheetReader.read(bytes: bytes, fileName: file.name, layout: layout)
    }

    /// The head of a file cut after its last complete line (so a row cut in two is not read).
    static func headLines(_ head: [UInt8]) -> [UInt8] {
        guard let last = head.lastIndex(of: UInt8(ascii: "\n")) else { return head }
        return Array(head[...last])
    }
}
