import Comparison
import ComparisonTables
import DisclosureAudit
import Forecasting
import HubKit

/// The `hnhub export --xlsx` workbook: one sheet per ``IndicatorTopic`` (Other only when it has
/// indicators), one row per listed LA, for each indicator its numerator, denominator and value
/// (rank and band where it has a polarity), `c` where disclosure control hides a figure, region,
/// group and England total rows; then a Notes sheet with definitions, sources and the disclosure rule.
///
/// ```swift
/// let workbook = IndicatorWorkbook(snapshot: snapshot, geography: geography, scope: .la("800", own: false),
///                                  sources: try WorkbookSources.load(store.database),
///                                  generated: Day(year: 2025, month: 6, day: 1)!).workbook()
/// try Data(workbook.xlsx()).write(to: url)
/// ```
package struct IndicatorWorkbook: Sendable {
    package var snapshot: IndicatorSnapshot
    /// Loaded for every LA with figures (their regions give the region totals and the cells of
    /// secondary suppression).
    package var geography: LAGeography
    package var scope: WorkbookScope
    package var control: DisclosureControl
    /// The period asked for (`--period`); nil for the newest of each indicator.
    package var period: String?
    package var sources: WorkbookSources
    /// The statistical neighbours edition used, named in the Notes.
    package var neighboursEdition: String?
    /// The day written in the Notes and the file's properties.
    package var generated: Day
    /// The LAs left out because they have not opted in to the workbook's purpose, in words
    /// (docs/governance.md, "Purposes"); written in the Notes.
    package var purposeNotice: String?
    /// The hub's pattern when the caller already computed it from the same snapshot and geography
    /// (a service serves many workbooks from one set of figures); nil: computed here.
    package var pattern: SuppressionPattern?
    /// The Forecast sheet's figures (nil: no Forecast sheet).
    package var forecast: ForecastOverview?

    package init(snapshot: IndicatorSnapshot, geography: LAGeography, scope: WorkbookScope,
                control: DisclosureControl = DisclosureControl(), period: String? = nil,
                sources: WorkbookSources = WorkbookSources(), neighboursEdition: String? = nil, generated: Day) {
        self.snapshot = snapshot
        self.geography = geography
        self.scope = scope
        self.control = control
        self.period = period
        self.sources = sources
        self.neighboursEdition = neighboursEdition
        self.generated = generated
    }

    /// The tables shown, by topic: every indicator with figures in the period chosen.
    package func tablesByTopic() -> [(topic: IndicatorTopic, tables: [LATable])] {
        // The hub's one pattern (docs/disclosure-control.md); a group not in the config still gets its total modelled.
        var patternGeography = geography
        if let group = scope.group, patternGeography.groups[group.name] == nil {
            patternGeography.groups[group.name] = group.members
        }
        let audience = pattern.map { Audience(ownLA: scope.ownLA, control: control, pattern: $0) }
            ?? Audience(ownLA: scope.ownLA, control: control, snapshot: snapshot, geography: patternGeography)
        var byTopic: [IndicatorTopic: [LATable]] = [:]
        for definition in snapshot.definitions {
            guard let chosen = snapshot.period(of: definition.id, requested: period) else { continue }
            byTopic[definition.presentation.topic, default: []].append(
                LATable.make(snapshot, indicator: definition, period: chosen, geography: geography, audience: audience,
                             group: scope.group))
        }
        return IndicatorTopic.allCases.compactMap { topic in
            let tables = byTopic[topic] ?? []
            return topic == .other && tables.isEmpty ? nil : (topic, tables)
        }
    }

    package func workbook() -> Workbook {
        let topics = tablesByTopic()
        let withFigures = Set(topics.flatMap { $0.tables.flatMap { $0.rows.map(\.figure.laCode) } })
        let listed = scope.listed(geography, withFigures: withFigures)
        var sheets = topics.map { topic, tables in
            TopicSheet(topic: topic, tables: tables, listed: listed, scope: scope, geography: geography,
                       control: control).worksheet()
        }
        if let forecast {
            sheets.append(ForecastSheet(overview: forecast, geography: geography, ownLA: scope.ownLA, threshold: control.threshold)
                .worksheet())
        }
        sheets.append(WorkbookNotes(
            indicators: topics.flatMap { topic, tables in tables.map { (topic.rawValue, $0) } }, scope: scope,
            geography: geography, control: control, requestedPeriod: period, sources: sources,
            neighboursEdition: neighboursEdition, generated: generated, purposeNotice: purposeNotice).worksheet())
        return Workbook(title: title, created: generated, sheets: sheets)
    }

    /// The document title.
    var title: String {
        switch scope {
        case .la(let code, _): return "High Needs Hub indicators: \(geography.name(code)) and its comparators"
        case .group(let name, _): return "High Needs Hub indicators: \(name)"
        case .england: return "High Needs Hub indicators: all LAs"
        }
    }
}
