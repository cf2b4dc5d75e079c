import HubStore
import ReferenceData

/// What an output needs to know about where an LA sits: its name, region and region members,
/// statistical neighbours, and the config's named groups.
public struct LAGeography: Sendable {
    public var names: [String: String]
    public var regionOf: [String: (code: String, name: String?)]
    public var regionMembers: [String: [String]]
    public var neighbours: [String: [String]]
    public var groups: [String: [String]]

    public init(names: [String: String] = [:], regionOf: [String: (code: String, name: String?)] = [:],
                regionMembers: [String: [String]] = [:], neighbours: [String: [String]] = [:],
                groups: [String: [String]] = [:]) {
        self.names = names
        self.regionOf = regionOf
        self.regionMembers = regionMembers
        self.neighbours = neighbours
        self.groups = groups
    }

    /// Reads the register and the neighbours edition (default: the newest) for `laCodes`.
    public static func load(_ database: Database, for laCodes: [String], neighboursEdition: String? = nil,
                            groups: [String: [String]] = [:]) throws -> LAGeography {
        let register = LARegister(database: database)
        let neighbourTable = StatisticalNeighbours(database: database)
        var geography = LAGeography(groups: groups)
        do {
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
    public func name(_ code: String) -> String { names[code] ?? code }

    /// The members of the LA's region (empty when the register does not place it).
    public func regionMembers(of code: String) -> [String] {
        regionOf[code].flatMap { regionMembers[$0.code] } ?? []
    }

    /// The members of a named group.
    public func members(ofGroup name: String) throws -> [String] {
        do {
            return try LAGroups.members(of: name, in: groups, knownCodes: [])
        } catch {
            throw ComparisonTablesError.lookup("\(error)")
        }
    }
}
