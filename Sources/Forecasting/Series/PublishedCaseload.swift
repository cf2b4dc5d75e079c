import HubStore

/// The published EHCP caseload in the store (EES tables imported with `ees-table`): every LA's
/// total at each January census, England's, and the split by ``PublishedSettingGroup``.
///
/// Read from `published_values`: academic-year rows (`202324` = the January 2024 census) of a
/// table's total breakdown (breakdown equal to its topic, or no breakdown), measure `ehcplans`
/// (the caseload table) or `ehc_plans` (the needs table, which has the total but no settings);
/// where both give a year, `ehcplans` wins. Rows of an LA or year with a symbol instead of a
/// number are left out.
package struct PublishedCaseload: Sendable, Equatable {
    package var total: CaseloadPanel
    /// By setting group; each LA's series has the years the caseload table gives settings for.
    package var settings: [PublishedSettingGroup: CaseloadPanel]
    /// LA names as published.
    package var names: [String: String]

    static let totalMeasures = ["ehcplans", "ehc_plans"]

    /// Nil when the store has no published caseload.
    package static func read(_ database: Database) throws -> PublishedCaseload? {
        let measures = totalMeasures + PublishedSettingGroup.allCases.flatMap(\.publishedColumns)
        // (level, area, year) -> measure -> value
        var cells: [String: [String: Double]] = [:]
        var names: [String: String] = [:]
        let rows = try ReferenceTables(database: database).publishedValues(
            levels: ["Local authority", "National"], timeIdentifier: "Academic year", measures: measures)
        for row in rows {
            let (level, area, period, dimensions, measure, value) =
                (row.geographicLevel, row.areaCode, row.timePeriod, row.dimensions, row.measure, row.value)
            guard let year = CensusYear.year(period), period.count == 6, isTotalRow(dimensions) else { continue }
            let key = "\(level == "National" ? "E" : "L")|\(area)|\(year)"
            if cells[key]?[measure] == nil { cells[key, default: [:]][measure] = value }
            if level != "National", let name = row.areaName, !name.isEmpty { names[area] = name }
        }
        var totals: [String: YearSeries] = [:]
        var england = YearSeries()
        var settings: [PublishedSettingGroup: [String: YearSeries]] = [:]
        var englandSettings: [PublishedSettingGroup: YearSeries] = [:]
        for (key, values) in cells {
            let parts = key.split(separator: "|")
            let (isEngland, area, year) = (parts[0] == "E", String(parts[1]), Int(parts[2])!)
            guard let total = values["ehcplans"] ?? values["ehc_plans"] else { continue }
            if isEngland { england[year] = total } else { totals[area, default: YearSeries()][year] = total }
            guard values["ehcplans"] != nil, let split = PublishedSettingGroup.split(total: total, columns: values) else { continue }
            for (group, count) in split {
                if isEngland {
                    englandSettings[group, default: YearSeries()][year] = count
                } else {
                    settings[group, default: [:]][area, default: YearSeries()][year] = count
                }
            }
        }
        guard !totals.isEmpty else { return nil }
        var panels: [PublishedSettingGroup: CaseloadPanel] = [:]
        for group in PublishedSettingGroup.allCases {
            guard let series = settings[group] else { continue }
            panels[group] = CaseloadPanel(measure: group.rawValue, source: .published, series: series,
                                          pool: englandSettings[group], poolName: "England")
        }
        return PublishedCaseload(total: CaseloadPanel(measure: "total", source: .published, series: totals, pool: england,
                                                      poolName: "England"),
                                 settings: panels, names: names)
    }

    /// A row of a table's total: its breakdown equals its breakdown topic, or it has neither.
    static func isTotalRow(_ dimensions: String) -> Bool {
        var topic: Substring?
        var breakdown: Substring?
        for part in dimensions.split(separator: ";") {
            let pair = part.drop(while: { $0 == " " }).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if pair[0] == "breakdown_topic" { topic = pair[1] }
            if pair[0] == "breakdown" { breakdown = pair[1] }
        }
        return topic == breakdown
    }
}
