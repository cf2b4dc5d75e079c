import HubKit

/// A record sink that keeps everything an importer hands it, for testing an importer plugin
/// without a store: `try MyImporter().read(source, into: sink)`, then look at `sink.persons`.
public final class CollectingSink: RecordSink {
    public private(set) var headers: [ReturnHeader] = []
    public private(set) var persons: [PersonRecord] = []
    public private(set) var establishments: [EstablishmentRecord] = []
    public private(set) var population: [PopulationRecord] = []
    public private(set) var placementCosts: [PlacementCostRecord] = []
    public private(set) var neighbours: [NeighbourRecord] = []
    public private(set) var observations: [PublishedObservation] = []
    /// Findings about the input as a whole (record findings stay on their records).
    public private(set) var issues: [ImportIssue] = []

    public init() {}

    public func beginReturn(_ header: ReturnHeader) throws { headers.append(header) }
    public func person(_ person: PersonRecord) throws { persons.append(person) }
    public func establishment(_ establishment: EstablishmentRecord) throws { establishments.append(establishment) }
    public func population(_ row: PopulationRecord) throws { population.append(row) }
    public func placementCost(_ row: PlacementCostRecord) throws { placementCosts.append(row) }
    public func neighbour(_ row: NeighbourRecord) throws { neighbours.append(row) }
    public func publishedObservation(_ observation: PublishedObservation) throws { observations.append(observation) }
    public func issue(_ issue: ImportIssue) throws { issues.append(issue) }
}

extension ImportSource {
    /// A one-file source holding `text`, named `name`, for feeding an importer in a test.
    public static func text(_ text: String, name: String = "input.csv") -> ImportSource {
        let bytes = Array(text.utf8)
        return ImportSource(name: name, files: [InputFile(name: name, head: bytes, open: { MemoryByteStream(bytes) })])
    }
}
