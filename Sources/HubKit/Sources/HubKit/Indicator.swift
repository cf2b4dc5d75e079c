/// The unit an indicator is expressed in.
public enum IndicatorUnit: String, Sendable, Codable {
    case count
    case percent = "%"
    case per10000 = "per 10,000"
    case per1000 = "per 1,000"
    case pounds = "£"

    /// What the numerator/denominator ratio is multiplied by to give the value.
    public var scale: Double {
        switch self {
        case .count, .pounds: return 1
        case .percent: return 100
        case .per10000: return 10_000
        case .per1000: return 1_000
        }
    }
}

/// Which direction is good.
public enum Polarity: String, Sendable, Codable {
    /// Higher is better.
    case high
    /// Lower is better.
    case low
    /// A context measure: no rank, no quartile band.
    case none
}

/// When an indicator is measured.
public enum PeriodType: String, Sendable, Codable {
    /// Active at the January census date; labelled by academic year, e.g. `2024/25`.
    case census
    /// Events in the calendar year before the collection; labelled by the year, e.g. `2024`.
    case calendar
}

/// A data set an indicator needs.
public enum IndicatorSource: String, Sendable, Codable {
    case sen2Returns = "sen2-returns"
    case establishments
    case population
    case placementCosts = "placement-costs"
}

/// A reporting period label.
public struct Period: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var type: PeriodType
    /// `2024/25` (census) or `2024` (calendar).
    public var label: String

    public init(type: PeriodType, label: String) {
        self.type = type
        self.label = label
    }

    /// The census period of a collection year: collection 2025 (January 2025) is `2024/25`.
    public static func census(collectionYear year: Int) -> Period {
        let next = year % 100
        return Period(type: .census, label: "\(year - 1)/\(next < 10 ? "0" : "")\(next)")
    }

    /// The work period of a collection year: collection 2025 reports work done in calendar 2024.
    public static func calendar(collectionYear year: Int) -> Period {
        Period(type: .calendar, label: String(year - 1))
    }

    public var description: String { label }

    public static func < (lhs: Period, rhs: Period) -> Bool { lhs.label < rhs.label }
}

/// What a metric plugin declares about one indicator.
public struct IndicatorDefinition: Sendable, Hashable, Codable {
    /// Stable id, e.g. `plan_reviews_reviewed_share`; the providing plugin's own (docs/writing-plugins.md).
    public var id: String
    public var title: String
    public var unit: IndicatorUnit
    public var polarity: Polarity
    public var periodType: PeriodType
    /// What is counted above the line, in words.
    public var numerator: String
    /// What it is divided by, in words; nil for counts.
    public var denominator: String?
    public var sources: [IndicatorSource]
    /// How numerator and denominator are built from named counts, for disclosure control; nil:
    /// the numerator and denominator are counts of their own (children, or money for `£`).
    public var counts: IndicatorCounts?
    /// Where outputs show it (topic, order, headline measure); by default under Other.
    public var presentation: IndicatorPresentation
    /// The SEN2 elements it is counted from, as a mapping file names them (`plan.StartDate`):
    /// `hnhub validate --importer` names the indicator when a mapping leaves one of them empty in
    /// every row or gives every child the same value. Empty by default: then no mapping warning
    /// names it.
    public var inputs: [SEN2Element]

    public init(id: String, title: String, unit: IndicatorUnit, polarity: Polarity,
                periodType: PeriodType, numerator: String, denominator: String? = nil,
                sources: [IndicatorSource], counts: IndicatorCounts? = nil,
                presentation: IndicatorPresentation = IndicatorPresentation(), inputs: [SEN2Element] = []) {
        self.id = id
        self.title = title
        self.unit = unit
        self.polarity = polarity
        self.periodType = periodType
        self.numerator = numerator
        self.denominator = denominator
        self.sources = sources
        self.counts = counts
        self.presentation = presentation
        self.inputs = inputs
    }

    /// The value for a numerator and denominator: `numerator / denominator x scale`, or the
    /// numerator itself for a count. Nil when the denominator is zero.
    public func value(numerator: Double, denominator: Double?) -> Double? {
        guard let denominator else { return numerator }
        guard denominator != 0 else { return nil }
        return numerator / denominator * unit.scale
    }
}

/// One computed figure: an indicator for one LA (3-digit code) and period.
public struct IndicatorResult: Sendable, Hashable, Codable {
    public var indicatorID: String
    public var laCode: String
    public var period: Period
    public var numerator: Double?
    public var denominator: Double?
    /// Why no value could be computed (e.g. "no population loaded"), when none was.
    public var unavailableReason: String?
    /// Where the figure comes from when it is not computed from the hub's own returns, e.g. a
    /// published table for an LA whose returns the hub does not hold. Nil: the hub's returns.
    public var source: String?

    /// A figure with its numerator and denominator (nil denominator for counts).
    public init(indicatorID: String, laCode: String, period: Period, numerator: Double,
                denominator: Double?, source: String? = nil) {
        self.indicatorID = indicatorID
        self.laCode = laCode
        self.period = period
        self.numerator = numerator
        self.denominator = denominator
        self.unavailableReason = nil
        self.source = source
    }

    /// A figure that cannot be computed, with the reason a user reads.
    public init(indicatorID: String, laCode: String, period: Period, unavailable reason: String) {
        self.indicatorID = indicatorID
        self.laCode = laCode
        self.period = period
        self.unavailableReason = reason
    }
}
