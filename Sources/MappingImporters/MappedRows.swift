import HubKit

/// An export read through a mapping: the rows grouped into persons, every cell that could not be
/// read, and the codes seen with no translation. Nothing here has been validated or stored yet.
public struct MappedRows: Sendable {
    /// One person's values, merged over their rows.
    struct Person: Sendable {
        var index: Int
        var firstRow: Int
        /// Values of every module but placements, by element.
        var values: [MappingTarget: FieldValue] = [:]
        /// Modules with at least one value read from a column (constants do not make a module exist).
        var filled: Set<MappingModule> = []
        /// Placements in row order, each its values by element (slot numbers as mapped).
        var placements: [[MappingTarget: FieldValue]] = []
    }

    /// The table as read.
    public let table: SheetTable
    var persons: [Person] = []
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
        let columns = try Self.resolveColumns(table: table, mapping: mapping)
        let reader = FieldValueReader(mapping: mapping)
        for (rows, key) in try groups(mapping: mapping) {
            var person = Person(index: persons.count + 1, firstRow: rows[0].number)
            if let (keyColumn, keyIndex) = key, rows[0].text(keyIndex).isEmpty {
                fail("MAPPING-KEY", row: rows[0], column: keyColumn, index: keyIndex, target: nil,
                     person: person.index, "the person key is empty: every row needs it to be grouped into a person")
            }
            for row in rows {
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
                        if case let .placement(slot) = field.target.module {
                            placementSlots[slot, default: [:]][field.target] = value
                        } else {
                            merge(value, into: &person, field: field, row: row, index: index, rows: rows)
                        }
                    }
                }
                for slot in placementSlots.keys.sorted() {
                    let placement = placementSlots[slot]!
                    if !person.placements.contains(placement) { person.placements.append(placement) }
                }
            }
            persons.append(person)
        }
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

    /// Keeps a per-person value; a different value on another row of the same person is a failure.
    private mutating func merge(_ value: FieldValue, into person: inout Person, field: FieldMapping, row: SheetRow,
                                index: Int, rows: [SheetRow]) {
        person.filled.insert(field.target.module)
        guard let earlier = person.values[field.target] else {
            person.values[field.target] = value
            return
        }
        guard earlier != value else { return }
        let first = rows.first { $0.text(index) != row.text(index) && !$0.text(index).isEmpty }?.number ?? person.firstRow
        let shown = field.target.isPersonal ? FieldValueReader.masked(row.text(index)) : row.text(index)
        fail("MAPPING-CONFLICT", row: row, column: table.header.names[index], index: index, target: field.target,
             person: person.index, "'\(shown)' differs from the value on row \(first) for the same person: \(field.target) takes one value per person")
    }

    private mutating func fail(_ rule: String, row: SheetRow, column: String, index: Int, target: MappingTarget?,
                               person: Int, _ message: String, value: String? = nil) {
        let shown = value.map { target?.isPersonal == true ? FieldValueReader.masked($0) : $0 }
        failures.append(RowFailure(ruleID: rule, row: row.number, column: column, columnIndex: index, target: target,
                                   personIndex: person, message: message, value: shown))
    }
}
