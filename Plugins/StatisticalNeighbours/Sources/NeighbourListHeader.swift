import HubKit

/// The header row of the DfE long layout: where the columns the importer reads are.
struct NeighbourListHeader {
    /// Columns every neighbour file must have.
    static let requiredColumns = ["la_code", "sn_rank", "sn_la_code"]
    /// Read when present.
    static let closenessColumn = "closeness"

    /// Column names as they appear, trimmed.
    let names: [String]
    private let positions: [String: Int]

    init(names: [String]) {
        self.names = names.map(CSVText.trimmed)
        // The first of two equally named columns wins.
        positions = Dictionary(self.names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The header row at the start of a detection head, or nil when the head holds no CSV row.
    init?(head: [UInt8]) {
        guard let header = CSVHeader(head: head, encoding: Self.encoding(head: head)) else { return nil }
        self.init(names: header.names)
    }

    /// UTF-8 when the file starts with a byte order mark or its head is valid UTF-8, else Windows-1252
    /// (an Excel re-save).
    static func encoding(head: [UInt8]) -> TextEncoding {
        head.starts(with: [0xEF, 0xBB, 0xBF]) ? .utf8 : TextEncoding.guess(head)
    }

    var missingColumns: [String] { Self.requiredColumns.filter { positions[$0] == nil } }

    /// 0-based position of `column`.
    func position(of column: String) -> Int? { positions[column] }
}
