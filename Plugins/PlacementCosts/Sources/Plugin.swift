import HubKit

/// The plugin's version.
package let pluginVersion = "0.1.0"

/// The importers the plugin registers: costs per establishment (or default by placement type) and
/// costs per child. Each claims only its own layout, by header, so a file is never claimed by both.
package let importers: [any Importer] = [EstablishmentCostImporter(), PerChildCostImporter()]
