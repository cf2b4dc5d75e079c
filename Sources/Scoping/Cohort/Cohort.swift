import HubKit

/// A scope's cohort: the children of the group's LAs in scope at the latest census, and what the
/// hub knows around them (docs/scoping.md).
package struct Cohort: Sendable {
    /// The collection year of the census (e.g. 2025 for January 2025).
    package var collectionYear: Int
    /// The group's LAs with a return for that census, in code order.
    package var las: [String]
    /// Members of the group the scope could not use, with the reason (no return for the census, not
    /// opted in).
    package var leftOut: [(la: String, reason: String)]
    package var children: [CohortChild]
    /// Children in scope (need and age, any setting) at the census before, per LA; nil when an LA
    /// has no return for it.
    package var previousCensus: [String: Int]
    /// What the register gives to locate homes and placements.
    package var locations: RegisterLocations
    /// LA names, by code.
    package var names: [String: String]

    package init(collectionYear: Int, las: [String], leftOut: [(la: String, reason: String)] = [],
                children: [CohortChild], previousCensus: [String: Int] = [:], locations: RegisterLocations = RegisterLocations(),
                names: [String: String] = [:]) {
        self.collectionYear = collectionYear
        self.las = las
        self.leftOut = leftOut
        self.children = children
        self.previousCensus = previousCensus
        self.locations = locations
        self.names = names
    }

    /// The census's label, e.g. `2024/25` for January 2025.
    package var period: String { Period.census(collectionYear: collectionYear).label }

    /// The cohort's change between the last two censuses, over the LAs with both; nil when none has both.
    package var recentGrowth: Double? {
        var now = 0, before = 0
        for la in las {
            guard let previous = previousCensus[la] else { continue }
            before += previous
            now += children.filter { $0.la == la }.count
        }
        guard before > 0 else { return nil }
        return Double(now) / Double(before)
    }
}
