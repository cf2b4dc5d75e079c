import Foundation

extension DemoGenerator {
    /// The population in both layouts, the placement costs (per establishment and per child) and
    /// the group config.
    func writeReferenceFiles(placedURNs: [String: Set<Int>], residentialPlaces: [String: [ResidentialPlace]],
                             returns: [WrittenFile], into folder: String, _ summary: inout Summary) throws {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        var plans: [String: [Int: Int]] = [:]
        for file in returns { plans[file.laCode, default: [:]][file.year] = file.activePlans }
        let population = PopulationFigures(seed: options.seed, authorities: options.authorities, years: options.years,
                                           activePlans: plans)
        let long = PopulationFiles.long(population)
        let midYear = PopulationFiles.midYear(population, districts: catalogue.districts)
        for (name, text) in [(PopulationFiles.longName, long), (PopulationFiles.midYearName, midYear)] {
            let bytes = try TextFile.write(text, to: path(name))
            summary.populationFiles.append(WrittenFile(path: path(name), laCode: "", year: 0,
                                                       persons: Self.rows(text), bytes: bytes))
        }
        summary.populationYears = population.years

        let costs = PlacementCostTable(seed: options.seed, authorities: options.authorities, placedURNs: placedURNs,
                                       register: register)
        let costBytes = try TextFile.write(costs.text, to: path(PlacementCostTable.fileName))
        summary.costsFile = WrittenFile(path: path(PlacementCostTable.fileName), laCode: "", year: 0,
                                        persons: costs.rows.count, bytes: costBytes)

        let perChild = PerChildCostTable(seed: options.seed, authorities: options.authorities, places: residentialPlaces,
                                         register: register)
        let perChildBytes = try TextFile.write(perChild.text, to: path(PerChildCostTable.fileName))
        summary.perChildCostsFile = WrittenFile(path: path(PerChildCostTable.fileName), laCode: "", year: 0,
                                                persons: perChild.rows.count, bytes: perChildBytes)

        let config = GroupConfigFile.text(authorities: options.authorities, seed: options.seed)
        let configBytes = try TextFile.write(config, to: path(GroupConfigFile.fileName))
        summary.configFile = WrittenFile(path: path(GroupConfigFile.fileName), laCode: "", year: 0, persons: 0,
                                         bytes: configBytes)
        summary.groupName = GroupConfigFile.groupName
    }

    /// `--with-errors`: the returns that break header rules, and the manifest of every breach.
    func writeBreaches(_ assignment: BreachAssignment, into folder: String, _ summary: inout Summary) throws {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let authority = options.authorities[0]
        let latest = options.years.max()!
        var breaches = assignment.written
        for header in HeaderBreach.allCases {
            let name = header.fileName(laCode: authority.code, latest: latest)
            let (year, referenceDate) = header.header(latest: latest)
            var writer = SEN2ReturnWriter(authority: authority, calendar: CollectionCalendar(year: latest), seed: options.seed)
            writer.writeHeader(year: year, referenceDate: referenceDate, lea: header.lea(laCode: authority.code),
                               designatedMedicalOfficer: header.designatedMedicalOfficer)
            writer.writeFooter()
            var bytes: [UInt8] = []
            writer.drain(force: true) { bytes = $0 }
            let written = try TextFile.write(String(decoding: bytes, as: UTF8.self), to: path(name))
            summary.headerBreachFiles.append(WrittenFile(path: path(name), laCode: authority.code, year: year,
                                                         persons: 0, bytes: written))
            breaches.append(IntendedBreach(file: name, person: nil, ruleID: header.ruleID, severity: header.severity,
                                           change: header.change))
        }
        breaches.sort { ($0.file, $0.person ?? 0, $0.ruleID) < ($1.file, $1.person ?? 0, $1.ruleID) }
        let unbroken = HeaderBreach.unreachable + assignment.unbroken.map { (ruleID: $0.breach.ruleID, reason: $0.reason) }
        let text = BreachManifest.text(breaches, unbroken: unbroken, seed: options.seed)
        let bytes = try TextFile.write(text, to: path(BreachManifest.fileName))
        summary.breachManifest = WrittenFile(path: path(BreachManifest.fileName), laCode: "", year: 0,
                                             persons: breaches.count, bytes: bytes)
        summary.breaches = breaches
        summary.unbrokenRules = unbroken
    }

    /// Data rows of a CSV text (lines after the header).
    static func rows(_ text: String) -> Int {
        max(0, text.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } - 1)
    }
}
