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
package final class MappingImporter: Importer {
    /// What a cell that cannot be read does.
    package enum RowFailurePolicy: Sendable {
        /// Reject the file (import): nothing is stored.
        case rejectFile
        /// Report it as an error on its person, who is quarantined (validation of a mapping under development).
        case quarantinePerson
    }

    package let mapping: MappingDefinition
    package let rowFailures: RowFailurePolicy
    /// How far a workbook's parts may inflate (the config's `input` limits, as for gzip).
    package let limits: InflationLimits

    /// Base detection score; each required header adds one (a more specific mapping wins a tie).
    static let detectedScore = 70

    package init(mapping: MappingDefinition, rowFailures: RowFailurePolicy = .rejectFile,
                limits: InflationLimits = InflationLimits()) {
        self.mapping = mapping
        self.rowFailures = rowFailures
        self.limits = limits
    }

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: mapping.importerID, version: mapping.version, summary: mapping.summary)
    }

    package var produces: DatasetKind { .sen2Return }

    /// The same mapping with another row failure policy.
    package func with(rowFailures policy: RowFailurePolicy) -> MappingImporter {
        MappingImporter(mapping: mapping, rowFailures: policy, limits: limits)
    }

    /// The same mapping with other inflation limits.
    package func with(limits: InflationLimits) -> MappingImporter {
        MappingImporter(mapping: mapping, rowFailures: rowFailures, limits: limits)
    }

    /// 70 plus the number of required headers when the one file of `source` has every required
    /// header (and, for a workbook, the named sheet); nil otherwise, or when the mapping requires none.
    package func detect(_ source: ImportSource) -> Int? {
        guard source.files.count == 1, let file = source.files.first, !mapping.layout.requiredHeaders.isEmpty,
              let table = try? MappingSource.table(file, layout: mapping.layout, limits: limits, headOnly: true) else { return nil }
        guard mapping.layout.requiredHeaders.allSatisfy({ table.header.column($0) != nil }) else { return nil }
        return Self.detectedScore + min(mapping.layout.requiredHeaders.count, 25)
    }

    /// Reads the export into `sink`: the return header from the mapping's constants, then one
    /// person per person key (or row), in order of first appearance, each as soon as their last
    /// row is read. With ``RowFailurePolicy/rejectFile`` the first cell that cannot be read (in
    /// file order) rejects the file once every row is checked; nothing reaches the store.
    package func read(_ source: ImportSource, into sink: any RecordSink) throws {
        let file = try Self.file(of: source)
        var rows = try MappedRows(table: MappingSource.table(file, layout: mapping.layout, limits: limits), mapping: mapping)
        let fileName = rows.table.fileName
        let header = ReturnHeader(collectionYear: mapping.constants.collectionYear, referenceDate: mapping.constants.censusDate,
                                  laCode: mapping.constants.laCode, software: "hnhub \(mapping.importerID)",
                                  release: mapping.version)
        try sink.beginReturn(header)
        let assembler = MappedPersonAssembler(mapping: mapping, fileName: fileName)
        let rejecting = rowFailures == .rejectFile
        var failed = false
        try rows.read { mapped in
            // Once the file is to be rejected, the rest is only checked.
            failed = failed || (rejecting && !mapped.failures.isEmpty)
            guard !failed else { return }
            var person = assembler.person(mapped)
            person.issues = mapped.failures.map { $0.issue(file: fileName) }
            try sink.person(person)
        }
        if rejecting, let first = rows.firstFailure {
            var rejection = first.rejection(file: fileName)
            let more = rows.failureCount - 1
            if more > 0 {
                rejection.message += " (and \(more) more \(more == 1 ? "problem" : "problems"); `hnhub validate --importer \(mapping.importerID) FILE` lists them all)"
            }
            throw rejection
        }
        sink.progress(bytesRead: (try? FileByteStream(path: file.name))?.size ?? 0)
    }

    /// The export read through the mapping without handing anything on, for the diagnosis.
    func mappedRows(_ source: ImportSource) throws -> MappedRows {
        var rows = try MappedRows(table: MappingSource.table(Self.file(of: source), layout: mapping.layout, limits: limits),
                                  mapping: mapping)
        try rows.read { _ in }
        return rows
    }

    private static func file(of source: ImportSource) throws -> InputFile {
        guard source.files.count == 1, let file = source.files.first else {
            throw InputRejected(file: source.name, message: "a mapped export is one CSV or XLSX file; got \(source.files.count) files")
        }
        return file
    }
}

/// Opening an export: CSV or XLSX by content (a zip archive is a workbook), never by file name.
enum MappingSource {
    /// The export `file` as a table whose rows stream from the file. With `headOnly` (detection)
    /// a CSV file is read from its head alone.
    static func table(_ file: InputFile, layout: FileLayout, limits: InflationLimits = InflationLimits(),
                      headOnly: Bool = false) throws -> SheetTable {
        if ZipArchive.looksLikeZip(file.head) {
            return try XLSXSheetReader(file: file, limits: limits).open(layout: layout)
        }
        let head = headLines(file.head)
        return try CSVSheetReader.open(fileName: file.name, layout: layout, sample: file.head) {
            headOnly ? MemoryByteStream(head) : try file.open()
        }
    }

    /// The head of a file cut after its last complete line (so a row cut in two is not read).
    static func headLines(_ head: [UInt8]) -> [UInt8] {
        guard let last = head.lastIndex(of: UInt8(ascii: "\n")) else { return head }
        return Array(head[...last])
    }
}
