/// The kinds of data set an importer can produce. Each goes to its own part of the store.
public enum DatasetKind: String, Sendable, Codable, CaseIterable {
    /// A person-level SEN2 return (one LA, one collection year).
    case sen2Return = "sen2-return"
    /// The establishment register (GIAS).
    case establishments
    /// Resident population by LA, year and age.
    case population
    /// Placement costs.
    case placementCosts = "placement-costs"
    /// Statistical neighbour lists (one edition).
    case statisticalNeighbours = "statistical-neighbours"
    /// A published statistics table (e.g. an Explore Education Statistics data file).
    case publishedStatistics = "published-statistics"
}

/// A stream of bytes the importer reads; gzip is already undone by the host.
public protocol ByteStream: AnyObject {
    /// Reads up to `buffer.count` bytes; returns 0 at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// One file of an import.
public struct InputFile: Sendable {
    /// The name a user recognises (path as given on the command line).
    public var name: String
    /// The first bytes of the (decompressed) content, for detection.
    public var head: [UInt8]
    /// Opens the decompressed content from the start. May be called more than once.
    public var open: @Sendable () throws -> any ByteStream

    public init(name: String, head: [UInt8], open: @escaping @Sendable () throws -> any ByteStream) {
        self.name = name
        self.head = head
        self.open = open
    }

    /// The last path component of `name`.
    public var baseName: String {
        name.split(separator: "/").last.map(String.init) ?? name
    }
}

/// What one import hands to an importer: a single file, or the files of one export (e.g. the nine
/// tables of a COLLECT Blade export given as a folder).
public struct ImportSource: Sendable {
    /// The path as the user gave it.
    public var name: String
    public var files: [InputFile]

    public init(name: String, files: [InputFile]) {
        self.name = name
        self.files = files
    }
}

/// Receives the records an importer reads. Implemented by the host; an importer calls it as it
/// streams through the input so that a large file never has to be held in memory.
public protocol RecordSink: AnyObject {
    /// Called once, before the first person of a SEN2 return.
    func beginReturn(_ header: ReturnHeader) throws
    func person(_ person: PersonRecord) throws
    func establishment(_ establishment: EstablishmentRecord) throws
    func population(_ row: PopulationRecord) throws
    func placementCost(_ row: PlacementCostRecord) throws
    func neighbour(_ row: NeighbourRecord) throws
    func publishedObservation(_ observation: PublishedObservation) throws
    /// A finding about the input that belongs to no single record. May come before
    /// `beginReturn`; the host keeps it and stores it with the return.
    func issue(_ issue: ImportIssue) throws
    /// Where the importer is, in bytes of the input read so far (for progress on a terminal).
    func progress(bytesRead: Int)
}

extension RecordSink {
    public func progress(bytesRead: Int) {}

    // Defaults for sinks that only take some data sets (e.g. a test's collecting sink); the host's
    // sink implements every method.
    public func establishment(_ establishment: EstablishmentRecord) throws { throw UnsupportedRecord(kind: "establishment") }
    public func population(_ row: PopulationRecord) throws { throw UnsupportedRecord(kind: "population") }
    public func placementCost(_ row: PlacementCostRecord) throws { throw UnsupportedRecord(kind: "placement cost") }
    public func neighbour(_ row: NeighbourRecord) throws { throw UnsupportedRecord(kind: "statistical neighbour") }
    public func publishedObservation(_ observation: PublishedObservation) throws {
        throw UnsupportedRecord(kind: "published observation")
    }
}

/// Thrown by a sink that does not take a kind of record.
public struct UnsupportedRecord: Error, CustomStringConvertible {
    public var kind: String
    public var description: String { "this sink does not take \(kind) records" }
}

/// An importer: recognises its inputs by content and turns them into normalised records.
public protocol Importer: AnyObject, Sendable {
    var descriptor: ComponentDescriptor { get }
    /// What the importer produces.
    var produces: DatasetKind { get }
    /// How sure the importer is that it can read `source`, from the content (not the file name):
    /// nil when it cannot, otherwise a score (higher wins; 100 = certain).
    func detect(_ source: ImportSource) -> Int?
    /// Reads the whole source into `sink`. Throw ``InputRejected`` when the input as a whole cannot
    /// be used (not this format, not well-formed); record-level problems go into the records' issues.
    func read(_ source: ImportSource, into sink: any RecordSink) throws
}
