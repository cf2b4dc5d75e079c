/// Schema version 3: computed indicator values (always with numerator and denominator) and the
/// documented read-only views metric plugins and analysts query.
enum SchemaV3 {
    static let indicatorsAndViews = """
    CREATE TABLE indicator_definitions (
        id               TEXT PRIMARY KEY,
        title            TEXT NOT NULL,
        unit             TEXT NOT NULL,
        polarity         TEXT NOT NULL,
        period_type      TEXT NOT NULL,
        numerator        TEXT NOT NULL,
        denominator      TEXT,
        sources          TEXT NOT NULL,      -- comma-separated
        provider_id      TEXT NOT NULL,
        provider_version TEXT NOT NULL
    );

    CREATE TABLE indicator_values (
        indicator_id       TEXT NOT NULL,
        la_code            TEXT NOT NULL,
        period             TEXT NOT NULL,    -- 2024/25 (census) or 2024 (calendar)
        period_type        TEXT NOT NULL,
        numerator          REAL,
        denominator        REAL,
        value              REAL,             -- numerator / denominator x unit scale
        unavailable_reason TEXT,
        source             TEXT,             -- null: the hub's returns; else e.g. a published table
        provider_id        TEXT NOT NULL,    -- the metric provider that wrote the row
        computed_at        TEXT NOT NULL,
        PRIMARY KEY (indicator_id, la_code, period)
    );

    -- The current (not superseded) SEN2 returns, one per LA and collection year.
    CREATE VIEW current_returns AS
        SELECT id AS import_id, la_code, collection_year, census_date, source_name, imported_at
        FROM imports WHERE dataset = 'sen2-return' AND superseded_by IS NULL;

    CREATE VIEW current_persons AS
        SELECT p.*, r.la_code, r.collection_year, r.census_date
        FROM persons p JOIN current_returns r ON r.import_id = p.import_id;

    CREATE VIEW current_requests AS
        SELECT q.*, p.import_id, p.pseudonym, p.birth_month, p.la_code, p.collection_year, p.census_date
        FROM requests q JOIN current_persons p ON p.id = q.person_id;

    CREATE VIEW current_assessments AS
        SELECT a.*, q.import_id, q.person_id, q.received_date, q.request_outcome, q.la_code, q.collection_year, q.census_date
        FROM assessments a JOIN current_requests q ON q.id = a.request_id;

    CREATE VIEW current_plans AS
        SELECT n.*, a.import_id, a.request_id, a.person_id, a.assessment_outcome, a.assessment_outcome_date,
               a.received_date, a.week20, a.la_code, a.collection_year, a.census_date
        FROM named_plans n JOIN current_assessments a ON a.id = n.assessment_id;

    CREATE VIEW current_plan_details AS
        SELECT d.*, n.import_id, n.person_id, n.la_code, n.collection_year, n.census_date
        FROM plan_details d JOIN current_plans n ON n.id = d.named_plan_id;

    CREATE VIEW current_active_plans AS
        SELECT ap.*, q.import_id, q.person_id, q.la_code, q.collection_year, q.census_date
        FROM active_plans ap JOIN current_requests q ON q.id = ap.request_id;

    CREATE VIEW current_placements AS
        SELECT pl.*, ap.import_id, ap.request_id, ap.person_id, ap.la_code, ap.collection_year, ap.census_date
        FROM placements pl JOIN current_active_plans ap ON ap.id = pl.active_plans_id;

    CREATE VIEW current_needs AS
        SELECT n.*, ap.import_id, ap.request_id, ap.person_id, ap.la_code, ap.collection_year, ap.census_date
        FROM sen_needs n JOIN current_active_plans ap ON ap.id = n.active_plans_id;
    """
}
