import Foundation

/// Writes a synthetic, deterministic demo set: one SEN2 person-level return per authority and
/// collection year (`sen2-<LA>-<year>.xml`), `establishments.csv` in the GIAS layout, the
/// population in both layouts the hub imports (`population.csv`, `population-ons-mid-year.csv`),
/// `placement-costs.csv`, and `hub.yaml` naming the authorities as a group. With `withErrors`,
/// some persons break each validation rule, listed in `intended-breaches.csv`.
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
/// year. Children moving between generated authorities (``GroupTransfers``) are added to both
/// authorities' returns and count towards that number. Returns are written through a 1 MiB
/// buffer: memory does not grow with their size.
package struct DemoGenerator: Sendable {
    /// Changes whenever the same options would give different bytes (caches key on it).
    package static let version = "6"

    package let options: DemoOptions
    package let catalogue: LocalAuthorityCatalogue
    /// The establishments of the selected authorities, of their neighbours, and of a few
    /// authorities outside the group that take independent placements.
    package let register: EstablishmentRegister
    /// Per generated authority: nearby authorities that are not generated.
    let outsideGroup: [String: [LocalAuthority]]

    package init(options: DemoOptions, catalogue: LocalAuthorityCatalogue) throws {
        try options.validate()
        self.options = options
        self.catalogue = catalogue
        var authorities = options.authorities
        var outside: [String: [LocalAuthority]] = [:]
        for authority in options.authorities {
            authorities += catalogue.neighbours(of: authority)
            outside[authority.code] = catalogue.outside(options.authorities, near: authority)
            authorities += outside[authority.code] ?? []
        }
        register = EstablishmentRegister(authorities: authorities)
        outsideGroup = outside
    }

    /// The file name of a return.
    package static func fileName(laCode: String, year: Int) -> String { "sen2-\(laCode)-\(year).xml" }

    /// Writes the set into `folder` (created when missing). `progress` is called after each
    /// authority with the returns written for it.
    package func write(to folder: String, progress: ([WrittenFile]) -> Void = { _ in }) throws -> Summary {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DemoDataError.cannotWrite(path: folder, reason: error.localizedDescription)
        }
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        var summary = Summary()
        if options.writesEstablishments {
            let bytes = try TextFile.write(GIASEstablishmentsFile.text(register), to: path("establishments.csv"))
            summary.establishments = register.establishments.count
            summary.establishmentsFile = WrittenFile(path: path("establishments.csv"), laCode: "", year: 0,
                                                     persons: summary.establishments, bytes: bytes)
        }

        let factories = Dictionary(uniqueKeysWithValues: options.authorities.map { ($0.code, factory(for: $0)) })
        let transfers = GroupTransfers.plan(options: options, factories: factories, catalogue: catalogue)
        summary.transfers = transfers.count
        var breaches = BreachAssignment(options: options)
        var placedURNs: [String: Set<Int>] = [:]
        var residentialPlaces: [String: [ResidentialPlace]] = [:]
        for (index, authority) in options.authorities.enumerated() {
            let written = try writeReturns(of: authority, index: index, factory: factories[authority.code]!,
                                           transfers: transfers, breaches: &breaches, into: folder)
            summary.returns += written.files
            placedURNs[authority.code] = written.placedURNs
            residentialPlaces[authority.code] = written.residentialPlaces
            progress(written.files)
        }

        if options.writesReferenceFiles {
            try writeReferenceFiles(placedURNs: placedURNs, residentialPlaces: residentialPlaces, returns: summary.returns,
                                    into: folder, &summary)
        }
        if options.withErrors {
            try writeBreaches(breaches, into: folder, &summary)
        }
        return summary
    }

    func factory(for authority: LocalAuthority) -> PersonFactory {
        PersonFactory(seed: options.seed, authority: authority, register: register,
                      neighbours: catalogue.neighbours(of: authority), outsideGroup: outsideGroup[authority.code] ?? [],
                      group: options.authorities)
    }

    /// What writing one authority's returns gave.
    struct AuthorityReturns {
        var files: [WrittenFile] = []
        var placedURNs: Set<Int> = []
        /// Residential places at the latest census.
        var residentialPlaces: [ResidentialPlace] = []
    }

    /// Writes every year's return of one authority in one pass over its slots, then the children
    /// moving in or out of it.
    func writeReturns(of authority: LocalAuthority, index: Int, factory: PersonFactory, transfers: [GroupTransfer],
                      breaches: inout BreachAssignment, into folder: String) throws -> AuthorityReturns {
        let years = options.years.sorted()
        let target = options.persons(at: index)
        var writers = years.map { SEN2ReturnWriter(authority: authority, calendar: CollectionCalendar(year: $0), seed: options.seed) }
        for i in writers.indices { writers[i].breaches = breaches.queue(authority: index, year: years[i]) }
        let files = try years.map {
            try OutputFile(path: (folder as NSString).appendingPathComponent(Self.fileName(laCode: authority.code, year: $0)))
        }
        for i in writers.indices { writers[i].writeHeader() }
        let movers = transfers.compactMap { transfer -> SyntheticPerson? in
            transfer.from == authority ? transfer.leaving : transfer.to == authority ? transfer.joining : nil
        }
        let latest = writers.count - 1
        let latestCalendar = writers[latest].calendar
        let reserved = movers.filter { ReturnView(person: $0, calendar: latestCalendar).isIncluded }.count
        var slot = 0
        // A safety stop far beyond what any realistic target needs.
        let slotLimit = target * 50 + 10_000
        while writers[latest].persons + reserved < target, slot < slotLimit {
            let person = factory.person(slot: slot)
            for i in writers.indices {
                writers[i].write(person)
                try writers[i].drain { try files[i].write($0) }
            }
            slot += 1
        }
        for person in movers {
            for i in writers.indices {
                writers[i].write(person)
                try writers[i].drain { try files[i].write($0) }
            }
        }
        var result = AuthorityReturns()
        for i in writers.indices {
            writers[i].writeFooter()
            try writers[i].drain(force: true) { try files[i].write($0) }
            try files[i].close()
            var file = WrittenFile(path: files[i].path, laCode: authority.code, year: years[i],
                                   persons: writers[i].persons, bytes: files[i].bytesWritten)
            file.activePlans = writers[i].activePlans
            result.files.append(file)
            result.placedURNs.formUnion(writers[i].placedURNs)
            if i == latest { result.residentialPlaces = writers[i].residentialPlaces }
            breaches.finished(authority: index, year: years[i], file: Self.fileName(laCode: authority.code, year: years[i]),
                              queue: writers[i].breaches)
        }
        return result
    }
}
