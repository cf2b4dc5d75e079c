import ComparisonTables
import HubKit

/// Numbers as the report prints them: thousands separated, one decimal place for rates, whole
/// pounds, and the unit beside the value.
enum ReportNumbers {
    /// `1,234`, `12.5` (integers without decimals unless `fixedDecimal`, others to one place), grouped
    /// in thousands; rounded half away from zero (``NumberText``, docs/rounding.md).
    static func plain(_ value: Double, fixedDecimal: Bool = false) -> String {
        let whole = value == value.rounded() && !fixedDecimal
        return NumberText.fixed(value, places: whole ? 0 : 1, grouped: true)
    }

    /// Pounds to the whole pound, half away from zero: `£45,600`.
    static func pounds(_ value: Double) -> String { "£" + NumberText.fixed(value, places: 0, grouped: true) }

    /// A value with its unit: `12.3%`, `£45,600`, `41.2 per 10,000`, `239`.
    static func value(_ value: Double, unit: IndicatorUnit) -> String {
        switch unit {
        case .percent: return plain(value, fixedDecimal: true) + "%"
        case .pounds: return pounds(value)
        case .count: return plain(value)
        case .per1000, .per10000: return plain(value, fixedDecimal: true)
        }
    }

    /// The unit as a suffix after a value in running text ("" for counts and percentages, which
    /// ``value(_:unit:)`` marks itself).
    static func unitSuffix(_ unit: IndicatorUnit) -> String {
        switch unit {
        case .per1000, .per10000: return " " + unit.rawValue
        case .count, .percent, .pounds: return ""
        }
    }

    /// Axis tick text: as ``value(_:unit:)`` without the per-N suffix.
    static func tick(_ value: Double, unit: IndicatorUnit) -> String {
        switch unit {
        case .percent: return plain(value) + "%"
        case .pounds: return pounds(value)
        default: return plain(value)
        }
    }

    /// The axis title for a unit.
    static func axisTitle(_ unit: IndicatorUnit) -> String {
        switch unit {
        case .percent: return "Per cent (%)"
        case .pounds: return "Pounds (£)"
        case .count: return "Number"
        case .per1000: return "Rate per 1,000"
        case .per10000: return "Rate per 10,000"
        }
    }
}
