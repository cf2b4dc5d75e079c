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

    -- Directed lists: A listing B does not mean B lists A. Editions sit side by side.
    CREATE TABLE statistical_neighbours (
        edition           TEXT NOT NULL,     -- e.g. 2025-05
        la_code           TEXT NOT NULL,
        rank              INTEGER NOT NULL,
        neighbour_la_code TEXT NOT NULL,
        closeness         TEXT,
        import_id         INTEGER REFERENCES imports(id) ON DELETE CASCADE, -- null for the bundled edition
        PRIMARY KEY (edition, la_code, rank)
    );

    -- ONS lower-tier (district) to upper-tier (county / unitary) areas, to roll district figures up
    -- to the education authority.
    CREATE TABLE area_lookup (
        ltla_code TEXT PRIMARY KEY,
        ltla_name TEXT,
        utla_code TEXT NOT NULL,
        utla_name TEXT
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

    -- Resident population by 3-digit LA (districts already rolled up), mid-year, single year of age.
    CREATE TABLE population (
        import_id  INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        la_code    TEXT NOT NULL,
        year       INTEGER NOT NULL,
        age        INTEGER NOT NULL,
        population REAL NOT NULL,
        PRIMARY KEY (import_id, la_code, year, age)
    );

    -- The newest import wins for each LA and year.
    CREATE VIEW current_population AS
        SELECT p.la_code, p.year, p.age, p.population, p.import_id FROM population p
        WHERE p.import_id = (SELECT max(p2.import_id) FROM population p2 WHERE p2.la_code = p.la_code AND p2.year = p.year);

    -- Published statistics (e.g. Explore Education Statistics files), one row per cell, symbols kept.
    CREATE TABLE published_values (
        id               INTEGER PRIMARY KEY,
        import_id        INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        source_table     TEXT NOT NULL,      -- the data file's name without extension
        time_period      TEXT NOT NULL,      -- 202324 or 2024, as published
        time_identifier  TEXT NOT NULL,
        geographic_level TEXT NOT NULL,      -- National | Regional | Local authority
        area_code        TEXT NOT NULL,      -- 3-digit LA code, region code or country code
        area_name        TEXT,
        dimensions       TEXT NOT NULL,      -- other filter columns, "name=value" joined with "; "
        measure          TEXT NOT NULL,
        value_text       TEXT NOT NULL,      -- as published: a number or x, z, c, low, :
        value            REAL,               -- the number, when it is one
        line             INTEGER
    );
    CREATE INDEX published_values_lookup ON published_values(source_table, measure, time_period, area_code);

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

    -- The config's default cost bands (costs.default_bands), copied in before indicators are computed.
    CREATE TABLE default_cost_bands (
        placement_type TEXT NOT NULL,
        phase          TEXT NOT NULL DEFAULT '',
        annual_cost    REAL NOT NULL,
        PRIMARY KEY (placement_type, phase)
    );
    """
}
