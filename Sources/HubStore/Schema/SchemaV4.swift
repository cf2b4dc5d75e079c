/// Schema version 4: per-return summaries counted when a return is imported, so that computing
/// indicators reads a few thousand rows instead of walking every person's module tables (the indicators target in docs/benchmarks.md).
///
/// The summaries are facts of the return, not indicator values: children with a plan active at the
/// census counted by one attribute at a time (docs/sen2.md census-date logic), and the events of the
/// calendar year before the collection counted by outcome and elapsed days. What counts as a
/// mainstream placement, a timely decision or a refusal stays with the metric plugins.
///
/// Rows belong to their import, like the module rows: a replaced or reprocessed return keeps its
/// own and the new version writes its own, so they are right for whichever version is current.
/// `ReturnSummary` writes them during an import; `backfill` (run by this migration for the
/// returns already in a store) derives the same rows from the module tables.
enum SchemaV4 {
    static let returnSummaries = tables + backfill

    static let tables = """
    -- One row per SEN2 return: marks it summarised.
    CREATE TABLE return_summaries (
        import_id       INTEGER PRIMARY KEY REFERENCES imports(id) ON DELETE CASCADE,
        census_children INTEGER NOT NULL    -- children with a plan active at the census date
    );

    -- Children with a plan active at the return's census date D (StartDate <= D, no CeaseDate or
    -- CeaseDate > D), each counted once: by the active plan that started latest, the placement of
    -- that request's ActivePlans attended at D (EntryDate <= D, no LeavingDate or LeavingDate >= D),
    -- rank 1 first, and its primary need (SENtypeRank 1). Ties go to the earliest in the return.
    CREATE TABLE census_placements (
        import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        attended    INTEGER NOT NULL,       -- 0: no placement attended at the census (the rest null)
        urn         TEXT,
        ukprn       TEXT,
        sen_setting TEXT,
        children    INTEGER NOT NULL
    );
    CREATE INDEX census_placements_by_import ON census_placements(import_id);

    CREATE TABLE census_needs (
        import_id    INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        primary_need TEXT,                  -- null: no primary need recorded
        children     INTEGER NOT NULL
    );
    CREATE INDEX census_needs_by_import ON census_needs(import_id);

    CREATE TABLE census_birth_months (
        import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        birth_month TEXT,                   -- YYYY-MM as in persons
        children    INTEGER NOT NULL
    );
    CREATE INDEX census_birth_months_by_import ON census_birth_months(import_id);

    -- Events dated in the calendar year before the collection year (the "work" of the year):
    --   request_received    a request with ReceivedDate in the year; days: to its RequestOutcomeDate
    --   request_decided     a request with RequestOutcomeDate in the year; tribunal: RequestTribunal = 1
    --   assessment_decided  an assessment with AssessmentOutcomeDate in the year; days: from the
    --                       request's ReceivedDate; tribunal: AssessmentTribunal or OtherTribunal = 1
    --   plan_ceased         a plan with CeaseDate in the year; outcome: its CeaseReason
    CREATE TABLE work_events (
        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        event     TEXT NOT NULL,
        outcome   TEXT,                     -- RequestOutcome, AssessmentOutcome or CeaseReason
        days      INTEGER,                  -- null when either date is missing
        week20    INTEGER,                  -- assessment_decided: Week20 (1 = exceptions apply)
        tribunal  INTEGER NOT NULL DEFAULT 0,
        events    INTEGER NOT NULL
    );
    CREATE INDEX work_events_by_import ON work_events(import_id);

    """

