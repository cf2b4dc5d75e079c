import HubKit

/// The plugin's version, as the host lists it in `hnhub plugins`.
package let pluginVersion = StatisticalNeighbourListImporter.version

/// The importers the plugin registers: the DfE long layout of statistical neighbour lists.
package let importers: [any Importer] = [StatisticalNeighbourListImporter()]
