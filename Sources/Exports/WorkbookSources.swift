import HubStore

/// Where a workbook's figures come from, for its Notes sheet: the SEN2 returns the hub holds and
/// the published tables it has imported.
package struct WorkbookSources: Sendable, Equatable {
    /// A current SEN2 return.
    package struct HeldReturn: Sendable, Equatable {
        package var laCode: String
        package var collectionYear: Int?
        package var censusDate: String?
        /// When the hub imported it (ISO 8601).
        package var importedAt: String
        /// Persons stored.
        package var records: Int

        package init(laCode: String, collectionYear: Int?, censusDate: String?, importedAt: String, records: Int) {
            self.laCode = laCode
            self.collectionYear = collectionYear
            self.censusDate = censusDate
            self.importedAt = importedAt
            self.records = records
        }
    }

    /// A published table (an Explore Education Statistics data file) held by the hub.
    package struct PublishedTable: Sendable, Equatable {
        /// The data file's name without extension, as figures name it (`published: NAME`).
        package var name: String
        /// The file imported.
        package var file: String
        package var importedAt: String

        package init(name: String, file: String, importedAt: String) {
            self.name = name
            self.file = file
            self.importedAt = importedAt
        }
    }

    /// By LA code, then collection year.
    package var returns: [HeldReturn]
    /// By name.
    package var publishedTables: [PublishedTable]

    package init(returns: [HeldReturn] = [], publishedTables: [PublishedTable] = []) {
        self.returns = returns
        self.publishedTables = publishedTables
    }

    /// The current returns and published tables in the store.
    package static func load(_ database: Database) throws -> WorkbookSources {
        let returns = try ImportLedger(database: database).entries(dataset: "sen2-return")
            .filter(\.isCurrent)
            .compactMap { entry in
                entry.laCode.map {
                    HeldReturn(laCode: $0, collectionYear: entry.collectionYear, censusDate: entry.censusDate,
                               importedAt: entry.importedAt, records: entry.records)
                }
            }
            .sorted { ($0.laCode, $0.collectionYear ?? 0) < ($1.laCode, $1.collectionYear ?? 0) }
        let tables = try HeldImports(database: database).publishedFiles().map {
            PublishedTable(name: $0.table, file: $0.sourceName, importedAt: $0.importedAt)
        }
        return WorkbookSources(returns: returns, publishedTables: tables)
    }
}
