import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import PluginHost
import Pseudonymisation
import Testing
import Validation
@testable import DemoData

/// The synthetic data generator behind `hnhub demo` and `hnhub-bench`: deterministic bytes, the
/// differences between collection years, identifiers with correct check characters, and returns
/// that the hub imports with no error and no warning.
@Suite struct DemoDataTests {
    /// Three South West authorities, 50 persons in each latest return, the 2023 and 2025 returns.
    static func smallSet(seed: UInt64 = 7) throws -> DemoOptions {
        DemoOptions(authorities: try LocalAuthorityCatalogue.builtIn.first(3), persons: .perAuthority(50),
                    seed: seed, years: [2023, 2025])
    }

    // MARK: Determinism

    @Test func sameSeedAndOptionsGiveIdenticalBytes() throws {
        let first = try DemoScratchFolder(), second = try DemoScratchFolder()
        defer { first.remove(); second.remove() }
        let a = try DemoGenerator(options: Self.smallSet(), catalogue: .builtIn).write(to: first.path)
        let b = try DemoGenerator(options: Self.smallSet(), catalogue: .builtIn).write(to: second.path)
        let names = a.returns.map { ($0.path as NSString).lastPathComponent }
        #expect(names == ["sen2-800-2023.xml", "sen2-800-2025.xml", "sen2-801-2023.xml", "sen2-801-2025.xml",
                          "sen2-802-2023.xml", "sen2-802-2025.xml"])
        #expect(try first.files() == (names + ["establishments.csv", "hub.yaml", "placement-costs-per-child.csv",
                                               "placement-costs.csv", "population-ons-mid-year.csv", "population.csv"]).sorted())
        for name in try first.files() {
            #expect(try first.bytes(name) == second.bytes(name), "\(name) differs between two runs")
        }
        #expect(a.files.map(\.bytes) == b.files.map(\.bytes))
    }

    @Test func everyFileOfASetWithErrorsIsDeterministicToo() throws {
        let first = try DemoScratchFolder(), second = try DemoScratchFolder()
        defer { first.remove(); second.remove() }
        var options = try Self.smallSet()
        options.withErrors = true
        _ = try DemoGenerator(options: options, catalogue: .builtIn).write(to: first.path)
        _ = try DemoGenerator(options: options, catalogue: .builtIn).write(to: second.path)
        let names = try first.files()
        #expect(names.contains("intended-breaches.csv"))
        #expect(names.contains("header-breaches/sen2-800-2027.xml"))
        #expect(try second.files() == names)
        for name in names {
            #expect(try first.bytes(name) == second.bytes(name), "\(name) differs between two runs")
        }
    }

    @Test func anotherSeedGivesOtherPersons() throws {
        let first = try DemoScratchFolder(), second = try DemoScratchFolder()
        defer { first.remove(); second.remove() }
        _ = try DemoGenerator(options: Self.smallSet(seed: 7), catalogue: .builtIn).write(to: first.path)
        _ = try DemoGenerator(options: Self.smallSet(seed: 8), catalogue: .builtIn).write(to: second.path)
        #expect(try first.bytes("sen2-800-2025.xml") != second.bytes("sen2-800-2025.xml"))
        // The establishment register does not depend on the seed, so one GIAS file fits every set.
        #expect(try first.bytes("establishments.csv") == second.bytes("establishments.csv"))
        #expect(try first.bytes("population.csv") != second.bytes("population.csv"))
        #expect(try first.bytes("placement-costs.csv") != second.bytes("placement-costs.csv"))
    }

    @Test func theLatestReturnHoldsTheRequestedPersonsAndEarlierOnesFewer() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        let summary = try DemoGenerator(options: Self.smallSet(), catalogue: .builtIn).write(to: folder.path)
        let latest = summary.returns.filter { $0.year == 2025 }.map(\.persons)
        let earlier = summary.returns.filter { $0.year == 2023 }.map(\.persons)
        #expect(latest == [50, 50, 50])
        // Two years earlier, many of the same children: fewer had a plan or a request by then (how
        // many fewer is the seed's draw, so the rule is checked, not the counts).
        #expect(earlier.count == 3)
        #expect(earlier.allSatisfy { (1..<50).contains($0) }, "\(earlier)")
        let upns = { (year: Int) in
            Set(try summary.returns.filter { $0.year == year }.flatMap { file in
                try String(contentsOfFile: file.path, encoding: .utf8).components(separatedBy: "<UPN>").dropFirst()
                    .map { String($0.prefix { $0 != "<" }) }
            })
        }
        let earlierUPNs = try upns(2023), latestUPNs = try upns(2025)
        #expect(!earlierUPNs.isEmpty)
        #expect(!earlierUPNs.isDisjoint(with: latestUPNs))
    }

    // MARK: The hub imports what it writes

    // MARK: Differences between collection years

    @Test func eachYearUsesItsOwnElements() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        _ = try DemoGenerator(options: Self.smallSet(), catalogue: .builtIn).write(to: folder.path)
        let return2023 = try folder.text("sen2-800-2023.xml"), return2025 = try folder.text("sen2-800-2025.xml")

        #expect(return2023.contains("<GenderCurrent>"))
        #expect(!return2023.contains("<Sex>"))
        #expect(!return2023.contains("<RequestSource>"))
        #expect(!return2023.contains("<ReviewMeeting>"))
        #expect(!return2023.contains("<DSCO>"))
        #expect(return2023.contains("<AttendancePattern>"))

        #expect(return2025.contains("<Sex>"))
        #expect(!return2025.contains("<GenderCurrent>"))
        #expect(return2025.contains("<RequestSource>"))
        #expect(return2025.contains("<ReviewMeeting>"))
        #expect(return2025.contains("<DSCO>Y</DSCO>"))
        #expect(!return2025.contains("<AttendancePattern>"))
        #expect(return2025.contains("<ReferenceDate>2025-01-16</ReferenceDate>"))
    }

    @Test func settingsThatExistFrom2024AreRecordedAsOtherIn2023() {
        #expect(SettingCategory.neet.senSetting(in: 2023)?.description == "OTH")
        #expect(SettingCategory.neet.senSetting(in: 2024)?.description == "NEET")
        #expect(SettingCategory.awaitingPlacement.senSetting(in: 2023)?.description == "OTH")
        #expect(SettingCategory.awaitingPlacement.settingOtherText(in: 2025) != nil)
        #expect(Need.ds.code(in: 2024) == "SLD")
        #expect(Need.ds.code(in: 2025) == "DS")
    }

    @Test func censusDatesAreTheThirdThursdayOfJanuary() {
        #expect(CollectionCalendar(year: 2023).census.iso == "2023-01-19")
        #expect(CollectionCalendar(year: 2024).census.iso == "2024-01-18")
        #expect(CollectionCalendar(year: 2025).census.iso == "2025-01-16")
        #expect(CollectionCalendar(year: 2026).census.iso == "2026-01-15")
        #expect(CollectionCalendar(year: 2025).periodStart.iso == "2024-01-01")
    }

    // MARK: Identifiers

    @Test func upnsCarryTheirCheckLetterAndIssuingAuthority() {
        #expect(PupilNumbers.upnCheckLetter(for: "800000000011") == "V")
        let upn = PupilNumbers.upn(laCode: "801", establishment: 4321, allocationYear: 2019, serial: 57)
        #expect(upn == "J801432119057")
        #expect(UPN.hasValidCheckLetter(upn))
        let temporary = PupilNumbers.upn(laCode: "801", establishment: 4321, allocationYear: 2019, serial: 57,
                                         temporaryLetter: "K")
        #expect(temporary == "M80143211905K")
        #expect(UPN.hasValidCheckLetter(temporary))
    }

    @Test func ulnsPassTheModulus11Check() {
        #expect(PupilNumbers.isValidULN("9276308686"))
        #expect(!PupilNumbers.isValidULN("9276308685"))
        #expect(PupilNumbers.isValidULN(PupilNumbers.uln(from: 12_345)))
    }

    @Test func everyGeneratedUPNIsValidAndUniqueInItsReturn() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        _ = try DemoGenerator(options: Self.smallSet(), catalogue: .builtIn).write(to: folder.path)
        let text = try folder.text("sen2-801-2025.xml")
        let upns = text.components(separatedBy: "<UPN>").dropFirst().map { String($0.prefix(13)) }
        #expect(upns.count > 40)
        #expect(Set(upns).count == upns.count)
        #expect(upns.allSatisfy(UPN.hasValidCheckLetter))
    }

    @Test func anActivePlanListsEachPlacementOnceIndentedWithTabs() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        _ = try DemoGenerator(options: Self.smallSet(), catalogue: .builtIn).write(to: folder.path)
        for name in ["sen2-800-2023.xml", "sen2-800-2025.xml"] {
            let text = try folder.text(name)
            #expect(text.contains("\n\t\t<Person>\n\t\t\t<Surname>"))
            #expect(!text.contains("  <"))
            var listed = 0
            for activePlans in text.components(separatedBy: "<ActivePlans>").dropFirst() {
                let body = activePlans.components(separatedBy: "</ActivePlans>")[0]
                let placements = body.components(separatedBy: "<PlacementDetail>").dropFirst()
                    .map { $0.components(separatedBy: "</PlacementDetail>")[0] }
                listed += placements.count
                #expect(Set(placements).count == placements.count, "\(name): a placement listed twice")
            }
            #expect(listed > 30)
        }
    }

    // MARK: Authorities

    /// An LA's population is drawn on its own, not from its own caseload: rates are not exact
    /// fractions of the caseload, they spread around England's without ties, and swapping two LAs'
    /// caseloads leaves each one's population as it was.
    @Test func populationVariesIndependentlyOfTheCaseload() throws {
        let authorities = try LocalAuthorityCatalogue.builtIn.first(10)
        let plans = Dictionary(uniqueKeysWithValues: authorities.enumerated().map { index, authority in
            (authority.code, [2025: 200 + 10 * (index % 2)])
        })
        func residents(_ plans: [String: [Int: Int]]) -> [String: Int] {
            let figures = PopulationFigures(seed: 2025, authorities: authorities, years: [2025], activePlans: plans)
            return Dictionary(grouping: figures.rows, by: \.authority.code).mapValues { $0.reduce(0) { $0 + $1.total } }
        }
        let population = residents(plans)
        let rates = authorities.map { Double(plans[$0.code]![2025]!) * 10_000 / Double(population[$0.code]!) }
        #expect(authorities.allSatisfy { population[$0.code]! % plans[$0.code]![2025]! != 0 })
        #expect(Set(rates).count == rates.count)
        #expect(rates.min()! > 300 && rates.max()! < 520 && rates.max()! / rates.min()! > 1.2, "\(rates)")
        // 800 and 801 swap caseloads: neither's population moves.
        var swapped = plans
        (swapped[authorities[0].code], swapped[authorities[1].code]) = (plans[authorities[1].code], plans[authorities[0].code])
        #expect(residents(swapped) == population)
    }

    @Test func authoritiesAreChosenByCountOrByCode() throws {
        let catalogue = LocalAuthorityCatalogue.builtIn
        #expect(try catalogue.select("3").map(\.code) == ["800", "801", "802"])
        #expect(try catalogue.select("908,800").map(\.name) == ["Cornwall", "Bath and North East Somerset"])
        #expect(try catalogue.select("866").map(\.name) == ["Swindon"])
        #expect(throws: DemoDataError.self) { try catalogue.select("11") }
        #expect(throws: DemoDataError.self) { try catalogue.select("999") }
        #expect(catalogue.neighbours(of: try catalogue.select("800")[0]).map(\.code) == ["801", "880", "802"])
    }

    @Test func theProjectListGivesAll153LiveAuthorities() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(LocalAuthorityCatalogue.defaultPath).path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let catalogue = try LocalAuthorityCatalogue.load(path: path)
        #expect(catalogue.authorities.count == 153)
        #expect(catalogue.authorities.prefix(10).map(\.code) == LocalAuthorityCatalogue.southWest.map(\.code))
        #expect(catalogue.authorities[1].name == "Bristol, City of")
    }

    @Test func establishmentURNsAreSixDigitsAndUnique() {
        let register = EstablishmentRegister(authorities: LocalAuthorityCatalogue.southWest)
        let urns = register.establishments.map(\.urn)
        #expect(urns.count == 10 * EstablishmentPlan.perAuthority)
        #expect(Set(urns).count == urns.count)
        #expect(urns.allSatisfy { (100_000...999_999).contains($0) })
        let header = GIASEstablishmentsFile.text(register).components(separatedBy: "\r\n").first
        #expect(header == "URN,LA (code),LA (name),EstablishmentName,TypeOfEstablishment (code),"
                + "TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),Postcode,UKPRN,Easting,Northing")
    }
}
