import HubKit

/// Reads the GIAS "all establishment data" CSV (Windows-1252, quoted, one row per establishment,
/// open and closed): URN -> located LA, name, type of establishment, phase, status, UKPRN, the
/// postcode's outward code and the location (`Easting`, `Northing`, when the file has them). Extra columns are ignored. Recognised by its header row, not its file
/// name. A file is stored whole or not at all: the first bad value rejects it, naming line and column.
package final class GIASEstablishmentImporter: Importer {
    package static let version = "0.3.0"
    /// Detection score when the header has every required column.
    static let detectionScore = 90
    /// Rows between two progress reports.
    static let progressInterval = 4096

    /// Columns the importer needs, by their GIAS header names.
    static var requiredColumns: [String] { GIASHeader.requiredColumns }

    package init() {}

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "gias-establishments", version: Self.version,
                            summary: "GIAS all establishment data CSV (Windows-1252): the establishment register")
    }

    package var produces: DatasetKind { .establishments }

    package func detect(_ source: ImportSource) -> Int? {
        guard source.files.count == 1, let header = GIASHeader(head: source.files[0].head),
              header.missingColumns.isEmpty else { return nil }
        return Self.detectionScore
    }

    package func read(_ source: ImportSource, into sink: any RecordSink) throws {
        guard source.files.count == 1, let file = source.files.first else {
            throw InputRejected(file: source.name, message: "the establishment register is one CSV file, not a folder: import the file itself")
        }
        try read(file, into: sink)
    }

    private func read(_ file: InputFile, into sink: any RecordSink) throws {
        let reader = CSVReader(stream: try file.open(), encoding: try GIASTextEncoding.of(file), fileName: file.name)
        guard let names = try reader.next() else {
            throw InputRejected(file: file.name, line: 1, message: "the file is empty")
        }
        let header = GIASHeader(names: names)
        guard header.missingColumns.isEmpty else {
            throw InputRejected(file: file.name, line: 1,
                                message: "not a GIAS establishment file: missing column(s) "
                                    + header.missingColumns.joined(separator: ", ")
                                    + "; download \"All establishment data\" from Get Information about Schools and import that file")
        }
        let row = GIASRow(header: header, fileName: file.name)
        var urnLines: [String: Int] = [:]
        var rows = 0
        while let fields = try reader.next() {
            if CSVText.isBlankRow(fields) { continue }
            let record = try row.record(fields, line: reader.line)
            if let earlier = urnLines.updateValue(reader.line, forKey: record.urn) {
                throw row.rejection(line: reader.line, column: "URN",
                                    "URN \(record.urn) appears a second time (first on line \(earlier)): a register lists each establishment once")
            }
            try sink.establishment(record)
            rows += 1
            if rows % Self.progressInterval == 0 { sink.progress(bytesRead: reader.bytesRead) }
        }
        guard rows > 0 else {
            throw InputRejected(file: file.name, line: 2, message: "there are no establishments below the header")
        }
        sink.progress(bytesRead: reader.bytesRead)
    }
}
