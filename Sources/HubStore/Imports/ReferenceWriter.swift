import HubKit

/// Writes reference records (establishments, population, placement costs) of one import.
package final class ReferenceWriter {
    private let database: Database
    private let importID: Int64
    private var establishmentInsert: Statement?
    private var populationInsert: Statement?
    private var costInsert: Statement?
    private var neighbourInsert: Statement?
    private var publishedInsert: Statement?

    package init(database: Database, importID: Int64) {
        self.database = database
        self.importID = importID
    }

    package func write(_ e: EstablishmentRecord) throws {
        let s = try establishmentInsert ?? database.prepare("""
            INSERT OR REPLACE INTO establishments (urn, import_id, la_code, name, type_code, type_name, phase,
                status, ukprn, postcode_district, easting, northing) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
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
        s.bind(e.easting, at: 11)
        s.bind(e.northing, at: 12)
        try s.insert()
    }

    package func write(_ p: PopulationRecord) throws {
        // Districts rolled up to one LA arrive as several rows: they add up.
        let s = try populationInsert ?? database.prepare("""
            INSERT INTO population (import_id, la_code, year, age, population) VALUES (?,?,?,?,?)
            ON CONFLICT (import_id, la_code, year, age) DO UPDATE SET population = population + excluded.population
            """)
        populationInsert = s
        s.bind(importID, at: 1)
        s.bind(p.laCode, at: 2)
        s.bind(p.year, at: 3)
        s.bind(p.age, at: 4)
        s.bind(p.population, at: 5)
        try s.insert()
    }

    /// Writes a cost row; `personPseudonym` replaces any per-child identifier.
    package func write(_ c: PlacementCostRecord, personPseudonym: String?) throws {
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

    /// Writes a neighbour link, replacing the same edition's link of that rank.
    package func write(_ n: NeighbourRecord) throws {
        let s = try neighbourInsert ?? database.prepare("""
            INSERT OR REPLACE INTO statistical_neighbours (edition, la_code, rank, neighbour_la_code, closeness, import_id)
            VALUES (?,?,?,?,?,?)
            """)
        neighbourInsert = s
        s.bind(n.edition, at: 1)
        s.bind(n.laCode, at: 2)
        s.bind(n.rank, at: 3)
        s.bind(n.neighbourLACode, at: 4)
        s.bind(n.closeness, at: 5)
        s.bind(importID, at: 6)
        try s.insert()
    }

    package func write(_ o: PublishedObservation) throws {
        let s = try publishedInsert ?? database.prepare("""
            INSERT INTO published_values (import_id, source_table, time_period, time_identifier, geographic_level,
                area_code, area_name, dimensions, measure, value_text, value, line) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        publishedInsert = s
        s.bind(importID, at: 1)
        s.bind(o.table, at: 2)
        s.bind(o.timePeriod, at: 3)
        s.bind(o.timeIdentifier, at: 4)
        s.bind(o.geographicLevel, at: 5)
        s.bind(o.areaCode, at: 6)
        s.bind(o.areaName, at: 7)
        s.bind(o.dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: "; "), at: 8)
        s.bind(o.measure, at: 9)
        s.bind(o.value, at: 10)
        s.bind(o.number, at: 11)
        s.bind(o.line, at: 12)
        try s.insert()
    }
}
