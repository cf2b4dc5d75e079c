/// Schema version 10: what the data-sharing agreement asks the store to keep track of
/// (docs/governance.md).
///
/// - `imports.minimisation`: the level of detail a SEN2 return's birth dates and postcodes were
///   kept at (`Minimisation.label`, e.g. `birth:month postcode:district`). Returns imported before
///   this version were kept at the birth month and postcode district, the only level there was.
/// - `retention_log`: every deletion `hnhub retention --apply` made, with the rule and period.
/// - `retained_indicator_values`: the indicator values (aggregates, never person-level) of returns
///   that retention deleted, put back whenever the indicators are computed again.
/// - `output_files`: the files the hub wrote (findings reports, reports, workbooks), so that the
///   outputs' retention period can be applied to them.
enum SchemaV10 {
    static let governance = """
    ALTER TABLE imports ADD COLUMN minimisation TEXT;
    UPDATE imports SET minimisation = 'birth:month postcode:district' WHERE dataset = 'sen2-return';

    CREATE TABLE retention_log (
        id              INTEGER PRIMARY KEY,
        applied_at      TEXT NOT NULL,       -- UTC, ISO 8601
        rule            TEXT NOT NULL,       -- RETENTION-SEN2-RETURNS | RETENTION-FINDINGS | RETENTION-ARCHIVE | RETENTION-OUTPUTS
        period          TEXT NOT NULL,       -- as configured, e.g. 6 years
        cutoff          TEXT NOT NULL,       -- YYYY-MM-DD: what was dated before it had expired
        import_id       INTEGER,             -- the import concerned (not a reference: it may be gone)
        dataset         TEXT,
        la_code         TEXT,
        collection_year INTEGER,
        census_date     TEXT,
        imported_at     TEXT,
        output_path     TEXT,                -- RETENTION-OUTPUTS: the file
        deleted         TEXT NOT NULL,       -- what went, in words with counts
        rows_deleted    INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE retained_indicator_values (
        indicator_id       TEXT NOT NULL,
        la_code            TEXT NOT NULL,
        period             TEXT NOT NULL,
        period_type        TEXT NOT NULL,
        numerator          REAL,
        denominator        REAL,
        value              REAL,
        unavailable_reason TEXT,
        source             TEXT,
        provider_id        TEXT NOT NULL,
        computed_at        TEXT NOT NULL,
        retained_at        TEXT NOT NULL,    -- when retention deleted the return they were computed from
        PRIMARY KEY (indicator_id, la_code, period)
    );

    CREATE TABLE output_files (
        id         INTEGER PRIMARY KEY,
        path       TEXT NOT NULL,            -- as written (absolute)
        kind       TEXT NOT NULL,            -- findings-report | report | workbook
        import_id  INTEGER,                  -- a findings report: its import (not a reference)
        la_code    TEXT,                     -- the LA the file is about or for, when one
        purpose    TEXT,                     -- the purpose it was made for, when one
        sha256     TEXT NOT NULL,            -- of the bytes written: a changed file is never deleted
        written_at TEXT NOT NULL             -- UTC, ISO 8601
    );
    """
}
