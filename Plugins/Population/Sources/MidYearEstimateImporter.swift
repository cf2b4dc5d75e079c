import HubKit

/// Reads the ONS mid-year population estimates in their long "MYEB" layout: one row per area,
/// sex and single year of age, one `population_YYYY` column per year, e.g.
///
///     ladcode21,laname21,country,sex,age,population_2020,population_2021
///     E07000008,Cambridge,E,1,0,640,625
///
/// - The area is the first column named `ladcode...`, else another `lad...` column that is not a
///   name, else `code`. English LAs and districts (E06, E07, E08, E09, E10) are read; other ONS
///   areas (regions, England, Wales, Scotland, Northern Ireland ...) are skipped with one warning.
/// - `sex` (1/2, or M/F) is summed over; without the column each row is already a total.
/// - `age` is 0, 1, ... with `90+` read as 90.
/// - Each `population_YYYY` column gives that year's records.
///
/// Counties (E10) are the sums of their districts: in a file that has districts too, the county
/// rows are left out (with a warning) so that nobody is counted twice. Recognised by its header.
package final class MidYearEstimateImporter: Importer {
    package init() {}

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "ons-mid-year-estimates", version: pluginVersion,
                            summary: "ONS mid-year population estimates (area x sex x age, population_YYYY columns)")
    }

    package var produces: DatasetKind { .population }

    package func detect(_ source: ImportSource) -> Int? {
        guard source.files.count == 1, let header = CSVHeader(head: source.files[0].head),
              case .midYearEstimates = PopulationLayout.of(header.keys) else { return nil }
        return 90
    }

    package func read(_ source: ImportSource, into sink: any RecordSink) throws {
        guard let file = source.files.first else { return }
        let table = try CSVTable(file: file)
        guard case .midYearEstimates(let columns) = PopulationLayout.of(table.header.keys) else {
            throw table.rejectHeader("""
                not an ONS mid-year estimates file: the header needs an area code column (ladcode..., lad... \
                or code), age and at least one population_YYYY column
                """)
        }
        var totals = MidYearTotals()
        // The area column is the same for every row: point messages about a code at its cell.
        func areaCell(_ record: PopulationRecord) -> PopulationRecord {
            var record = record
            record.laCodeCell = CellReference(line: record.line ?? 0, column: columns.area + 1,
                                              columnName: table.header.names[columns.area])
            return record
        }
        try table.forEachRow(reportingTo: sink) { row in
            let code = try row.areaCode(columns.area)
            let kind = ONSArea(code: code)
            switch kind {
            case .notAnEducationAuthority:
                totals.skip(code)
                return
            case .unrecognised:
                throw row.reject(columns.area, "'\(code)' is not an ONS area code (a letter and 8 digits, e.g. E06000023)")
            case .authority, .district, .county:
                break
            }
            if let sex = columns.sex { try row.checkSex(sex) }
            let age = try row.age(columns.age)
            let populations = try columns.years.map { (year: $0.year, value: try row.residents($0.column)) }
            for record in totals.add(code, kind, age: age, populations: populations, line: row.line) {
                try sink.population(areaCell(record))
            }
        }
        for record in totals.finish() { try sink.population(areaCell(record)) }
        for warning in totals.warnings { try sink.issue(warning) }
    }
}
