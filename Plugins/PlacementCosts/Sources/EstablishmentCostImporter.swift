import HubKit

/// Reads the placement cost CSV `la_code,urn,placement_type,annual_cost`: what the placing (paying)
/// LA pays a year for a place at establishment `urn`. A row with no `urn` gives that LA's default
/// cost for its `placement_type`.
///
/// - Header names match case-insensitively; extra columns are ignored (a `upn` column makes the
///   file a per-child one, read by ``PerChildCostImporter``).
/// - `la_code`: 3-digit DfE code or ONS E-code, resolved by the host.
/// - `urn`: digits, or empty for a default; `placement_type`: free text, kept as written.
/// - `annual_cost`: pounds, 0 or more; `£` and thousands separators are tolerated (`£45,000.50`).
///
/// A row with neither `urn` nor `placement_type`, or a cost that is not a non-negative amount,
/// rejects the whole file, naming the line and column. Recognised by its header row.
package final class EstablishmentCostImporter: Importer {
    package init() {}

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "placement-costs", version: pluginVersion,
                            summary: "Placement costs CSV la_code,urn,placement_type,annual_cost (per establishment or default by type)")
    }

    package var produces: DatasetKind { .placementCosts }

    package func detect(_ source: ImportSource) -> Int? {
        guard source.files.count == 1, let header = CSVHeader(head: source.files[0].head),
              case .establishment = CostLayout.of(header.keys) else { return nil }
        return 90
    }

    package func read(_ source: ImportSource, into sink: any RecordSink) throws {
        guard let file = source.files.first else { return }
        let table = try CSVTable(file: file)
        guard case .establishment(let columns) = CostLayout.of(table.header.keys) else {
            throw table.rejectHeader("""
                not a placement cost file: the header needs la_code, urn, placement_type and annual_cost \
                (and no upn column)
                """)
        }
        try table.forEachRow(reportingTo: sink) { row in
            let laCode = try row.placingLA(columns.laCode)
            let urn = try row.urn(columns.urn)
            let placementType = row.optionalText(columns.placementType)
            guard urn != nil || placementType != nil else {
                throw row.reject(columns.urn, """
                    neither urn nor placement_type is given: give the establishment's URN, or a placement_type \
                    for the LA's default cost
                    """)
            }
            try sink.placementCost(PlacementCostRecord(
                laCode: laCode, urn: urn, placementType: placementType,
                annualCost: try row.annualCost(columns.annualCost), line: row.line,
                laCodeCell: row.cell(columns.laCode)))
        }
    }
}
