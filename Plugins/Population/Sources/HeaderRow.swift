import HubKit

/// The header row of a CSV input, read from the bytes the host shows for detection.
enum HeaderRow {
    /// The first row's names, trimmed and lower-cased, or nil when the head holds no CSV row.
    static func names(in file: InputFile) -> [String]? {
        let reader = CSVReader(stream: ByteOrderMarkSkipping(HeadBytes(file.head)), encoding: TextEncoding.guess(file.head))
        guard let row = try? reader.next(), row.count > 1 else { return nil }
        return row.map(ColumnName.normalised)
    }
}
