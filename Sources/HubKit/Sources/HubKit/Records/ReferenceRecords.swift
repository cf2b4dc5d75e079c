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

    public init(urn: String, laCode: String? = nil, name: String? = nil, typeCode: Int? = nil,
                typeName: String? = nil, phase: String? = nil, status: String? = nil,
                ukprn: String? = nil, postcodeDistrict: String? = nil) {
        self.urn = urn
        self.laCode = laCode
        self.name = name
        self.typeCode = typeCode
        self.typeName = typeName
        self.phase = phase
        self.status = status
        self.ukprn = ukprn
        self.postcodeDistrict = postcodeDistrict
    }
}

/// Resident population of one LA for one year and single year of age.
public struct PopulationRecord: Sendable, Hashable {
    public var laCode: String
    public var year: Int
    public var age: Int
    public var population: Double

    public init(laCode: String, year: Int, age: Int, population: Double) {
        self.laCode = laCode
        self.year = year
        self.age = age
        self.population = population
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

    public init(laCode: String, urn: String? = nil, placementType: String? = nil,
                personIdentifier: String? = nil, annualCost: Double) {
        self.laCode = laCode
        self.urn = urn
        self.placementType = placementType
        self.personIdentifier = personIdentifier
        self.annualCost = annualCost
    }
}
