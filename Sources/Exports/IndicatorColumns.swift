import Comparison
import ComparisonTables
import HubKit

/// The columns one indicator takes on a topic sheet: numerator, denominator and value for a rate
/// (a count is its own value: one column), then rank and quartile band when the indicator has a
/// polarity. Hidden figures show as `c` in every one of their cells.
struct IndicatorColumns {
    var table: LATable

    /// The symbol for a suppressed cell.
    static let suppressed = "c"

    private var definition: IndicatorDefinition { table.definition }
    private var isRate: Bool { definition.denominator != nil }
    private var isRanked: Bool { definition.polarity != .none }

    var headers: [String] {
        let prefix = "\(definition.title) (\(table.period))"
        var headers: [String] = []
        if isRate {
            headers += ["\(prefix): numerator", "\(prefix): denominator", "\(prefix): value (\(definition.unit.rawValue))"]
        } else {
            headers.append("\(prefix): \(definition.unit == .count ? "count" : definition.unit.rawValue)")
        }
        if isRanked { headers += ["\(prefix): rank of \(table.rankedCount)", "\(prefix): band"] }
        return headers
    }

    /// An LA's cells; empty when it has no figure.
    func cells(_ row: LATableRow?) -> [Cell] {
        guard let row else { return Array(repeating: .empty, count: headers.count) }
        if row.hidden { return Array(repeating: .text(Self.suppressed), count: headers.count) }
        var cells = figureCells(numerator: row.figure.numerator, denominator: row.figure.denominator,
                                value: row.figure.value, bold: false)
        if isRanked {
            cells.append(row.rank.map { Cell.number(Double($0)) } ?? .empty)
            cells.append(row.band.map { Cell.text($0.rawValue) } ?? .empty)
        }
        return cells
    }

    /// A total row's cells (no rank or band): `c` when disclosure control hides the total.
    func cells(_ total: AggregateFigure?, hidden: Bool) -> [Cell] {
        let rankCells: [Cell] = isRanked ? [.empty, .empty] : []
        if hidden {
            return Array(repeating: Cell.text(Self.suppressed, style: .bold), count: headers.count - rankCells.count)
                + rankCells
        }
        guard let total else { return Array(repeating: .empty, count: headers.count) }
        return figureCells(numerator: total.numerator, denominator: total.denominator, value: total.value, bold: true)
            + rankCells
    }

    private func figureCells(numerator: Double?, denominator: Double?, value: Double?, bold: Bool) -> [Cell] {
        func number(_ value: Double?, _ style: CellStyle) -> Cell {
            value.map { Cell.number($0, style: bold ? style.bolded : style) } ?? .empty
        }
        let valueStyle: CellStyle = [.count, .pounds].contains(definition.unit) ? .whole : .decimal
        guard isRate else { return [number(value ?? numerator, valueStyle)] }
        return [number(numerator, .whole), number(denominator, .whole), number(value, valueStyle)]
    }
}
