import HubKit

/// Reads a SEN2 return exported from DfE COLLECT as "Blade" CSV tables into normalised records.
///
/// An export is nine linked tables, one per module: `sen2` (the header), `person`, `requests`,
/// `assessment`, `namedplan`, `plandetail`, `activeplans`, `placementdetail` and `senneed`. Each
/// row has its own `<table>tableid` and the id of its parent row; the other columns are the SEN2
/// element names in lower case. Tables are recognised by their header row, never by file name.
///
/// The records are the ones the SEN2 XML importer produces for the same return: same value
/// handling (codes trimmed and upper-cased, `1`/`0`/`true`/`false` flags, 2023 `GenderCurrent` as
/// `Sex`), same issue rule ids and element paths. Dates may be COLLECT's `2022-Sep-28 00:00:00` or
/// ISO `2022-09-28`.
package final class SEN2BladeImporter: Importer {
    /// The plugin's and the importer's version.
    package static let version = "1.0.0"

    /// Score when the header and person tables are both recognised.
    static let detectedScore = 95

    package init() {}

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "sen2-blade", version: Self.version,
                            summary: "SEN2 return as a COLLECT Blade CSV export (nine linked tables, one folder)")
    }

    package var produces: DatasetKind { .sen2Return }

    /// 95 when the source's files include a `sen2` table and a `person` table (recognised by the
    /// `sen2tableid` and `persontableid` columns of their header rows), otherwise nil.
    package func detect(_ source: ImportSource) -> Int? {
        BladeExportFiles(source).looksLikeExport ? Self.detectedScore : nil
    }

    /// Reads the tables (each whole, the child tables indexed by parent id), then calls
    /// `beginReturn` with the header, `issue` for every file-level finding (missing tables,
    /// ignored files, orphan rows), and `person` once per row of the person table, in its order.
    ///
    /// Throws ``InputRejected`` naming the file when there is no `sen2` or `person` table, a table
    /// comes twice, a link column or a header value is missing, or table ids repeat.
    package func read(_ source: ImportSource, into sink: any RecordSink) throws {
        let files = BladeExportFiles(source)
        try files.checkOneExport(sourceName: source.name)

        var tables: [BladeTableKind: BladeTable] = [:]
        var bytesRead = 0
        for kind in BladeTableKind.allCases {
            guard let file = files.tables[kind] else { continue }
            let (table, bytes) = try BladeTable.load(file, as: kind)
            tables[kind] = table
            bytesRead += bytes
            sink.progress(bytesRead: bytesRead)
        }
        guard let headerTable = tables[.sen2], let personTable = tables[.person] else { return }  // checked above
        let header = try BladeReturnHeader.read(from: headerTable)
        let links = try BladeLinks(tables: tables)

        try sink.beginReturn(header)
        for issue in files.issues + links.orphans { try sink.issue(issue) }
        let assembler = BladePersonAssembler(persons: personTable, tables: tables, links: links)
        for position in personTable.rows.indices {
            try sink.person(assembler.person(at: position, index: position + 1))
        }
    }
}
