/// Schema version 8: what validation and the figures need from a return's header and the
/// collection calendar (docs/validation.md).
///
/// - `census_dates`: the census day of each collection year, loaded from `Datasets/census_dates.csv`
///   with the LA register (`hnhub init`); a return's ReferenceDate is held against it.
/// - `return_sources`: the header's `Source` facts the hub shows: SourceLevel and the designated
///   medical, clinical and social care officers (Y, N or R; null when the return did not say, or
///   was imported before this version: `hnhub reprocess` fills them in).
/// - The census summaries recounted with the placement choice that no longer depends on the order
///   of the file (`CensusChoice`): of two placements of one rank attended at the census, the one
///   entered latest, then the lowest setting.
enum SchemaV8 {
    static let headerAndCalendar = """
    CREATE TABLE census_dates (
        collection_year INTEGER PRIMARY KEY,
        census_date     TEXT NOT NULL          -- YYYY-MM-DD, the January census day
    );

    CREATE TABLE return_sources (
        import_id                      INTEGER PRIMARY KEY REFERENCES imports(id) ON DELETE CASCADE,
        source_level                   TEXT,   -- L: a local authority's return
        designated_medical_officer     TEXT,   -- DMO: Y in post, N not, R recruitment in progress
        designated_clinical_officer    TEXT,   -- DCO
        designated_social_care_officer TEXT    -- DSCO (2025 onwards)
    );

    DELETE FROM census_placements;
    DELETE FROM census_needs;
    DELETE FROM census_birth_months;
    """ + censusBackfill(importsWhere: "r.dataset = 'sen2-return'")

    /// The ORDER BY that picks each child's row at the census: the plan that started latest, the
    /// best-ranked attended placement, the earliest request, then of one rank the placement entered
    /// latest and the lowest setting (`CensusChoice` in HubKit; the caseload plugin uses the same).
    static let censusPick = """
        n.start_date DESC, pl.placement_rank IS NULL, pl.placement_rank, q.id, pl.entry_date DESC,
        coalesce(pl.urn, pl.ukprn, pl.sen_setting), sn.id, pl.id
        """

    /// Counts the children at the census of the returns `importsWhere` selects (an SQL condition on
    /// `imports r`) into `census_placements`, `census_needs` and `census_birth_months`.
    static func censusBackfill(importsWhere condition: String) -> String {
        """
        CREATE TEMP TABLE v7_census_children AS
        SELECT import_id, birth_month, primary_need, attended, urn, ukprn, sen_setting FROM (
            SELECT r.id AS import_id, p.birth_month, sn.sen_type AS primary_need, pl.id IS NOT NULL AS attended,
                   pl.urn, pl.ukprn, pl.sen_setting,
                   row_number() OVER (PARTITION BY p.id ORDER BY \(censusPick)) AS pick
            FROM imports r
            JOIN persons p ON p.import_id = r.id
            JOIN requests q ON q.person_id = p.id
            JOIN assessments a ON a.request_id = q.id
            JOIN named_plans n ON n.assessment_id = a.id
            LEFT JOIN active_plans ap ON ap.request_id = q.id
            LEFT JOIN sen_needs sn ON sn.active_plans_id = ap.id AND sn.sen_type_rank = 1
            LEFT JOIN placements pl ON pl.active_plans_id = ap.id AND pl.entry_date <= r.census_date
                 AND (pl.leaving_date IS NULL OR pl.leaving_date >= r.census_date)
            WHERE \(condition)
              AND n.start_date <= r.census_date AND (n.cease_date IS NULL OR n.cease_date > r.census_date)
        ) WHERE pick = 1;

        INSERT INTO census_placements (import_id, attended, urn, ukprn, sen_setting, children)
        SELECT import_id, attended, urn, ukprn, sen_setting, count(*) FROM v7_census_children
        GROUP BY import_id, attended, urn, ukprn, sen_setting;

        INSERT INTO census_needs (import_id, primary_need, children)
        SELECT import_id, primary_need, count(*) FROM v7_census_children GROUP BY import_id, primary_need;

        INSERT INTO census_birth_months (import_id, birth_month, children)
        SELECT import_id, birth_month, count(*) FROM v7_census_children GROUP BY import_id, birth_month;

        DROP TABLE v7_census_children;
        """
    }
}
