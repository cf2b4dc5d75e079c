import HubKit

/// An export read through a mapping, person by person: the rows grouped into persons (in order of
/// first appearance), every cell that could not be read, and the codes seen with no translation.
/// Nothing here has been validated or stored yet.
///
/// Rows are never held together: a first pass over the file notes each person's first and last
/// row (a digest of the key, not the key), then the rows are read again and merged into their
/// persons, and each person is handed on as soon as its last row is read. Only the persons whose
/// rows are still to come are held, at most ``maximumOpenPersons``; when an export spreads more
/// persons' rows across each other than that, the rest are read in further passes. Memory thus
/// stays bounded for an export of any size (see docs/input-rules.md).
package struct MappedRows {
    /// One person's values, merged over their rows.
    struct Person {
        var index: Int
        var firstRow: Int
        /// Values of the person module, by element.
        var values: [MappingTarget: FieldValue] = [:]
        /// The row each of `values` came from.
        var valueRows: [MappingTarget: Int] = [:]
        /// The person's requests in order of first appearance (one unless the mapping has a
        /// `request_key`).
        var requests: [Request] = []
        /// Request key -> index in `requests`.
        var requestOfKey: [String: Int] = [:]
        /// Cells of the person's rows that could not be read (the first ``keptFailuresPerPerson``).
        var failures: [RowFailure] = []
        /// Failures past those kept.
        var moreFailures = 0
        var complete = false
    }

    /// One request's values, merged over its rows: the request and every module below it.
    struct Request {
        var firstRow: Int
        /// Values of every module but the person and placements, by element.
        var values: [MappingTarget: FieldValue] = [:]
        var valueRows: [MappingTarget: Int] = [:]
        /// Modules with at least one value read from a column (constants do not make a module exist).
        var filled: Set<MappingModule> = []
        /// Placements in row order, each its values by element (slot numbers as mapped).
        var placements: [[MappingTarget: FieldValue]] = []
    }

    /// Persons held at once while their rows are still to come.
    static let maximumOpenPersons = 20_000
    /// Persons in one export (more than any LA has).
    static let maximumPersons = 2_000_000
    /// Requests of one person, and placements of one request.
    static let maximumRequests = 1_000
    static let maximumPlacements = 1_000
    /// Failures kept for the diagnosis (all are counted), and distinct untranslated values kept per column.
    static let keptFailures = 10_000
    static let keptFailuresPerPerson = 1_000
    static let keptUntranslatedValues = 1_000

    /// The export as opened.
    package let table: SheetTable
    private let columns: [(FieldMapping, Int?)]
    private let reader: FieldValueReader
    private let personKey: (name: String, index: Int)?
    private let requestKey: (name: String, index: Int)?
    /// What a request's values are one per in messages: `request` with a request key, else `person`.
    private let requestScope: String

    /// Persons held at once (``maximumOpenPersons``; tests lower it).
    var openPersonsLimit = MappedRows.maximumOpenPersons
    /// Passes over the rows after the first (one when each person's rows come before the
    /// ``maximumOpenPersons``-th next person's first row).
    private(set) var passes = 0

    /// Data rows read.
    package private(set) var rows = 0
    /// Persons handed on.
    package private(set) var persons = 0
    /// Requests over all persons handed on.
    package private(set) var requests = 0
    /// The first ``keptFailures`` cells that could not be read, in the order found.
    package private(set) var failures: [RowFailure] = []
    /// Every cell that could not be read.
    package private(set) var failureCount = 0
    /// The failure that comes first in the file (by row, then column).
    package private(set) var firstFailure: RowFailure?
    /// Column name -> value -> how many cells had it, for values no code table translates.
    package private(set) var untranslated: [String: [String: Int]] = [:]
    /// Non-empty cells by column position.
    private var filledByColumn: [Int] = []

    /// Column name -> non-empty cells.
    package var filledCells: [String: Int] {
        var cells: [String: Int] = [:]
        for (index, count) in filledByColumn.enumerated() where count > 0 && index < table.header.names.count {
            cells[table.header.names[index], default: 0] += count
        }
        return cells
    }

    /// Prepares to read `table` through `mapping`. Throws ``InputRejected`` naming the file and
    /// the header row when a column the mapping reads is missing.
    package init(table: SheetTable, mapping: MappingDefinition) throws {
        self.table = table
        requestScope = mapping.requestKey == nil ? "person" : "request"
        columns = try Self.resolveColumns(table: table, mapping: mapping)
        reader = FieldValueReader(mapping: mapping)
        func column(_ name: String?) -> (String, Int)? {
            name.flatMap { name in table.header.column(name).map { (table.header.names[$0], $0) } }
        }
        personKey = column(mapping.personKey)
        requestKey = column(mapping.requestKey)
    }

    /// Reads the export, calling `emit` with each person once all their rows are read, in order
    /// of first appearance. Throws ``InputRejected`` on an export too large or too tangled to
    /// read in bounded memory.
    mutating func read(_ emit: (Person) throws -> Void) throws {
        guard let key = personKey else {
            // Every row is a person of its own.
            try table.forEachDataRow { row in
                rows += 1
                var person = Person(index: persons + 1, firstRow: row.number)
                try read(row, into: &person)
                try hand(&person, to: emit)
            }
            return
        }
        var index = PersonIndex()
        try table.forEachDataRow { row in
            try index.note(row.text(key.index), row: row, file: table.fileName)
        }
        rows = index.rows
        var first: Int32 = 0
        while first < index.count {
            first = try readPass(from: first, index: index, key: key, emit)
        }
    }

    /// One pass over the rows for the persons from order `first` on, until more than
    /// ``maximumOpenPersons`` would be held; returns the first person left for the next pass.
    private mutating func readPass(from first: Int32, index: PersonIndex, key: (name: String, index: Int),
                                   _ emit: (Person) throws -> Void) throws -> Int32 {
        passes += 1
        var open: [Int32: Person] = [:]
        var limit = index.count
        var nextToHand = first
        var ordinal: Int32 = 0
        var unkeyed = 0
        try table.forEachDataRow { row in
            defer { ordinal += 1 }
            let text = row.text(key.index)
            let slot: PersonIndex.Slot
            if text.isEmpty, unkeyed < index.unkeyedOrders.count {
                slot = PersonIndex.Slot(order: index.unkeyedOrders[unkeyed], lastRow: ordinal)
                unkeyed += 1
            } else if !text.isEmpty, let found = index.slot(of: text) {
                slot = found
            } else {
                throw Self.changedWhileRead(table.fileName)
            }
            guard slot.order >= first, slot.order < limit else { return }
            var person: Person
            if let held = open.removeValue(forKey: slot.order) {
                person = held
            } else {
                guard open.count < openPersonsLimit else {
                    limit = slot.order  // this person and all after it: the next pass
                    return
                }
                person = Person(index: Int(slot.order) + 1, firstRow: row.number)
                if text.isEmpty {
                    fail("MAPPING-KEY", row: row, column: key.name, index: key.index, target: nil, person: &person,
                         "the person key is empty: every row needs it to be grouped into a person")
                }
            }
            try read(row, into: &person)
            person.complete = ordinal == slot.lastRow
            open[slot.order] = person
            while var ready = open[nextToHand], ready.complete {
                open[nextToHand] = nil
                try hand(&ready, to: emit)
                nextToHand += 1
            }
        }
        guard open.isEmpty else { throw Self.changedWhileRead(table.fileName) }  // a person's last row never came
        return limit
    }

    /// The rows of a later pass are not those of the first.
    private static func changedWhileRead(_ file: String) -> InputRejected {
        InputRejected(file: file, message: "the file changed while it was read; import it again once it is complete")
    }

    /// Counts a finished person and their failures, and hands them on.
    private mutating func hand(_ person: inout Person, to emit: (Person) throws -> Void) throws {
        persons += 1
        requests += person.requests.count
        failureCount += person.failures.count + person.moreFailures
        for failure in person.failures {
            if failures.count < Self.keptFailures { failures.append(failure) }
            if firstFailure.map({ (failure.row, failure.columnIndex) < ($0.row, $0.columnIndex) }) ?? true {
                firstFailure = failure
            }
        }
        try emit(person)
    }

    /// Reads one row's cells into its person and request.
    private mutating func read(_ row: SheetRow, into person: inout Person) throws {
        if filledByColumn.count < table.header.names.count {
            filledByColumn = [Int](repeating: 0, count: table.header.names.count)
        }
        for index in filledByColumn.indices where row.hasText(index) { filledByColumn[index] += 1 }
        let requestIndex = try request(of: row, in: &person)
        var request = person.requests[requestIndex]
        var placementSlots: [Int: [MappingTarget: FieldValue]] = [:]
        for (field, index) in columns {
            guard let index, row.hasText(index) else { continue }  // an empty cell gives no value
            let cell = row.text(index)
            switch reader.value(field, cell: cell, table: table) {
            case .failure(let problem):
                if problem.kind == .untranslated { noteUntranslated(cell, column: table.header.names[index]) }
                fail(problem.kind.rawValue, row: row, column: table.header.names[index], index: index, target: field.target,
                     person: &person, problem.message, value: cell)
            case .success(nil): continue
            case .success(let value?):
                switch field.target.module {
                case .placement(let slot): placementSlots[slot, default: [:]][field.target] = value
                case .person:
                    if let problem = merge(value, into: &person.values, rows: &person.valueRows, field: field, row: row,
                                           index: index, scope: "person") {
                        fail("MAPPING-CONFLICT", row: row, column: table.header.names[index], index: index, target: field.target,
                             person: &person, problem)
                    }
                default:
                    request.filled.insert(field.target.module)
                    // Without a request key a person has one request: its values are the person's.
                    if let problem = merge(value, into: &request.values, rows: &request.valueRows, field: field, row: row,
                                           index: index, scope: requestScope) {
                        fail("MAPPING-CONFLICT", row: row, column: table.header.names[index], index: index, target: field.target,
                             person: &person, problem)
                    }
                }
            }
        }
        for slot in placementSlots.keys.sorted() {
            let placement = placementSlots[slot]!
            if !request.placements.contains(placement) {
                guard request.placements.count < Self.maximumPlacements else {
                    throw InputRejected(file: table.fileName, line: row.number,
                                        message: "person \(person.index) has more than \(Self.maximumPlacements) placements in one request: "
                                            + "more than a return can hold; is the person key column right?")
                }
                request.placements.append(placement)
            }
        }
        person.requests[requestIndex] = request
    }

    /// The index of the row's request in `person.requests`, added when it is new.
    private func request(of row: SheetRow, in person: inout Person) throws -> Int {
        let value = requestKey.map { row.text($0.index) } ?? ""
        if let key = requestKey, value.isEmpty {
            fail("MAPPING-KEY", row: row, column: key.name, index: key.index, target: nil, person: &person,
                 "the request key is empty: every row needs it to be grouped into a request")
        }
        // Without a request key, one request; rows with an empty request key each on their own.
        let groupKey = requestKey == nil ? "" : value
        if requestKey == nil || !value.isEmpty, let existing = person.requestOfKey[groupKey] { return existing }
        guard person.requests.count < Self.maximumRequests else {
            throw InputRejected(file: table.fileName, line: row.number,
                                message: "person \(person.index) has more than \(Self.maximumRequests) requests: more than a "
                                    + "return can hold; is the person key column right?")
        }
        if requestKey == nil || !value.isEmpty { person.requestOfKey[groupKey] = person.requests.count }
        person.requests.append(Request(firstRow: row.number))
        return person.requests.count - 1
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

    /// Keeps a value that takes one value per `scope` (person or request); a different value on
    /// another of its rows is a problem, returned as its message.
    private func merge(_ value: FieldValue, into values: inout [MappingTarget: FieldValue], rows: inout [MappingTarget: Int],
                       field: FieldMapping, row: SheetRow, index: Int, scope: String) -> String? {
        guard let earlier = values[field.target] else {
            values[field.target] = value
            rows[field.target] = row.number
            return nil
        }
        guard earlier != value else { return nil }
        let shown = field.target.isPersonal ? FieldValueReader.masked(row.text(index)) : row.text(index)
        return "'\(shown)' differs from the value on row \(rows[field.target] ?? row.number) for the same \(scope): "
            + "\(field.target) takes one value per \(scope)"
    }

    private mutating func noteUntranslated(_ value: String, column: String) {
        var values = untranslated[column, default: [:]]
        if values[value] != nil || values.count < Self.keptUntranslatedValues { values[value, default: 0] += 1 }
        untranslated[column] = values
    }

    private func fail(_ rule: String, row: SheetRow, column: String, index: Int, target: MappingTarget?,
                      person: inout Person, _ message: String, value: String? = nil) {
        guard person.failures.count < Self.keptFailuresPerPerson else {
            person.moreFailures += 1
            return
        }
        let shown = value.map { target?.isPersonal == true ? FieldValueReader.masked($0) : $0 }
        person.failures.append(RowFailure(ruleID: rule, row: row.number, column: column, columnIndex: index, target: target,
                                          personIndex: person.index, message: message, value: shown))
    }
}

/// Where each person's rows are, from a first pass over an export with a person key: the order of
/// each key's first appearance and the ordinal of its last data row. Keys are held as 128-bit
/// digests, so a key's length does not matter.
struct PersonIndex {
    struct Slot {
        var order: Int32
        var lastRow: Int32
    }

    private struct Digest: Hashable {
        var high: UInt64
        var low: UInt64

        init(_ key: String) {
            var first = Hasher(), second = Hasher()
            first.combine(0x5EED_0001 as UInt32)
            second.combine(0x5EED_0002 as UInt32)
            first.combine(key)
            second.combine(key)
            high = UInt64(bitPattern: Int64(first.finalize()))
            low = UInt64(bitPattern: Int64(second.finalize()))
        }
    }

    private var slots: [Digest: Slot] = [:]
    /// The order of each row with an empty key (each its own person), in row order.
    private(set) var unkeyedOrders: [Int32] = []
    private(set) var count: Int32 = 0
    private var ordinal: Int32 = 0
    /// Data rows noted.
    var rows: Int { Int(ordinal) }

    /// Notes the next data row, whose key is `key` (empty: a person of its own).
    mutating func note(_ key: String, row: SheetRow, file: String) throws {
        defer { ordinal += 1 }
        guard ordinal < Int32.max - 1 else {
            throw InputRejected(file: file, line: row.number, message: "more rows than an export can have")
        }
        if key.isEmpty {
            try add(row: row, file: file)
            unkeyedOrders.append(count - 1)
            return
        }
        let digest = Digest(key)
        if slots[digest] != nil {
            slots[digest]!.lastRow = ordinal
        } else {
            try add(row: row, file: file)
            slots[digest] = Slot(order: count - 1, lastRow: ordinal)
        }
    }

    private mutating func add(row: SheetRow, file: String) throws {
        guard count < MappedRows.maximumPersons else {
            throw InputRejected(file: file, line: row.number,
                                message: "more than \(MappedRows.maximumPersons) persons in one export, more than any LA has: "
                                    + "is the person key column right?")
        }
        count += 1
    }

    /// The slot of a non-empty key noted in the first pass, nil for a key it did not see.
    func slot(of key: String) -> Slot? {
        slots[Digest(key)]
    }
}
