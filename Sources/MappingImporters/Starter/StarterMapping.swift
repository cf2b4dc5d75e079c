import HubKit

/// A first mapping file for an export (`hnhub mapping new`): every column of the header row, with
/// the SEN2 element its name suggests, the date formats its values are written in, and for each
/// coded column a code table listing its distinct values with their counts for the analyst to
/// translate. Nothing in it is trusted: every guess is marked in the file, and the file does not
/// load until each code table entry left empty is filled in. docs/mapping-importers.md, "Starting
/// from an export", describes the guesses.
package struct StarterMapping: Sendable {
    /// What the starter cannot read from the export.
    package struct Context: Sendable {
        /// The mapping id (`mapping:<id>`).
        package var id: String
        /// XLSX: the sheet to read (nil: the first).
        package var sheet: String?
        /// The LA the export is from; nil guesses it from the UPNs.
        package var laCode: String?
        /// The census day of the return; nil guesses it from `censusDays`.
        package var censusDate: Day?
        /// The census day of every collection year the hub knows (`Datasets/census_dates.csv`).
        package var censusDays: [Day]
        /// SEN2 element -> its codes in the newest year (for the code tables and their comments).
        package var codeLists: [String: [String]]

        package init(id: String, sheet: String? = nil, laCode: String? = nil, censusDate: Day? = nil,
                    censusDays: [Day] = [], codeLists: [String: [String]] = [:]) {
            self.id = id
            self.sheet = sheet
            self.laCode = laCode
            self.censusDate = censusDate
            self.censusDays = censusDays
            self.codeLists = codeLists
        }
    }

    /// The mapping file's text.
    package var yaml: String
    /// Code table entries left for the analyst (`""` in the file).
    package var entriesToFill: Int

    /// Reads the export (its one file) and writes the starter mapping.
    package init(source: ImportSource, context: Context) throws {
        guard source.files.count == 1, let file = source.files.first else {
            throw InputRejected(file: source.name, message: "a mapped export is one CSV or XLSX file; got \(source.files.count) files")
        }
        let table = try MappingSource.table(file, layout: FileLayout(sheet: context.sheet))
        let (profiles, rows) = try ColumnProfile.read(table)
        var writer = StarterWriter(table: table, profiles: profiles, rows: rows, context: context)
        yaml = writer.write()
        entriesToFill = writer.entriesToFill
    }
}
