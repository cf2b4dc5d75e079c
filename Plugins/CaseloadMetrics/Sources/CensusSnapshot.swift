import HubKit

/// One child with a plan active at a return's census date, with what the caseload indicators
/// need (docs/sen2.md census-date logic, `CensusChoice`): the plan started latest among the child's
/// active plans, its placement attended at the census (rank 1 first, else rank 2; of one rank the
/// one entered latest), its primary need, and the
/// establishment's type and location when the URN is in the register.
struct CensusChild: Sendable {
    var laCode: String
    var collectionYear: Int
    var birthMonth: String?
    var primaryNeed: String?
    var category: PlacementCategory
    /// The LA the placement's establishment is located in (nil when not located).
    var establishmentLA: String?
    /// The child's pseudonym (to find a per-child placement cost) and the placement's URN, UKPRN
    /// and SENSetting.
    var pseudonym: String?
    var urn: String?
    var ukprn: String? = nil
    var senSetting: String? = nil

    /// Age on the 31 August before the census (the hub's one age convention). The store keeps
    /// the birth month only; the month is enough, because 31 August ends its month.
    var age: Int? {
        guard let birthMonth, birthMonth.count == 7, let year = Int(birthMonth.prefix(4)),
              let month = Int(birthMonth.suffix(2)) else { return nil }
        return (collectionYear - 1) - year - (month > 8 ? 1 : 0)
    }
}

/// Reads current returns' children with an active plan at their census date from the module
/// tables, child by child (the caseload counts come from the summaries instead: `ReturnCensus`).
enum CensusSnapshot {
    /// Every child, or with `withPerChildCost` only those whose pseudonym has a per-child cost.
    static func read(_ context: any MetricContext, withPerChildCost: Bool = false) throws -> [CensusChild] {
        var children: [CensusChild] = []
        var lastKey: (Int64, Int64)?
        try context.query("""
            SELECT r.import_id, p.id, r.la_code, r.collection_year, p.birth_month, sn.sen_type,
                   pl.id, pl.urn, pl.ukprn, pl.sen_setting, e.type_code, e.la_code, p.pseudonym
            FROM current_returns r
            JOIN persons p ON p.import_id = r.import_id
            JOIN requests q ON q.person_id = p.id
            JOIN assessments a ON a.request_id = q.id
            JOIN named_plans n ON n.assessment_id = a.id
            LEFT JOIN active_plans ap ON ap.request_id = q.id
            LEFT JOIN sen_needs sn ON sn.active_plans_id = ap.id AND sn.sen_type_rank = 1
            LEFT JOIN placements pl ON pl.active_plans_id = ap.id AND pl.entry_date <= r.census_date
                 AND (pl.leaving_date IS NULL OR pl.leaving_date >= r.census_date)
            LEFT JOIN establishments e ON e.urn = pl.urn
            WHERE n.start_date <= r.census_date AND (n.cease_date IS NULL OR n.cease_date > r.census_date)
            \(withPerChildCost ? "AND p.pseudonym IN (SELECT person_pseudonym FROM placement_costs)" : "")
            ORDER BY r.import_id, p.id, n.start_date DESC, pl.placement_rank IS NULL, pl.placement_rank, q.id,
                     pl.entry_date DESC, coalesce(pl.urn, pl.ukprn, pl.sen_setting), sn.id, pl.id
            """, []) { row in
            // The choice of the summaries (HubKit `CensusChoice`, the store's SchemaV8): the plan that
            // started latest, then of one rank the placement entered latest, then the lowest setting;
            // the costs of children with their own cost are taken out of the summary group they are
            // counted in, so both must pick the same placement.
            guard case let .integer(importID) = row[0], case let .integer(personID) = row[1] else { return }
            // The first row of a child is its latest plan's best-ranked current placement.
            if let lastKey, lastKey == (importID, personID) { return }
            lastKey = (importID, personID)
            let hasPlacement = row[6] != .null
            children.append(CensusChild(
                laCode: row[2].string ?? "", collectionYear: row[3].int ?? 0, birthMonth: row[4].string,
                primaryNeed: row[5].string,
                category: PlacementCategory.of(typeCode: row[10].int, urn: row[7].string, ukprn: row[8].string,
                                               setting: row[9].string, hasPlacement: hasPlacement),
                establishmentLA: row[11].string, pseudonym: row[12].string, urn: row[7].string, ukprn: row[8].string,
                senSetting: row[9].string))
        }
        return children
    }
}
