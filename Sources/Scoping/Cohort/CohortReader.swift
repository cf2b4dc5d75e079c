import HubKit
import HubStore

/// Reads a scope's cohort from the store (docs/scoping.md, "The cohort"): each member LA's return of
/// the group's latest census, the child's one plan and placement at the census as the census
/// summaries pick them (`CensusPick`), the register's locations, and the placement costs by the
/// routes the cost indicators use (`PlacementCostBook`).
package enum CohortReader {
    /// `bands`: the config's default cost bands (`costs.default_bands`, keys without a phase), used
    /// instead of the ones the store holds from its last indicator run; nil: the store's.
    package static func read(_ context: any MetricContext, members: [String], assumptions: ScopeAssumptions,
                            leftOut: [(la: String, reason: String)] = [], bands: [String: Double]? = nil) throws -> Cohort {
        var returns: [String: [Int: (importID: Int64, census: Day)]] = [:]
        var names: [String: String] = [:]
        for held in try CohortRows.currentReturns(context) {
            guard let la = held.laCode, members.contains(la), let year = held.collectionYear, let id = held.importID,
                  let census = held.censusDate.flatMap({ Day(iso: $0) }) else { continue }
            returns[la, default: [:]][year] = (id, census)
            if let name = held.laName { names[la] = name }
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
        RegisterLocations(rows: try CohortRows.establishments(context).map { e in
            (urn: e.urn, ukprn: e.ukprn, la: e.laCode, district: e.postcodeDistrict, easting: e.easting, northing: e.northing)
        })
    }

    /// The children of one return in scope (need and age; any setting).
    static func readChildren(_ context: any MetricContext, la: String, importID: Int64, census: Day,
                             assumptions: ScopeAssumptions, locations: RegisterLocations, book: PlacementCostBook,
                             newSince: Day, members: Set<String>) throws -> [CohortChild] {
        let needs = Set(assumptions.needs.map { $0.uppercased() })
        var children: [CohortChild] = []
        var lastPerson: Int64?
        try CohortRows.forEachChild(context, importID: importID, census: census.iso) { row in
            let person = row.personID
            guard person != lastPerson else { return }
            lastPerson = person
            // The need in scope: the primary need, or with any rank the first in-scope need listed.
            let primary = row.primaryNeed?.uppercased()
            let need: String?
            if assumptions.anyRank {
                need = (row.needs ?? "").split(separator: ",").map { $0.uppercased() }.first { needs.contains($0) }
            } else {
                need = primary.flatMap { needs.contains($0) ? $0 : nil }
            }
            guard let need, let birth = row.birthMonth.flatMap({ Day(iso: "\($0)-01") }) else { return }
            let age = ageOnAugust31Before(census, birth: birth)
            guard assumptions.ages.contains(age) else { return }
            let urn = row.urn, ukprn = row.ukprn
            let category = PlacementCategory.of(typeCode: row.establishmentType, urn: urn, ukprn: ukprn, setting: row.senSetting,
                                                hasPlacement: row.attended)
            let placementLA = urn != nil ? row.establishmentLA : ukprn.flatMap { locations.providerLAs[$0] }
            let (home, homeLocation) = locations.home(district: row.postcodeDistrict, la: la)
            let placement = urn.flatMap { locations.establishments[$0] } ?? ukprn.flatMap { locations.providers[$0] }
            let (cost, route) = category == .unknown
                ? (nil, PlacementCostRoute.none)
                : book.cost(pseudonym: row.pseudonym, urn: urn, category: category, la: la)
            let entry = row.entryDate.flatMap { Day(iso: $0) }
            children.append(CohortChild(
                la: la, ncy: age - 4, need: need, category: category, placementLA: placementLA,
                inRegister: placementLA != nil, home: home, homeLocation: homeLocation, placement: placement,
                annualCost: cost, costRoute: route, newPlacement: entry.map { $0 > newSince } ?? false))
        }
        return children
    }
}
