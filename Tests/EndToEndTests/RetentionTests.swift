import Foundation
import Governance
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import MetricEngine
import Testing

/// Retention (docs/governance.md, "Retention"): a return older than its period is refused at import
/// with the rule named, and `hnhub retention --apply` deletes an expired return so that none of its
/// pseudonyms is left in the store's file, while its indicator values stay.
@Suite struct RetentionTests {
    typealias Hub = ReturnSummaryTests.Hub

    static let fixture = "\(packageRoot)/Datasets/fixtures/sen2-801-2025.xml"
    /// Six years, counted from the census date (16 January 2025 for the fixture).
    static let policy = RetentionPolicy(periods: [.sen2Returns: RetentionPeriod(years: 6)])
    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso + "T12:00:00Z")! }

    @Test func aReturnOlderThanItsPeriodIsRefusedAtImportWithTheRuleNamed() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        var runner = hub.runner
        runner.retention = Self.policy
        runner.now = { Self.date("2031-01-17") }
        guard case let .rejected(_, reason) = runner.run(path: Self.fixture).first else {
            Issue.record("an expired return was not refused")
            return
        }
        #expect(reason == "the return is dated 2025-01-16, older than the retention period for sen2_returns (6 years, "
                + "counted from the return's census date; config retention.sen2_returns): anything dated before 2025-01-17 "
                + "is not held [RETENTION-SEN2-RETURNS]")
        #expect(try hub.store.database.scalar("SELECT count(*) FROM imports")?.int == 0)
        // The day before, it is still within the period.
        runner.now = { Self.date("2031-01-16") }
        guard case .imported = runner.run(path: Self.fixture).first else {
            Issue.record("a return within its period was refused")
            return
        }
    }

    @Test func applyDeletesEveryRowAndChunkOfAnExpiredReturnButKeepsItsIndicatorValues() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        var runner = hub.runner
        runner.findingsReports = hub.folder.file("findings")
        runner.now = { Self.date("2025-03-01") }
        guard case let .imported(entry, _, _) = runner.run(path: Self.fixture).first else {
            Issue.record("not imported")
            return
        }
        _ = try IndicatorComputation(store: hub.store, catalog: hub.plugins).run()
        let database = hub.store.database
        let pseudonyms = try database.rows("SELECT pseudonym FROM persons WHERE pseudonym IS NOT NULL").compactMap { $0[0].string }
        #expect(pseudonyms.count == 7)
        #expect(try database.scalar("SELECT count(*) FROM import_archive")?.int ?? 0 > 0)
        let reports = try OutputRegister(database: database).files().map(\.path)
        #expect(reports.count == 2 && reports.allSatisfy(FileManager.default.fileExists))
        let caseload = { try IndicatorTable(database: database).values(indicators: ["ehcp_caseload"], laCodes: ["801"],
                                                                        period: "2024/25").first?.numerator }
        #expect(try caseload() == 4)

        let sweep = RetentionSweep(database: database)
        // A dry run lists the return and deletes nothing.
        let listed = try sweep.expired(Self.policy, today: Day(iso: "2031-02-01")!)
        #expect(listed.map { "\($0.data.rule) #\($0.importID ?? 0) \($0.laCode ?? "") \($0.censusDate ?? "") before \($0.cutoff)" }
                == ["RETENTION-SEN2-RETURNS #\(entry.id) 801 2025-01-16 before 2025-02-01"])
        #expect(listed.first?.deleted.hasPrefix("SEN2 return: 7 persons with their requests, plans and placements, 0 quarantined, ") == true)
        #expect(try database.scalar("SELECT count(*) FROM persons")?.int == 7)
        #expect(try sweep.expired(Self.policy, today: Day(iso: "2031-01-16")!).isEmpty)

        let applied = try sweep.apply(Self.policy, today: Day(iso: "2031-02-01")!, appliedAt: "2031-02-01T09:00:00Z") { path in
            try? fileChecksum(path: path).sha256
        }
        #expect(applied.count == 1 && applied[0].rows > 7)
        for table in ["imports", "persons", "requests", "placements", "import_archive", "validation_issues", "quarantine",
                      "return_summaries", "output_files"] {
            #expect(try database.scalar("SELECT count(*) FROM \(table)")?.int == 0, "\(table)")
        }
        #expect(reports.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        // The store's bytes (and its write-ahead log's) hold none of the pseudonyms.
        let bytes = try [hub.path, hub.path + "-wal"].filter(FileManager.default.fileExists)
            .map { try Data(contentsOf: URL(fileURLWithPath: $0)) }.reduce(Data(), +)
        #expect(bytes.count > 0)
        for pseudonym in pseudonyms { #expect(bytes.range(of: Data(pseudonym.utf8)) == nil, "\(pseudonym) still in the file") }
        // The aggregate stays, also after the indicators are computed again.
        #expect(try caseload() == 4)
        _ = try IndicatorComputation(store: hub.store, catalog: hub.plugins).run()
        #expect(try caseload() == 4)
        // The deletion is in the retention log.
        let log = try database.rows("SELECT rule, period, cutoff, import_id, la_code, census_date FROM retention_log")
            .map { $0.map { $0.string ?? $0.int64.map(String.init) ?? "-" }.joined(separator: " ") }
        #expect(log == ["RETENTION-SEN2-RETURNS 6 years 2025-02-01 \(entry.id) 801 2025-01-16"])
    }

    @Test func retentionPeriodsAreParsedAndOddOnesRefused() {
        #expect(RetentionPeriod(text: "1 year 6 months")?.description == "1 year 6 months")
        #expect(RetentionPeriod(text: "18 months") == RetentionPeriod(months: 18))
        for bad in ["", "6", "six years", "0 years", "2 weeks", "1 year 1 year"] { #expect(RetentionPeriod(text: bad) == nil, "\(bad)") }
        // 29 February, six years on, is clamped to the month's end.
        #expect(RetentionPeriod(years: 1).cutoff(today: Day(iso: "2025-02-28")!) == Day(iso: "2024-02-28"))
        #expect(RetentionPeriod(years: 1).cutoff(today: Day(iso: "2029-02-28")!) == Day(iso: "2028-02-28"))
        #expect(RetentionPeriod(months: 1).cutoff(today: Day(iso: "2025-03-31")!) == Day(iso: "2025-02-28"))
    }
}

