import HubKit

/// One LA's figure for an indicator and period: value with its numerator and denominator.
package struct Figure: Sendable, Hashable, Codable {
    package var laCode: String
    package var numerator: Double?
    package var denominator: Double?
    package var value: Double?
    /// Nil when computed from the hub's returns; else where the figure comes from (a published table).
    package var source: String?

    package init(laCode: String, numerator: Double?, denominator: Double?, value: Double?, source: String? = nil) {
        self.laCode = laCode
        self.numerator = numerator
        self.denominator = denominator
        self.value = value
        self.source = source
    }
}

/// An aggregate row (region, England, group): totals of numerators over totals of denominators,
/// never a mean of rates, either published as such or added up from LA figures.
package struct AggregateFigure: Sendable, Hashable, Codable {
    package var name: String
    package var numerator: Double
    package var denominator: Double?
    package var value: Double?
    /// How many LAs the totals cover.
    package var laCount: Int
    /// Where the figure comes from: `published: TABLE` (the publisher's own total), or
    /// `computed: total of N LAs` (added up from LA figures).
    package var source: String

    package init(name: String, numerator: Double, denominator: Double?, value: Double?, laCount: Int,
                source: String? = nil) {
        self.name = name
        self.numerator = numerator
        self.denominator = denominator
        self.value = value
        self.laCount = laCount
        self.source = source ?? "computed: total of \(laCount) LA\(laCount == 1 ? "" : "s")"
    }
}

extension AggregateFigure {
    /// The total of `figures` (those with a numerator): sum of numerators over sum of
    /// denominators. Nil when none has a numerator.
    package static func total(name: String, of figures: [Figure], definition: IndicatorDefinition) -> AggregateFigure? {
        let counted = figures.filter { $0.numerator != nil }
        guard !counted.isEmpty else { return nil }
        let numerator = counted.reduce(0) { $0 + ($1.numerator ?? 0) }
        let denominator = definition.denominator != nil ? counted.reduce(0) { $0 + ($1.denominator ?? 0) } : nil
        return AggregateFigure(name: name, numerator: numerator, denominator: denominator,
                               value: definition.value(numerator: numerator, denominator: denominator),
                               laCount: counted.count)
    }
}

/// Where one LA stands on one indicator in one period (docs/indicators.md, "Comparisons").
package struct IndicatorComparison: Sendable, Codable {
    /// The region's and England's figures, or why there are none.
    package struct Totals: Sendable {
        package var region: AggregateFigure?
        package var regionNote: String?
        package var england: AggregateFigure?
        package var englandNote: String?

        package init(region: AggregateFigure? = nil, regionNote: String? = nil, england: AggregateFigure? = nil,
                    englandNote: String? = nil) {
            self.region = region
            self.regionNote = regionNote
            self.england = england
            self.englandNote = englandNote
        }
    }

    package var focus: Figure
    /// Rank among all LAs with a value (1 = best by polarity; min ties); nil for polarity `none`.
    package var rank: Int?
    /// N in "rank n of N": LAs with a value.
    package var rankedCount: Int
    package var band: QuartileBand?
    package var peers: [Figure]
    /// Unweighted mean of the neighbours' values, and how many neighbours had one.
    package var neighbourMean: Double?
    package var neighbourCount: Int
    package var region: AggregateFigure?
    /// Why there is no region figure (e.g. not published for the period), when there is none.
    package var regionNote: String?
    package var england: AggregateFigure?
    /// Why there is no England figure, when there is none.
    package var englandNote: String?
    /// Value now minus value in the previous period, where both exist.
    package var change: Double?
    /// More than 3 median absolute deviations from the peers' median.
    package var outlier: Bool

    /// Compares `focus` with `all` (every LA's figure this period). `peers` chooses the peer set
    /// shown and used for the outlier test; rank and quartile band are over all LAs. `totals` are the
    /// region's and England's figures (published, or added up by the caller).
    package static func make(definition: IndicatorDefinition, focus laCode: String, all: [Figure],
                            previous: Figure?, peers: [String], neighbours: [String],
                            totals: Totals) -> IndicatorComparison? {
        guard let focus = all.first(where: { $0.laCode == laCode }) else { return nil }
        var values: [String: Double] = [:]
        for figure in all { if let value = figure.value { values[figure.laCode] = value } }
        let ranks = Ranking.ranks(values, polarity: definition.polarity)
        let band = focus.value.flatMap { value in Quartiles(Array(values.values))?.band(of: value, polarity: definition.polarity) }
        let peerFigures = peers.compactMap { code in all.first { $0.laCode == code } }
        let neighbourValues = neighbours.compactMap { values[$0] }
        let peerValues = peerFigures.compactMap(\.value)
        return IndicatorComparison(
            focus: focus, rank: ranks[laCode], rankedCount: definition.polarity == .none ? 0 : values.count, band: band,
            peers: peerFigures,
            neighbourMean: neighbourValues.isEmpty ? nil : neighbourValues.reduce(0, +) / Double(neighbourValues.count),
            neighbourCount: neighbourValues.count,
            region: totals.region, regionNote: totals.regionNote, england: totals.england, englandNote: totals.englandNote,
            change: zip(focus.value, previous?.value).map { $0 - $1 },
            outlier: focus.value.map { Outliers.isOutlier($0, peers: peerValues) } ?? false)
    }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
