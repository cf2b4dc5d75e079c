import Comparison
import HubKit

/// One LA's row in a table of all LAs for an indicator and period.
package struct LATableRow: Sendable {
    package var figure: Figure
    package var name: String
    /// Must show as `c` for this audience.
    package var hidden: Bool
    /// Among all LAs with a value (1 = best by polarity; nil for context measures).
    package var rank: Int?
    package var band: QuartileBand?
    /// The value a reader may see: nil when hidden.
    package var shownValue: Double? { hidden ? nil : figure.value }
}

/// Every LA's figure for one indicator and period, with rank and quartile band over all of them,
/// disclosure control for an audience, and the totals shown beside them (regions, England, a group).
package struct LATable: Sendable {
    package var definition: IndicatorDefinition
    package var period: String
    /// By LA code.
    package var rows: [LATableRow]
    /// N in "rank n of N".
    package var rankedCount: Int
    package var quartiles: Quartiles?
    /// England's figure (published, else the total of every LA's): see ``AreaTotals``.
    package var england: AggregateFigure?
    /// Why there is no England figure, when there is none.
    package var englandNote: String?
    /// One per region of the LAs with figures that has a figure of its own, by region name.
    package var regions: [AggregateFigure]
    /// Why a region of the LAs with figures has none, by region name.
    package var regionNotes: [String: String]
    /// The named group's total, when the table is for a group.
    package var group: AggregateFigure?
    /// Totals disclosure control hides (left out of `england`, `regions` and `group`), by
    /// ``TotalKey``: show them as `c`.
    package var hiddenTotals: Set<String> = []

    /// Builds the table. `group` (name and members) adds its total. What is hidden comes from the
    /// audience's pattern (docs/disclosure-control.md).
    package static func make(_ snapshot: IndicatorSnapshot, indicator definition: IndicatorDefinition, period: String,
                            geography: LAGeography, audience: Audience,
                            group: (name: String, members: [String])? = nil) -> LATable {
        let all = snapshot.figures(definition.id, period: period)
        var values: [String: Double] = [:]
        for figure in all { if let value = figure.value { values[figure.laCode] = value } }
        let ranks = Ranking.ranks(values, polarity: definition.polarity)
        let quartiles = Quartiles(Array(values.values))
        var regionMembers: [String: [String]] = [:]
        var regionCodes: [String: String] = [:]
        for figure in all {
            if let region = geography.regionOf[figure.laCode] {
                regionMembers[region.name ?? region.code, default: []].append(figure.laCode)
                regionCodes[region.name ?? region.code] = region.code
            }
        }
        let rows = all.map { figure in
            LATableRow(figure: figure, name: geography.name(figure.laCode),
                       hidden: audience.hides(definition.id, period: period, la: figure.laCode),
                       rank: ranks[figure.laCode],
                       band: figure.value.flatMap { quartiles?.band(of: $0, polarity: definition.polarity) })
        }
        var hiddenTotals = Set<String>()
        func shown(_ total: AggregateFigure?, key: String) -> AggregateFigure? {
            guard let total else { return nil }
            guard !audience.hidesTotal(definition.id, period: period, total: key) else {
                hiddenTotals.insert(key)
                return nil
            }
            return total
        }
        // England and regions: the published total (public, never hidden), else the total of every
        // LA's figure (hidden as the pattern says), else none with the reason (``AreaTotals``).
        func area(_ total: (figure: AggregateFigure?, note: String?), key: String) -> AggregateFigure? {
            guard let figure = total.figure, !AreaTotals.isPublished(figure) else { return total.figure }
            return shown(figure, key: key)
        }
        let areaTotals = AreaTotals(snapshot: snapshot, geography: geography)
        var regions: [AggregateFigure] = []
        var regionNotes: [String: String] = [:]
        for name in regionMembers.keys.sorted() {
            let total = areaTotals.total(.region(code: regionCodes[name]!, name: name), definition: definition, period: period)
            if let figure = area(total, key: TotalKey.region(name)) {
                regions.append(figure)
            } else if let note = total.note {
                regionNotes[name] = note
            }
        }
        // A group is the hub's own scope: its total is added up from its members' figures.
        let groupTotal = group.flatMap { group in
            shown(AggregateFigure.total(name: group.name, of: all.filter { group.members.contains($0.laCode) }, definition: definition),
                  key: TotalKey.group(group.name))
        }
        let englandTotal = areaTotals.england(definition, period: period)
        return LATable(definition: definition, period: period, rows: rows,
                       rankedCount: definition.polarity == .none ? 0 : values.count, quartiles: quartiles,
                       england: area(englandTotal, key: TotalKey.england), englandNote: englandTotal.note,
                       regions: regions, regionNotes: regionNotes, group: groupTotal, hiddenTotals: hiddenTotals)
    }

    /// The row of one LA.
    package func row(_ laCode: String) -> LATableRow? { rows.first { $0.figure.laCode == laCode } }
}
