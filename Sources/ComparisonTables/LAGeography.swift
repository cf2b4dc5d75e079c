import HubStore
import ReferenceData

/// What an output needs to know about where an LA sits: its name, region and region members,
/// statistical neighbours, and the config's named groups.
package struct LAGeography: Sendable {
    package var names: [String: String]
    package var regionOf: [String: (code: String, name: String?)]
    package var regionMembers: [String: [String]]
    package var neighbours: [String: [String]]
    package var groups: [String: [String]]
    /// Every LA of the register and when it was in operation: which LAs make up England and each
    /// region on a date (empty when no register is loaded).
    package var register: [String: RegisterSpan]

    /// The region of an LA's newest register period, and the dates its code was in operation.
    package struct RegisterSpan: Sendable, Equatable {
        package var regionCode: String?
        /// `YYYY-MM-DD`; nil: from the start of the register.
        package var from: String?
        /// `YYYY-MM-DD`; nil: still in operation.
        package var to: String?

        package init(regionCode: String?, from: String? = nil, to: String? = nil) {
            self.regionCode = regionCode
            self.from = from
            self.to = to
        }

        /// True when the LA was in operation on `date`.
        package func covers(_ date: String) -> Bool {
            (from.map { $0 <= date } ?? true) && (to.map { $0 >= date } ?? true)
        }
    }

    package init(names: [String: String] = [:], regionOf: [String: (code: String, name: String?)] = [:],
                regionMembers: [String: [String]] = [:], neighbours: [String: [String]] = [:],
                groups: [String: [String]] = [:], register: [String: RegisterSpan] = [:]) {
        self.names = names
        self.regionOf = regionOf
        self.regionMembers = regionMembers
        self.neighbours = neighbours
        self.groups = groups
        self.register = register
    }

    /// The LAs in operation on `date` (any date when nil) in a region, or in England when
    /// `regionCode` is nil. Without a register: the LAs the geography places in regions.
    package func members(ofRegion regionCode: String?, on date: String?) -> Set<String> {
        if register.isEmpty {
            return Set(regionOf.filter { regionCode == nil || $0.value.code == regionCode }.keys)
        }
        return Set(register.filter { code, span in
            (regionCode == nil || span.regionCode == regionCode) && (date.map(span.covers) ?? true)
        }.keys)
    }

    /// Every LA's span of operation and region (its newest period's), from the register's periods
    /// (by code, oldest first).
    static func registerSpans(_ periods: [LARegisterEntry]) -> [String: RegisterSpan] {
        var spans: [String: RegisterSpan] = [:]
        for period in periods {
            if var span = spans[period.laCode] {
                // Periods in date order: the first gives the start, the last the end and the region.
                span.to = period.validTo
                if let region = period.regionCode { span.regionCode = region }
                spans[period.laCode] = span
            } else {
                spans[period.laCode] = RegisterSpan(regionCode: period.regionCode, from: period.validFrom, to: period.validTo)
            }
        }
        return spans
    }

    /// Reads the register and the neighbours edition (default: the newest) for `laCodes`.
    package static func load(_ database: Database, for laCodes: [String], neighboursEdition: String? = nil,
                            groups: [String: [String]] = [:]) throws -> LAGeography {
        let register = LARegister(database: database)
        let neighbourTable = StatisticalNeighbours(database: database)
        var geography = LAGeography(groups: groups)
        do {
            geography.register = registerSpans(try register.periods())
            for code in Set(laCodes) {
                if let name = try register.name(of: code) { geography.names[code] = name }
                if let region = try register.region(of: code) {
                    geography.regionOf[code] = region
                    if geography.regionMembers[region.code] == nil {
                        geography.regionMembers[region.code] = try register.members(ofRegion: region.code)
                    }
                }
                geography.neighbours[code] = try neighbourTable.neighbours(of: code, edition: neighboursEdition).map(\.laCode)
            }
            for code in Set(geography.neighbours.values.joined()) where geography.names[code] == nil {
                if let name = try register.name(of: code) { geography.names[code] = name }
            }
        } catch {
            throw ComparisonTablesError.lookup("\(error)")
        }
        return geography
    }

    /// The LA's name, else its code.
    package func name(_ code: String) -> String { names[code] ?? code }

    /// The members of the LA's region (empty when the register does not place it).
    package func regionMembers(of code: String) -> [String] {
        regionOf[code].flatMap { regionMembers[$0.code] } ?? []
    }

    /// The members of a named group.
    package func members(ofGroup name: String) throws -> [String] {
        do {
            return try LAGroups.members(of: name, in: groups, knownCodes: [])
        } catch {
            throw ComparisonTablesError.lookup("\(error)")
        }
    }
}
