import HubKit

/// The plugin's version.
package let pluginVersion = "0.1.0"

/// The importers the plugin registers: the long population CSV and the ONS mid-year estimates.
/// Each claims only its own layout, by header, so a file is never claimed by both.
package let importers: [any Importer] = [LongPopulationImporter(), MidYearEstimateImporter()]
