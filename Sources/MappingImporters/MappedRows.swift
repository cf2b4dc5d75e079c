import HubKit

/// An export read through a mapping: the rows grouped into persons, every cell that could not be
/// read, and the codes seen with no translation. Nothing here has been validated or stored yet.
public struct MappedRows: Sendable {
    /// One person's values, merged over their rows.
    struct Person: Sendable {
        var index: Int
        var firstRow: Int
        /// Values of the person module, by element.
        var values: [MappingTarget: FieldValue] = [:]
        /// The person's requests in order of first appearance (one unless the mapping has a
        /// `request_key`).
        var requests: [Request] = []
    }

    /// One request's values, merged over its rows: the request and every module below it.
    struct Request: Sendable {
        var firstRow: Int
        /// Values of every module but the person and placements, by element.
        var values: [MappingTarget: FieldValue] = [:]
        /// Modules with at least one value read from a column (constants do not make a module exist).
        var filled: Set<MappingModule> = []
        /// Placements in row order, each its values by element (slot numbers as mapped).
        var placements: [[MappingTarget: FieldValue]] = []
    }

    /// The table as read.
    public let table: SheetTable
    var persons: [Person] = []
    /// What a request's values are one per in messages: `request` with a request key, else `person`.
    private let requestScope: String
    /// Cells that could not be read, in row order.
    public private(set) var failures: [RowFailure] = []
    /// Column name -> value -> how many cells had it, for values no code table translates.
    public private(set) var untranslated: [String: [String: Int]] = [:]
    /// Column name -> non-empty cells.
    public private(set) var filledCells: [String: Int] = [:]

    /// Reads `table` through `mapping`. Throws ``InputRejected`` naming the file and the header row
    /// when a column the mapping reads is missing.
    public init(table: SheetTable, mapping: MappingDefinition) throws {
        self.table = table
        requestScope = mapping.requestKey == nil ? "person" : "request"
        let columns = try Self.resolveColumns(table: table, mapping: mapping)
        let reader = FieldValueReader(mapping: mapping)
        let requestKey = mapping.requestKey.flatMap { name in table.header.column(name).map { (table.header.names[$0], $0) } }
        for (rows, key) in try groups(mapping: mapping) {
            var person = Person(index: persons.count + 1, firstRow: rows[0].number)
            if let (keyColumn, keyIndex) = key, rows[0].text(keyIndex).isEmpty {
                fail("MAPPING-KEY", row: rows[0], column: keyColumn, index: keyIndex, target: nil,
                     person: person.index, "the person key is empty: every row needs it to be grouped into a person")
            }
            for requestRows in Self.requests(of: rows, key: requestKey?.1) {
                var request = Request(firstRow: requestRows[0].number)
                if let (keyColumn, keyIndex) = requestKey, requestRows[0].text(keyIndex).isEmpty {
                    fail("MAPPING-KEY", row: requestRows[0], column: keyColumn, index: keyIndex, target: nil,
                         person: person.index, "the request key is empty: every row needs it to be grouped into a request")
                }
                for row in requestRows {
                    read(row, columns: columns, reader: reader, into: &person, request: &request, personRows: rows,
                         requestRows: requestRows)
                }
                person.requests.append(request)
            }
            persons.append(person)
        }
    }

    /// Reads one row's cells into its person and request.
    private mutating func read(_ row: SheetRow, columns: [(FieldMapping, Int?)], reader: FieldValueReader,
                               into person: inout Person, request: inout Request, personRows: [SheetRow],
                               requestRows: [SheetRow]) {
        for (index, name) in table.header.names.enumerated() where !row.text(index).isEmpty {
            filledCells[name, default: 0] += 1
        }
        var placementSlots: [Int: [MappingTarget: FieldValue]] = [:]
        for (field, index) in columns {
            guard let index else { continue }
            let cell = row.text(index)
            switch reader.value(field, cell: cell, table: table) {
            case .failure(let problem):
                if problem.kind == .untranslated { untranslated[table.header.names[index], default: [:]][cell, default: 0] += 1 }
                fail(problem.kind.rawValue, row: row, column: table.header.names[index], index: index, target: field.target,
                     person: person.index, problem.message, value: cell)
            case .success(nil): continue
            case .success(let value?):
                switch field.target.module {
                case .placement(let slot): placementSlots[slot, default: [:]][field.target] = value
                case .person:
                    merge(value, into: &person.values, field: field, row: row, index: index, rows: personRows,
                          person: person.index, scope: "person")
                default:
                    request.filled.insert(field.target.module)
                    // Without a request key a person has one request: its values are the person's.
                    merge(value, into: &request.values, field: field, row: row, index: index, rows: requestRows,
                          person: person.index, scope: requestScope)
                }
            }
        }
        for slot in placementSlots.keys.sorted() {
            let placement = placementSlots[slot]!
            if !request.placements.contains(placement) { request.placements.append(placement) }
        }
    }