/// `hnhub retention` as an operator runs it.
@Suite struct RetentionCommandTests {
    @Test func dryRunListsApplyDeletesAndTheLogRecordsIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("hub.yaml", "retention:\n  sen2_returns: 2 years\n  outputs: 1 month\n")
        #expect(try runHub(["init", "--no-published"], in: folder.path).status == 0)
        #expect(try runHub(["import", "--config", "hub.yaml", "\(packageRoot)/Datasets/fixtures/sen2-801-2025.xml"],
                           in: folder.path).status == 0)
        #expect(try runHub(["report", "--out", "report.html", "--config", "hub.yaml"], in: folder.path).status == 0)
        // Ages are counted on a day far enough ahead for the return and the report to have expired.
        let config = ["--config", "hub.yaml", "--as-of", "2099-02-01"]
        let dryRun = try runHub(["retention", "--dry-run"] + config, in: folder.path)
        #expect(dryRun.status == 0, "\(dryRun.errors)")
        #expect(dryRun.output.contains("RETENTION-SEN2-RETURNS  2 years  2097-02-01  #"))
        #expect(dryRun.output.contains("RETENTION-OUTPUTS       1 month  2099-01-01"))
        #expect(dryRun.output.contains(folder.file("report.html")))
        #expect(dryRun.output.hasSuffix("dry run: 2 items would go on 2099-02-01; delete them with: hnhub retention --apply\n"))
        #expect(FileManager.default.fileExists(atPath: folder.file("report.html")))
        #expect(try runHub(["returns", "--json"], in: folder.path).output.contains("\"la_code\" : \"801\""))

        let applied = try runHub(["retention", "--apply"] + config, in: folder.path)
        #expect(applied.status == 0, "\(applied.errors)")
        #expect(applied.output.contains("deleted 2 expired items on 2099-02-01"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("report.html")))
        let returns = try runHub(["returns", "--json"], in: folder.path).output
        #expect((try JSONSerialization.jsonObject(with: Data(returns.utf8)) as? [Any])?.count == 0)
        // The return's figures were computed before it went, and stay.
        let caseload = try runHub(["indicators", "--config", "hub.yaml", "--format", "csv", "--indicator", "ehcp_caseload",
                                   "--la", "801", "--own"], in: folder.path)
        #expect(caseload.output.contains("\nehcp_caseload,801,2024/25,4,4,,count,none,,returns\n"))
        let log = try runHub(["retention", "--log", "--config", "hub.yaml"], in: folder.path)
        #expect(log.output.contains("RETENTION-SEN2-RETURNS  2 years  2097-02-01"))
        #expect(log.output.contains("RETENTION-OUTPUTS       1 month  2099-01-01"))
        #expect(try runHub(["retention", "--apply"] + config, in: folder.path).output == "nothing has expired on 2099-02-01\n")
        #expect(try runHub(["retention", "--apply", "--dry-run"], in: folder.path).status == 2)
    }
}
