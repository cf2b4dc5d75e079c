import HubStore
import ReferenceData

extension LAGeography {
    /// The whole register and one neighbours edition (default: the newest) in three queries, for
    /// outputs that show every LA at once (the report's charts of all LAs). Each LA takes the name
    /// and region of its most recent register period, as ``load(_:for:neighboursEdition:groups:)``
    /// does for a few.
    public static func loadAll(_ database: Database, neighboursEdition: String? = nil,
                               groups: [String: [String]] = [:]) throws -> LAGeography {
        var geography = LAGeography(groups: groups)
        do {
            let rows = try database.rows("""
                SELECT la.la_code, la.name, la.region_code, r.name FROM local_authorities la
                LEFT JOIN regions r ON r.region_code = la.region_code
                ORDER BY la.la_code, la.valid_from
                """)
            var members: [String: Set<String>] = [:]
            for row in rows {
                guard let code = row[0].string else { continue }
                // Ordered by valid_from: the last row of a code is its most recent period.
                if let name = row[1].string { geography.names[code] = name }
                if let region = row[2].string {
                    geography.regionOf[code] = (code: region, name: row[3].string)
                    members[region, default: []].insert(code)
                }
            }
            geography.regionMembers = members.mapValues { $0.sorted() }
            geography.register = try registerSpans(database)
            if let edition = try StatisticalNeighbours(database: database).edition(neighboursEdition) {
                for row in try database.rows("""
                    SELECT la_code, neighbour_la_code FROM statistical_neighbours WHERE edition = ? ORDER BY la_code, rank
                    """, [.text(edition)]) {
                    guard let code = row[0].string, let neighbour = row[1].string else { continue }
                    geography.neighbours[code, default: []].append(neighbour)
                }
            }
        } catch {
            throw ComparisonTablesError.lookup("\(error)")
        }
        return geography
    }
}
