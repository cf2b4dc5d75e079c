/// The reference data the hub's modules read, as imported: resident population, placement costs,
/// published statistics, the establishments known and the census days.
package struct ReferenceTables {
    /// The resident population of one LA, mid-year and single year of age.
    package struct Population: Sendable, Hashable {
        package var laCode: String
        package var year: Int
        package var age: Int
        package var population: Double
    }

    /// One placement cost row (a child's or a band's annual cost) with its placement type.
    package struct PlacementCost: Sendable, Hashable {
        package var laCode: String
        package var placementType: String
        package var annualCost: Double
    }

    /// One published cell that is a number.
    package struct PublishedValue: Sendable, Hashable {
        /// `National`, `Regional` or `Local authority`.
        package var geographicLevel: String
        package var areaCode: String
        package var areaName: String?
        /// As published (`202324`, `2024`).
        package var timePeriod: String
        /// The other filter columns, `name=value` joined with `; `.
        package var dimensions: String
        package var measure: String
        package var value: Double
    }

    package let database: Database
    package init(database: Database) { self.database = database }

    /// The URN of every establishment in the store.
    package func establishmentURNs() throws -> Set<String> {
        Set(try database.rows("SELECT urn FROM establishments").compactMap { $0[0].string })
    }

    /// Collection year -> its census day (`YYYY-MM-DD`), as loaded by `hnhub init`.
    package func censusDays() throws -> [Int: String] {
        var days: [Int: String] = [:]
        for row in try database.rows("SELECT collection_year, census_date FROM census_dates") {
            if let year = row[0].int, let day = row[1].string { days[year] = day }
        }
        return days
    }

    /// The current population (the newest import for each LA and year) at `ages`.
    package func population(ages: ClosedRange<Int>) throws -> [Population] {
        try database.rows("SELECT la_code, year, age, population FROM current_population WHERE age BETWEEN ? AND ?",
                          [.integer(Int64(ages.lowerBound)), .integer(Int64(ages.upperBound))]).compactMap { row in
            guard let la = row[0].string, let year = row[1].int, let age = row[2].int, let population = row[3].double else {
                return nil
            }
            return Population(laCode: la, year: year, age: age, population: population)
        }
    }

    /// Every placement cost row that gives a placement type, in every import.
    package func placementCosts() throws -> [PlacementCost] {
        try database.rows("SELECT la_code, placement_type, annual_cost FROM placement_costs WHERE placement_type IS NOT NULL")
            .compactMap { row in
                guard let la = row[0].string, let type = row[1].string, let cost = row[2].double else { return nil }
                return PlacementCost(laCode: la, placementType: type, annualCost: cost)
            }
    }

    /// The published cells at `levels` of periods of `timeIdentifier` (`Academic year`) whose
    /// measure is one of `measures` and whose value is a number, in the order they were stored.
    package func publishedValues(levels: [String], timeIdentifier: String, measures: [String]) throws -> [PublishedValue] {
        guard !levels.isEmpty, !measures.isEmpty else { return [] }
        let levelMarks = Array(repeating: "?", count: levels.count).joined(separator: ",")
        let measureMarks = Array(repeating: "?", count: measures.count).joined(separator: ",")
        return try database.rows("""
            SELECT geographic_level, area_code, area_name, time_period, dimensions, measure, value FROM published_values
            WHERE geographic_level IN (\(levelMarks)) AND time_identifier = ?
              AND value IS NOT NULL AND measure IN (\(measureMarks))
            ORDER BY id
            """, levels.map(SQLValue.text) + [.text(timeIdentifier)] + measures.map(SQLValue.text)).compactMap { row in
            guard let level = row[0].string, let area = row[1].string, let period = row[3].string,
                  let dimensions = row[4].string, let measure = row[5].string, let value = row[6].double else { return nil }
            return PublishedValue(geographicLevel: level, areaCode: area, areaName: row[2].string, timePeriod: period,
                                  dimensions: dimensions, measure: measure, value: value)
        }
    }
}
