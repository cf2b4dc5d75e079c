/// Every child of every current SEN2 return with a plan active at the return's census date, one
/// row per plan and placement attended then, for models that follow children from census to census
/// (docs/forecasting.md).
package enum CensusPlans {
    /// One active plan of a child at a census, with a placement attended then (if any) and the
    /// primary need of its active plans details.
    package struct Row: Sendable, Hashable {
        package var importID: Int64
        package var personID: Int64
        package var laCode: String?
        package var collectionYear: Int?
        package var pseudonym: String?
        /// `YYYY-MM`.
        package var birthMonth: String?
        package var primaryNeed: String?
        /// True when a placement was attended at the census (the placement fields are nil otherwise).
        package var attended: Bool
        package var urn: String?
        package var ukprn: String?
        package var senSetting: String?
        package var senUnit: Bool
        package var resourcedProvision: Bool
        /// The attended establishment's type (GIAS code), when it is in the register.
        package var establishmentType: Int?
    }

    /// Calls `body` with each row, by import and person; a child's rows start with the plan and
    /// placement the census summaries count for it (``CensusPick``).
    package static func forEach(in database: Database, _ body: (Row) throws -> Void) throws {
        let statement = try database.prepare("""
            SELECT r.import_id, p.id, r.la_code, r.collection_year, p.pseudonym, p.birth_month, sn.sen_type,
                   pl.id, pl.urn, pl.ukprn, pl.sen_setting, pl.sen_unit, pl.resourced_provision, e.type_code
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
            ORDER BY r.import_id, p.id, \(CensusPick.orderBy)
            """)
        defer { statement.reset() }
        while try statement.step() {
            let row = statement.row()
            guard case let .integer(importID) = row[0], case let .integer(personID) = row[1] else { continue }
            try body(Row(importID: importID, personID: personID, laCode: row[2].string, collectionYear: row[3].int,
                         pseudonym: row[4].string, birthMonth: row[5].string, primaryNeed: row[6].string,
                         attended: row[7] != .null, urn: row[8].string, ukprn: row[9].string,
                         senSetting: row[10].string, senUnit: row[11].int == 1, resourcedProvision: row[12].int == 1,
                         establishmentType: row[13].int))
        }
    }
}
