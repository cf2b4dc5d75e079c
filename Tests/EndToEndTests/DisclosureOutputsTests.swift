import Comparison
import ComparisonTables
import DisclosureAudit
import Exports
import Foundation
import HubKit
import HubStore
import HubTestSupport
import MetricEngine
import PluginHost
import Report
import Testing
@testable import DemoData

/// Disclosure control end to end (docs/disclosure-control.md): on the committed demo set through
/// the command, on a generated group of many small LAs, and on what the JSON, CSV, workbook and
/// report of one audience show together.
@Suite(.serialized) struct DisclosureOutputsTests {
    static let group = ["800", "801", "802", "803"]

    /// The demo set imported through the command, in a scratch folder.
    static func demoHub() throws -> (folder: DemoScratchFolder, arguments: [String]) {
        let folder = try DemoScratchFolder()
        let hub = ["--config", "Datasets/demo/hub.yaml", "--db", folder.path("hub.sqlite")]
        #expect(try runHub(["init"] + hub).status == 0)
        let imported = try runHub(["import"] + hub + ["Datasets/demo"])
        #expect(imported.status == 0, "\(imported.errors)")
        return (folder, hub)
    }

    @Test func theDemoSetRevealsNoSuppressedCount() throws {
        let (folder, hub) = try Self.demoHub()
        defer { folder.remove() }

        // The differencing attack: a hidden 20-25 age band was the plan count less the other bands.
        let run = try runHub(["indicators"] + hub + ["--group", "demo-partnership", "--format", "json"])
        #expect(run.status == 0, "\(run.errors)")
        let values = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
        func shown(_ indicator: String, _ la: String, _ period: String) -> Double? {
            values.first { $0["indicator"] as? String == indicator && $0["la_code"] as? String == la && $0["period"] as? String == period }
                .flatMap { $0["suppressed"] as? Bool == true ? nil : $0["numerator"] as? Double }
        }
        var hiddenBands = 0
        for la in Self.group {
            for period in ["2022/23", "2023/24", "2024/25"] where shown("age_band_share_20to25", la, period) == nil {
                hiddenBands += 1
                let others = ["under5", "5to10", "11to15", "16to19"].map { shown("age_band_share_\($0)", la, period) }
                let subtraction = shown("ehcp_caseload", la, period) != nil && others.allSatisfy { $0 != nil }
                #expect(!subtraction, "LA \(la) \(period): the 20-25 band is the caseload less the other bands")
            }
        }
        #expect(hiddenBands > 0)

        // The auditor: primary suppression alone is pinned (the 20-25 bands among others) ...
        let weak = try runHub(["audit-disclosure"] + hub + ["--group", "demo-partnership", "--pattern", "primary"])
        #expect(weak.status == 1)
        #expect(weak.output.split(separator: "\n").contains {
            $0.contains("plans.age_band_share_20to25") && $0.contains("3..3") && $0.contains("PINNED")
        })
        // ... the hub's pattern is not, for an outsider nor for a member knowing its own figures.
        let audit = try runHub(["audit-disclosure"] + hub + ["--group", "demo-partnership", "--every-la"])
        #expect(audit.status == 0, "\(audit.output)")
        #expect(audit.output.split(separator: "\n").suffix(5) == ["every hidden cell is protected"]
                + Self.group.map { "LA \($0) knowing its own figures: every hidden cell is protected" })
        let own = try runHub(["audit-disclosure"] + hub + ["--la", "801", "--own", "--format", "json"])
        #expect(own.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(own.output.utf8)) as? [String: Any])
        #expect(report["insider"] as? String == "801" && report["passed"] as? Bool == true)
        #expect((report["cells"] as? [[String: Any]])?.isEmpty == false)

        try Self.everyOutputTogether(folder: folder, hub: hub)
    }

    /// What the group's JSON (every period), each member's compare CSV, the group's workbook and the
    /// group's report show together: no output shows a figure the pattern hides, and their union
    /// passes the auditor.
    static func everyOutputTogether(folder: DemoScratchFolder, hub: [String]) throws {
        var shown = Set<FigureKey>()
        let json = try runHub(["indicators"] + hub + ["--group", "demo-partnership", "--format", "json"])
        for value in try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        where value["suppressed"] as? Bool == false && value["numerator"] is Double {
            shown.insert(FigureKey(indicator: value["indicator"] as! String, period: value["period"] as! String,
                                   unit: value["la_code"] as! String))
        }
        for la in group {
            let csv = try runHub(["compare"] + hub + ["--la", la, "--peers", "group:demo-partnership", "--format", "csv"])
            let rows = csv.output.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = try #require(rows.first)
            func column(_ name: String) -> Int { header.firstIndex(of: name)! }
            for row in rows.dropFirst() {
                let (indicator, period) = (row[column("indicator")], row[column("period")])
                if row[column("suppressed")] == "false" { shown.insert(FigureKey(indicator: indicator, period: period, unit: la)) }
                if !["", "c"].contains(row[column("region_numerator")]) {
                    shown.insert(FigureKey(indicator: indicator, period: period, unit: TotalKey.region(row[column("region")])))
                }
                if !["", "c"].contains(row[column("england_numerator")]) {
                    shown.insert(FigureKey(indicator: indicator, period: period, unit: TotalKey.england))
                }
            }
        }
        let database = try Database(path: folder.path("hub.sqlite"))
        let groups = ["demo-partnership": group]
        let snapshot = try IndicatorSnapshot.load(database)
        let geography = try LAGeography.loadAll(database, groups: groups)
        func add(_ table: LATable) {
            for row in table.rows where !row.hidden {
                shown.insert(FigureKey(indicator: table.definition.id, period: table.period, unit: row.figure.laCode))
            }
            let totals = table.regions.map { TotalKey.region($0.name) } + (table.england == nil ? [] : [TotalKey.england])
                + (table.group == nil ? [] : [TotalKey.group("demo-partnership")])
            for total in totals { shown.insert(FigureKey(indicator: table.definition.id, period: table.period, unit: total)) }
        }
        let workbook = IndicatorWorkbook(snapshot: snapshot, geography: geography,
                                         scope: .group(name: "demo-partnership", members: group), generated: Day(year: 2025, month: 6, day: 1)!)
        for (_, tables) in workbook.tablesByTopic() { tables.forEach(add) }
        // The report draws every period of every indicator (its time series).
        let data = try ReportData.load(database, groups: groups)
        let options = ReportOptions(scope: .group(name: "demo-partnership", members: group))
        let reportAudience = options.audience(for: data)
        for definition in snapshot.definitions {
            for period in snapshot.periods(of: definition.id) {
                add(LATable.make(snapshot, indicator: definition, period: period, geography: data.geography,
                                 audience: reportAudience, group: (name: "demo-partnership", members: group)))
            }
        }
        #expect(shown.count > 300)
        let input = Audience.disclosureInput(snapshot, geography: geography, control: DisclosureControl())
        let pattern = SuppressionPattern.compute(input)
        #expect(shown.isDisjoint(with: pattern.hidden), "an output shows \(shown.intersection(pattern.hidden).sorted().prefix(3))")
        let system = CountSystem(input)
        let report = DisclosureAuditor(system: system, threshold: 5).audit(hidden: Set(system.figureKeys).subtracting(shown))
        #expect(report.passed, "\(report.unprotected.prefix(3).map(\.cell))")
    }

    /// Six LAs of 25 children each over two years: most need, placement and age cells are 1 to 4.
    @Test func aGroupOfManySmallLAsRevealsNoSuppressedCount() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        let codes = ["800", "801", "802", "803", "878", "879"]
        let options = DemoOptions(authorities: try DemoSetImportTests.catalogue().named(codes), persons: .perAuthority(25),
                                  seed: 5, years: [2024, 2025])
        _ = try DemoGenerator(options: options, catalogue: DemoSetImportTests.catalogue()).write(to: folder.path("set"))
        let hub = try DemoSetImportTests.Hub(folder: folder)
        _ = hub.runner.run(path: folder.path("set"))
        let plugins = PluginCatalog.load(policy: builtInPluginPolicy)
        _ = try IndicatorComputation(store: hub.store, catalog: plugins).run()

        let snapshot = try IndicatorSnapshot.load(hub.store.database)
        let geography = try LAGeography.loadAll(hub.store.database, groups: ["small": codes])
        let input = Audience.disclosureInput(snapshot, geography: geography, control: DisclosureControl())
        let system = CountSystem(input)
        let pattern = SuppressionPattern.compute(input)
        #expect(pattern.primary.count > 100)
        #expect(pattern.unresolved.isEmpty)
        let auditor = DisclosureAuditor(system: system, threshold: 5)
        for reader in [nil] + codes.map(Optional.some) {
            let report = auditor.audit(hidden: pattern.hidden, insider: reader)
            #expect(report.passed, "\(reader ?? "outsider"): \(report.unprotected.prefix(3).map(\.cell))")
        }
        // Primary suppression alone would not do.
        #expect(!auditor.audit(hidden: pattern.primary).passed)
    }
}
