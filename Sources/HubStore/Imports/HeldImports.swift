/// What the store holds for outputs to show where their figures come from: the current SEN2
/// returns with what validation found in them, the reference data sets in use and the published
/// tables imported.
package struct HeldImports {
    package let database: Database
    package init(database: Database) { self.database = database }

    /// The current SEN2 returns, by LA then collection year, each with its most frequent findings.
    package func currentReturns() throws -> [ImportedReturn] {
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

    /// The LAs with a SEN2 return in the store (current or replaced), in code order.
    package func laCodesWithReturns() throws -> [String] {
        try database.rows("SELECT DISTINCT la_code FROM imports WHERE dataset = 'sen2-return' ORDER BY la_code")
            .compactMap { $0[0].string }
    }

    /// The persons stored, of every return held (current or replaced).
    package func personCount() throws -> Int {
        try database.scalar("SELECT count(*) FROM persons")?.int ?? 0
    }

    /// The current imports of every data set but SEN2 returns, by data set then import time.
    package func currentReferenceImports() throws -> [ReferenceImport] {
        try database.rows("""
            SELECT dataset, source_name, imported_at, records FROM imports
            WHERE dataset <> 'sen2-return' AND superseded_by IS NULL ORDER BY dataset, imported_at
            """).map {
            ReferenceImport(dataset: $0[0].string ?? "", sourceName: $0[1].string ?? "", importedAt: $0[2].string ?? "",
                            records: $0[3].int ?? 0)
        }
    }

    /// One time period of a published table in a current import, with the newest import time
    /// that gave it.
    package struct PublishedPeriod: Sendable, Hashable {
        package var table: String
        /// As published (`202324`, `2024`).
        package var timePeriod: String
        package var importedAt: String
    }

    /// Every table and time period the current imports of published tables hold (in no set order).
    package func publishedPeriods() throws -> [PublishedPeriod] {
        try database.rows("""
            SELECT p.source_table, p.time_period, max(i.imported_at) FROM published_values p
            JOIN imports i ON i.id = p.import_id WHERE i.superseded_by IS NULL
            GROUP BY p.source_table, p.time_period
            """).compactMap { row in
            guard let table = row[0].string, let period = row[1].string else { return nil }
            return PublishedPeriod(table: table, timePeriod: period, importedAt: row[2].string ?? "")
        }
    }

    /// A published table and the file of a current import that gave it.
    package struct PublishedFile: Sendable, Hashable {
        package var table: String
        package var sourceName: String
        package var importedAt: String
    }

    /// Each published table with each current file that gave it, by table then import time.
    package func publishedFiles() throws -> [PublishedFile] {
        try database.rows("""
            SELECT DISTINCT p.source_table, i.source_name, i.imported_at
            FROM published_values p JOIN imports i ON i.id = p.import_id
            WHERE i.superseded_by IS NULL ORDER BY p.source_table, i.imported_at
            """).map { row in
            PublishedFile(table: row[0].string ?? "", sourceName: row[1].string ?? "", importedAt: row[2].string ?? "")
        }
    }
}

/// One SEN2 return the hub holds (the current import of an LA and collection year), with what
/// validation found in it.
package struct ImportedReturn: Sendable, Hashable {
    package var importID: Int64
    package var laCode: String
    package var collectionYear: Int
    package var censusDate: String?
    package var sourceName: String
    package var importedAt: String
    /// Persons stored.
    package var persons: Int
    /// Persons held back from every indicator by errors.
    package var quarantined: Int
    package var errors: Int
    package var warnings: Int
    /// The most frequent rules found, most frequent first.
    package var topFindings: [FindingCount]

    package init(importID: Int64, laCode: String, collectionYear: Int, censusDate: String?, sourceName: String,
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
package struct FindingCount: Sendable, Hashable {
    package var rule: String
    /// `error` or `warning`.
    package var severity: String
    package var count: Int

    package init(rule: String, severity: String, count: Int) {
        self.rule = rule
        self.severity = severity
        self.count = count
    }
}

/// A reference data set in use (establishments, population, costs, neighbours, published tables).
package struct ReferenceImport: Sendable, Hashable {
    package var dataset: String
    package var sourceName: String
    package var importedAt: String
    package var records: Int

    package init(dataset: String, sourceName: String, importedAt: String, records: Int) {
        self.dataset = dataset
        self.sourceName = sourceName
        self.importedAt = importedAt
        self.records = records
    }
}
