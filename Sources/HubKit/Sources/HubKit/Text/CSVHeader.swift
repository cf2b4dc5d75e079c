/// The header row of a CSV table: its column names, and their positions by name.
///
/// Names match case-insensitively and without surrounding spaces (``key(_:)``); of two columns
/// with the same name the first wins. Read one from a file's first bytes to recognise it:
///
/// ```swift
/// func detect(_ source: ImportSource) -> Int? {
///     guard let header = CSVHeader(head: source.files[0].head),
///           header.column("la_code") != nil, header.column("population") != nil else { return nil }
///     return 90
/// }
/// ```
public struct CSVHeader: Sendable, Equatable {
    /// The names as written, without surrounding spaces.
    public let names: [String]
    /// The names as columns are matched: trimmed and lower-cased, in column order.
    public let keys: [String]

    public init(names: [String]) {
        self.names = names.map(CSVText.trimmed)
        keys = self.names.map { $0.lowercased() }
    }

    /// The first row of `head` (the first bytes of a file, see ``InputFile/head``), or nil when it
    /// holds no CSV row. The encoding is guessed from `head` unless given.
    public init?(head: [UInt8], encoding: TextEncoding? = nil) {
        let reader = CSVReader(stream: MemoryByteStream(head), encoding: encoding ?? TextEncoding.guess(head))
        guard let row = try? reader.next() else { return nil }
        self.init(names: row)
    }

    /// 0-based position of the column called `name` (any case, spaces around ignored), or nil.
    public func column(_ name: String) -> Int? {
        keys.firstIndex(of: Self.key(name))
    }

    /// `name` as columns are matched: trimmed and lower-cased.
    public static func key(_ name: String) -> String {
        CSVText.trimmed(name).lowercased()
    }
}