    /// A person's rows grouped into requests by the request key column, in order of first
    /// appearance (rows with an empty key each on their own); one group without a key column.
    private static func requests(of rows: [SheetRow], key: Int?) -> [[SheetRow]] {
        guard let key else { return [rows] }
        var groups: [[SheetRow]] = []
        var groupOfKey: [String: Int] = [:]
        for row in rows {
            let value = row.text(key)
            if !value.isEmpty, let group = groupOfKey[value] {
                groups[group].append(row)
            } else {
                if !value.isEmpty { groupOfKey[value] = groups.count }
                groups.append([row])
            }
        }
        return groups
    }

    /// The column position of every field read from a column (nil: optional and absent).
    private static func resolveColumns(table: SheetTable, mapping: MappingDefinition) throws -> [(FieldMapping, Int?)] {
        var missing: [String] = []
        var resolved: [(FieldMapping, Int?)] = []
        for field in mapping.fields {
            guard let column = field.column else { continue }
            let index = table.header.column(column)
            if index == nil, !field.optional {
                missing.append("'\(column)' (\(field.key), \(mapping.place(field.key)))")
            }
            resolved.append((field, index))
        }
        if let key = mapping.requestKey, table.header.column(key) == nil {
            missing.insert("'\(key)' (request_key, \(mapping.place("request_key")))", at: 0)
        }
        if let key = mapping.personKey, table.header.column(key) == nil {
            missing.insert("'\(key)' (person_key, \(mapping.place("person_key")))", at: 0)
        }
        guard missing.isEmpty else {
            throw InputRejected(file: table.fileName, line: table.headerRowNumber, message: """
                the header row of the \(table.origin) lacks \(missing.count == 1 ? "a column" : "columns") the mapping \
                \(mapping.importerID) reads: \(missing.joined(separator: "; ")). Rename the column in the mapping, or mark \
                the field optional: true
                """)
        }
        return resolved
    }

    /// Rows grouped into persons in order of first appearance, with the key column when there is one.
    private func groups(mapping: MappingDefinition) throws -> [([SheetRow], (String, Int)?)] {
        guard let keyName = mapping.personKey, let keyIndex = table.header.column(keyName) else {
            return table.rows.map { ([$0], nil) }
        }
        let keyColumn = table.header.names[keyIndex]
        var order: [String] = []
        var byKey: [String: [SheetRow]] = [:]
        var unkeyed: [(Int, SheetRow)] = []
        for row in table.rows {
            let key = row.text(keyIndex)
            if key.isEmpty { unkeyed.append((order.count, row)); order.append("\u{0}\(order.count)"); continue }
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(row)
        }
        let single = Dictionary(unkeyed.map { ("\u{0}\($0.0)", [$0.1]) }, uniquingKeysWith: { a, _ in a })
        return order.map { (byKey[$0] ?? single[$0]!, (keyColumn, keyIndex)) }
    }

    /// Keeps a value that takes one value per `scope` (person or request); a different value on
    /// another of its rows is a failure.
    private mutating func merge(_ value: FieldValue, into values: inout [MappingTarget: FieldValue], field: FieldMapping,
                                row: SheetRow, index: Int, rows: [SheetRow], person: Int, scope: String) {
        guard let earlier = values[field.target] else {
            values[field.target] = value
            return
        }
        guard earlier != value else { return }
        let first = rows.first { $0.text(index) != row.text(index) && !$0.text(index).isEmpty }?.number ?? rows[0].number
        let shown = field.target.isPersonal ? FieldValueReader.masked(row.text(index)) : row.text(index)
        fail("MAPPING-CONFLICT", row: row, column: table.header.names[index], index: index, target: field.target,
             person: person, "'\(shown)' differs from the value on row \(first) for the same \(scope): \(field.target) takes one value per \(scope)")
    }

    private mutating func fail(_ rule: String, row: SheetRow, column: String, index: Int, target: MappingTarget?,
                               person: Int, _ message: String, value: String? = nil) {
        let shown = value.map { target?.isPersonal == true ? FieldValueReader.masked($0) : $0 }
        failures.append(RowFailure(ruleID: rule, row: row.number, column: column, columnIndex: index, target: target,
                                   personIndex: person, message: message, value: shown))
    }
}
