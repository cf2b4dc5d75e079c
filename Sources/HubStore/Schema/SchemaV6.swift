/// Schema version 6: an indicator definition keeps how its figures are built from named counts
/// (HubKit's `IndicatorCounts`, as JSON), which disclosure control reads to protect every sum a
/// reader could form (docs/disclosure-control.md).
enum SchemaV6 {
    static let indicatorCounts = """
    ALTER TABLE indicator_definitions ADD COLUMN counts TEXT;
    """
}
