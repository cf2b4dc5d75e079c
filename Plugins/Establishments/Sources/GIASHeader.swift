import HubKit

/// The header row of a GIAS establishment file: where the columns the importer reads are.
struct GIASHeader {
    /// Columns without which a file is not the register.
    static let requiredColumns = ["URN", "LA (code)", "TypeOfEstablishment (code)"]

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
        let encoding = GIASTextEncoding.of(head: head) ?? .windows1252
        guard let header = CSVHeader(head: head, encoding: encoding) else { return nil }
        self.init(names: header.names)
    }

    var missingColumns: [String] { Self.requiredColumns.filter { positions[$0] == nil } }

    /// 0-based position of `column`.
    func position(of column: String) -> Int? { positions[column] }
}

/// Cell text as the importer checks it.
enum GIASCell {
    /// True for a non-empty run of ASCII digits.
    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}
