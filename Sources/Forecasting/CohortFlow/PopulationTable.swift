import HubStore

/// Resident population by LA, mid-year and single year of age 0-25 (`current_population`): what
/// joiners are scaled by.
public enum PopulationTable {
    /// LA -> mid-year -> population at ages 0...25.
    public static func read(_ database: Database, las: Set<String>) throws -> [String: [Int: [Double]]] {
        var table: [String: [Int: [Double]]] = [:]
        for row in try database.rows("SELECT la_code, year, age, population FROM current_population WHERE age BETWEEN 0 AND 25") {
            guard let la = row[0].string, las.contains(la), let year = row[1].int, let age = row[2].int,
                  let population = row[3].double else { continue }
            table[la, default: [:]][year, default: [Double](repeating: 0, count: 26)][age] = population
        }
        return table
    }
}
