import Comparison
import ComparisonTables
import Forecasting
import Foundation

/// `hnhub forecast` outputs: `forecast.csv` (long), the JSON list, and the assumptions of each
/// case. Values are rounded to one decimal place for display; the cells of a breakdown add up to
/// their total before rounding (docs/forecasting.md).
package enum ForecastFiles {
    /// The columns of `forecast.csv`.
    package static let csvHeader = ["la_code", "period", "need", "age_band", "setting", "case", "scenario", "value",
                                   "lo80", "hi80", "lo95", "hi95"]

    package static func csv(_ rows: [ForecastRow]) -> String {
        var lines = [CSVWriter.line(csvHeader)]
        // Caseloads and their changes only: the money is in dsg.csv.
        for row in rows where row.measure.hasPrefix(ForecastMeasure.caseload) {
            lines.append(CSVWriter.line([
                row.laCode, row.period, row.need ?? "", row.ageBand ?? "", row.setting ?? "", row.forecastCase.rawValue,
                row.scenario ?? "", text(row.value, suppressed: row.value == nil), text(row.low80), text(row.high80),
                text(row.low95), text(row.high95),
            ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A list of objects with exactly the keys la_code, period, measure, need, age_band, setting,
    /// case, scenario, value, lo80, hi80, lo95, hi95, method (null where there is no value).
    package static func json(_ rows: [ForecastRow]) throws -> String {
        // One decimal place, rounded as every shown figure is (NumberText.fixed): a forecast has no
        // more precision than that (docs/forecasting.md).
        func number(_ value: Double?) -> Any { value.flatMap { Double(NumberText.fixed($0, places: 1)) } ?? NSNull() }
        func string(_ value: String?) -> Any { value ?? NSNull() }
        let objects: [[String: Any]] = rows.map { row in
            [
                "la_code": row.laCode, "period": row.period, "measure": row.measure, "need": string(row.need),
                "age_band": string(row.ageBand), "setting": string(row.setting), "case": row.forecastCase.rawValue,
                "scenario": string(row.scenario), "value": number(row.value), "lo80": number(row.low80),
                "hi80": number(row.high80), "lo95": number(row.low95), "hi95": number(row.high95), "method": row.method,
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// `assumptions.csv`: what makes each case of each area's forecast.
    package static func assumptionsCSV(_ forecasts: [AreaForecast]) -> String {
        var lines = [CSVWriter.line(["la_code", "measure", "origin", "method", "case", "assumption"])]
        for forecast in forecasts {
            for forecastCase in ForecastCase.allCases {
                lines.append(CSVWriter.line([
                    forecast.la, forecast.measure, CensusYear.label(forecast.origin),
                    "\(forecast.method.rawValue) (\(forecast.source.rawValue))", forecastCase.rawValue,
                    forecast.assumptions[forecastCase] ?? "",
                ]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Empty for no value; `c` when withheld.
    static func text(_ value: Double?, suppressed: Bool = false) -> String {
        if suppressed { return "c" }
        return value.map { String(format: "%.1f", $0) } ?? ""
    }
}

/// Disclosure control on forecast rows (indicators.md's rule, kept minimal here): a figure made
/// from the hub's returns whose rounded value is a small count (1-4 by default) is withheld, with
/// its interval, unless it is the audience's own LA; among the cells of one breakdown, one more is
/// withheld when only one would be (so it cannot be recovered from the total). Published figures
/// are public already and never withheld.
package enum ForecastDisclosure {
    package static func apply(_ rows: [ForecastRow], audience: Audience) -> [ForecastRow] {
        var rows = rows
        // The cells of one breakdown: same area, period, measure, case and scenario.
        var breakdowns: [String: [Int]] = [:]
        for (index, row) in rows.enumerated() where row.source == .returns && row.laCode != audience.ownLA {
            let key = [row.laCode, row.period, row.measure, row.forecastCase.rawValue, row.scenario ?? "",
                       row.need == nil && row.ageBand == nil && row.setting == nil ? "total" : "cells"].joined(separator: "|")
            breakdowns[key, default: []].append(index)
        }
        for (key, indices) in breakdowns {
            let values = indices.map { rows[$0].value.map { $0.rounded() } }
            let hidden = key.hasSuffix("|cells")
                ? hiddenCells(values, control: audience.control)
                : Set(values.indices.filter { audience.control.isSmall(values[$0]) })
            for position in hidden { withhold(&rows[indices[position]]) }
        }
        return rows
    }

    /// The cells to hide among `cells`, the cells of one breakdown, by the smallest-cell rule: every
    /// small count, and when exactly one is hidden the smallest other non-zero cell too (ties: the
    /// first). Nil cells are never hidden. The forecast's own rule: the indicators' outputs use the
    /// suppression pattern instead (docs/disclosure-control.md).
    static func hiddenCells(_ cells: [Double?], control: DisclosureControl) -> Set<Int> {
        var hidden = Set(cells.indices.filter { control.isSmall(cells[$0]) })
        if hidden.count == 1 {
            let candidates = cells.indices.filter { !hidden.contains($0) && (cells[$0] ?? 0) > 0 }
            if let next = candidates.min(by: { (cells[$0]!, $0) < (cells[$1]!, $1) }) {
                hidden.insert(next)
            }
        }
        return hidden
    }

    static func withhold(_ row: inout ForecastRow) {
        row.value = nil
        row.low80 = nil
        row.high80 = nil
        row.low95 = nil
        row.high95 = nil
    }
}

/// `components.csv`: each area's yearly flows, observed and forecast (docs/forecasting.md,
/// "Components"). Counts from the hub's returns: outside the area's own view a figure that rounds
/// to 1-4 shows as `c`, and so does whatever would give it away: a row's stocks and flows are tied
/// (stock_end = stock_start + new_plans + transfers_in - ceased - transfers_out + adjustment), and a
/// sum's row (`sums`: a group and its members) is tied to its members' rows, so where only one
/// figure of a row or of a sum would be hidden, the smallest other flow (or member) is hidden too.
package enum ComponentsFile {
    /// The file's columns, fixed by docs/forecasting.md ("Components"): `new_plans` is the flow of
    /// joiners, the file's own column, not the indicator spelled the same.
    package static let header = ["area", "period", "kind", "scenario", "stock_start", "new_plans", "transfers_in", "ceased",
                                "transfers_out", "movers", "adjustment", "stock_end"]

    package static func csv(_ rows: [ComponentsRow], audience: Audience, sums: [String: [String]] = [:]) -> String {
        let hidden = withheld(rows, audience: audience, sums: sums)
        var lines = [CSVWriter.line(header)]
        for (index, row) in rows.enumerated() {
            let values = fields(row)
            lines.append(CSVWriter.line([row.area, CensusYear.label(row.year), row.observed ? "observed" : "forecast", row.scenario ?? ""]
                + values.indices.map { hidden.contains(Cell(row: index, field: $0)) ? "c" : String(format: "%.1f", values[$0]) }))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Cell: Hashable {
        var row: Int
        var field: Int
    }

    /// The figures in the order of ``header`` from stock_start.
    static func fields(_ row: ComponentsRow) -> [Double] {
        [row.stockStart, row.newPlans, row.transfersIn, row.ceased, row.transfersOut, row.movers, row.adjustment, row.stockEnd]
    }

    /// The fields tied by the stock identity (all but movers), and the flows among them that may be
    /// hidden to protect another (the stocks are shared with the next and previous years' rows).
    static let identityFields = [0, 1, 2, 3, 4, 6, 7], flowFields = [1, 2, 3, 4, 6]

    /// Every small figure outside the audience's own LA, then, until nothing changes, one more
    /// wherever a row's identity or a sum has exactly one hidden.
    static func withheld(_ rows: [ComponentsRow], audience: Audience, sums: [String: [String]]) -> Set<Cell> {
        let values = rows.map { fields($0).map { abs($0.rounded()) } }
        let hideable = rows.map { $0.area != audience.ownLA }
        var hidden = Set<Cell>()
        for (index, row) in values.enumerated() where hideable[index] {
            for field in row.indices where audience.control.isSmall(row[field]) { hidden.insert(Cell(row: index, field: field)) }
        }
        // Rows of one sum and its members at the same year, kind and scenario.
        var linked: [[Int]] = []
        for (area, members) in sums {
            var byKey: [String: [Int]] = [:]
            for (index, row) in rows.enumerated() where row.area == area || members.contains(row.area) {
                byKey["\(row.year)|\(row.observed)|\(row.scenario ?? "")", default: []].append(index)
            }
            linked += byKey.keys.sorted().map { byKey[$0]! }
        }
        /// The smallest of `candidates` not hidden yet (non-zero first), hidden.
        func hideOneMore(_ candidates: [Cell]) -> Bool {
            let open = candidates.filter { hideable[$0.row] && !hidden.contains($0) }
            guard let next = open.min(by: { a, b in
                let (x, y) = (values[a.row][a.field], values[b.row][b.field])
                return (x == 0 ? 1 : 0, x, a.row, a.field) < (y == 0 ? 1 : 0, y, b.row, b.field)
            }) else { return false }
            hidden.insert(next)
            return true
        }
        var changed = true
        while changed {
            changed = false
            for index in rows.indices where hideable[index] {
                let inIdentity = identityFields.filter { hidden.contains(Cell(row: index, field: $0)) }
                if inIdentity.count == 1, hideOneMore(flowFields.map { Cell(row: index, field: $0) }) { changed = true }
            }
            for group in linked {
                for field in 0..<header.count - 4 {
                    let cells = group.map { Cell(row: $0, field: field) }
                    if cells.filter(hidden.contains).count == 1, hideOneMore(cells) { changed = true }
                }
            }
        }
        return hidden
    }
}

/// `dsg.csv` and `costs.csv`: the high-needs money of each area (docs/forecasting.md, "Costs and
/// the DSG"), and the unit cost behind every LA's cost with where it came from.
package enum DSGFiles {
    package static let header = ["area", "period", "case", "scenario", "funding", "cost", "in_year_balance", "cumulative_balance"]

    /// `withheld` (``MoneyDisclosure/withheld(_:raw:shown:sums:finance:audience:)``) show as `c`.
    package static func csv(_ years: [DSGYear], withheld: Set<MoneyDisclosure.Figure> = []) -> String {
        func pounds(_ pence: Int64) -> String {
            let sign = pence < 0 ? "-" : ""
            let magnitude = pence.magnitude
            let penny = magnitude % 100
            return "\(sign)\(magnitude / 100).\(penny < 10 ? "0" : "")\(penny)"
        }
        var lines = [CSVWriter.line(header)]
        for (index, year) in years.enumerated() {
            let pence = [year.fundingPence, year.costPence, year.inYearPence, year.cumulativePence]
            let money = zip(MoneyDisclosure.Measure.allCases, pence).map { measure, pence in
                withheld.contains(MoneyDisclosure.Figure(year: index, measure: measure)) ? "c" : pounds(pence)
            }
            let labels = [year.area, CensusYear.label(year.year), year.forecastCase.rawValue, year.scenario ?? ""]
            lines.append(CSVWriter.line(labels + money))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    package static func costsCSV(_ costs: UnitCosts, las: [String]) -> String {
        var lines = [CSVWriter.line(["la_code", "setting", "annual_cost", "source"])]
        for la in las {
            for group in CostGroup.all {
                let cost = costs.cost(la: la, group: group)
                lines.append(CSVWriter.line([la, group, String(format: "%.2f", cost.amount), cost.source]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
