import Foundation

/// One cell of a scope's output tables: a figure, or `c` where disclosure control hides it.
package enum ScopeCell: Sendable, Equatable {
    case text(String)
    /// Children (or places): whole numbers are shown whole, expected values to one decimal.
    case count(Double)
    case pounds(Double)
    /// A share from 0 to 1, shown as a percentage.
    case share(Double)
    /// Hidden by disclosure control.
    case hidden
    case empty

    /// As the table, CSV and HTML show it.
    package var text: String {
        switch self {
        case .text(let text): return text
        case .count(let value): return Self.count(value)
        case .pounds(let value): return Self.pounds(value)
        case .share(let value): return String(format: "%.1f%%", value * 100)
        case .hidden: return "c"
        case .empty: return ""
        }
    }

    /// As CSV holds it: money as whole pounds and shares as percentages, without symbols or
    /// separators, so a spreadsheet reads them as numbers.
    package var csvText: String {
        switch self {
        case .pounds(let value): return String(Int(value.rounded()))
        case .share(let value): return String(format: "%.1f", value * 100)
        default: return text
        }
    }

    /// As JSON holds it: a number, `"c"` when hidden, text, or null.
    package var json: Any {
        switch self {
        case .text(let text): return text
        case .count(let value):
            let tenths = (value * 10).rounded() / 10
            return tenths == tenths.rounded() ? Int(tenths) as Any : tenths
        case .pounds(let value): return Int(value.rounded())
        case .share(let value): return (value * 1000).rounded() / 1000
        case .hidden: return "c"
        case .empty: return NSNull()
        }
    }

    static func count(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(format: "%.1f", tenths)
    }

    /// `£1,234,567`, `-£12,000`.
    static func pounds(_ value: Double) -> String {
        let whole = Int(value.rounded())
        let digits = String(abs(whole))
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (whole < 0 ? "-£" : "£") + grouped
    }
}

/// A table of a scope's output: a title, column names and rows, each cell already passed through
/// disclosure control for its audience.
package struct ScopeTable: Sendable, Equatable {
    package var name: String
    package var title: String
    package var columns: [String]
    package var rows: [[ScopeCell]]

    package init(name: String, title: String, columns: [String], rows: [[ScopeCell]] = []) {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// The row whose first cell reads `first`.
    package func row(_ first: String) -> [ScopeCell]? { rows.first { $0.first?.text == first } }

    /// The cell of `column` in the row starting `first`.
    package func cell(_ first: String, _ column: String) -> ScopeCell? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        return row(first).map { index < $0.count ? $0[index] : .empty }
    }
}
