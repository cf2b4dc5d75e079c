import Comparison
import HubKit

/// A total shown beside LAs' figures: a region, England, a config group (docs/disclosure-control.md).
package struct TotalDefinition: Sendable, Hashable {
    /// How outputs name it in the pattern: `england`, `region:NAME`, `group:NAME`.
    package var key: String
    /// The LAs it adds up (those with a figure); nil: every LA.
    package var members: Set<String>?

    package init(key: String, members: Set<String>?) {
        self.key = key
        self.members = members
    }

    package static let england = TotalDefinition(key: "england", members: nil)
    package static func region(_ name: String, members: Set<String>) -> TotalDefinition {
        TotalDefinition(key: "region:\(name)", members: members)
    }
    package static func group(_ name: String, members: Set<String>) -> TotalDefinition {
        TotalDefinition(key: "group:\(name)", members: members)
    }
}

/// One figure an output can show: an indicator in a period for an LA (its code) or for a total
/// (its ``TotalDefinition/key``).
package struct FigureKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var indicator: String
    package var period: String
    package var unit: String

    package init(indicator: String, period: String, unit: String) {
        self.indicator = indicator
        self.period = period
        self.unit = unit
    }

    package static func < (a: FigureKey, b: FigureKey) -> Bool {
        (a.indicator, a.period, a.unit) < (b.indicator, b.period, b.unit)
    }

    package var description: String { "\(indicator) \(period) \(unit)" }
}

/// Everything the outputs of one hub can show, from which the suppression pattern is computed and
/// the auditor builds its linear system: every indicator's figures in every period, and the totals
/// shown beside them.
package struct DisclosureInput: Sendable {
    package var definitions: [IndicatorDefinition]
    /// Indicator id -> period -> every LA's figure.
    package var figures: [String: [String: [Figure]]]
    package var totals: [TotalDefinition]
    package var control: DisclosureControl
    /// Totals outputs show as a published figure (England's or a region's from a published table,
    /// docs/national-context.md) rather than as the sum of the LAs': public, never hidden, and no
    /// relation between the hub's cells.
    package var publishedTotals: Set<FigureKey>
    /// The purposes whose outputs the input covers, with the members each leaves out; empty for the
    /// outputs of one purpose (or none enforced). Set by ``acrossPurposes(_:)``.
    package internal(set) var purposes: [PurposeMembers] = []
    /// For each purpose of ``purposes``: the key an output of that purpose gives a total
    /// (`group:NAME`) -> the key of the total over that purpose's members in ``totals``.
    package internal(set) var purposeTotals: [String: [String: String]] = [:]

    package init(definitions: [IndicatorDefinition], figures: [String: [String: [Figure]]], totals: [TotalDefinition],
                control: DisclosureControl = DisclosureControl(), publishedTotals: Set<FigureKey> = []) {
        self.definitions = definitions
        self.figures = figures
        self.totals = totals
        self.control = control
        self.publishedTotals = publishedTotals
    }

    /// Only the figures of `periods` (and the totals over them): what outputs for those periods show.
    package func restricted(toPeriods periods: Set<String>) -> DisclosureInput {
        var copy = self
        copy.figures = figures.mapValues { $0.filter { periods.contains($0.key) } }
        return copy
    }

    /// A figure from a published table: public already, never hidden, a constant for the auditor.
    package static func isPublished(_ figure: Figure) -> Bool {
        figure.source?.hasPrefix("published") ?? false
    }
}

extension IndicatorDefinition {
    /// The declared count structure, or for an indicator that declares none: its numerator and
    /// denominator as counts of their own (money for `£` numerators).
    var countStructure: IndicatorCounts {
        if let counts { return counts }
        return IndicatorCounts(numerator: [CountTerm("\(id):numerator")], numeratorKind: unit == .pounds ? .pounds : .children,
                               denominator: denominator == nil ? nil : [CountTerm("\(id):denominator")])
    }
}

/// Period labels `periodsBefore` earlier: census `2024/25` -> `2023/24`, calendar `2024` -> `2023`.
func period(_ label: String, before count: Int) -> String? {
    guard count > 0 else { return label }
    if label.count == 7, label.dropFirst(4).first == "/", let start = Int(label.prefix(4)) {
        let year = start - count
        let next = (year + 1) % 100
        return "\(year)/\(next < 10 ? "0" : "")\(next)"
    }
    if label.count == 4, let year = Int(label) { return String(year - count) }
    return nil
}
