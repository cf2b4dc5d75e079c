import HubKit

/// Reads a COLLECT "Blade" CSV export of a SEN2 return (nine linked tables). Placeholder.
public final class SEN2BladeImporter: Importer {
    public static let version = "0.1.0"
    public init() {}
    public var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "sen2-blade", version: Self.version,
                            summary: "SEN2 return as a COLLECT Blade CSV export (nine linked tables, one folder)")
    }
    public var produces: DatasetKind { .sen2Return }
    public func detect(_ source: ImportSource) -> Int? { nil }
    public func read(_ source: ImportSource, into sink: any RecordSink) throws {
        throw InputRejected(file: source.name, message: "the Blade importer is not built yet")
    }
}
