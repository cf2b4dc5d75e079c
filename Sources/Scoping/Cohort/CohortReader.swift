import HubKit
import HubStore

/// Reads a scope's cohort from the store (docs/scoping.md, "The cohort"): each member LA's return of
/// the group's latest census, the child's one plan and placement at the census as the census
/// summaries pick them (`CensusPick`), the register's locations, and the placement costs by the
/// routes the cost indicators use (`PlacementCostBook`).
public enum CohortReader {
    /// `bands`: the config's default cost bands (`costs.default_bands`, keys without a phase), used
    /// instead of the ones the store holds from its last indicator run; nil: the store's.
    public static func read(_ context: any MetricContext, members: [String], assumptions: ScopeAssumptions,
                            leftOut: [(la: String, reason: String)] = [], bands: [String: Double]? = nil) throws -> Cohort {
        var returns: [String: [Int: (importID: Int64, census: Day)]] = [:]
        var names: [String: String] = [:]
        for row in try context.rows("""
            SELECT r.la_code, r.collection_year, r.census_date, r.import_id,
                   (SELECT name FROM local_authorities l WHERE l.la_code = r.la_code ORDER BY l.valid_to IS NULL DESC, l.valid_to DESC LIMIT 1)
            FROM current_returns r
            """) {
            guard let la = row[0].string, members.contains(la), let year = row[1].int, case let .integer(id) = row[3],
                  let census = row[2].string.flatMap({ Day(iso: $0) }) else { continue }
            returns[la, default: [:]][year] = (id, census)
            if let name = row[4].string { names[la] = name }
        }
        guard let year = returns.values.flatMap(\.keys).max() else {
            throw ScopeError.noReturns(group: assumptions.group)
        }
        var skipped = leftOut
        var las: [String] = []
        for la in members.sorted() {
            if returns[la]?[year] != nil { las.append(la) } else if !skipped.contains(where: { $0.la == la }) {
                skipped.append((la, "no return for the \(Period.census(collectionYear: year).label) census"))
            }
        }
        let locations = try readLocations(context)
        var book = try PlacementCostBook.read(context)
        if let bands {
            book.bands = [:]
            for (type, cost) in bands where !type.contains("/") { book.bands[PlacementCostBook.key(type)] = cost }
        }
        let memberSet = Set(members)
        var children: [CohortChild] = []
        var previous: [String: Int] = [:]
        for la in las {
            let current = returns[la]![year]!
            let before = returns[la]?[year - 1]
            let since = before?.census ?? current.census.adding(days: -365)
            children += try readChildren(context, la: la, importID: current.importID, census: current.census,
                                         assumptions: assumptions, locations: locations, book: book, newSince: since,
                                         members: memberSet)
            if let before {
                previous[la] = try readChildren(context, la: la, importID: before.importID, census: before.census,
                                                assumptions: assumptions, locations: locations, book: book,
                                                newSince: before.census, members: memberSet).count
            }
        }
        return Cohort(collectionYear: year, las: las, leftOut: skipped, children: children, previousCensus: previous,
                      locations: locations, names: names)
    }

    /// Every establishment's location, the district and LA means built from them, and each
    /// UKPRN's LA. Rows in URN order: a UKPRN's LA is that of its lowest URN.
    static func readLocations(_ context: any MetricContext) throws -> RegisterLocations {
        let rows = try context.rows("SELECT urn, ukprn, la_code, postcode_district, easting, northing FROM establishments ORDER BY urn")
        return RegisterLocations(rows: rows.map { row in
            (urn: row[0].string ?? "", ukprn: row[1].string, la: row[2].string, district: row[3].string,
             easting: row[4].double, northing: row[5].double)
        })
    }

    /// The children of one return in scope (need and age; any setting).
    static func readChildren(_ context: any MetricContext, la: String, importID: Int64, census: Day,
                             assumptions: ScopeAssumptions, locations: RegisterLocations, book: PlacementCostBook,
                             newSince: Day, members: Set<String>) throws -> [CohortChild] {
        let needs = Set(assumptions.needs.map { $0.uppercased() })
        var children: [CohortChild] = []
        var lastPerson: Int64?
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
            """, [.integer(importID), .text(census.iso)]) { row in
            guard case let .integer(person) = row[0], person != lastPerson else { return }
            lastPerson = person
            // The need in scope: the primary need, or with any rank the first in-scope need listed.
            let primary = row[4].string?.uppercased()
            let need: String?
            if assumptions.anyRank {
                need = (row[5].string ?? "").split(separator: ",").map { $0.uppercased() }.first { needs.contains($0) }
            } else {
                need = primary.flatMap { needs.contains($0) ? $0 : nil }
            }
            guard let need, let birth = row[2].string.flatMap({ Day(iso: "\($0)-01") }) else { return }
            let age = ageOnAugust31Before(census, birth: birth)
            guard assumptions.ages.contains(age) else { return }
            let urn = row[7].string, ukprn = row[8].string
            let category = PlacementCategory.of(typeCode: row[11].int, urn: urn, ukprn: ukprn, setting: row[9].string,
                                                hasPlacement: row[6] != .null)
            let placementLA = urn != nil ? row[12].string : ukprn.flatMap { locations.providerLAs[$0] }
            let (home, homeLocation) = locations.home(district: row[3].string, la: la)
            let placement = urn.flatMap { locations.establishments[$0] } ?? ukprn.flatMap { locations.providers[$0] }
            let (cost, route) = category == .unknown
                ? (nil, PlacementCostRoute.none)
                : book.cost(pseudonym: row[1].string, urn: urn, category: category, la: la)
            let entry = row[10].string.flatMap { Day(iso: $0) }
            children.append(CohortChild(
                la: la, ncy: age - 4, need: need, category: category, placementLA: placementLA,
                inRegister: placementLA != nil, home: home, homeLocation: homeLocation, placement: placement,
                annualCost: cost, costRoute: route, newPlacement: entry.map { $0 > newSince } ?? false))
        }
        return children
    }
}
