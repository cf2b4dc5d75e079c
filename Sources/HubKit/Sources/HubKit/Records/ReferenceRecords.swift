// Records of the context data sets the indicators need: the establishment register, population and
// placement costs. LA codes are 3-digit DfE numbers once they reach the sink.

/// One establishment from the GIAS register.
public struct EstablishmentRecord: Sendable, Hashable {
    public var urn: String
    /// 3-digit LA the establishment is located in.
    public var laCode: String?
    public var name: String?
    public var typeCode: Int?
    public var typeName: String?
    public var phase: String?
    public var status: String?
    public var ukprn: String?
    /// Outward code of the postcode only.
    public var postcodeDistrict: String?
    /// Location on the British National Grid (GIAS `Easting`, `Northing`), in metres.
    public var easting: Int?
    public var northing: Int?

    public init(urn: String, laCode: String? = nil, name: String? = nil, typeCode: Int? = nil,
                typeName: String? = nil, phase: String? = nil, status: String? = nil,
                ukprn: String? = nil, postcodeDistrict: String? = nil, easting: Int? = nil, northing: Int? = nil) {
        self.urn = urn
        self.laCode = laCode
        self.name = name
        self.typeCode = typeCode
        self.typeName = typeName
        self.phase = phase
        self.status = status
        self.ukprn = ukprn
        self.postcodeDistrict = postcodeDistrict
        self.easting = easting
        self.northing = northing
    }
}

/// A cell of a tabular input (1-based line and column), for messages about a value the host
/// checks (e.g. an LA code it cannot resolve).
public struct CellReference: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public var columnName: String

    public init(line: Int, column: Int, columnName: String) {
        self.line = line
        self.column = column
        self.columnName = columnName
    }
}

/// Resident population of one area for one year and single year of age.
public struct PopulationRecord: Sendable, Hashable {
    /// A 3-digit LA code, or an ONS area code: an upper-tier E-code (E06/E08/E09/E10) is resolved
    /// to its LA, a district (E07) is rolled up to its county, by the host.
    public var laCode: String
    public var year: Int
    public var age: Int
    public var population: Double
    /// The line of the input the row came from, for messages.
    public var line: Int?
    /// The cell `laCode` was read from, for messages.
    public var laCodeCell: CellReference?

    public init(laCode: String, year: Int, age: Int, population: Double, line: Int? = nil,
                laCodeCell: CellReference? = nil) {
        self.laCodeCell = laCodeCell
        self.laCode = laCode
        self.year = year
        self.age = age
        self.population = population
        self.line = line
    }
}

/// What a placing LA pays a year for a place.
public struct PlacementCostRecord: Sendable, Hashable {
    /// The placing (paying) LA.
    public var laCode: String
    /// Establishment, or nil for the LA's default for `placementType`.
    public var urn: String?
    public var placementType: String?
    /// Per-child cost: the person's identifier (hashed by the host before storage).
    public var personIdentifier: String?
    public var annualCost: Double
    /// The line of the input the row came from, for messages.
    public var line: Int?
    /// The cell `laCode` was read from, for messages.
    public var laCodeCell: CellReference?

    public init(laCode: String, urn: String? = nil, placementType: String? = nil,
                personIdentifier: String? = nil, annualCost: Double, line: Int? = nil,
                laCodeCell: CellReference? = nil) {
        self.laCodeCell = laCodeCell
        self.line = line
        self.laCode = laCode
        self.urn = urn
        self.placementType = placementType
        self.personIdentifier = personIdentifier
        self.annualCost = annualCost
    }
}

/// One link of a statistical neighbour list: `laCode`'s neighbour of rank `rank` (1 = closest) in
/// one edition. Lists are directed: A listing B does not mean B lists A.
public struct NeighbourRecord: Sendable, Hashable {
    /// The edition, e.g. `2025-05`.
    public var edition: String
    public var laCode: String
    public var rank: Int
    public var neighbourLACode: String
    /// The publisher's closeness label (e.g. `Close`, `Very close`), when given.
    public var closeness: String?

    public init(edition: String, laCode: String, rank: Int, neighbourLACode: String, closeness: String? = nil) {
        self.edition = edition
        self.laCode = laCode
        self.rank = rank
        self.neighbourLACode = neighbourLACode
        self.closeness = closeness
    }
}

/// One cell of a published statistics table in the tidy layout (Explore Education Statistics):
/// a measure for one geography, period and breakdown. Values keep their symbols (`x`, `z`, `c`,
/// `low`, `:`) as text; `number` is set only when the cell is a number.
public struct PublishedObservation: Sendable, Hashable {
    /// The table the cell comes from (e.g. the data file's name without extension).
    public var table: String
    /// `202324` (academic year) or `2024` (calendar year), as published.
    public var timePeriod: String
    /// e.g. `Academic year`, `Calendar year`.
    public var timeIdentifier: String
    /// `National`, `Regional` or `Local authority`.
    public var geographicLevel: String
    /// 3-digit LA code for LA rows, region code for regional rows, country code for national rows.
    public var areaCode: String
    public var areaName: String
    /// The other dimensions of the row (e.g. `breakdown_topic`, `breakdown`, `age`), in column order.
    public var dimensions: [Dimension]
    /// The measure's column name.
    public var measure: String
    /// The cell as published.
    public var value: String
    public var number: Double?
    /// Where the cell is: row (1-based, header = 1) of the file.
    public var line: Int

    public struct Dimension: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(table: String, timePeriod: String, timeIdentifier: String, geographicLevel: String,
                areaCode: String, areaName: String, dimensions: [Dimension], measure: String, value: String,
                number: Double?, line: Int) {
        self.table = table
        self.timePeriod = timePeriod
        self.timeIdentifier = timeIdentifier
        self.geographicLevel = geographicLevel
        self.areaCode = areaCode
        self.areaName = areaName
        self.dimensions = dimensions
        self.measure = measure
        self.value = value
        self.number = number
        self.line = line
    }
}
