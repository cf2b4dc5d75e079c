import Comparison
import HubKit
import HubStore

/// Every stored indicator definition and value, read once and indexed by indicator and period:
/// what every output (compare, exports, the report) lays out.
///
/// LA figures are stored under 3-digit LA codes; published England and region figures under their
/// area codes (`E92000001`, `E12000009`), kept apart here so they are never ranked as LAs
/// (docs/national-context.md).
package struct IndicatorSnapshot: Sendable {
    /// Definitions, census indicators first, then by id.
    package let definitions: [IndicatorDefinition]
    private let figuresByKey: [Key: [Figure]]
    private let areaFiguresByKey: [Key: [String: Figure]]
    private let unavailableByKey: [Key: [String: String]]
    private let periodsByIndicator: [String: [String]]

    private struct Key: Hashable, Sendable {
        var indicator: String
        var period: String
    }

    /// Reads `indicator_definitions` and `indicator_values`.
    package static func load(_ database: Database) throws -> IndicatorSnapshot {
        let definitions = try IndicatorTable(database: database).storedDefinitions()
            .sorted { ($0.presentation.order, $0.periodType.rawValue, $0.id) < ($1.presentation.order, $1.periodType.rawValue, $1.id) }
        var figures: [Key: [Figure]] = [:]
        var areaFigures: [Key: [String: Figure]] = [:]
        var unavailable: [Key: [String: String]] = [:]
        var periods: [String: Set<String>] = [:]
        for stored in try IndicatorTable(database: database).allValues() {
            let key = Key(indicator: stored.indicatorID, period: stored.period)
            let laCode = stored.laCode
            if let reason = stored.unavailableReason {
                unavailable[key, default: [:]][laCode] = reason
                continue
            }
            let figure = Figure(laCode: laCode, numerator: stored.numerator, denominator: stored.denominator,
                                value: stored.value, source: stored.source)
            guard isLACode(laCode) else {
                areaFigures[key, default: [:]][laCode] = figure
                continue
            }
            figures[key, default: []].append(figure)
            periods[key.indicator, default: []].insert(key.period)
        }
        return IndicatorSnapshot(definitions: definitions, figuresByKey: figures, areaFiguresByKey: areaFigures,
                                 unavailableByKey: unavailable, periodsByIndicator: periods.mapValues { $0.sorted(by: >) })
    }

    /// A snapshot made from figures in memory (tests, tools); `areaFigures` are published England
    /// and region figures, by indicator, period and area code.
    package init(definitions: [IndicatorDefinition], figures: [String: [String: [Figure]]],
                areaFigures: [String: [String: [Figure]]] = [:]) {
        var byKey: [Key: [Figure]] = [:]
        var periods: [String: [String]] = [:]
        for (indicator, byPeriod) in figures {
            for (period, list) in byPeriod {
                byKey[Key(indicator: indicator, period: period)] = list.sorted { $0.laCode < $1.laCode }
            }
            periods[indicator] = byPeriod.keys.sorted(by: >)
        }
        var areas: [Key: [String: Figure]] = [:]
        for (indicator, byPeriod) in areaFigures {
            for (period, list) in byPeriod {
                areas[Key(indicator: indicator, period: period)] = Dictionary(list.map { ($0.laCode, $0) },
                                                                              uniquingKeysWith: { a, _ in a })
            }
        }
        self.init(definitions: definitions, figuresByKey: byKey, areaFiguresByKey: areas, unavailableByKey: [:],
                  periodsByIndicator: periods)
    }

    private init(definitions: [IndicatorDefinition], figuresByKey: [Key: [Figure]], areaFiguresByKey: [Key: [String: Figure]],
                 unavailableByKey: [Key: [String: String]], periodsByIndicator: [String: [String]]) {
        self.definitions = definitions
        self.figuresByKey = figuresByKey
        self.areaFiguresByKey = areaFiguresByKey
        self.unavailableByKey = unavailableByKey
        self.periodsByIndicator = periodsByIndicator
    }

    /// The snapshot without any figure of the LAs `codes`: for an output made for a purpose they
    /// have not opted in to (docs/governance.md, "Purposes"). Published England and region figures
    /// stay: they are public.
    package func leavingOut(_ codes: some Collection<String>) -> IndicatorSnapshot {
        let gone = Set(codes)
        guard !gone.isEmpty else { return self }
        var figures: [Key: [Figure]] = [:]
        var periods: [String: Set<String>] = [:]
        for (key, list) in figuresByKey {
            let kept = list.filter { !gone.contains($0.laCode) }
            guard !kept.isEmpty else { continue }
            figures[key] = kept
            periods[key.indicator, default: []].insert(key.period)
        }
        return IndicatorSnapshot(definitions: definitions, figuresByKey: figures, areaFiguresByKey: areaFiguresByKey,
                                 unavailableByKey: unavailableByKey.mapValues { $0.filter { !gone.contains($0.key) } },
                                 periodsByIndicator: periods.mapValues { $0.sorted(by: >) })
    }

    /// A 3-digit DfE LA code, as opposed to an area code such as England's `E92000001`.
    package static func isLACode(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The published figure of an area (`E92000001` England, `E12...` a region), when there is one.
    package func areaFigure(_ indicator: String, period: String, area: String) -> Figure? {
        areaFiguresByKey[Key(indicator: indicator, period: period)]?[area]
    }

    /// The periods with a published figure for `area`, newest first.
    package func areaPeriods(of indicator: String, area: String) -> [String] {
        areaFiguresByKey.compactMap { key, byArea in
            key.indicator == indicator && byArea[area] != nil ? key.period : nil
        }.sorted(by: >)
    }

    /// The definition with this id.
    package func definition(_ id: String) -> IndicatorDefinition? {
        definitions.first { $0.id == id }
    }

    /// Every LA's figure for an indicator and period (computed or published), by LA code.
    package func figures(_ indicator: String, period: String) -> [Figure] {
        figuresByKey[Key(indicator: indicator, period: period)] ?? []
    }

    /// One LA's figure, when it has one.
    package func figure(_ indicator: String, period: String, la: String) -> Figure? {
        figures(indicator, period: period).first { $0.laCode == la }
    }

    /// Why an LA has no figure (e.g. "no population loaded"), when a provider said so.
    package func unavailableReason(_ indicator: String, period: String, la: String) -> String? {
        unavailableByKey[Key(indicator: indicator, period: period)]?[la]
    }

    /// The periods with at least one figure, newest first.
    package func periods(of indicator: String) -> [String] {
        periodsByIndicator[indicator] ?? []
    }

    /// The period to show for an indicator: `requested` when it has figures then, else nil; with no
    /// request, the newest. Census periods ("2024/25") and calendar ones ("2024") both accepted:
    /// asking for a census period gives calendar indicators the calendar year it ends in, and the
    /// reverse, so `--period 2024/25` shows work done in 2024 beside the January 2025 caseload.
    package func period(of indicator: String, requested: String?) -> String? {
        let periods = periods(of: indicator)
        guard let requested else { return periods.first }
        if periods.contains(requested) { return requested }
        guard let type = definition(indicator)?.periodType else { return nil }
        let counterpart = Self.counterpart(of: requested, as: type)
        return counterpart.flatMap { periods.contains($0) ? $0 : nil }
    }

    /// "2024/25" as a calendar period is "2024" (work reported in the January 2025 collection);
    /// "2024" as a census period is "2024/25".
    static func counterpart(of label: String, as type: PeriodType) -> String? {
        switch type {
        case .calendar:
            guard label.count == 7, label.contains("/"), let start = Int(label.prefix(4)) else { return nil }
            return String(start)
        case .census:
            guard label.count == 4, let year = Int(label) else { return nil }
            return Period.census(collectionYear: year + 1).label
        }
    }

    /// The newest period before `period` with a figure for this LA.
    package func previousPeriod(_ indicator: String, before period: String, la: String) -> String? {
        periods(of: indicator).first { $0 < period && figure(indicator, period: $0, la: la) != nil }
    }
}
