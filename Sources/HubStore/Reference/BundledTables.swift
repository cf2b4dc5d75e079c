/// Writes the reference tables the project bundles (regions, the LA register, census days, the
/// ONS district lookup and bundled neighbour editions); the caller holds the transaction.
package struct BundledTables {
    package let database: Database
    package init(database: Database) { self.database = database }

    /// Empties the LA register and the regions (the register first: it refers to the regions).
    package func clearRegister() throws {
        try database.execute("DELETE FROM local_authorities")
        try database.execute("DELETE FROM regions")
    }

    package func addRegion(code: String, name: String) throws {
        try database.execute("INSERT INTO regions (region_code, name) VALUES (?, ?)", [.text(code), .text(name)])
    }

    /// Adds one period of an authority; nil fields are stored as NULL.
    package func addAuthority(laCode: String?, eCode: String?, name: String?, regionCode: String?, status: String?,
                             validFrom: String?, validTo: String?) throws {
        try database.execute("""
            INSERT INTO local_authorities (la_code, e_code, name, region_code, status, valid_from, valid_to)
            VALUES (?,?,?,?,?,?,?)
            """, [laCode, eCode, name, regionCode, status, validFrom, validTo].map { $0.map(SQLValue.text) ?? .null })
    }

    package func clearCensusDays() throws {
        try database.execute("DELETE FROM census_dates")
    }

    /// Adds a collection year's census day (`YYYY-MM-DD`).
    package func addCensusDay(collectionYear: Int, day: String) throws {
        try database.execute("INSERT INTO census_dates (collection_year, census_date) VALUES (?, ?)",
                             [.integer(Int64(collectionYear)), .text(day)])
    }

    package func clearDistrictLookup() throws {
        try database.execute("DELETE FROM area_lookup")
    }

    /// Adds a lower-tier district and the upper-tier area it belongs to.
    package func addDistrict(ltlaCode: String, ltlaName: String, utlaCode: String, utlaName: String) throws {
        try database.execute("INSERT INTO area_lookup (ltla_code, ltla_name, utla_code, utla_name) VALUES (?,?,?,?)",
                             [.text(ltlaCode), .text(ltlaName), .text(utlaCode), .text(utlaName)])
    }

    /// Removes the bundled links of a neighbours edition, keeping any the user imported.
    package func clearBundledNeighbours(edition: String) throws {
        try database.execute("DELETE FROM statistical_neighbours WHERE edition = ? AND import_id IS NULL", [.text(edition)])
    }

    /// Adds a bundled neighbour link, unless the edition already has one for that LA and rank (an
    /// edition the user imported themselves wins over the bundled copy).
    package func addBundledNeighbour(edition: String, laCode: String, rank: Int, neighbourLACode: String,
                                    closeness: String?) throws {
        try database.execute("""
            INSERT OR IGNORE INTO statistical_neighbours (edition, la_code, rank, neighbour_la_code, closeness)
            VALUES (?,?,?,?,?)
            """, [.text(edition), .text(laCode), .integer(Int64(rank)), .text(neighbourLACode),
                  closeness.map(SQLValue.text) ?? .null])
    }
}
