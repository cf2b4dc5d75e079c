import HubKit

/// What one column of an export holds, for guessing its SEN2 element, its date format and its
/// code table: how many cells are filled, its distinct values with counts (only while there are
/// few: a coded column has few values, names and identifiers many), and the date format that reads
/// every value.
struct ColumnProfile {
    /// Distinct values kept per column; a column with more is not a coded one.
    static let maxDistinct = 60

    var name: String
    var index: Int
    var filled = 0
    /// Trimmed value -> cells, while at most ``maxDistinct`` (nil after).
    var counts: [String: Int]? = [:]
    /// Values in order of first appearance (while counted).
    var order: [String] = []
    /// The format that reads every value seen, while one does (see `DateShape`).
    var dateFormats: [DateFormat]?
    var datesSeen = 0
    /// Characters 2-4 of values shaped like a UPN (the number of the LA that issued it) -> count.
    var issuingLAs: [String: Int] = [:]
    /// The latest date each fitting format reads.
    var latestByFormat: [DateFormat: Day] = [:]

    init(name: String, index: Int) {
        self.name = name
        self.index = index
    }

    mutating func add(_ cell: String) {
        let value = CSVText.trimmed(cell)
        guard !value.isEmpty else { return }
        filled += 1
        if value.count == 13 {
            let la = value.dropFirst().prefix(3)
            if la.allSatisfy(\.isNumber) { issuingLAs[String(la), default: 0] += 1 }
        }
        if counts != nil {
            if counts![value] == nil { order.append(value) }
            counts![value, default: 0] += 1
            if counts!.count > Self.maxDistinct { counts = nil; order = [] }
        }
        guard dateFormats?.isEmpty != true else { return }
        var fitting: [DateFormat] = []
        for format in DateShape.candidates(for: value) {
            guard let day = format.parse(value) else { continue }
            fitting.append(format)
            latestByFormat[format] = max(latestByFormat[format] ?? day, day)
        }
        dateFormats = datesSeen == 0 ? fitting : dateFormats?.filter { fitting.contains($0) }
        datesSeen += 1
    }

    /// The latest date of the column, when it holds dates.
    var latest: Day? { dateFormat.flatMap { latestByFormat[$0] } }

    /// The format that reads every value, when the column holds dates.
    var dateFormat: DateFormat? { filled > 0 ? dateFormats?.first : nil }
    var isDate: Bool { dateFormat != nil }

    /// Distinct values with counts, most frequent first (ties in order of appearance); nil when
    /// the column has too many to be coded.
    var distinct: [(value: String, count: Int)]? {
        guard let counts else { return nil }
        return order.enumerated().sorted { a, b in
            (counts[a.element]!, -a.offset) > (counts[b.element]!, -b.offset)
        }.map { ($0.element, counts[$0.element]!) }
    }

    /// The profiles of every column of `table`.
    static func read(_ table: SheetTable) throws -> (profiles: [ColumnProfile], rows: Int) {
        var profiles = table.header.names.enumerated().map { ColumnProfile(name: $0.element, index: $0.offset) }
        var rows = 0
        try table.forEachDataRow { row in
            rows += 1
            for i in profiles.indices { profiles[i].add(row.text(i)) }
        }
        return (profiles, rows)
    }
}
