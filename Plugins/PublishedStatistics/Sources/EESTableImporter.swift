import HubKit

/// Reads any Explore Education Statistics data file in the tidy layout (one row per geography x
/// period x breakdown, then one column per measure) into one ``PublishedObservation`` per measure
/// cell. Recognised by its header, not its name: `time_period`, `time_identifier`,
/// `geographic_level` and at least one geography code column.
///
/// The file is read twice. The first pass checks every row (field count, period, level, area code)
/// and decides which columns are measures (see ``ColumnSurvey``); the second sends the
/// observations. Nothing is sent when the first pass rejects the file.
///
/// - Columns: `time_period`, `time_identifier`, `geographic_level` and the geography columns
///   (``GeographyColumns``) are the row's key; every other column is a measure when all its
///   non-empty cells are numbers or EES symbols, else a dimension (``ColumnSurvey``), except
///   columns of words placed where EES puts indicators: measures whose values are text
///   (``TextMeasures``). A file whose measures are all text is read once more to tell them from
///   its filters.
/// - Area: see ``AreaLocator`` (a Local authority row is keyed on its 3-digit `old_la_code`).
/// - Values: see ``ObservationBuilder`` (as published, symbols kept; empty cells skipped).
/// - Text: UTF-8 with or without a byte order mark, or Windows-1252 (guessed from the head; a file
///   whose first non-UTF-8 byte lies past the head is read again as Windows-1252).
/// - The table is the file's name without folders and extension (`caseload_all_plans_2019_2024`),
///   so the host replaces an earlier import of the same file name.
package final class EESTableImporter: Importer {
    package static let version = "1.0.0"
    static let detectedScore = 90
    /// Rows between two progress reports.
    private static let progressEvery = 1024

    package init() {}

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "ees-table", version: Self.version,
                            summary: "Explore Education Statistics data file (tidy CSV, any table): one value per measure cell")
    }

    package var produces: DatasetKind { .publishedStatistics }

    package func detect(_ source: ImportSource) -> Int? {
        guard source.files.count == 1, let header = TidyHeader.read(head: source.files[0].head) else { return nil }
        return header.isTidyLayout ? Self.detectedScore : nil
    }

    package func read(_ source: ImportSource, into sink: any RecordSink) throws {
        guard source.files.count == 1, let file = source.files.first else {
            throw InputRejected(file: source.name, message: "give one Explore Education Statistics data file at a time")
        }
        var encoding = TextEncoding.guess(file.head)

        let survey = try survey(file, encoding: encoding, sink: sink)
        if encoding == .utf8, survey.sawUndecodableText { encoding = .windows1252 }
        for issue in survey.issues { try sink.issue(issue) }

        let rows = try TidyRowReader(file, encoding: encoding)
        try rows.header.check(file: file.name)
        guard rows.header.names.count == survey.header.names.count else {
            throw InputRejected(file: file.name, line: 1, message: "the file changed while it was read")
        }
        let builder = ObservationBuilder(table: Self.tableName(of: file), header: rows.header, layout: survey.layout,
                                         keys: RowKeyReader(header: rows.header, file: file.name))
        var count = 0
        while let row = try rows.next() {
            for observation in try builder.observations(of: row) { try sink.publishedObservation(observation) }
            count += 1
            if count % Self.progressEvery == 0 { sink.progress(bytesRead: (survey.bytes + rows.bytesRead) / 2) }
        }
        sink.progress(bytesRead: survey.bytes)
    }

    /// What the first pass learns.
    private struct Survey {
        var header: TidyHeader
        var layout: TableLayout
        var issues: [ImportIssue]
        var sawUndecodableText: Bool
        var bytes: Int
    }

    private func survey(_ file: InputFile, encoding: TextEncoding, sink: any RecordSink) throws -> Survey {
        let rows = try TidyRowReader(file, encoding: encoding)
        try rows.header.check(file: file.name)
        let keys = RowKeyReader(header: rows.header, file: file.name)
        var survey = ColumnSurvey(header: rows.header)
        var count = 0
        while let row = try rows.next() {
            _ = try keys.key(of: row)
            survey.add(row)
            count += 1
            // The first pass is the first half of the work.
            if count % Self.progressEvery == 0 { sink.progress(bytesRead: rows.bytesRead / 2) }
        }
        let finalEncoding = encoding == .utf8 && survey.sawUndecodableText ? TextEncoding.windows1252 : encoding
        let textMeasures = try TextMeasures.columns(
            wordColumns: survey.wordColumns, firstNumericMeasure: survey.firstNumericMeasure,
            constantColumns: survey.constantColumns) { words in
            try Self.distinguishingPrefix(of: words, in: file, encoding: finalEncoding)
        }
        return Survey(header: rows.header, layout: survey.layout(textMeasures: textMeasures),
                      issues: survey.issues(header: rows.header),
                      sawUndecodableText: survey.sawUndecodableText, bytes: rows.bytesRead)
    }

    /// The fewest leading `columns` that, with the row's time, level and area, tell every row of
    /// the file apart; nil when even all of them leave two rows alike.
    static func distinguishingPrefix(of columns: [Int], in file: InputFile, encoding: TextEncoding) throws -> Int? {
        let rows = try TidyRowReader(file, encoding: encoding)
        let keys = RowKeyReader(header: rows.header, file: file.name)
        // One set of row hashes per prefix length; a prefix is ruled out at its first repeat.
        var seen = Array(repeating: Set<Int>(), count: columns.count + 1)
        var possible = Set(0...columns.count)
        while let row = try rows.next(), !possible.isEmpty {
            let key = try keys.key(of: row)
            var hasher = Hasher()
            for part in [key.timePeriod, key.timeIdentifier, key.geographicLevel, key.areaCode] { hasher.combine(part) }
            for length in 0...columns.count {
                if length > 0 { hasher.combine(CSVText.trimmed(row.fields[columns[length - 1]])) }
                guard possible.contains(length) else { continue }
                if !seen[length].insert(hasher.finalize()).inserted { possible.remove(length) }
            }
        }
        return possible.min()
    }

    /// `folder/caseload_2024.csv.gz` -> `caseload_2024`.
    static func tableName(of file: InputFile) -> String {
        var name = Substring(file.baseName)
        if name.lowercased().hasSuffix(".gz") { name = name.dropLast(3) }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return String(name)
    }
}
