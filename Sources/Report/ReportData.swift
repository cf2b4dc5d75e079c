import ComparisonTables
import HubStore

/// One SEN2 return the hub holds (the current import of an LA and collection year), with what
/// validation found in it.
public struct ImportedReturn: Sendable, Hashable {
    public var importID: Int64
    public var laCode: String
    public var collectionYear: Int
    public var censusDate: String?
    public var sourceName: String
    public var importedAt: String
    /// Persons stored.
    public var persons: Int
    /// Persons held back from every indicator by errors.
    public var quarantined: Int
    public var errors: Int
    public var warnings: Int
    /// The most frequent rules found, most frequent first.
    public var topFindings: [FindingCount]

    public init(importID: Int64, laCode: String, collectionYear: Int, censusDate: String?, sourceName: String,
                importedAt: String, persons: Int, quarantined: Int, errors: Int, warnings: Int,
                topFindings: [FindingCount] = []) {
        self.importID = importID
        self.laCode = laCode
        self.collectionYear = collectionYear
        self.censusDate = censusDate
        self.sourceName = sourceName
        self.importedAt = importedAt
        self.persons = persons
        self.quarantined = quarantined
        self.errors = errors
        self.warnings = warnings
        self.topFindings = topFindings
    }
}

/// How often one validation rule fired in one return.
public struct FindingCount: Sendable, Hashable {
    public var rule: String
    /// `error` or `warning`.
    public var severity: String
    public var count: Int

    public init(rule: String, severity: String, count: Int) {
        self.rule = rule
        self.severity = severity
        self.count = count
    }
}

/// A reference data set in use (establishments, population, costs, neighbours, published tables).
public struct ReferenceImport: Sendable, Hashable {
    public var dataset: String
    public var sourceName: String
    public var importedAt: String
    public var records: Int

    public init(dataset: String, sourceName: String, importedAt: String, records: Int) {
        self.dataset = dataset
        self.sourceName = sourceName
        self.importedAt = importedAt
        self.records = records
    }
}

/// A published DfE table whose figures the hub holds.
public struct PublishedTable: Sendable, Hashable {
    public var name: String
    /// Time periods as published (`202324`, `2024`), oldest first.
    public var periods: [String]
    public var importedAt: String

    public init(name: String, periods: [String], importedAt: String) {
        self.name = name
        self.periods = periods
        self.importedAt = importedAt
    }
}

/// Everything a report shows, read from the store once: indicator values, where every LA sits, the
/// returns held with their validation findings, and the reference data behind them.
public struct ReportData: Sendable {
    public var snapshot: IndicatorSnapshot
    public var geography: LAGeography
    /// The statistical neighbours edition used (nil when none is loaded).
    public var neighboursEdition: String?
    /// Current SEN2 returns, by LA then year.
    public var returns: [ImportedReturn]
    public var referenceImports: [ReferenceImport]
    public var publishedTables: [PublishedTable]

    public init(snapshot: IndicatorSnapshot, geography: LAGeography, neighboursEdition: String? = nil,
                returns: [ImportedReturn] = [], referenceImports: [ReferenceImport] = [],
                publishedTables: [PublishedTable] = []) {
        self.snapshot = snapshot
        self.geography = geography
        self.neighboursEdition = neighboursEdition
        self.returns = returns
        self.referenceImports = referenceImports
        self.publishedTables = publishedTables
    }

    /// Reads the store in a handful of queries (none per LA), after indicators are computed.
    public static func load(_ database: Database, neighboursEdition: String? = nil,
                            groups: [String: [String]] = [:]) throws -> ReportData {
        let geography = try LAGeography.loadAll(database, neighboursEdition: neighboursEdition, groups: groups)
        let edition = try database.rows("SELECT DISTINCT edition FROM statistical_neighbours ORDER BY edition DESC")
            .compactMap { $0[0].string }
        return ReportData(snapshot: try IndicatorSnapshot.load(database), geography: geography,
                          neighboursEdition: neighboursEdition ?? edition.first,
                          returns: try Self.returns(database), referenceImports: try Self.referenceImports(database),
                          publishedTables: try Self.publishedTables(database))
    }

    /// The data without the LAs `codes`: their figures and their returns (an output for a purpose
    /// they have not opted in to; docs/governance.md, "Purposes").
    public func leavingOut(_ codes: some Collection<String>) -> ReportData {
        let gone = Set(codes)
        guard !gone.isEmpty else { return self }
        var data = self
        data.snapshot = snapshot.leavingOut(gone)
        data.returns = returns.filter { !gone.contains($0.laCode) }
        return data
    }

    static func returns(_ database: Database) throws -> [ImportedReturn] {
        var findings: [Int64: [FindingCount]] = [:]
        for row in try database.rows("""
            SELECT v.import_id, v.rule_id, v.severity, count(*) FROM validation_issues v
            JOIN imports i ON i.id = v.import_id
            WHERE i.dataset = 'sen2-return' AND i.superseded_by IS NULL
            GROUP BY v.import_id, v.rule_id, v.severity ORDER BY v.import_id, count(*) DESC, v.rule_id
            """) {
            guard let id = row[0].int64 else { continue }
            findings[id, default: []].append(FindingCount(rule: row[1].string ?? "", severity: row[2].string ?? "",
                                                          count: row[3].int ?? 0))
        }
        return try database.rows("""
            SELECT id, la_code, collection_year, census_date, source_name, imported_at, records, quarantined, errors, warnings
            FROM imports WHERE dataset = 'sen2-return' AND superseded_by IS NULL AND la_code IS NOT NULL
            ORDER BY la_code, collection_year
            """).map { row in
            let id = row[0].int64 ?? 0
            return ImportedReturn(importID: id, laCode: row[1].string ?? "", collectionYear: row[2].int ?? 0,
                                  censusDate: row[3].string, sourceName: row[4].string ?? "", importedAt: row[5].string ?? "",
                                  persons: row[6].int ?? 0, quarantined: row[7].int ?? 0, errors: row[8].int ?? 0,
                                  warnings: row[9].int ?? 0, topFindings: findings[id] ?? [])
        }
    }

    static func referenceImports(_ database: Database) throws -> [ReferenceImport] {
        try database.rows("""
            SELECT dataset, source_name, imported_at, records FROM imports
            WHERE dataset <> 'sen2-return' AND superseded_by IS NULL ORDER BY dataset, imported_at
            """).map {
            ReferenceImport(dataset: $0[0].string ?? "", sourceName: $0[1].string ?? "", importedAt: $0[2].string ?? "",
                            records: $0[3].int ?? 0)
        }
    }

    static func publishedTables(_ database: Database) throws -> [PublishedTable] {
        var periods: [String: Set<String>] = [:]
        var importedAt: [String: String] = [:]
        for row in try database.rows("""
            SELECT p.source_table, p.time_period, max(i.imported_at) FROM published_values p
            JOIN imports i ON i.id = p.import_id WHERE i.superseded_by IS NULL
            GROUP BY p.source_table, p.time_period
            """) {
            guard let table = row[0].string, let period = row[1].string else { continue }
            periods[table, default: []].insert(period)
            importedAt[table] = max(importedAt[table] ?? "", row[2].string ?? "")
        }
        return periods.keys.sorted().map {
            PublishedTable(name: $0, periods: periods[$0]!.sorted(), importedAt: importedAt[$0] ?? "")
        }
    }
}
