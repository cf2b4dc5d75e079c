/// One authority as the register knows it for a period.
package struct LARegisterEntry: Sendable, Hashable {
    package var laCode: String
    package var eCode: String
    package var name: String
    package var regionCode: String?
    package var regionName: String?
    package var validFrom: String?
    package var validTo: String?
}

/// Resolves LA codes against the register in the store, on a date: North Yorkshire (815) is
/// E10000023 until 2023-03-31 and E06000065 from 2023-04-01; Dorset was 835 until 2019 and is 838.
package struct LARegister {
    package let database: Database
    package init(database: Database) { self.database = database }

    /// The authority with 3-digit `code` (or E-code) in operation on `date` (`YYYY-MM-DD`).
    package func authority(code: String, on date: String) throws -> LARegisterEntry? {
        try database.rows("""
            SELECT la.la_code, la.e_code, la.name, la.region_code, r.name, la.valid_from, la.valid_to
            FROM local_authorities la LEFT JOIN regions r ON r.region_code = la.region_code
            WHERE (la.la_code = ? OR la.e_code = ?)
              AND (la.valid_from IS NULL OR la.valid_from <= ?) AND (la.valid_to IS NULL OR la.valid_to >= ?)
            ORDER BY la.valid_from DESC LIMIT 1
            """, [.text(code), .text(code), .text(date), .text(date)]).first.map { row in
            LARegisterEntry(laCode: row[0].string ?? "", eCode: row[1].string ?? "", name: row[2].string ?? "",
                            regionCode: row[3].string, regionName: row[4].string, validFrom: row[5].string,
                            validTo: row[6].string)
        }
    }

    /// The most recent name the register has for a 3-digit code (any period).
    package func name(of code: String) throws -> String? {
        try database.scalar("SELECT name FROM local_authorities WHERE la_code = ? ORDER BY valid_from DESC LIMIT 1",
                            [.text(code)])?.string
    }

    /// The region of a 3-digit code (its most recent period), with the region's name.
    package func region(of code: String) throws -> (code: String, name: String?)? {
        try database.rows("""
            SELECT la.region_code, r.name FROM local_authorities la LEFT JOIN regions r ON r.region_code = la.region_code
            WHERE la.la_code = ? AND la.region_code IS NOT NULL ORDER BY la.valid_from DESC LIMIT 1
            """, [.text(code)]).first.map { ($0[0].string ?? "", $0[1].string) }
    }

    /// Every 3-digit code the register places in a region (any period).
    package func members(ofRegion regionCode: String) throws -> [String] {
        try database.rows("SELECT DISTINCT la_code FROM local_authorities WHERE region_code = ? ORDER BY la_code",
                          [.text(regionCode)]).compactMap { $0[0].string }
    }

    /// Every 3-digit code in the register (any period).
    package func knownCodes() throws -> Set<String> {
        Set(try database.rows("SELECT DISTINCT la_code FROM local_authorities").compactMap { $0[0].string })
    }

    /// Every period of every authority, with its region's name, by code and then oldest period
    /// first: the last entry of a code is its most recent period.
    package func periods() throws -> [LARegisterEntry] {
        try database.rows("""
            SELECT la.la_code, la.e_code, la.name, la.region_code, r.name, la.valid_from, la.valid_to
            FROM local_authorities la LEFT JOIN regions r ON r.region_code = la.region_code
            ORDER BY la.la_code, la.valid_from
            """).map { row in
            LARegisterEntry(laCode: row[0].string ?? "", eCode: row[1].string ?? "", name: row[2].string ?? "",
                            regionCode: row[3].string, regionName: row[4].string, validFrom: row[5].string,
                            validTo: row[6].string)
        }
    }

    /// True when `code` is an authority's E-code (any period) or a region's code.
    package func isAreaCode(_ code: String) throws -> Bool {
        try database.scalar("""
            SELECT EXISTS (SELECT 1 FROM local_authorities WHERE e_code = ?1)
                OR EXISTS (SELECT 1 FROM regions WHERE region_code = ?1)
            """, [.text(code)])?.int == 1
    }
}
