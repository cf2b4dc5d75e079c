import HubKit

/// A record sink that keeps everything an importer hands it, for testing an importer plugin
/// without a store: `try MyImporter().read(source, into: sink)`, then look at `sink.persons`.
package final class CollectingSink: RecordSink {
    package private(set) var headers: [ReturnHeader] = []
    package private(set) var persons: [PersonRecord] = []
    package private(set) var establishments: [EstablishmentRecord] = []
    package private(set) var population: [PopulationRecord] = []
    package private(set) var placementCosts: [PlacementCostRecord] = []
    package private(set) var neighbours: [NeighbourRecord] = []
    package private(set) var observations: [PublishedObservation] = []
    /// Findings about the input as a whole (record findings stay on their records).
    package private(set) var issues: [ImportIssue] = []

    package init() {}

    package func beginReturn(_ header: ReturnHeader) throws { headers.append(header) }
    package func person(_ person: PersonRecord) throws { persons.append(person) }
    package func establishment(_ establishment: EstablishmentRecord) throws { establishments.append(establishment) }
    package func population(_ row: PopulationRecord) throws { population.append(row) }
    package func placementCost(_ row: PlacementCostRecord) throws { placementCosts.append(row) }
    package func neighbour(_ row: NeighbourRecord) throws { neighbours.append(row) }
    package func publishedObservation(_ observation: PublishedObservation) throws { observations.append(observation) }
    package func issue(_ issue: ImportIssue) throws { issues.append(issue) }
}

extension ImportSource {
    /// A one-file source holding `text`, named `name`, for feeding an importer in a test.
    package static func text(_ text: String, name: String = "input.csv") -> ImportSource {
        let bytes = Array(text.utf8)
        return ImportSource(name: name, files: [InputFile(name: name, head: bytes, open: { MemoryByteStream(bytes) })])
    }
}
