import HubKit

/// The plugin's version and the importers it registers (placeholder until written).
public let pluginVersion = "0.1.0"
public let importers: [any Importer] = []
