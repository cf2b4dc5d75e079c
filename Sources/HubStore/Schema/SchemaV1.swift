/// Schema version 1: imports (returns and other data sets), their sealed raw bytes, and the SEN2
/// person-level modules in the relational shape of the COLLECT Blade tables (one table per module,
/// each row keyed to its parent). Dates are ISO `YYYY-MM-DD` text; flags are 0/1.
enum SchemaV1 {
    static let returnsAndModules = """
    CREATE TABLE imports (
        id               INTEGER PRIMARY KEY,
        dataset          TEXT NOT NULL,      -- sen2-return | establishments | population | placement-costs
        scope            TEXT NOT NULL,      -- what a newer import of the same scope replaces
        source_name      TEXT NOT NULL,      -- file or folder as given
        checksum         TEXT NOT NULL,      -- SHA-256 of the input bytes as given
        input_bytes      INTEGER NOT NULL,
        importer_id      TEXT NOT NULL,
        importer_version TEXT NOT NULL,
        imported_at      TEXT NOT NULL,      -- UTC, ISO 8601
        la_code          TEXT,               -- SEN2: LEA
        collection_year  INTEGER,            -- SEN2: Year
        census_date      TEXT,               -- SEN2: ReferenceDate
        records          INTEGER NOT NULL DEFAULT 0, -- persons (returns) or rows stored
        quarantined      INTEGER NOT NULL DEFAULT 0, -- persons held back by errors
        errors           INTEGER NOT NULL DEFAULT 0,
        warnings         INTEGER NOT NULL DEFAULT 0,
        superseded_by    INTEGER REFERENCES imports(id),
        superseded_at    TEXT,
        archive_format   TEXT                -- how import_archive chunks are encoded
    );
    CREATE UNIQUE INDEX imports_one_current_per_scope ON imports(scope) WHERE superseded_by IS NULL;
    CREATE INDEX imports_by_checksum ON imports(checksum);

    -- The input as given, compressed with zlib and sealed with a key derived from the hub secret,
    -- in chunks so a large file never sits in memory whole.
    CREATE TABLE import_archive (
        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        seq       INTEGER NOT NULL,
        file_name TEXT NOT NULL,             -- which file of the import the chunk belongs to
        sealed    BLOB NOT NULL,
        PRIMARY KEY (import_id, seq)
    ) WITHOUT ROWID;

    CREATE TABLE validation_issues (
        id           INTEGER PRIMARY KEY,
        import_id    INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        rule_id      TEXT NOT NULL,
        severity     TEXT NOT NULL,          -- error | warning
        person_index INTEGER,
        file         TEXT,                   -- the file of a multi-file import (e.g. a Blade table)
        line         INTEGER,
        path         TEXT,
        value        TEXT,                   -- masked when it comes from an identifying field
        message      TEXT NOT NULL
    );
    CREATE INDEX validation_issues_by_import ON validation_issues(import_id, rule_id);

    -- Persons held back by errors: the reasons are in validation_issues (same import, person_index).
    CREATE TABLE quarantine (
        import_id    INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        person_index INTEGER NOT NULL,
        line         INTEGER,
        pseudonym    TEXT,
        rules        TEXT NOT NULL,          -- comma-separated rule ids of the errors
        PRIMARY KEY (import_id, person_index)
    ) WITHOUT ROWID;

    -- Module 1. No names, no identifiers: pseudonym = HMAC-SHA256(hub secret, person key).
    CREATE TABLE persons (
        id                INTEGER PRIMARY KEY,
        import_id         INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        person_index      INTEGER NOT NULL,
        pseudonym         TEXT,
        key_kind          TEXT,              -- upn | uln | name | none: what the pseudonym was made from
        birth_month       TEXT,              -- YYYY-MM
        sex               TEXT,
        ethnicity         TEXT,
        postcode_district TEXT,              -- outward code only
        upn_unknown       TEXT
    );
    -- No index on pseudonym: its keys are random, so maintaining one costs more than the whole rest
    -- of an import's inserts; the queries that match children across returns group by it instead.
    CREATE INDEX persons_by_import ON persons(import_id);

    -- Module 2.
    CREATE TABLE requests (
        id                   INTEGER PRIMARY KEY,
        person_id            INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        received_date        TEXT,
        request_source       TEXT,
        rya                  INTEGER,
        request_outcome_date TEXT,
        request_outcome      TEXT,
        request_mediation    INTEGER,
        request_tribunal     INTEGER,
        exported             TEXT
    );
    CREATE INDEX requests_by_person ON requests(person_id);

    -- Module 3.
    CREATE TABLE assessments (
        id                      INTEGER PRIMARY KEY,
        request_id              INTEGER NOT NULL UNIQUE REFERENCES requests(id) ON DELETE CASCADE,
        assessment_outcome      TEXT,
        assessment_outcome_date TEXT,
        assessment_mediation    INTEGER,
        assessment_tribunal     INTEGER,
        other_mediation         INTEGER,
        other_tribunal          INTEGER,
        week20                  INTEGER
    );

    -- Module 4.
    CREATE TABLE named_plans (
        id                 INTEGER PRIMARY KEY,
        assessment_id      INTEGER NOT NULL UNIQUE REFERENCES assessments(id) ON DELETE CASCADE,
        start_date         TEXT,
        plan_res           TEXT,
        plan_wbp           TEXT,
        personal_budget    INTEGER,
        other_arrangements INTEGER,
        direct_payments    TEXT,
        cease_date         TEXT,
        cease_reason       TEXT
    );

    CREATE TABLE plan_details (
        id                     INTEGER PRIMARY KEY,
        named_plan_id          INTEGER NOT NULL REFERENCES named_plans(id) ON DELETE CASCADE,
        urn                    TEXT,
        ukprn                  TEXT,
        sen_setting            TEXT,
        has_setting_other_text INTEGER NOT NULL DEFAULT 0,
        placement_rank         INTEGER,
        sen_unit               INTEGER,
        resourced_provision    INTEGER
    );
    CREATE INDEX plan_details_by_plan ON plan_details(named_plan_id);

    -- Module 5.
    CREATE TABLE active_plans (
        id                        INTEGER PRIMARY KEY,
        request_id                INTEGER NOT NULL UNIQUE REFERENCES requests(id) ON DELETE CASCADE,
        transfer_la               TEXT,
        res                       TEXT,      -- 2023 returns only
        wbp                       TEXT,      -- 2023 returns only
        review_meeting            TEXT,
        last_review               TEXT,
        review_outcome            TEXT,
        review_draft              TEXT,
        phase_transfer_due_date   TEXT,
        phase_transfer_final_date TEXT
    );

    CREATE TABLE placements (
        id                     INTEGER PRIMARY KEY,
        active_plans_id        INTEGER NOT NULL REFERENCES active_plans(id) ON DELETE CASCADE,
        urn                    TEXT,
        ukprn                  TEXT,
        sen_setting            TEXT,
        has_setting_other_text INTEGER NOT NULL DEFAULT 0,
        placement_rank         INTEGER,
        entry_date             TEXT,
        leaving_date           TEXT,
        sen_unit               INTEGER,
        resourced_provision    INTEGER,
        res                    TEXT,
        wbp                    TEXT
    );
    CREATE INDEX placements_by_active_plans ON placements(active_plans_id);

    CREATE TABLE sen_needs (
        id              INTEGER PRIMARY KEY,
        active_plans_id INTEGER NOT NULL REFERENCES active_plans(id) ON DELETE CASCADE,
        sen_type        TEXT,
        sen_type_rank   INTEGER
    );
    CREATE INDEX sen_needs_by_active_plans ON sen_needs(active_plans_id);
    """
}
