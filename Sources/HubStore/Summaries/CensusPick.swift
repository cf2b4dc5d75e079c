/// The SQL ORDER BY that picks each child's one plan and placement at a census, as the census
/// summaries count them (HubKit `CensusChoice`): for readers of the module tables that must count
/// the same children (e.g. the scoping of a shared centre). Aliases: `n` named_plans, `pl`
/// placements, `q` requests, `sn` sen_needs (rank 1).
package enum CensusPick {
    package static let orderBy = SchemaV8.censusPick
}
