import HubKit

/// What a scope's cohort is read from (docs/scoping.md, "The cohort"), over the read-only
/// connection a metric gets (``MetricContext``): the current returns, the register's locations and
/// each return's children with a plan at its census.
package enum CohortRows {
    /// A current SEN2 return, with its LA's name from the register (its newest period's).
    package struct Return: Sendable, Hashable {
        package var laCode: String?
        package var collectionYear: Int?
        /// `YYYY-MM-DD`.
        package var censusDate: String?
        package var importID: Int64?
        package var laName: String?
    }

    /// An establishment of the register with where it is.
    package struct Establishment: Sendable, Hashable {
        package var urn: String
        package var ukprn: String?
        package var laCode: String?
        package var postcodeDistrict: String?
        package var easting: Double?
        package var northing: Double?
    }

    /// A child's plan active at the census, with the placement attended then (if any): a child's
    /// rows start with the one ``CensusPick`` picks.
    package struct Child: Sendable, Hashable {
        package var personID: Int64
        package var pseudonym: String?
        /// `YYYY-MM`.
        package var birthMonth: String?
        package var postcodeDistrict: String?
        package var primaryNeed: String?
        /// Every need of the plan's active plans details, by rank, comma-separated.
        package var needs: String?
        /// True when a placement was attended at the census (the placement fields are nil otherwise).
        package var attended: Bool
        package var urn: String?
        package var ukprn: String?
        package var senSetting: String?
        /// `YYYY-MM-DD`.
        package var entryDate: String?
        /// The attended establishment's type (GIAS code) and LA, when it is in the register.
        package var establishmentType: Int?
        package var establishmentLA: String?
    }

    /// Every current return.
    package static func currentReturns(_ context: any MetricContext) throws -> [Return] {
        try context.rows("""
            SELECT r.la_code, r.collection_year, r.census_date, r.import_id,
                   (SELECT name FROM local_authorities l WHERE l.la_code = r.la_code ORDER BY l.valid_to IS NULL DESC, l.valid_to DESC LIMIT 1)
            FROM current_returns r
            """).map { row in
            let importID: Int64? = if case let .integer(id) = row[3] { id } else { nil }
            return Return(laCode: row[0].string, collectionYear: row[1].int, censusDate: row[2].string, importID: importID,
                          laName: row[4].string)
        }
    }

    /// Every establishment, in URN order.
    package static func establishments(_ context: any MetricContext) throws -> [Establishment] {
        try context.rows("SELECT urn, ukprn, la_code, postcode_district, easting, northing FROM establishments ORDER BY urn")
            .map { row in
                Establishment(urn: row[0].string ?? "", ukprn: row[1].string, laCode: row[2].string,
                              postcodeDistrict: row[3].string, easting: row[4].double, northing: row[5].double)
            }
    }

    /// The establishment with `urn` (name, location and LA), or nil when the register lacks it.
    package static func establishment(urn: String, _ context: any MetricContext) throws -> (
        name: String?, easting: Double?, northing: Double?, laCode: String?
    )? {
        try context.rows("SELECT name, easting, northing, la_code FROM establishments WHERE urn = ?", [.text(urn)]).first
            .map { ($0[0].string, $0[1].double, $0[2].double, $0[3].string) }
    }

    /// Calls `body` with each plan of import `importID` active on `census` (`YYYY-MM-DD`), by
    /// person, the census pick first.
    package static func forEachChild(_ context: any MetricContext, importID: Int64, census: String,
                                    _ body: (Child) throws -> Void) throws {
        try context.query("""
            SELECT p.id, p.pseudonym, p.birth_month, p.postcode_district, sn.sen_type,
                   (SELECT group_concat(s2.sen_type, ',') FROM (SELECT sen_type FROM sen_needs
                        WHERE active_plans_id = ap.id ORDER BY sen_type_rank, id) s2),
                   pl.id, pl.urn, pl.ukprn, pl.sen_setting, pl.entry_date, e.type_code, e.la_code
            FROM persons p
            JOIN requests q ON q.person_id = p.id
            JOIN assessments a ON a.request_id = q.id
            JOIN named_plans n ON n.assessment_id = a.id
            LEFT JOIN active_plans ap ON ap.request_id = q.id
            LEFT JOIN sen_needs sn ON sn.active_plans_id = ap.id AND sn.sen_type_rank = 1
            LEFT JOIN placements pl ON pl.active_plans_id = ap.id AND pl.entry_date <= ?2
                 AND (pl.leaving_date IS NULL OR pl.leaving_date >= ?2)
            LEFT JOIN establishments e ON e.urn = pl.urn
            WHERE p.import_id = ?1 AND n.start_date <= ?2 AND (n.cease_date IS NULL OR n.cease_date > ?2)
            ORDER BY p.id, \(CensusPick.orderBy)
            """, [.integer(importID), .text(census)]) { row in
            guard case let .integer(person) = row[0] else { return }
            try body(Child(personID: person, pseudonym: row[1].string, birthMonth: row[2].string,
                           postcodeDistrict: row[3].string, primaryNeed: row[4].string, needs: row[5].string,
                           attended: row[6] != .null, urn: row[7].string, ukprn: row[8].string, senSetting: row[9].string,
                           entryDate: row[10].string, establishmentType: row[11].int, establishmentLA: row[12].string))
        }
    }
}
