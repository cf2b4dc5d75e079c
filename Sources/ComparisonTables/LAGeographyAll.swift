import HubStore

extension LAGeography {
    /// The whole register and one neighbours edition (default: the newest) in three queries, for
    /// outputs that show every LA at once (the report's charts of all LAs). Each LA takes the name
    /// and region of its most recent register period, as ``load(_:for:neighboursEdition:groups:)``
    /// does for a few.
    package static func loadAll(_ database: Database, neighboursEdition: String? = nil,
                               groups: [String: [String]] = [:]) throws -> LAGeography {
        var geography = LAGeography(groups: groups)
        do {
            let register = LARegister(database: database)
            var members: [String: Set<String>] = [:]
            let periods = try register.periods()
            for period in periods {
                // Oldest period first: the last period of a code is its most recent.
                geography.names[period.laCode] = period.name
                if let region = period.regionCode {
                    geography.regionOf[period.laCode] = (code: region, name: period.regionName)
                    members[region, default: []].insert(period.laCode)
                }
            }
            geography.regionMembers = members.mapValues { $0.sorted() }
            geography.register = registerSpans(periods)
            let neighbours = StatisticalNeighbours(database: database)
            if let edition = try neighbours.edition(neighboursEdition) {
                geography.neighbours = try neighbours.lists(edition: edition)
            }
        } catch {
            throw ComparisonTablesError.lookup("\(error)")
        }
        return geography
    }
}
