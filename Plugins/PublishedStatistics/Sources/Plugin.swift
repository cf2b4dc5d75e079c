import HubKit

/// The plugin's version and the importers it registers.
package let pluginVersion = "1.0.0"

/// One generic importer for every Explore Education Statistics data file.
package let importers: [any Importer] = [EESTableImporter()]
