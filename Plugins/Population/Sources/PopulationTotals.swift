import HubKit

/// Adds up rows that land on the same area, year and age (the two sexes of the ONS layout) into
/// one record, keeping the line of the first row for messages.
struct PopulationTotals {
    private struct Key: Hashable {
        var area: String
        var year: Int
        var age: Int
    }

    private var records: [Key: PopulationRecord] = [:]

    var isEmpty: Bool { records.isEmpty }

    mutating func add(area: String, year: Int, age: Int, population: Double, line: Int) {
        let key = Key(area: area, year: year, age: age)
        if records[key] != nil {
            records[key]!.population += population
        } else {
            records[key] = PopulationRecord(laCode: area, year: year, age: age, population: population, line: line)
        }
    }

    /// The totals by area, year and age, emptying the collection.
    mutating func drain() -> [PopulationRecord] {
        defer { records.removeAll(keepingCapacity: true) }
        return records.values.sorted { ($0.laCode, $0.year, $0.age) < ($1.laCode, $1.year, $1.age) }
    }
}
