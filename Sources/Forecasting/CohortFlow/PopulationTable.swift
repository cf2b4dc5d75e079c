import HubStore

/// Resident population by LA, mid-year and single year of age 0-25 (`current_population`): what
/// joiners are scaled by.
package enum PopulationTable {
    /// LA -> mid-year -> population at ages 0...25.
    package static func read(_ database: Database, las: Set<String>) throws -> [String: [Int: [Double]]] {
        var table: [String: [Int: [Double]]] = [:]
        for row in try ReferenceTables(database: database).population(ages: 0...25) where las.contains(row.laCode) {
            table[row.laCode, default: [:]][row.year, default: [Double](repeating: 0, count: 26)][row.age] = row.population
        }
        return table
    }
}
