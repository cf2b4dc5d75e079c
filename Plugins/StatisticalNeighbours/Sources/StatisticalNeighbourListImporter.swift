import HubKit

/// Reads DfE children's services statistical neighbours in the long layout
/// (`la_code,new_la_code,la_name,sn_rank,sn_la_code,sn_new_la_code,sn_la_name,closeness`, one row per
/// LA and rank; extra columns ignored) as one edition of directed neighbour lists.
///
/// The rows do not say which edition they belong to; the file name does:
/// `stat_neighbours_2025_05_long.csv` is edition `2025-05`. Recognised by its header row.
/// A file is stored whole or not at all: the first bad value rejects it, naming line and column.
package final class StatisticalNeighbourListImporter: Importer {
    package static let version = "1.0.0"
    /// Detection score when the header has every required column.
    static let detectionScore = 90
    /// Rows between two progress reports.
    static let progressInterval = 256

    package init() {}

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "statistical-neighbours", version: Self.version,
                            summary: "DfE statistical neighbours, long layout (edition from the file name, e.g. stat_neighbours_2025_05_long.csv)")
    }

    package var produces: DatasetKind { .statisticalNeighbours }

    package func detect(_ source: ImportSource) -> Int? {
        guard source.files.count == 1, let header = NeighbourListHeader(head: source.files[0].head),
              header.missingColumns.isEmpty else { return nil }
        return Self.detectionScore
    }

    package func read(_ source: ImportSource, into sink: any RecordSink) throws {
        guard source.files.count == 1, let file = source.files.first else {
            throw InputRejected(file: source.name, message: "a neighbour list is one CSV file, not a folder: import the file itself")
        }
        try read(file, into: sink)
    }

    private func read(_ file: InputFile, into sink: any RecordSink) throws {
        let reader = CSVReader(stream: try file.open(), encoding: NeighbourListHeader.encoding(head: file.head),
                               fileName: file.name)
        guard let names = try reader.next() else {
            throw InputRejected(file: file.name, line: 1, message: "the file is empty")
        }
        let header = NeighbourListHeader(names: names)
        guard header.missingColumns.isEmpty else {
            throw InputRejected(file: file.name, line: 1,
                                message: "not a DfE statistical neighbours file (long layout): missing column(s) "
                                    + header.missingColumns.joined(separator: ", "))
        }
        guard let edition = NeighbourEdition.from(fileName: file.baseName) else {
            throw InputRejected(file: file.name,
                                message: "the file name does not say which edition of the neighbour lists this is: "
                                    + NeighbourEdition.renameAdvice)
        }
        let row = NeighbourRow(header: header, edition: edition, fileName: file.name)
        var ledger = NeighbourListLedger()
        var rows = 0
        while let fields = try reader.next() {
            if CSVText.isBlankRow(fields) { continue }
            let record = try row.record(fields, line: reader.line)
            try ledger.admit(record, line: reader.line, row: row)
            try sink.neighbour(record)
            rows += 1
            if rows % Self.progressInterval == 0 { sink.progress(bytesRead: reader.bytesRead) }
        }
        guard rows > 0 else {
            throw InputRejected(file: file.name, line: 2, message: "there are no neighbour rows below the header")
        }
        sink.progress(bytesRead: reader.bytesRead)
    }
}
