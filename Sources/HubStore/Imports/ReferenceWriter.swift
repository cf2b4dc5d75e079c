import HubKit

/// Writes reference records (establishments, population, placement costs) of one import.
public final class ReferenceWriter {
    private let database: Database
    private let importID: Int64
    private var establishmentInsert: Statement?
    private var populationInsert: Statement?
    private var costInsert: Statement?

    public init(database: Database, importID: Int64) {
        self.database = database
        self.importID = importID
    }

    public func write(_ e: EstablishmentRecord) throws {
        let s = try establishmentInsert ?? database.prepare("""
            INSERT OR REPLACE INTO establishments (urn, import_id, la_code, name, type_code, type_name, phase,
                status, ukprn, postcode_district) VALUES (?,?,?,?,?,?,?,?,?,?)
            """)
        establishmentInsert = s
        s.bind(e.urn, at: 1)
        s.bind(importID, at: 2)
        s.bind(e.laCode, at: 3)
        s.bind(e.name, at: 4)
        s.bind(e.typeCode, at: 5)
        s.bind(e.typeName, at: 6)
        s.bind(e.phase, at: 7)
        s.bind(e.status, at: 8)
        s.bind(e.ukprn, at: 9)
        s.bind(e.postcodeDistrict, at: 10)
        try s.insert()
    }

    public func write(_ p: PopulationRecord) throws {
        let s = try populationInsert ?? database.prepare(
            "INSERT OR REPLACE INTO population (import_id, la_code, year, age, population) VALUES (?,?,?,?,?)")
        populationInsert = s
        s.bind(importID, at: 1)
        s.bind(p.laCode, at: 2)
        s.bind(p.year, at: 3)
        s.bind(p.age, at: 4)
        s.bind(p.population, at: 5)
        try s.insert()
    }

    /// Writes a cost row; `personPseudonym` replaces any per-child identifier.
    public func write(_ c: PlacementCostRecord, personPseudonym: String?) throws {
        let s = try costInsert ?? database.prepare("""
            INSERT INTO placement_costs (import_id, la_code, urn, placement_type, person_pseudonym, annual_cost)
            VALUES (?,?,?,?,?,?)
            """)
        costInsert = s
        s.bind(importID, at: 1)
        s.bind(c.laCode, at: 2)
        s.bind(c.urn, at: 3)
        s.bind(c.placementType, at: 4)
        s.bind(personPseudonym, at: 5)
        s.bind(c.annualCost, at: 6)
        try s.insert()
    }
}
