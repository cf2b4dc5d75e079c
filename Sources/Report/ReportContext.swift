import Comparison
import ComparisonTables
import HubKit

/// The report's data laid out once: the LAs in scope, the period of each indicator, and every
/// indicator's table of all LAs for the audience. Sections read from it; none queries the store.
struct ReportContext {
    let data: ReportData
    let options: ReportOptions
    let audience: Audience
    /// The LAs with headline panels: the focus LA, the group's members or the hub's LAs.
    let scopeLAs: [String]
    /// Each indicator with a figure in its chosen period, in definition order.
    let views: [IndicatorView]
    /// The measures at the top of the report, as the metric plugins declare them.
    let headlineMeasures: [HeadlineMeasure]
    private let viewsByID: [String: IndicatorView]

    init(data: ReportData, options: ReportOptions) {
        self.data = data
        self.options = options
        let audience = options.audience(for: data)
        self.audience = audience
        switch options.scope {
        case .la(let code): scopeLAs = [code]
        case .group(_, let members): scopeLAs = members
        case .hub: scopeLAs = Array(Set(data.returns.map(\.laCode))).sorted()
        }
        var views: [IndicatorView] = []
        for definition in data.snapshot.definitions {
            guard let period = Self.period(of: definition.id, data: data, options: options, scopeLAs: scopeLAs) else { continue }
            views.append(Self.makeView(definition, period: period, data: data, options: options, audience: audience))
        }
        self.views = views
        headlineMeasures = HeadlineMeasure.declared(by: data.snapshot.definitions)
        viewsByID = Dictionary(views.map { ($0.definition.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The view of an indicator in its chosen period.
    func view(_ id: String) -> IndicatorView? { viewsByID[id] }

    /// The view of an indicator in any period (for time series).
    func view(_ id: String, period: String) -> IndicatorView? {
        guard let definition = data.snapshot.definition(id) else { return nil }
        if let chosen = viewsByID[id], chosen.period == period { return chosen }
        return Self.makeView(definition, period: period, data: data, options: options, audience: audience)
    }

    /// The requested period (or its counterpart); without one, the newest period in which an LA in
    /// scope has a value, else the newest with any figure.
    static func period(of id: String, data: ReportData, options: ReportOptions, scopeLAs: [String]) -> String? {
        let snapshot = data.snapshot
        if let requested = options.period { return snapshot.period(of: id, requested: requested) }
        let periods = snapshot.periods(of: id)
        let inScope = Set(scopeLAs)
        return periods.first { period in
            snapshot.figures(id, period: period).contains { inScope.contains($0.laCode) && $0.value != nil }
        } ?? periods.first
    }

    static func makeView(_ definition: IndicatorDefinition, period: String, data: ReportData, options: ReportOptions,
                         audience: Audience) -> IndicatorView {
        IndicatorView(LATable.make(data.snapshot, indicator: definition, period: period, geography: data.geography,
                                   audience: audience, group: options.group))
    }

    /// The period a report of this type is about (for saying why an indicator without any figure
    /// is missing): the commonest chosen period among indicators of that type.
    func referencePeriod(_ type: PeriodType) -> String? {
        if let requested = options.period {
            let isCensusLabel = requested.contains("/")
            switch (type, isCensusLabel) {
            case (.calendar, true): return String(requested.prefix(4))
            case (.census, false): return Int(requested).map { Period.census(collectionYear: $0 + 1).label }
            default: return requested
            }
        }
        var counts: [String: Int] = [:]
        for view in views where view.definition.periodType == type { counts[view.period, default: 0] += 1 }
        return counts.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key
    }

    /// Where an LA stands on an indicator in its chosen period.
    func state(_ id: String, la: String) -> FigureState {
        if let view = viewsByID[id], let row = view.row(la), row.figure.value != nil {
            return row.hidden ? .suppressed : .shown(row)
        }
        return .unavailable(unavailableReason(id, la: la))
    }

    /// Why an LA has no figure: the provider's reason when it gave one.
    func unavailableReason(_ id: String, la: String) -> String {
        let snapshot = data.snapshot
        guard let definition = snapshot.definition(id) else { return "indicator not computed" }
        let period = viewsByID[id]?.period ?? referencePeriod(definition.periodType)
        if let period, let reason = snapshot.unavailableReason(id, period: period, la: la) { return reason }
        if let period, let row = viewsByID[id]?.row(la), row.figure.value == nil {
            return "no value for \(period) (denominator is zero)"
        }
        if let period { return "no figure for \(period)" }
        return "no figures computed"
    }

    /// The focus LA of an LA report.
    var focusLA: String? {
        if case .la(let code) = options.scope { return code }
        return nil
    }

    /// The region name LATable uses for an LA's region total.
    func regionName(of la: String) -> String? {
        data.geography.regionOf[la].map { $0.name ?? $0.code }
    }

    /// The LA's name and code, as headings show it.
    func title(of la: String) -> String {
        let name = data.geography.name(la)
        return name == la ? "LA \(la)" : "\(name) (\(la))"
    }
}
