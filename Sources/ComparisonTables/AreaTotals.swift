import Comparison
import HubKit

/// England's and each region's figure for an indicator and period, shown beside the LAs'
/// (docs/national-context.md, "England and region rows"):
///
/// 1. the published figure of the area, when a published table gives one for the period (source
///    `published: TABLE`): the publisher's own total, whatever the hub holds;
/// 2. else the total of the LA figures (sum of numerators over sum of denominators), but only when
///    every LA of the area in operation in that period has one (source `computed: total of N LAs`);
/// 3. else no figure, and a note saying why: never the total of the few LAs the hub happens to hold.
package struct AreaTotals: Sendable {
    package var snapshot: IndicatorSnapshot
    package var geography: LAGeography

    /// England's area code (the ONS country code).
    package static let englandCode = "E92000001"

    package init(snapshot: IndicatorSnapshot, geography: LAGeography) {
        self.snapshot = snapshot
        self.geography = geography
    }

    /// True for a total taken from a published table (public already: disclosure control never
    /// hides it), as opposed to one added up from LA figures.
    package static func isPublished(_ total: AggregateFigure) -> Bool { total.source.hasPrefix("published") }

    /// England or one region.
    package enum Area: Sendable, Equatable {
        case england
        case region(code: String, name: String)

        var code: String {
            switch self {
            case .england: return AreaTotals.englandCode
            case .region(let code, _): return code
            }
        }

        var name: String {
            switch self {
            case .england: return "England"
            case .region(_, let name): return name
            }
        }
    }

    /// The area's figure, or nil and the reason.
    package func total(_ area: Area, definition: IndicatorDefinition, period: String)
        -> (figure: AggregateFigure?, note: String?) {
        let date = Self.referenceDate(of: period)
        let regionCode: String? = area == .england ? nil : area.code
        var members = geography.members(ofRegion: regionCode, on: date)
        if geography.register.isEmpty, area == .england {
            // No register to say which LAs England has: those placed in regions and those with figures.
            members.formUnion(snapshot.figures(definition.id, period: period).map(\.laCode))
        }
        if let published = snapshot.areaFigure(definition.id, period: period, area: area.code),
           let numerator = published.numerator {
            return (AggregateFigure(name: area.name, numerator: numerator, denominator: published.denominator,
                                    value: published.value, laCount: members.count,
                                    source: published.source ?? "published"), nil)
        }
        let figures = snapshot.figures(definition.id, period: period).filter { members.contains($0.laCode) }
        let counted = figures.filter { $0.numerator != nil }
        if !members.isEmpty, counted.count == members.count,
           let total = AggregateFigure.total(name: area.name, of: counted, definition: definition) {
            return (total, nil)
        }
        let published = snapshot.areaPeriods(of: definition.id, area: area.code)
        let tables = published.isEmpty
            ? "no published table gives it"
            : "published for \(Self.span(published)) only"
        return (nil, "\(area.name): no figure for \(period) (\(tables); LA figures for \(counted.count) of \(members.count) LAs)")
    }

    /// England's figure.
    package func england(_ definition: IndicatorDefinition, period: String) -> (figure: AggregateFigure?, note: String?) {
        total(.england, definition: definition, period: period)
    }

    /// The figure of `la`'s region, named as ``LATable`` names regions; nil when the register does
    /// not place the LA.
    package func region(of la: String, _ definition: IndicatorDefinition, period: String)
        -> (figure: AggregateFigure?, note: String?)? {
        guard let region = geography.regionOf[la] else { return nil }
        return total(.region(code: region.code, name: region.name ?? region.code), definition: definition, period: period)
    }

    /// The totals `compare` shows beside `la`.
    package func comparisonTotals(for la: String, _ definition: IndicatorDefinition, period: String) -> IndicatorComparison.Totals {
        let region = self.region(of: la, definition, period: period)
        let england = self.england(definition, period: period)
        return IndicatorComparison.Totals(region: region?.figure, regionNote: region?.note,
                                          england: england.figure, englandNote: england.note)
    }

    /// A date inside the period, to tell which LAs were in operation: a census period (`2024/25`)
    /// is the January census of its second year; a calendar year its last day.
    package static func referenceDate(of period: String) -> String? {
        if period.count == 7, period.dropFirst(4).first == "/", let start = Int(period.prefix(4)) {
            return "\(start + 1)-01-15"
        }
        if period.count == 4, let year = Int(period) { return "\(year)-12-31" }
        return nil
    }

    /// `2018/19 to 2023/24`, or the one period.
    static func span(_ periods: [String]) -> String {
        let sorted = periods.sorted()
        return sorted.count == 1 ? sorted[0] : "\(sorted.first!) to \(sorted.last!)"
    }
}
