import HubStore

/// Where a workbook's figures come from, for its Notes sheet: the SEN2 returns the hub holds and
/// the published tables it has imported.
public struct WorkbookSources: Sendable, Equatable {
    /// A current SEN2 return.
    public struct HeldReturn: Sendable, Equatable {
        public var laCode: String
        public var collectionYear: Int?
        public var censusDate: String?
        /// When the hub imported it (ISO 8601).
        public var importedAt: String
        /// Persons stored.
        public var records: Int

        public init(laCode: String, collectionYear: Int?, censusDate: String?, importedAt: String, records: Int) {
            self.laCode = laCode
            self.collectionYear = collectionYear
            self.censusDate = censusDate
            self.importedAt = importedAt
            self.records = records
        }
    }

    /// A published table (an Explore Education Statistics data file) held by the hub.
    public struct PublishedTable: Sendable, Equatable {
        /// The data file's name without extension, as figures name it (`published: NAME`).
        public var name: String
        /// The file imported.
        public var file: String
        public var importedAt: String

        public init(name: String, file: String, importedAt: String) {
            self.name = name
            self.file = file
            self.importedAt = importedAt
        }
    }

    /// By LA code, then collection year.
    public var returns: [HeldReturn]
    /// By name.
    public var publishedTables: [PublishedTable]

    public init(returns: [HeldReturn] = [], publishedTables: [PublishedTable] = []) {
        self.returns = returns
        self.publishedTables = publishedTables
    }

    /// The current returns and published tables in the store.
    public static func load(_ database: Database) throws -> WorkbookSources {
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
