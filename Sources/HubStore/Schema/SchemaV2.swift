/// Schema version 2: reference tables the indicators need besides the returns.
enum SchemaV2 {
    static let referenceTables = """
    CREATE TABLE regions (
        region_code TEXT PRIMARY KEY,
        name        TEXT NOT NULL
    );

    -- One row per authority and E-code period: a 3-digit code and a date resolve to one row.
    CREATE TABLE local_authorities (
        la_code     TEXT NOT NULL,           -- 3-digit DfE LA number
        e_code      TEXT NOT NULL,           -- ONS code (E06/E08/E09/E10)
        name        TEXT NOT NULL,
        region_code TEXT REFERENCES regions(region_code),
        status      TEXT,
        valid_from  TEXT,
        valid_to    TEXT,
        PRIMARY KEY (la_code, e_code)
    );

    CREATE TABLE statistical_neighbours (
        edition           TEXT NOT NULL,     -- e.g. 2025-05
        la_code           TEXT NOT NULL,
        rank              INTEGER NOT NULL,
        neighbour_la_code TEXT NOT NULL,
        PRIMARY KEY (edition, la_code, rank)
    );

    CREATE TABLE establishments (
        urn               TEXT PRIMARY KEY,
        import_id         INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        la_code           TEXT,              -- LA the establishment is located in
        name              TEXT,
        type_code         INTEGER,           -- GIAS TypeOfEstablishment (code)
        type_name         TEXT,
        phase             TEXT,
        status            TEXT,
        ukprn             TEXT,
        postcode_district TEXT
    );
    CREATE INDEX establishments_by_import ON establishments(import_id);

    CREATE TABLE population (
        import_id  INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        la_code    TEXT NOT NULL,
        year       INTEGER NOT NULL,
        age        INTEGER NOT NULL,
        population REAL NOT NULL,
        PRIMARY KEY (la_code, year, age)
    );

    CREATE TABLE placement_costs (
        id               INTEGER PRIMARY KEY,
        import_id        INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        la_code          TEXT NOT NULL,      -- the placing (paying) LA
        urn              TEXT,
        placement_type   TEXT,
        person_pseudonym TEXT,               -- per-child costs: hashed like every identifier
        annual_cost      REAL NOT NULL
    );
    CREATE INDEX placement_costs_by_la ON placement_costs(la_code, urn);
    """
}
