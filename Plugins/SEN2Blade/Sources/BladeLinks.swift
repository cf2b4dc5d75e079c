import HubKit

/// The rows of each table below `person`, grouped under the id of their parent row.
///
/// Within one parent, rows keep export order, or COLLECT's `<table>orderseqcolumn` order when every
/// row of the group has one. A row whose parent id matches no row of the parent table is an orphan:
/// it is reported once (its own children are then unreachable and not reported again) and left out.
struct BladeLinks {
    /// Row positions by table and parent id.
    private var children: [BladeTableKind: [String: [Int]]] = [:]
    /// One `SEN2-BLADE-ORPHAN` error per orphaned row, in table order then file order.
    private(set) var orphans: [ImportIssue] = []

    /// Throws ``InputRejected`` when two rows of a table that others link to share an id: the
    /// links would be ambiguous.
    init(tables: [BladeTableKind: BladeTable]) throws {
        var idsByKind: [BladeTableKind: Set<String>] = [:]
        for kind in BladeTableKind.allCases where kind.hasChildren {
            guard let table = tables[kind] else { continue }
            idsByKind[kind] = try Self.uniqueIDs(of: table)
        }
        for kind in BladeTableKind.allCases {
            guard let parent = kind.parent, let table = tables[kind] else { continue }
            let parentIDs = idsByKind[parent] ?? []
            var groups: [String: [Int]] = [:]
            for (position, row) in table.rows.enumerated() {
                guard let parentID = table.parentID(of: row), parentIDs.contains(parentID) else {
                    orphans.append(Self.orphan(row, of: table, parent: parent, tableGiven: tables[parent] != nil))
                    continue
                }
                groups[parentID, default: []].append(position)
            }
            children[kind] = groups.mapValues { Self.ordered($0, in: table) }
        }
    }

    /// Positions in `kind`'s table of the rows under the parent row with `parentID`, in order.
    func rows(of kind: BladeTableKind, under parentID: String?) -> [Int] {
        guard let parentID else { return [] }
        return children[kind]?[parentID] ?? []
    }

    private static func uniqueIDs(of table: BladeTable) throws -> Set<String> {
        var lineByID: [String: Int] = [:]
        for row in table.rows {
            guard let id = table.id(of: row) else { continue }
            if let earlier = lineByID[id] {
                throw InputRejected(file: table.fileName, line: row.line, message: """
                    \(table.kind.idColumn) \(id) is on line \(earlier) too: table ids must be unique, \
                    or the rows below cannot be told apart
                    """)
            }
            lineByID[id] = row.line
        }
        return Set(lineByID.keys)
    }

    /// `positions` (in file order) sorted by `<table>orderseqcolumn` when every row has one.
    private static func ordered(_ positions: [Int], in table: BladeTable) -> [Int] {
        guard positions.count > 1, table.has(table.kind.orderColumn) else { return positions }
        var keyed: [(sequence: Int, position: Int)] = []
        for position in positions {
            guard let text = table.value(table.kind.orderColumn, in: table.rows[position]),
                  let sequence = BladeValue.integer(text) else { return positions }
            keyed.append((sequence, position))
        }
        return keyed.sorted { ($0.sequence, $0.position) < ($1.sequence, $1.position) }.map(\.position)
    }

    private static func orphan(_ row: BladeRow, of table: BladeTable, parent: BladeTableKind,
                               tableGiven: Bool) -> ImportIssue {
        let column = parent.idColumn
        let parentID = table.parentID(of: row)
        let what = parentID.map { "\(column) \($0) matches no row of the \(parent.rawValue) table" }
            ?? "the row has no \(column)"
        let why = tableGiven ? "" : " (no \(parent.rawValue) table was given)"
        return ImportIssue(
            ruleID: "SEN2-BLADE-ORPHAN", severity: .error,
            message: "\(table.fileName) line \(row.line): \(what)\(why); the \(table.kind.rawValue) row "
                + "and the rows below it belong to no person and were left out",
            path: column, value: parentID)
    }
}
