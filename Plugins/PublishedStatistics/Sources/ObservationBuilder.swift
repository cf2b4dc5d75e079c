import HubKit

/// Turns one row into its observations: one per non-empty measure cell.
///
/// The value is the cell as published (trimmed), symbols included; `number` is set when the cell is
/// a number (`1,234` -> 1234, `12.5%` -> 12.5). An empty measure cell says nothing and yields no
/// observation. Dimensions are the row's dimension columns in column order, empty values kept so
/// that every observation of a table has the same dimension names.
struct ObservationBuilder {
    let table: String
    let header: TidyHeader
    let layout: TableLayout
    let keys: RowKeyReader

    func observations(of row: TidyRow) throws -> [PublishedObservation] {
        let key = try keys.key(of: row)
        let dimensions = layout.dimensions.map {
            PublishedObservation.Dimension(name: header.names[$0], value: CSVText.trimmed(row.fields[$0]))
        }
        return layout.measures.compactMap { column in
            let value = CSVText.trimmed(row.fields[column])
            guard !value.isEmpty else { return nil }
            return PublishedObservation(
                table: table, timePeriod: key.timePeriod, timeIdentifier: key.timeIdentifier,
                geographicLevel: key.geographicLevel, areaCode: key.areaCode, areaName: key.areaName,
                dimensions: dimensions, measure: header.names[column], value: value,
                number: PublishedCell.number(value), line: row.line)
        }
    }
}
