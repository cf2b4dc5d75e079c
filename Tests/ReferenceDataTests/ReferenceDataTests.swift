import Foundation
import HubStore
import HubTestSupport
import ReferenceData
import Testing

/// The bundled LA register: a 3-digit code and a date resolve to the right authority across the
/// reorganisations.
@Suite struct ReferenceDataTests {
    func registerStore() throws -> (TemporaryFolder, Store) {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("hub.sqlite"))
        let counts = try BundledReference.load(from: "\(packageRoot)/Datasets", into: store)
        #expect(counts == BundledReference.Counts(regions: 9, localAuthorities: 167, neighbours: 1580, districts: 309,
                                                  censusDates: 4))
        return (folder, store)
    }

    @Test(arguments: [
        ("815", "2023-03-31", "E10000023", "North Yorkshire"),
        ("815", "2023-04-01", "E06000065", "North Yorkshire"),
        ("933", "2022-01-20", "E10000027", "Somerset"),
        ("933", "2025-01-16", "E06000066", "Somerset"),
        ("835", "2018-01-18", "E10000009", "Dorset"),
        ("838", "2020-01-16", "E06000059", "Dorset"),
        ("837", "2018-01-18", "E06000028", "Bournemouth"),
        ("839", "2024-01-18", "E06000058", "Bournemouth, Christchurch and Poole"),
        ("928", "2021-01-14", "E10000021", "Northamptonshire"),
        ("940", "2022-01-20", "E06000061", "North Northamptonshire"),
        ("909", "2023-01-19", "E10000006", "Cumbria"),
        ("943", "2024-01-18", "E06000064", "Westmorland and Furness"),
    ])
    func aCodeAndADateResolveToOneAuthority(code: String, date: String, eCode: String, name: String) throws {
        let (folder, store) = try registerStore()
        defer { folder.remove() }
        let authority = try #require(try LARegister(database: store.database).authority(code: code, on: date))
        #expect(authority.eCode == eCode)
        #expect(authority.name == name)
    }

    @Test func codesOutsideTheirPeriodResolveToNothing() throws {
        let (folder, store) = try registerStore()
        defer { folder.remove() }
        let register = LARegister(database: store.database)
        #expect(try register.authority(code: "928", on: "2022-01-20") == nil)   // Northamptonshire, split 2021
        #expect(try register.authority(code: "942", on: "2022-01-20") == nil)   // Cumberland, from 2023
        #expect(try register.authority(code: "E06000023", on: "2025-01-16")?.laCode == "801")
        #expect(try register.authority(code: "801", on: "2025-01-16")?.regionName == "South West")
    }

    @Test func theNewestNeighbourEditionIsTheDefaultAndOthersCanBeChosen() throws {
        let (folder, store) = try registerStore()
        defer { folder.remove() }
        try store.database.execute("""
            INSERT INTO statistical_neighbours (edition, la_code, rank, neighbour_la_code, closeness)
            VALUES ('2021-04', '301', 1, '203', 'Close')
            """)
        let lists = StatisticalNeighbours(database: store.database)
        #expect(try lists.editions() == ["2025-05", "2021-04"])
        #expect(try lists.neighbours(of: "301").first == .init(rank: 1, laCode: "308", closeness: "Close"))
        #expect(try lists.neighbours(of: "301", edition: "2021-04") == [.init(rank: 1, laCode: "203", closeness: "Close")])
        #expect(throws: StatisticalNeighbours.UnknownEdition.self) { try lists.neighbours(of: "301", edition: "2019-01") }
        #expect(try LARegister(database: store.database).name(of: "308") == "Enfield")
    }

    @Test func neighboursAreDirected() throws {
        let (folder, store) = try registerStore()
        defer { folder.remove() }
        let rows = try store.database.rows(
            "SELECT neighbour_la_code FROM statistical_neighbours WHERE edition = '2025-05' AND la_code = '301' ORDER BY rank")
        #expect(rows.count == 10)
        #expect(rows.first?.first?.string == "308")
    }

    @Test func theWholeRegisterReadsOldestPeriodFirstAndNamesAreasByCode() throws {
        let (folder, store) = try registerStore()
        defer { folder.remove() }
        let register = LARegister(database: store.database)
        let periods = try register.periods()
        #expect(periods.count == 167)
        #expect(periods.filter { $0.laCode == "815" }.map(\.eCode) == ["E10000023", "E06000065"])
        #expect(periods.filter { $0.laCode == "801" }.map(\.regionName) == ["South West"])
        #expect(try register.isAreaCode("E06000023"))   // Bristol's E-code
        #expect(try register.isAreaCode("E12000009"))   // the South West
        #expect(try !register.isAreaCode("801"))
        #expect(try !register.isAreaCode("E99999999"))
    }

    @Test func anEditionsListsGiveEveryLAsNeighboursInRankOrder() throws {
        let (folder, store) = try registerStore()
        defer { folder.remove() }
        let lists = try StatisticalNeighbours(database: store.database).lists(edition: "2025-05")
        #expect(lists.count == 158)
        #expect(lists["301"]?.count == 10)
        #expect(lists["301"]?.first == "308")
        #expect(try StatisticalNeighbours(database: store.database).lists(edition: "2019-01").isEmpty)
    }

    @Test func groupsAreCheckedAgainstTheRegister() throws {
        let groups = ["West": ["800", "801"], "Typo": ["800", "8001"]]
        let known: Set<String> = ["800", "801", "802"]
        #expect(try LAGroups.members(of: "West", in: groups, knownCodes: known) == ["800", "801"])
        #expect {
            try LAGroups.members(of: "Typo", in: groups, knownCodes: known)
        } throws: { "\($0)" == "group 'Typo' in the config: '8001' is not an LA code in the register (3-digit DfE codes, e.g. 801 for Bristol)" }
        #expect {
            try LAGroups.members(of: "East", in: groups, knownCodes: known)
        } throws: { "\($0)" == "no group named 'East' in the config (groups: Typo, West)" }
    }
}
