import ComparisonTables
import HubStore

/// A published DfE table whose figures the hub holds.
package struct PublishedTable: Sendable, Hashable {
    package var name: String
    /// Time periods as published (`202324`, `2024`), oldest first.
    package var periods: [String]
    package var importedAt: String

    package init(name: String, periods: [String], importedAt: String) {
        self.name = name
        self.periods = periods
        self.importedAt = importedAt
    }
}

/// Everything a report shows, read from the store once: indicator values, where every LA sits, the
/// returns held with their validation findings, and the reference data behind them.
package struct ReportData: Sendable {
    package var snapshot: IndicatorSnapshot
    package var geography: LAGeography
    /// The statistical neighbours edition used (nil when none is loaded).
    package var neighboursEdition: String?
    /// Current SEN2 returns, by LA then year.
    package var returns: [ImportedReturn]
    package var referenceImports: [ReferenceImport]
    package var publishedTables: [PublishedTable]

    package init(snapshot: IndicatorSnapshot, geography: LAGeography, neighboursEdition: String? = nil,
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
    package static func load(_ database: Database, neighboursEdition: String? = nil,
                            groups: [String: [String]] = [:]) throws -> ReportData {
        let geography = try LAGeography.loadAll(database, neighboursEdition: neighboursEdition, groups: groups)
        let edition = try StatisticalNeighbours(database: database).editions()
        return ReportData(snapshot: try IndicatorSnapshot.load(database), geography: geography,
                          neighboursEdition: neighboursEdition ?? edition.first,
                          returns: try Self.returns(database), referenceImports: try Self.referenceImports(database),
                          publishedTables: try Self.publishedTables(database))
    }

    /// The data without the LAs `codes`: their figures and their returns (an output for a purpose
    /// they have not opted in to; docs/governance.md, "Purposes").
    package func leavingOut(_ codes: some Collection<String>) -> ReportData {
        let gone = Set(codes)
        guard !gone.isEmpty else { return self }
        var data = self
        data.snapshot = snapshot.leavingOut(gone)
        data.returns = returns.filter { !gone.contains($0.laCode) }
        return data
    }

    static func returns(_ database: Database) throws -> [ImportedReturn] {
        try HeldImports(database: database).currentReturns()
    }

    static func referenceImports(_ database: Database) throws -> [ReferenceImport] {
        try HeldImports(database: database).currentReferenceImports()
    }

    static func publishedTables(_ database: Database) throws -> [PublishedTable] {
        var periods: [String: Set<String>] = [:]
        var importedAt: [String: String] = [:]
        for held in try HeldImports(database: database).publishedPeriods() {
            periods[held.table, default: []].insert(held.timePeriod)
            importedAt[held.table] = max(importedAt[held.table] ?? "", held.importedAt)
        }
        return periods.keys.sorted().map {
            PublishedTable(name: $0, periods: periods[$0]!.sorted(), importedAt: importedAt[$0] ?? "")
        }
    }
}
