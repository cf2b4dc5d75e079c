import HubKit

/// Reads a per-child placement cost CSV keyed by UPN: `la_code,upn,annual_cost`, with optional
/// `urn` and `placement_type` columns: what the placing LA pays a year for one child's placement.
///
/// - Header names match case-insensitively; extra columns are ignored.
/// - `upn`: 13 letters and digits starting with a letter. It goes to the host as the record's
///   `personIdentifier` and is hashed there; it is never logged, and messages show it masked
///   (first two characters and the length).
/// - `la_code`, `urn`, `placement_type` and `annual_cost` as in ``EstablishmentCostImporter``;
///   `urn` and `placement_type` may be empty.
///
/// Recognised by its header row (a `upn` column).
package final class PerChildCostImporter: Importer {
    package init() {}

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "placement-costs-per-child", version: pluginVersion,
                            summary: "Per-child placement costs CSV la_code,upn,urn,annual_cost (UPN hashed on import)")
    }

    package var produces: DatasetKind { .placementCosts }

    package func detect(_ source: ImportSource) -> Int? {
        guard source.files.count == 1, let header = CSVHeader(head: source.files[0].head),
              case .perChild = CostLayout.of(header.keys) else { return nil }
        return 90
    }

    package func read(_ source: ImportSource, into sink: any RecordSink) throws {
        guard let file = source.files.first else { return }
        let table = try CSVTable(file: file)
        guard case .perChild(let columns) = CostLayout.of(table.header.keys) else {
            throw table.rejectHeader("not a per-child placement cost file: the header needs la_code, upn and annual_cost")
        }
        try table.forEachRow(reportingTo: sink) { row in
            try sink.placementCost(PlacementCostRecord(
                laCode: try row.placingLA(columns.laCode), urn: try row.urn(columns.urn),
                placementType: row.optionalText(columns.placementType), personIdentifier: try row.upn(columns.upn),
                annualCost: try row.annualCost(columns.annualCost), line: row.line,
                laCodeCell: row.cell(columns.laCode)))
        }
    }
}
