import Foundation

/// Writes a synthetic, deterministic set of SEN2 person-level returns: one file per authority
/// and collection year (`sen2-<LA>-<year>.xml`), and `establishments.csv` in the GIAS layout.
///
/// ```swift
/// let catalogue = try LocalAuthorityCatalogue.load()
/// let options = DemoOptions(authorities: try catalogue.first(3), persons: .perAuthority(300),
///                           seed: 7, years: [2024, 2025])
/// let set = try DemoGenerator(options: options, catalogue: catalogue).write(to: "demo")
/// print(set.files.map(\.path))
/// ```
///
/// Each authority's children are drawn slot by slot from the seed; a slot is one child with a
/// whole history, shown in every year's return whose census or reporting period it touches. Slots
/// are taken until the latest return holds the requested number of persons, so earlier returns
/// hold fewer (the caseload grows) and the same child keeps the same identifiers from year to
/// year. Files are written through a 1 MiB buffer: memory does not grow with their size.
public struct DemoGenerator: Sendable {
    /// Changes whenever the same options would give different bytes (caches key on it).
    public static let version = "2"

    public let options: DemoOptions
    public let catalogue: LocalAuthorityCatalogue
    /// The establishments of the selected authorities and of their neighbours.
    public let register: EstablishmentRegister

    public init(options: DemoOptions, catalogue: LocalAuthorityCatalogue) throws {
        try options.validate()
        self.options = options
        self.catalogue = catalogue
        var authorities = options.authorities
        for authority in options.authorities { authorities += catalogue.neighbours(of: authority) }
        register = EstablishmentRegister(authorities: authorities)
    }

    /// One file written.
    public struct WrittenFile: Sendable, Hashable {
        public let path: String
        public let laCode: String
        public let year: Int
        public let persons: Int
        public let bytes: Int
    }

    /// What `write(to:)` produced.
    public struct Summary: Sendable {
        public var returns: [WrittenFile] = []
        public var establishmentsFile: WrittenFile?
        public var establishments = 0
        public var persons: Int { returns.reduce(0) { $0 + $1.persons } }
        public var bytes: Int { returns.reduce(0) { $0 + $1.bytes } + (establishmentsFile?.bytes ?? 0) }
    }

    /// The file name of a return.
    public static func fileName(laCode: String, year: Int) -> String { "sen2-\(laCode)-\(year).xml" }

    /// Writes the set into `folder` (created when missing). `progress` is called after each
    /// authority with the files written for it.
    public func write(to folder: String, progress: ([WrittenFile]) -> Void = { _ in }) throws -> Summary {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DemoDataError.cannotWrite(path: folder, reason: error.localizedDescription)
        }
        var summary = Summary()
        if options.writesEstablishments {
            let path = (folder as NSString).appendingPathComponent("establishments.csv")
            let text = GIASEstablishmentsFile.text(register)
            let file = try OutputFile(path: path)
            try file.write(Array(text.utf8))
            try file.close()
            summary.establishments = register.establishments.count
            summary.establishmentsFile = WrittenFile(path: path, laCode: "", year: 0, persons: 0, bytes: file.bytesWritten)
        }
        for (index, authority) in options.authorities.enumerated() {
            let files = try writeReturns(of: authority, persons: options.persons(at: index), into: folder)
            summary.returns += files
            progress(files)
        }
        return summary
    }

    /// Writes every year's return of one authority in one pass over its slots.
    func writeReturns(of authority: LocalAuthority, persons target: Int, into folder: String) throws -> [WrittenFile] {
        let years = options.years.sorted()
        let factory = PersonFactory(seed: options.seed, authority: authority, register: register,
                                    neighbours: catalogue.neighbours(of: authority))
        var writers = years.map { SEN2ReturnWriter(authority: authority, calendar: CollectionCalendar(year: $0), seed: options.seed) }
        let files = try years.map {
            try OutputFile(path: (folder as NSString).appendingPathComponent(Self.fileName(laCode: authority.code, year: $0)))
        }
        for i in writers.indices { writers[i].writeHeader() }
        let latest = writers.count - 1
        var slot = 0
        // A safety stop far beyond what any realistic target needs.
        let slotLimit = target * 50 + 10_000
        while writers[latest].persons < target, slot < slotLimit {
            let person = factory.person(slot: slot)
            for i in writers.indices {
                writers[i].write(person)
                try writers[i].drain { try files[i].write($0) }
            }
            slot += 1
        }
        var written: [WrittenFile] = []
        for i in writers.indices {
            writers[i].writeFooter()
            try writers[i].drain(force: true) { try files[i].write($0) }
            try files[i].close()
            written.append(WrittenFile(path: files[i].path, laCode: authority.code, year: years[i],
                                       persons: writers[i].persons, bytes: files[i].bytesWritten))
        }
        return written
    }
}
