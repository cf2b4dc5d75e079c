import Foundation
import Comparison
import ComparisonTables
import HubKit

/// The Notes sheet: when and for whom the workbook was made, the disclosure rule, how to read the
/// sheets, every indicator's definition, and the sources (returns held, published tables with the
/// Open Government Licence attribution).
struct WorkbookNotes {
    /// Each indicator shown, with the sheet it is on.
    var indicators: [(sheet: String, table: LATable)]
    var scope: WorkbookScope
    var geography: LAGeography
    var control: DisclosureControl
    var requestedPeriod: String?
    var sources: WorkbookSources
    var neighboursEdition: String?
    var generated: Day
    var purposeNotice: String?

    static let sheetName = "Notes"
    static let attribution = "Contains public sector information licensed under the Open Government Licence v3.0."

    func worksheet() -> Worksheet {
        var rows: [[Cell]] = []
        func heading(_ text: String) { rows.append([.text(text, style: .bold)]) }
        func line(_ label: String, _ cells: Cell...) { rows.append([.text(label, style: .bold)] + cells) }
        func header(_ labels: [String]) { rows.append(labels.map { Cell.text($0, style: .header) }) }
        func gap() { rows.append([]) }

        heading("High Needs Hub: indicators by LA")
        line("Generated", .text(generated.iso))
        line("Scope", .text(scope.summary(geography, neighboursEdition: neighboursEdition)))
        line("Period", .text(requestedPeriod ?? "the latest period of each indicator"))
        if let purposeNotice { line("Left out", .text(purposeNotice)) }
        gap()

        heading("Disclosure control")
        let largestHidden = control.threshold - 1
        line("Rule", .text("Counts of 1 to \(largestHidden), and rates and shares built on them, show as c. "
                           + "So do other figures and totals wherever a hidden count could otherwise be worked out from "
                           + "what the hub shows (parts adding up to a total, LAs adding up to a region, the group or "
                           + "England, this year against last), even by an LA that knows its own figures. Every output "
                           + "of the hub hides the same figures, so none can be combined with another to recover one."))
        line("Threshold", .number(Double(control.threshold)))
        line("Own figures", .text(scope.ownLA.map {
            "LA \($0)'s own figures are unsuppressed: share this workbook only within \(geography.name($0))."
        } ?? "None: the small figures of every LA are hidden."))
        line("Published figures", .text("Figures from published tables are public already and keep the publisher's own symbols."))
        gap()

        heading("Reading the sheets")
        line(IndicatorColumns.suppressed, .text("suppressed (small numbers)"))
        line("blank", .text("no figure (no return or published figure for that LA and period, or it cannot be computed)"))
        line("Totals", .text("England and regions: the published totals where a published table gives the period; else "
                             + "the sum of numerators over the sum of denominators of every LA of the area (not only the LAs "
                             + "listed), when every one has a figure; blank when neither exists. A group: its members' "
                             + "figures added up. Never a mean of LA rates."))
        line("Rank", .text("1 is best by the indicator's polarity, among all LAs with a value; ties share the lowest rank"))
        line("Band", .text("quartile of all LAs' values: A is the best quarter by polarity, D the worst"))
        gap()

        heading("Definitions")
        header(["Sheet", "Indicator", "Title", "Numerator", "Denominator", "Unit", "Polarity", "Period"])
        for (sheet, table) in indicators {
            let d = table.definition
            rows.append([.text(sheet), .text(d.id), .text(d.title), .text(d.numerator),
                         .text(d.denominator ?? "(a count: no denominator)"), .text(d.unit.rawValue),
                         .text(Self.words(d.polarity)), .text(table.period)])
        }
        gap()

        heading("Sources")
        heading("SEN2 returns held by the hub")
        header(["LA code", "LA name", "Collection year", "Census date", "Imported at", "Persons"])
        for held in sources.returns {
            // Another LA's small return shows as c, as in the report (docs/disclosure-control.md).
            let persons = ReturnCountsShown(la: held.laCode, persons: held.records, quarantined: 0, errors: 0, warnings: 0,
                                            ownLA: scope.ownLA, control: control).persons
            rows.append([.text(held.laCode), .text(geography.name(held.laCode)),
                         held.collectionYear.map { Cell.number(Double($0)) } ?? .empty,
                         .text(held.censusDate ?? ""), .text(held.importedAt),
                         persons.map { Cell.number(Double($0)) } ?? .text(IndicatorColumns.suppressed)])
        }
        if sources.returns.isEmpty { rows.append([.text("None.")]) }
        gap()
        heading("Published DfE tables")
        let used = publishedTablesUsed
        if used.isEmpty {
            rows.append([.text("None used: every figure is computed from the returns above.")])
        } else {
            header(["Table", "File", "Imported at"])
            for name in used {
                let imported = sources.publishedTables.first { $0.name == name }
                rows.append([.text(name), .text(imported?.file ?? ""), .text(imported?.importedAt ?? "")])
            }
            rows.append([.text(Self.attribution)])
        }
        return Worksheet(name: Self.sheetName, rows: rows, columnWidths: [22, 28, 36, 48, 48, 12, 24, 10])
    }

    /// The published tables some figure of the workbook's indicators comes from (any LA: they count
    /// in ranks, bands and totals), by name.
    var publishedTablesUsed: [String] {
        var sources: [String] = []
        for (_, table) in indicators {
            sources += table.rows.compactMap(\.figure.source) + table.regions.map(\.source)
            if let england = table.england { sources.append(england.source) }
        }
        return Set(sources.flatMap { Self.publishedTables(in: $0) }).sorted()
    }

    /// The published tables a figure's source names: `published: caseload_all_plans_2019_2024;
    /// population 0-25: population_0_25 (year not stated)` names both.
    static func publishedTables(in source: String) -> [String] {
        var tables: [String] = []
        for part in source.split(separator: ";") {
            let part = part.trimmingCharacters(in: .whitespaces)
            for prefix in ["published: ", "population 0-25: "] where part.hasPrefix(prefix) {
                let name = part.dropFirst(prefix.count).prefix { $0 != " " }
                if !name.isEmpty { tables.append(String(name)) }
            }
        }
        return tables
    }

    static func words(_ polarity: Polarity) -> String {
        switch polarity {
        case .high: return "higher is better"
        case .low: return "lower is better"
        case .none: return "context (not ranked)"
        }
    }
}
