import HubKit

/// One data row of a Blade table: its fields as read, and the line it starts on.
struct BladeRow: Sendable {
    var fields: [String]
    var line: Int
}

/// One Blade table read whole into memory (a table of one LA's return has tens of thousands of
/// rows at most). Values are looked up by column name; unknown columns are simply never asked for.
struct BladeTable: Sendable {
    let kind: BladeTableKind
    /// The file's name as given, for messages and record locations.
    let fileName: String
    /// Column index by normalised name; the first of two equal names wins.
    let columns: [String: Int]
    let rows: [BladeRow]

    func has(_ column: String) -> Bool { columns[column] != nil }

    /// The trimmed text of `column` (a lower-case name) in `row`; nil when blank or not a column.
    func value(_ column: String, in row: BladeRow) -> String? {
        guard let index = columns[column], index < row.fields.count else { return nil }
        return BladeValue.trimmed(row.fields[index])
    }

    /// The row's own id (`<table>tableid`).
    func id(of row: BladeRow) -> String? { value(kind.idColumn, in: row) }

    /// The id of the row's parent row, for tables below `person`.
    func parentID(of row: BladeRow) -> String? { kind.parent.flatMap { value($0.idColumn, in: row) } }
}

extension BladeTable {
    /// Reads `file` whole. The encoding is guessed from all of it, not just the head, so a
    /// Windows-1252 name far down the person table is still read right. Throws ``InputRejected``
    /// naming the file when the CSV is broken or a column the links need is missing.
    static func load(_ file: InputFile, as kind: BladeTableKind) throws -> (table: BladeTable, bytes: Int) {
        let bytes = try readAll(file.open())
        let reader = CSVReader(stream: MemoryByteStream(bytes), encoding: TextEncoding.guess(bytes))
        var columns: [String: Int] = [:]
        var rows: [BladeRow] = []
        do {
            guard let header = try reader.next() else {
                throw InputRejected(file: file.name, message: "the \(kind.rawValue) table is empty: it has no header row")
            }
            for (index, name) in header.map(BladeHeaderRow.normalise).enumerated() where columns[name] == nil {
                columns[name] = index
            }
            while let fields = try reader.next() {
                if fields.allSatisfy({ BladeValue.trimmed($0) == nil }) { continue }  // blank line
                rows.append(BladeRow(fields: fields, line: reader.line))
            }
        } catch var rejected as InputRejected {
            rejected.file = rejected.file ?? file.name
            throw rejected
        }
        var required = [(kind.idColumn, "which identifies its rows")]
        if let parent = kind.parent { required.append((parent.idColumn, "which links each row to its \(parent.rawValue) row")) }
        for (column, purpose) in required where columns[column] == nil {
            throw InputRejected(file: file.name, line: 1,
                                message: "the \(kind.rawValue) table has no `\(column)` column, \(purpose)")
        }
        return (BladeTable(kind: kind, fileName: file.name, columns: columns, rows: rows), bytes.count)
    }

    private static func readAll(_ stream: any ByteStream) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0 ..< count])
        }
    }
}
