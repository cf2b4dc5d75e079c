/// One row of the import ledger: a SEN2 return or a reference data set as it was imported.
package struct ImportEntry: Sendable, Hashable {
    package var id: Int64
    package var dataset: String
    package var scope: String
    package var sourceName: String
    package var checksum: String
    package var inputBytes: Int
    package var importerID: String
    package var importerVersion: String
    package var importedAt: String
    package var laCode: String?
    package var collectionYear: Int?
    package var censusDate: String?
    package var records: Int
    package var quarantined: Int
    package var errors: Int
    package var warnings: Int
    package var supersededBy: Int64?
    package var supersededAt: String?
    /// SEN2 returns: the level of detail birth dates and postcodes were kept at (`Minimisation.label`).
    package var minimisation: String?

    package var isCurrent: Bool { supersededBy == nil }

    static let columns = """
    id, dataset, scope, source_name, checksum, input_bytes, importer_id, importer_version, imported_at,
    la_code, collection_year, census_date, records, quarantined, errors, warnings, superseded_by, superseded_at,
    minimisation
    """

    init(row: [SQLValue]) {
        id = row[0].int64 ?? 0
        dataset = row[1].string ?? ""
        scope = row[2].string ?? ""
        sourceName = row[3].string ?? ""
        checksum = row[4].string ?? ""
        inputBytes = row[5].int ?? 0
        importerID = row[6].string ?? ""
        importerVersion = row[7].string ?? ""
        importedAt = row[8].string ?? ""
        laCode = row[9].string
        collectionYear = row[10].int
        censusDate = row[11].string
        records = row[12].int ?? 0
        quarantined = row[13].int ?? 0
        errors = row[14].int ?? 0
        warnings = row[15].int ?? 0
        supersededBy = row[16].int64
        supersededAt = row[17].string
        minimisation = row[18].string
    }
}

/// What a new import is about, known once the importer has read the header (SEN2) or started.
package struct ImportScope: Sendable, Hashable {
    package var dataset: String
    /// Imports with the same key replace each other; the older one is kept in history.
    package var key: String
    package var laCode: String?
    package var collectionYear: Int?
    package var censusDate: String?

    package init(dataset: String, key: String, laCode: String? = nil, collectionYear: Int? = nil,
                censusDate: String? = nil) {
        self.dataset = dataset
        self.key = key
        self.laCode = laCode
        self.collectionYear = collectionYear
        self.censusDate = censusDate
    }

    /// A SEN2 return: one per LA and collection year.
    package static func sen2Return(laCode: String, collectionYear: Int, censusDate: String) -> ImportScope {
        ImportScope(dataset: "sen2-return", key: "sen2-return/\(laCode)/\(collectionYear)",
                    laCode: laCode, collectionYear: collectionYear, censusDate: censusDate)
    }
}

/// Counts written back to the ledger when an import finishes.
package struct ImportCounts: Sendable, Hashable {
    package var records = 0
    package var quarantined = 0
    package var errors = 0
    package var warnings = 0
    package init() {}
}
