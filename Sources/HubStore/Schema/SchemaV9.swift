/// Schema version 9: an indicator definition keeps where outputs show it (HubKit's
/// `IndicatorPresentation`, as JSON: topic, order in the topic, the headline measure it can stand
/// for), so the report and the workbook group and pick figures from what the metric plugins
/// declare (docs/indicators.md, "Where outputs show an indicator"). Null until the indicators are
/// worked out again, which every command that shows them does first.
enum SchemaV9 {
    static let indicatorPresentation = """
    ALTER TABLE indicator_definitions ADD COLUMN presentation TEXT;
    """
}
