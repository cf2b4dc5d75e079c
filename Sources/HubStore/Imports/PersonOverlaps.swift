/// A child who appears in more than one LA's current return for the same collection year (found
/// by pseudonym), with what each return says about a transfer.
package struct PersonOverlap: Sendable, Hashable {
    package struct Appearance: Sendable, Hashable {
        package var laCode: String
        package var importID: Int64
        package var personIndex: Int
        /// `Exported` values on the person's requests in this return.
        package var exportedTo: [String]
        /// `TransferLA` values on the person's active plans in this return.
        package var transferLA: [String]
        /// Whether the return shows a plan active at its census date.
        package var activePlanAtCensus: Bool
    }

    package var collectionYear: Int
    package var pseudonym: String
    package var appearances: [Appearance]
}

/// Finds children in two or more LAs' returns of one year: transfers, or double counting.
package struct PersonOverlaps {
    package let database: Database
    package init(database: Database) { self.database = database }

    package func all() throws -> [PersonOverlap] {
        let rows = try database.rows("""
            WITH shared AS (
                SELECT collection_year, pseudonym FROM current_persons
                WHERE pseudonym IS NOT NULL
                GROUP BY collection_year, pseudonym HAVING COUNT(DISTINCT la_code) > 1
            )
            SELECT p.collection_year, p.pseudonym, p.la_code, p.import_id, p.person_index,
                   (SELECT group_concat(DISTINCT q.exported) FROM requests q WHERE q.person_id = p.id AND q.exported IS NOT NULL),
                   (SELECT group_concat(DISTINCT ap.transfer_la) FROM requests q JOIN active_plans ap ON ap.request_id = q.id
                    WHERE q.person_id = p.id AND ap.transfer_la IS NOT NULL),
                   EXISTS (SELECT 1 FROM requests q JOIN assessments a ON a.request_id = q.id
                           JOIN named_plans n ON n.assessment_id = a.id
                           WHERE q.person_id = p.id AND n.start_date <= p.census_date
                           AND (n.cease_date IS NULL OR n.cease_date > p.census_date))
            FROM current_persons p JOIN shared s ON s.collection_year = p.collection_year AND s.pseudonym = p.pseudonym
            ORDER BY p.collection_year, p.pseudonym, p.la_code, p.person_index
            """)
        var overlaps: [PersonOverlap] = []
        for row in rows {
            let year = row[0].int ?? 0
            let pseudonym = row[1].string ?? ""
            let appearance = PersonOverlap.Appearance(
                laCode: row[2].string ?? "", importID: row[3].int64 ?? 0, personIndex: row[4].int ?? 0,
                exportedTo: row[5].string.map { $0.split(separator: ",").map(String.init) } ?? [],
                transferLA: row[6].string.map { $0.split(separator: ",").map(String.init) } ?? [],
                activePlanAtCensus: row[7].int == 1)
            if let last = overlaps.last, last.collectionYear == year, last.pseudonym == pseudonym {
                overlaps[overlaps.count - 1].appearances.append(appearance)
            } else {
                overlaps.append(PersonOverlap(collectionYear: year, pseudonym: pseudonym, appearances: [appearance]))
            }
        }
        return overlaps
    }
}
