import HubKit

/// Which attribute of the children at the census a group of them shares.
enum CensusDimension: Sendable {
    case placement, primaryNeed, birthMonth
}

/// Children at a return's census who share one attribute: `child` carries that attribute (and the
/// return's LA and year), `children` says how many there are.
struct CensusGroup: Sendable {
    var child: CensusChild
    var children: Double
}

/// One current return's children with a plan active at its census date, as the store counted them
/// when the return was imported (schema V4: `return_summaries`, `census_placements`,
/// `census_needs`, `census_birth_months`; docs/sen2.md census-date logic). Each dimension's groups add
/// up to all the children.
struct ReturnCensus: Sendable {
    var importID: Int64
    var laCode: String
    var collectionYear: Int
    var children: Double
    var placements: [CensusGroup] = []
    var primaryNeeds: [CensusGroup] = []
    var birthMonths: [CensusGroup] = []

    func groups(_ dimension: CensusDimension) -> [CensusGroup] {
        switch dimension {
        case .placement: return placements
        case .primaryNeed: return primaryNeeds
        case .birthMonth: return birthMonths
        }
    }

    /// Children of the groups of `dimension` that `filter` keeps.
    func count(_ dimension: CensusDimension, where filter: (CensusChild) -> Bool) -> Double {
        groups(dimension).reduce(0) { filter($1.child) ? $0 + $1.children : $0 }
    }

    /// Every current return, by LA and collection year, with its census groups (with
    /// `placementsOnly`, no need and birth month groups). Fails when a current return has no
    /// summary (only a store written around the import pipeline lacks one).
    static func readAll(_ context: any MetricContext, placementsOnly: Bool = false) throws -> [ReturnCensus] {
        var returns: [ReturnCensus] = []
        var missing: [String] = []
        try context.query("""
            SELECT r.import_id, r.la_code, r.collection_year, s.census_children FROM current_returns r
            LEFT JOIN return_summaries s ON s.import_id = r.import_id ORDER BY r.la_code, r.collection_year
            """, []) { row in
            guard case let .integer(importID) = row[0], let la = row[1].string, let year = row[2].int else { return }
            guard let children = row[3].double else {
                missing.append("\(la) \(year) (import \(importID))")
                return
            }
            returns.append(ReturnCensus(importID: importID, laCode: la, collectionYear: year, children: children))
        }
        guard missing.isEmpty else { throw MissingSummary(returns: missing) }
        var index: [Int64: Int] = [:]
        for (position, census) in returns.enumerated() { index[census.importID] = position }
        func each(_ sql: String, _ body: (inout ReturnCensus, [StoreValue]) -> Void) throws {
            try context.query(sql, []) { row in
                guard case let .integer(importID) = row[0], let position = index[importID] else { return }
                body(&returns[position], row)
            }
        }
        try each("""
            SELECT c.import_id, c.children, c.attended, c.urn, c.ukprn, c.sen_setting, e.type_code, e.la_code
            FROM current_returns r JOIN census_placements c ON c.import_id = r.import_id
            LEFT JOIN establishments e ON e.urn = c.urn
            """) { census, row in
            let urn = row[3].string
            census.placements.append(CensusGroup(child: CensusChild(
                laCode: census.laCode, collectionYear: census.collectionYear, birthMonth: nil, primaryNeed: nil,
                category: PlacementCategory.of(typeCode: row[6].int, urn: urn, ukprn: row[4].string, setting: row[5].string,
                                               hasPlacement: row[2].int == 1),
                establishmentLA: row[7].string, pseudonym: nil, urn: urn, ukprn: row[4].string, senSetting: row[5].string),
                children: row[1].double ?? 0))
        }
        guard !placementsOnly else { return returns }
        try each("""
            SELECT c.import_id, c.children, c.primary_need FROM current_returns r
            JOIN census_needs c ON c.import_id = r.import_id
            """) { census, row in
            census.primaryNeeds.append(CensusGroup(child: census.child(primaryNeed: row[2].string), children: row[1].double ?? 0))
        }
        try each("""
            SELECT c.import_id, c.children, c.birth_month FROM current_returns r
            JOIN census_birth_months c ON c.import_id = r.import_id
            """) { census, row in
            census.birthMonths.append(CensusGroup(child: census.child(birthMonth: row[2].string), children: row[1].double ?? 0))
        }
        return returns
    }

    private func child(birthMonth: String? = nil, primaryNeed: String? = nil) -> CensusChild {
        CensusChild(laCode: laCode, collectionYear: collectionYear, birthMonth: birthMonth, primaryNeed: primaryNeed,
                    category: .unknown, establishmentLA: nil, pseudonym: nil, urn: nil)
    }
}

/// Current returns without a summary (schema V4): their figures cannot be counted. Only a store
/// written around the import pipeline lacks them.
struct MissingSummary: Error, CustomStringConvertible {
    var returns: [String]
    var description: String {
        "no summary for the return(s) \(returns.joined(separator: ", ")): reprocess them (hnhub reprocess)"
    }

    /// Fails when a current return has no summary.
    static func check(_ context: any MetricContext) throws {
        var returns: [String] = []
        try context.query("""
            SELECT r.la_code, r.collection_year, r.import_id FROM current_returns r
            WHERE NOT EXISTS (SELECT 1 FROM return_summaries s WHERE s.import_id = r.import_id)
            """, []) { row in
            returns.append("\(row[0].string ?? "?") \(row[1].int ?? 0) (import \(row[2].int ?? 0))")
        }
        guard returns.isEmpty else { throw MissingSummary(returns: returns) }
    }
}