    /// Summarises every SEN2 return already in the store, from its module tables: the same rows
    /// `ReturnSummary` writes at import time (a test holds the two to each other).
    static let backfill = """
    CREATE TEMP TABLE v4_census_children AS
    SELECT import_id, birth_month, primary_need, attended, urn, ukprn, sen_setting FROM (
        SELECT r.id AS import_id, p.birth_month, sn.sen_type AS primary_need, pl.id IS NOT NULL AS attended,
               pl.urn, pl.ukprn, pl.sen_setting,
               row_number() OVER (PARTITION BY p.id ORDER BY n.start_date DESC, pl.placement_rank IS NULL,
                                  pl.placement_rank, q.id, sn.id, pl.id) AS pick
        FROM imports r
        JOIN persons p ON p.import_id = r.id
        JOIN requests q ON q.person_id = p.id
        JOIN assessments a ON a.request_id = q.id
        JOIN named_plans n ON n.assessment_id = a.id
        LEFT JOIN active_plans ap ON ap.request_id = q.id
        LEFT JOIN sen_needs sn ON sn.active_plans_id = ap.id AND sn.sen_type_rank = 1
        LEFT JOIN placements pl ON pl.active_plans_id = ap.id AND pl.entry_date <= r.census_date
             AND (pl.leaving_date IS NULL OR pl.leaving_date >= r.census_date)
        WHERE r.dataset = 'sen2-return'
          AND n.start_date <= r.census_date AND (n.cease_date IS NULL OR n.cease_date > r.census_date)
    ) WHERE pick = 1;

    INSERT INTO return_summaries (import_id, census_children)
    SELECT r.id, (SELECT count(*) FROM v4_census_children c WHERE c.import_id = r.id)
    FROM imports r WHERE r.dataset = 'sen2-return';

    INSERT INTO census_placements (import_id, attended, urn, ukprn, sen_setting, children)
    SELECT import_id, attended, urn, ukprn, sen_setting, count(*) FROM v4_census_children
    GROUP BY import_id, attended, urn, ukprn, sen_setting;

    INSERT INTO census_needs (import_id, primary_need, children)
    SELECT import_id, primary_need, count(*) FROM v4_census_children GROUP BY import_id, primary_need;

    INSERT INTO census_birth_months (import_id, birth_month, children)
    SELECT import_id, birth_month, count(*) FROM v4_census_children GROUP BY import_id, birth_month;

    DROP TABLE v4_census_children;

    INSERT INTO work_events (import_id, event, outcome, days, week20, tribunal, events)
    SELECT r.id, 'request_received', q.request_outcome,
           CAST(julianday(q.request_outcome_date) - julianday(q.received_date) AS INTEGER) AS days, NULL, 0, count(*)
    FROM imports r JOIN persons p ON p.import_id = r.id JOIN requests q ON q.person_id = p.id
    WHERE r.dataset = 'sen2-return' AND substr(q.received_date, 1, 4) = CAST(r.collection_year - 1 AS TEXT)
    GROUP BY r.id, q.request_outcome, days;

    INSERT INTO work_events (import_id, event, outcome, days, week20, tribunal, events)
    SELECT r.id, 'request_decided', q.request_outcome, NULL, NULL, coalesce(q.request_tribunal = 1, 0) AS tribunal, count(*)
    FROM imports r JOIN persons p ON p.import_id = r.id JOIN requests q ON q.person_id = p.id
    WHERE r.dataset = 'sen2-return' AND substr(q.request_outcome_date, 1, 4) = CAST(r.collection_year - 1 AS TEXT)
    GROUP BY r.id, q.request_outcome, tribunal;

    INSERT INTO work_events (import_id, event, outcome, days, week20, tribunal, events)
    SELECT r.id, 'assessment_decided', a.assessment_outcome,
           CAST(julianday(a.assessment_outcome_date) - julianday(q.received_date) AS INTEGER) AS days, a.week20,
           coalesce(a.assessment_tribunal = 1 OR a.other_tribunal = 1, 0) AS tribunal, count(*)
    FROM imports r JOIN persons p ON p.import_id = r.id JOIN requests q ON q.person_id = p.id
    JOIN assessments a ON a.request_id = q.id
    WHERE r.dataset = 'sen2-return' AND substr(a.assessment_outcome_date, 1, 4) = CAST(r.collection_year - 1 AS TEXT)
    GROUP BY r.id, a.assessment_outcome, days, a.week20, tribunal;

    INSERT INTO work_events (import_id, event, outcome, days, week20, tribunal, events)
    SELECT r.id, 'plan_ceased', n.cease_reason, NULL, NULL, 0, count(*)
    FROM imports r JOIN persons p ON p.import_id = r.id JOIN requests q ON q.person_id = p.id
    JOIN assessments a ON a.request_id = q.id JOIN named_plans n ON n.assessment_id = a.id
    WHERE r.dataset = 'sen2-return' AND substr(n.cease_date, 1, 4) = CAST(r.collection_year - 1 AS TEXT)
    GROUP BY r.id, n.cease_reason;
    """
}
