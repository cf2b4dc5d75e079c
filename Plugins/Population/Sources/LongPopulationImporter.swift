import HubKit

/// Reads the long population CSV `la_code,year,age,population`: one row per LA (3-digit DfE code
/// or ONS E-code; districts are rolled up by the host), mid-year and single year of age.
///
/// Header names match case-insensitively; extra columns are ignored. A year, age or population
/// that is not a number, or a negative population, rejects the whole file, naming the line and
/// column. Recognised by its header row, not its file name.
package final class LongPopulationImporter: Importer {
    package init() {}

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "population-long", version: pluginVersion,
                            summary: "Population CSV la_code,year,age,population (3-digit LA code or ONS E-code)")
    }

    package var produces: DatasetKind { .population }

    package func detect(_ source: ImportSource) -> Int? {
        guard source.files.count == 1, let header = CSVHeader(head: source.files[0].head),
              case .long = PopulationLayout.of(header.keys) else { return nil }
        return 90
    }

    package func read(_ source: ImportSource, into sink: any RecordSink) throws {
        guard let file = source.files.first else { return }
        let table = try CSVTable(file: file)
        guard case .long(let columns) = PopulationLayout.of(table.header.keys) else {
            throw table.rejectHeader("not a long population file: the header needs la_code, year, age and population")
        }
        try table.forEachRow(reportingTo: sink) { row in
            try sink.population(PopulationRecord(
                laCode: try row.areaCode(columns.laCode), year: try row.year(columns.year),
                age: try row.age(columns.age), population: try row.residents(columns.population), line: row.line,
                laCodeCell: row.cell(columns.laCode)))
        }
    }
}
