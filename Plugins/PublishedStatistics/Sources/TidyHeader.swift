import HubKit

/// The header row of an EES tidy data file and what each column is: time, geography, or a
/// candidate (a dimension or a measure, decided later from the values).
struct TidyHeader: Sendable {
    static let timePeriod = "time_period"
    static let timeIdentifier = "time_identifier"
    static let geographicLevel = "geographic_level"
    /// Columns every EES data file has.
    static let required = [timePeriod, timeIdentifier, geographicLevel]

    /// Column names as published, trimmed (the SDK's reader drops a byte order mark).
    let names: [String]
    /// Column index by lower-cased name; standard columns are matched case-insensitively.
    private let index: [String: Int]

    init(fields: [String]) {
        names = fields.map(CSVText.trimmed)
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name.lowercased()] == nil {
            index[name.lowercased()] = position
        }
        self.index = index
    }

    /// The position of a standard column, if the file has it.
    func column(_ name: String) -> Int? { index[name] }

    var missingRequired: [String] { Self.required.filter { index[$0] == nil } }

    var hasGeography: Bool { !GeographyColumns.codeColumns.isDisjoint(with: index.keys) }

    /// Time, level and at least one area code column: the tidy layout.
    var isTidyLayout: Bool { missingRequired.isEmpty && hasGeography }

    /// Columns that are neither time nor geography, in column order: each is a dimension or a measure.
    var candidates: [Int] {
        names.indices.filter {
            let name = names[$0].lowercased()
            return !Self.required.contains(name) && !GeographyColumns.all.contains(name)
        }
    }

    /// Throws ``InputRejected`` unless the header is one ``EESTableImporter`` can read.
    func check(file: String) throws {
        if let missing = missingRequired.first {
            throw InputRejected(file: file, line: 1, message: """
                missing column \(missing): not an Explore Education Statistics data file \
                (every one has \(Self.required.joined(separator: ", ")))
                """)
        }
        guard hasGeography else {
            throw InputRejected(file: file, line: 1, message: """
                no geography column (such as country_code, region_code, old_la_code or new_la_code): \
                not an Explore Education Statistics data file
                """)
        }
        if let unnamed = names.firstIndex(of: "") {
            throw InputRejected(file: file, line: 1, column: unnamed + 1, message: "column \(unnamed + 1) has no name")
        }
        var seen: Set<String> = []
        for (position, name) in names.enumerated() where !seen.insert(name.lowercased()).inserted {
            throw InputRejected(file: file, line: 1, column: position + 1, message: "column \(name) appears twice")
        }
    }

    /// The header of `head` (a file's first bytes), or nil when it is not CSV text.
    static func read(head: [UInt8]) -> TidyHeader? {
        guard !head.isEmpty, !head.contains(0), let header = CSVHeader(head: head) else { return nil }
        return TidyHeader(fields: header.names)
    }
}
