import Comparison
import ComparisonTables
import HubKit

/// Words and numbers for one indicator's figures, shared by panels and tables.
enum IndicatorText {
    /// `12.3%`, `£45,600`, `41.2 per 10,000`.
    static func value(_ value: Double, _ definition: IndicatorDefinition) -> String {
        ReportNumbers.value(value, unit: definition.unit) + ReportNumbers.unitSuffix(definition.unit)
    }

    /// A numerator or denominator: pounds for costs above the line, else a count.
    static func count(_ value: Double?, pounds: Bool = false) -> String {
        guard let value else { return "" }
        return pounds ? ReportNumbers.pounds(value) : ReportNumbers.plain(value)
    }

    /// `3 of 150`, or `not ranked` for context measures.
    static func rank(_ row: LATableRow, in table: LATable) -> String {
        guard table.definition.polarity != .none else { return "not ranked" }
        return row.rank.map { "\($0) of \(table.rankedCount)" } ?? "–"
    }

    /// `A`–`D`, or `not ranked`.
    static func band(_ row: LATableRow, in table: LATable) -> String {
        guard table.definition.polarity != .none else { return "not ranked" }
        return row.band?.rawValue ?? "–"
    }

    /// Which way is better, in words.
    static func polarity(_ polarity: Polarity) -> String {
        switch polarity {
        case .high: return "higher is better"
        case .low: return "lower is better"
        case .none: return "context measure (not ranked)"
        }
    }

    /// What the period label means for this indicator.
    static func periodType(_ type: PeriodType) -> String {
        switch type {
        case .census: return "at the January census (academic year)"
        case .calendar: return "during the calendar year"
        }
    }

    /// The title with the period type for an axis: "Census year" or "Calendar year".
    static func periodTitle(_ type: PeriodType) -> String {
        type == .census ? "Census (academic year of the January census)" : "Calendar year of the work reported"
    }

    /// True for a figure taken from a published table rather than the hub's own returns.
    static func isPublished(_ figure: Figure) -> Bool { figure.source?.hasPrefix("published") == true }
}
