import Comparison
import ComparisonTables
import HubKit

/// One indicator in one period as the report's audience may see it: every LA's row with rank,
/// band and hidden flag, and the totals beside them.
struct IndicatorView: Sendable {
    let table: LATable
    private let rowsByCode: [String: LATableRow]
    private let regionsByName: [String: AggregateFigure]

    init(_ table: LATable) {
        self.table = table
        rowsByCode = Dictionary(table.rows.map { ($0.figure.laCode, $0) }, uniquingKeysWith: { a, _ in a })
        regionsByName = Dictionary(table.regions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    var definition: IndicatorDefinition { table.definition }
    var period: String { table.period }

    /// One LA's row, when it has a figure.
    func row(_ code: String) -> LATableRow? { rowsByCode[code] }

    /// The total of a region, by the name LATable gives it (name, else code).
    func region(named name: String) -> AggregateFigure? { regionsByName[name] }

    /// Rows a reader may see with a value, highest value first (ties by name).
    var visibleRowsByValue: [LATableRow] {
        table.rows.filter { !$0.hidden && $0.figure.value != nil }
            .sorted { ($0.figure.value!, $1.name) > ($1.figure.value!, $0.name) }
    }

    /// How many LAs with a value are hidden by disclosure control.
    var hiddenCount: Int { table.rows.filter { $0.hidden && $0.figure.value != nil }.count }

    /// True when any LA among `codes` has a value.
    func hasValue(forAnyOf codes: [String]) -> Bool { codes.contains { rowsByCode[$0]?.figure.value != nil } }

    /// Unweighted mean of the visible values of `codes`, and how many there were.
    func visibleMean(of codes: [String]) -> (mean: Double, count: Int)? {
        let values = codes.compactMap { code in rowsByCode[code].flatMap { $0.hidden ? nil : $0.figure.value } }
        guard !values.isEmpty else { return nil }
        return (values.reduce(0, +) / Double(values.count), values.count)
    }
}

/// What the report can say about one LA on one indicator.
enum FigureState {
    /// Shown: value, numerator, denominator, rank and band.
    case shown(LATableRow)
    /// Hidden by disclosure control: `c`.
    case suppressed
    /// No figure, with the reason.
    case unavailable(String)
}
