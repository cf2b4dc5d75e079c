import Foundation
import Governance
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import MetricEngine
import PluginHost
import Pseudonymisation
import Testing

/// The level of minimisation set in the config is applied at import and recorded with the return,
/// and the age figures come out the same at the birth month and the school year of birth
/// (docs/governance.md, "Minimisation").
@Suite struct MinimisationImportTests {
    typealias Hub = ReturnSummaryTests.Hub

    static let fixture = "\(packageRoot)/Datasets/fixtures/sen2-801-2025.xml"

    /// Imports the fixture at `level` into a new hub and computes the indicators.
    static func imported(at level: Minimisation) throws -> Hub {
        let hub = try Hub()
        var runner = hub.runner
        runner.minimisation = level
        guard case .imported = runner.run(path: fixture).first else {
            Issue.record("not imported")
            return hub
        }
        _ = try IndicatorComputation(store: hub.store, catalog: hub.plugins).run()
        return hub
    }

    static func ageFigures(_ hub: Hub) throws -> [String] {
        try IndicatorTable(database: hub.store.database).values(laCodes: ["801"], period: "2024/25")
            .filter { $0.indicatorID.hasPrefix("age_band") || $0.indicatorID == "post16_share" }
            .map { "\($0.indicatorID) \($0.numerator.map { String(Int($0)) } ?? "-")/\($0.denominator.map { String(Int($0)) } ?? "-")"
                   + ($0.unavailableReason.map { " (\($0))" } ?? "") }
    }

    @Test func theLevelIsAppliedAndRecordedWithEachImport() throws {
        let month = try Self.imported(at: .finest)
        defer { month.folder.remove() }
        let coarse = try Self.imported(at: Minimisation(birthDate: .schoolYear, postcode: .area))
        defer { coarse.folder.remove() }

        #expect(try month.store.database.scalar("SELECT minimisation FROM imports")?.string == "birth:month postcode:district")
        #expect(try coarse.store.database.scalar("SELECT minimisation FROM imports")?.string == "birth:school-year postcode:area")
        #expect(try ImportLedger(database: coarse.store.database).entries().first?.minimisation == "birth:school-year postcode:area")
        let stored = { (hub: Hub) in
            try hub.store.database.rows("SELECT birth_month, postcode_district FROM persons ORDER BY person_index")
                .map { "\($0[0].string ?? "-") \($0[1].string ?? "-")" }
        }
        let months = try stored(month), years = try stored(coarse)
        #expect(months.count == years.count && !months.isEmpty)
        // Each child's school year is the September-to-August year its birth month falls in.
        for (fine, coarse) in zip(months, years) {
            let parts = fine.split(separator: " ")
            let (year, monthOfYear) = (Int(parts[0].prefix(4))!, Int(parts[0].suffix(2))!)
            let start = monthOfYear >= 9 ? year : year - 1
            let area = String(parts[1].prefix { $0.isLetter })
            #expect(coarse == "\(start)/\(String(start + 1).suffix(2)) \(parts[1] == "-" ? "-" : area)", "\(fine) -> \(coarse)")
        }
        // Ages on the 31 August need no more than the school year of birth.
        let ages = try Self.ageFigures(month)
        #expect(ages.count == 6)
        #expect(ages.contains { !$0.contains(" 0/") }, "\(ages)")
        #expect(try Self.ageFigures(coarse) == ages)
    }

    @Test func aBirthYearOnlyLeavesTheAgeFiguresUnavailableAndSaysWhy() throws {
        let hub = try Self.imported(at: Minimisation(birthDate: .year, postcode: .none))
        defer { hub.folder.remove() }
        #expect(try hub.store.database.scalar("SELECT count(*) FROM persons WHERE length(birth_month) <> 4 OR postcode_district IS NOT NULL")?.int == 0)
        let reason = "birth dates were kept as the year only (minimisation birth_date: year); ages on the 31 August need the month or school year of birth"
        #expect(try Self.ageFigures(hub) == ["age_band_share_11to15", "age_band_share_16to19", "age_band_share_20to25",
                                             "age_band_share_5to10", "age_band_share_under5", "post16_share"].map { "\($0) -/- (\(reason))" })
        // The other census figures are not affected.
        #expect(try IndicatorTable(database: hub.store.database).values(indicators: ["ehcp_caseload"], laCodes: ["801"])
                .first?.numerator == 4)
    }
}
