import HubKit
import Scoping

/// A scope as an Excel workbook (`hnhub scope-centre --out DIR` writes `scope.xlsx`; docs/scoping.md):
/// a Scope sheet with every table one under another, hidden figures as `c`, and a Notes sheet on
/// the audience and the method.
package struct ScopeWorkbook {
    package let readout: ScopeReadout
    package let created: Day

    package init(readout: ScopeReadout, created: Day) {
        self.readout = readout
        self.created = created
    }

    package func workbook() -> Workbook {
        var scope = Worksheet(name: "Scope", frozenColumns: 1)
        for table in readout.tables {
            scope.rows.append([.text(table.title, style: .bold)])
            scope.rows.append(table.columns.map { .text($0, style: .header) })
            for row in table.rows { scope.rows.append(row.map(cell)) }
            scope.rows.append([])
        }
        scope.fitColumns(maximum: 40)
        let audience = readout.audience.ownLA.map { "Own view of LA \($0): its own figures are whole. Do not share this file." }
            ?? "Shareable: LAs' counts of 1 to \(readout.audience.threshold - 1), and whatever could recover them, show as c; "
            + "an LA's places are hidden with its eligible count; money is for the group only."
        var notes = Worksheet(name: "Notes")
        notes.rows = [
            [.text("Scope of a shared centre", style: .bold)],
            [.text("Group"), .text(readout.scope.assumptions.group)],
            [.text("Census"), .text(readout.scope.cohort.period)],
            [.text("Site"), .text(readout.scope.siteLabel)],
            [.text("Audience"), .text(audience)],
            [.text("Demand path"), .text(readout.scope.demand.path.rawValue + ": " + readout.scope.demand.description)],
            [.text("Method"), .text("docs/scoping.md: cohort at the latest census; eligible = in a taken-from setting and within the "
                                    + "distance limit; only new placements and phase transfers move; money per filled place.")],
        ]
        notes.fitColumns(maximum: 100)
        return Workbook(title: "Scope of a shared centre: \(readout.scope.assumptions.group)", created: created, sheets: [scope, notes])
    }

    func cell(_ value: ScopeCell) -> Cell {
        switch value {
        case .text(let text): return .text(text)
        case .count(let count): return .number(count, style: count == count.rounded() ? .whole : .decimal)
        case .pounds(let pounds): return .number(pounds.rounded(), style: .whole)
        case .share(let share): return .number((share * 1000).rounded() / 10, style: .decimal)
        case .hidden: return .text("c")
        case .empty: return .empty
        }
    }
}
