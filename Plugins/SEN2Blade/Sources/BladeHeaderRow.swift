import HubKit

/// The header row of a Blade CSV table: its column names, normalised.
enum BladeHeaderRow {
    /// The column names in the first row of `head` (a file's first bytes), or nil when the head is
    /// not CSV text (binary content, or a quote left open in the first row).
    static func columns(head: [UInt8]) -> [String]? {
        guard !head.isEmpty, !head.contains(0) else { return nil }
        let reader = CSVReader(stream: MemoryByteStream(head), encoding: TextEncoding.guess(head))
        guard let row = try? reader.next() else { return nil }
        return row.map(normalise)
    }

    /// The table whose header row starts `head`, or nil.
    static func tableKind(head: [UInt8]) -> BladeTableKind? {
        columns(head: head).flatMap { BladeTableKind.recognise(columns: Set($0)) }
    }

    /// A column name as matched: trimmed, lower-cased (COLLECT writes `NativeId`), without a BOM.
    static func normalise(_ name: String) -> String {
        var name = Substring(name)
        if name.hasPrefix("\u{FEFF}") { name = name.dropFirst() }
        if name.hasPrefix("ï»¿") { name = name.dropFirst(3) }  // a UTF-8 BOM read as Windows-1252
        return BladeValue.trimmed(String(name))?.lowercased() ?? ""
    }
}
