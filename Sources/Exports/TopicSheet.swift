import Comparison
import ComparisonTables

/// One topic's sheet: a bold header row, one row per listed LA with a figure on the sheet, then the
/// total rows (region, group, England). The header row and the LA code and name stay in view.
struct TopicSheet {
    var topic: IndicatorTopic
    /// One per indicator of the topic, in the order of its columns.
    var tables: [LATable]
    var listed: [ScopedLA]
    var scope: WorkbookScope
    var geography: LAGeography
    var control: DisclosureControl

    /// Shown in place of rows when the topic has no figures.
    static let noFigures = "No figures for this topic in the period chosen."

    var leadingHeaders: [String] {
        ["LA code", "LA name", "Region"] + (hasRelation ? ["Compared as"] : [])
    }

    private var hasRelation: Bool {
        if case .la = scope { return true }
        return false
    }

    func worksheet() -> Worksheet {
        let columns = tables.map(IndicatorColumns.init(table:))
        var rows: [[Cell]] = [(leadingHeaders + columns.flatMap(\.headers)).map { Cell.text($0, style: .header) }]
        let withFigures = Set(tables.flatMap { $0.rows.map(\.figure.laCode) })
        for la in listed where withFigures.contains(la.code) {
            var row: [Cell] = [.text(la.code), .text(geography.name(la.code)),
                               .text(geography.regionOf[la.code].map { $0.name ?? $0.code } ?? "")]
            if hasRelation { row.append(.text(la.relation ?? "")) }
            for (table, column) in zip(tables, columns) { row += column.cells(table.row(la.code)) }
            rows.append(row)
        }
        if tables.isEmpty {
            rows.append([.text(Self.noFigures)])
        } else {
            rows += totalRows(columns)
        }
        var sheet = Worksheet(name: topic.rawValue, rows: rows, frozenRows: 1, frozenColumns: 2)
        sheet.fitColumns()
        return sheet
    }

    /// Region totals, then the group's, then England's, each labelled in the LA name column.
    private func totalRows(_ columns: [IndicatorColumns]) -> [[Cell]] {
        // Regions with a total, and those without one (a blank row: the Notes say why).
        let tableRegions = Set(tables.flatMap { $0.regions.map(\.name) + $0.regionNotes.keys }).sorted()
        var totals: [(label: String, kind: String, key: String, pick: (LATable) -> AggregateFigure?)] = []
        for region in scope.regionTotals(geography, tableRegions: tableRegions) {
            totals.append(("Total: \(region)", "region", TotalKey.region(region), { table in table.regions.first { $0.name == region } }))
        }
        if let group = scope.group {
            totals.append(("Total: \(group.name)", "group", TotalKey.group(group.name), { $0.group }))
        }
        totals.append(("Total: England", "England", TotalKey.england, { $0.england }))
        return totals.map { total in
            var row: [Cell] = [.empty, .text(total.label, style: .bold), .text(total.kind, style: .bold)]
            if hasRelation { row.append(.empty) }
            for (table, column) in zip(tables, columns) {
                row += column.cells(total.pick(table), hidden: table.hiddenTotals.contains(total.key))
            }
            return row
        }
    }
}
